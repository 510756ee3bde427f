// Local dates of Asia/Ho_Chi_Minh as epoch-day integers (days since 1970-01-01), and the two
// conversions that need the time zone: instant → local date, and end of a local day → instant.
// Day arithmetic is plain integer arithmetic; only the zone conversions go through @date-fns/tz.
import { TZDate } from "@date-fns/tz";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Days since 1970-01-01 of a civil (proleptic Gregorian) date; no time zone involved. */
export type EpochDay = number;

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const epochDayOf = (year: number, month: number, day: number): EpochDay => Date.UTC(year, month - 1, day) / MS_PER_DAY;

/** Parses "YYYY-MM-DD" (a real calendar date) or throws a RangeError. */
export function parseLocalDate(text: string): EpochDay {
  const m = DATE_RE.exec(text);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = epochDayOf(y, mo, d);
  if (formatLocalDate(n) !== text) throw new RangeError(`not a calendar date: ${text}`);
  return n;
}

export const isLocalDate = (text: string): boolean => {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
};

export function civilOf(day: EpochDay): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const yearOf = (day: EpochDay): number => new Date(day * MS_PER_DAY).getUTCFullYear();

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: EpochDay): number => (((day + 4) % 7) + 7) % 7;

// Formatting is on the hot path of every explanation: memoised per day over 1900–2299.
const FORMAT_MIN = -25_567; // 1900-01-01
const formatted: (string | undefined)[] = [];

export function formatLocalDate(day: EpochDay): string {
  const i = day - FORMAT_MIN;
  let s = i >= 0 && i < 146_000 ? formatted[i] : undefined;
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (i >= 0 && i < 146_000) formatted[i] = s;
  }
  return s;
}

/** The local (Asia/Ho_Chi_Minh) date on which an instant falls. */
export function localDayOfInstant(instant: string | Date | number): EpochDay {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return Math.floor((ms + offsetMsAt(ms)) / MS_PER_DAY);
}

const offsetCache = new Map<number, number>();

/**
 * The zone's UTC offset at an instant, from @date-fns/tz (the tz database), memoised per UTC hour:
 * offsets change only at whole-hour instants in this zone's history.
 */
function offsetMsAt(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = -new TZDate(hour * 3_600_000, TIME_ZONE).getTimezoneOffset() * 60_000;
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(hour, offset);
  }
  return offset;
}

const endOfDayCache = new Map<EpochDay, string>();

/** The last millisecond of a local day (23:59:59.999 Asia/Ho_Chi_Minh) as an ISO UTC instant. */
export function endOfLocalDay(day: EpochDay): string {
  let iso = endOfDayCache.get(day);
  if (iso === undefined) {
    const { year, month, day: d } = civilOf(day);
    iso = new Date(new TZDate(year, month - 1, d, 23, 59, 59, 999, TIME_ZONE).getTime()).toISOString();
    if (endOfDayCache.size > 100_000) endOfDayCache.clear();
    endOfDayCache.set(day, iso);
  }
  return iso;
}

/** The first millisecond of a local day as epoch milliseconds. */
export function startOfLocalDayMs(day: EpochDay): number {
  const { year, month, day: d } = civilOf(day);
  return new TZDate(year, month - 1, d, 0, 0, 0, 0, TIME_ZONE).getTime();
}
