// Dates and times as a Vietnamese reader expects them: local to Asia/Ho_Chi_Minh, whatever the device.
import type { Lang } from "../i18n/index.ts";

const zone = "Asia/Ho_Chi_Minh";
const locale = (lang: Lang): string => (lang === "vi" ? "vi-VN" : "en-GB");

/** An instant (ISO UTC) as a local date and time, e.g. "14:05, thứ Hai, 19/10/2026". */
export function formatInstant(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Intl.DateTimeFormat(locale(lang), { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  return `${time}, ${formatDay(date, lang, zone)}`;
}

/** A local date (`YYYY-MM-DD`) as words, without shifting it through any time zone. */
export function formatLocalDate(localDate: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) return localDate;
  return formatDay(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))), lang, "UTC");
}

function formatDay(date: Date, lang: Lang, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    lang === "vi"
      ? { timeZone, weekday: "long", day: "2-digit", month: "2-digit", year: "numeric" }
      : { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" };
  const text = new Intl.DateTimeFormat(locale(lang), options).format(date);
  // Mid-sentence Vietnamese writes "thứ Hai", not "Thứ Hai".
  return lang === "vi" ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
