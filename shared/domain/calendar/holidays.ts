// The computed default holidays of a year (Labour Code 2019, art. 112), before the year's official
// adjustments. The rules, and the choices made where the Code leaves the day to the government:
// - New Year's Day: 1 January.
// - Tết: 5 days, the last day of the lunar year (29 or 30 of month 12) and days 1–4 of month 1.
//   The Prime Minister sets the days each year (often 1–2 days before and 3–4 after); the
//   official adjustments override this default.
// - Hùng Kings: 10th day of the (non-leap) 3rd lunar month.
// - 30 April and 1 May.
// - National Day: 2 September plus one adjacent day (1 or 3 September), chosen to bridge to a
//   weekend as the government has done since the 2019 Code took effect: Mon → 3 Sep (2024),
//   Tue → 1 Sep (2025), Wed → 1 Sep (2026), Thu → 3 Sep (2021), Fri → 1 Sep (2022),
//   Sat → 1 Sep (2023), Sun → 3 Sep (no precedent yet; either day gives the same Sat–Tue break).
// - A holiday on a Saturday or Sunday gives a compensatory day off on the next working day
//   (Labour Code 2019, art. 111(3)); several in a row shift to the following working days.
// The rules of the 2019 Code are applied to every year; earlier codes (one day of National Day
// before 2021, no Hùng Kings' holiday before 2007) are not modelled.
import { lunarNewYear, lunarToSolar } from "./lunar.ts";
import { epochDayOf, weekdayOf, type EpochDay } from "./local-date.ts";

export const holidayCodes = ["new_year", "lunar_new_year", "hung_kings", "reunification", "labour_day", "national_day"] as const;
export type HolidayCode = (typeof holidayCodes)[number];

export interface ComputedHoliday {
  readonly day: EpochDay;
  readonly holiday: HolidayCode;
  /** True for a compensatory day off given for `holiday`. */
  readonly compensatory: boolean;
}

/** The adjacent National Day holiday (1 or 3 September) for each weekday of 2 September (0 = Sunday). */
const NATIONAL_DAY_ADJACENT: readonly number[] = [3, 3, 1, 1, 3, 1, 1];

const isWeekend = (day: EpochDay): boolean => {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
};

export function computedHolidays(year: number): ComputedHoliday[] {
  const base: { day: EpochDay; holiday: HolidayCode }[] = [];
  base.push({ day: epochDayOf(year, 1, 1), holiday: "new_year" });
  const tet = lunarNewYear(year);
  for (let i = -1; i <= 3; i++) base.push({ day: tet + i, holiday: "lunar_new_year" });
  const hung = lunarToSolar({ day: 10, month: 3, year, leap: false });
  if (hung !== undefined) base.push({ day: hung, holiday: "hung_kings" });
  base.push({ day: epochDayOf(year, 4, 30), holiday: "reunification" });
  base.push({ day: epochDayOf(year, 5, 1), holiday: "labour_day" });
  const sep2 = epochDayOf(year, 9, 2);
  base.push({ day: sep2, holiday: "national_day" });
  base.push({ day: epochDayOf(year, 9, NATIONAL_DAY_ADJACENT[weekdayOf(sep2)] ?? 1), holiday: "national_day" });
  base.sort((a, b) => a.day - b.day);

  const taken = new Set(base.map((h) => h.day));
  const result: ComputedHoliday[] = base.map((h) => ({ ...h, compensatory: false }));
  for (const h of base) {
    if (!isWeekend(h.day)) continue;
    let d = h.day + 1;
    while (isWeekend(d) || taken.has(d)) d++;
    taken.add(d);
    result.push({ day: d, holiday: h.holiday, compensatory: true });
  }
  return result.sort((a, b) => a.day - b.day);
}
