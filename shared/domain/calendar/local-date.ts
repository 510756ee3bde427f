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

export function formatLocalDate(day: EpochDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local (Asia/Ho_Chi_Minh) date on which an instant falls. */
export function localDayOfInstant(instant: string | Date | number): EpochDay {
  const ms = typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const local = new TZDate(ms, TIME_ZONE);
  return epochDayOf(local.getFullYear(), local.getMonth() + 1, local.getDate());
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
