// The Vietnamese lunisolar calendar (âm lịch), computed astronomically at UTC+7.
//
// Source: Hồ Ngọc Đức, "Computing the Vietnamese lunar calendar" / "Thuật toán tính âm lịch"
// (informatik.uni-leipzig.de/~duc/amlich/, calrules_en.html and amlich.js), itself after Jean Meeus,
// "Astronomical Algorithms" (1998): mean new moon with periodic terms, and the sun's apparent
// longitude. The rules: a lunar month starts on the local day of a new moon; month 11 contains the
// winter solstice; a year with 13 months repeats the first month after month 11 that contains no
// major solar term. The time zone matters: Vietnam (UTC+7) and China (UTC+8) sometimes start a month
// on different days, and Tết differs (1985, 2007, 2030…). This is domain code, so it is written
// here with its source rather than taken from a package that fixes the zone at UTC+8.

/** Vietnam's standard time since 1967 (North) / 1975 (whole country). */
export const VIETNAM_TIME_ZONE_HOURS = 7;

const PI = Math.PI;
const INT = Math.floor;
/** Julian day number of 1970-01-01. */
const JD_EPOCH = 2440588;

/** Julian day number (at noon) of a Gregorian date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  return jd;
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltat =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltat;
}

/** The sun's apparent longitude in radians, 0..2π, at a fractional Julian day (Meeus ch. 25, abridged). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Local Julian day number of the day that holds the k-th new moon. */
const newMoonDay = (k: number, tz: number): number => INT(newMoon(k) + 0.5 + tz / 24);

/** Which of the 12 30°-sectors the sun is in at the start of local day jdn (0 = from the March equinox). */
const sunSector = (jdn: number, tz: number): number => INT((sunLongitude(jdn - 0.5 - tz / 24) / PI) * 6);

/** First day (local JDN) of lunar month 11, the month that holds the winter solstice of year yy. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz);
  return nm;
}

/** Offset (in months after month 11) of the leap month in a 13-month year starting at a11. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

export interface LunarDate {
  readonly day: number;
  readonly month: number;
  readonly year: number;
  readonly leap: boolean;
}

/** The lunar date of a Gregorian date (given as an epoch day). */
export function solarToLunar(epochDay: number, tz = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const dayNumber = epochDay + JD_EPOCH;
  const yy = new Date(epochDay * 86_400_000).getUTCFullYear();
  const k = INT((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/** The Gregorian date (epoch day) of a lunar date; undefined if that leap month does not exist. */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_TIME_ZONE_HOURS): number | undefined {
  const { day, month, year, leap } = lunar;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + off, tz);
  return monthStart + day - 1 - JD_EPOCH;
}

/** Tết Nguyên đán: the Gregorian date (epoch day) of the 1st day of lunar month 1 of `year`. */
export const lunarNewYear = (year: number, tz = VIETNAM_TIME_ZONE_HOURS): number =>
  lunarToSolar({ day: 1, month: 1, year, leap: false }, tz) as number;
