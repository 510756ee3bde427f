// Small renderings the queue and the case page share: the time left, flags as text badges, unit names.
import { lang, t, type MessageKey } from "../i18n/index.ts";
import { el } from "../lib/dom.ts";
import { formatLocalDate } from "../lib/format.ts";
import type { Unit } from "./api.ts";

/** Today in Vietnam, `YYYY-MM-DD`, whatever the device's time zone. */
export const todayInVietnam = (): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** "còn 3 ngày, hạn chót hết ngày …", "quá hạn 2 ngày …": the flags and daysOverdue come from the server. */
/** A paused deadline as the case page reads it; the queue knows only that it is paused. */
interface Paused {
  readonly since: string;
  readonly daysLeft: number;
  readonly unit: "working" | "calendar";
}

export function timeLeft(due: { dueDate: string; suspended?: boolean | Paused | undefined }, daysOverdue: number, flags: readonly string[]): string {
  const date = formatLocalDate(due.dueDate, lang());
  if (typeof due.suspended === "object") {
    const { since, daysLeft, unit } = due.suspended;
    return t("due.paused", { since: formatLocalDate(since, lang()), left: String(daysLeft), unit: t(`step.unit.${unit}`) });
  }
  if (due.suspended) return t("due.suspended", { date });
  if (flags.includes("overdue") || daysOverdue > 0) return t("due.overdue", { days: String(Math.max(daysOverdue, 1)), date });
  const left = dayNumber(due.dueDate) - dayNumber(todayInVietnam());
  return left <= 0 ? t("due.today", { date }) : t("due.left", { days: String(left), date });
}

/** Flags as words in a list (never colour alone); `extra` adds e.g. anonymous or suspended. */
export function flagBadges(flags: readonly string[], extra: readonly MessageKey[] = [], escalationLevel = 0): HTMLElement | null {
  const keys = [...flags.map((f) => `flag.${f}` as MessageKey), ...extra];
  if (keys.length === 0 && escalationLevel === 0) return null;
  const list = el("ul", { className: "badges" });
  for (const key of keys) list.append(el("li", { className: `badge badge-${key.slice(5)}` }, t(key)));
  if (escalationLevel > 0) list.append(el("li", { className: "badge badge-escalation" }, t("flag.escalation", { level: String(escalationLevel) })));
  return list;
}

/** "Sở Tài nguyên và Môi trường (so-tn-mt)" when the registry knows the unit, else its id. */
export const unitLabel = (units: readonly Unit[], unitId: string): string => {
  const unit = units.find((u) => u.unitId === unitId);
  return unit ? `${unit.name} (${unitId})` : unitId;
};

/** Fills a <datalist> with the registry's units, for the unit-id inputs. */
export function fillUnitList(list: HTMLDataListElement, units: readonly Unit[]): void {
  list.replaceChildren(...units.map((u) => el("option", { value: u.unitId, label: u.name })));
}
