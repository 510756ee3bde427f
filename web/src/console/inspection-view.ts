// What the inspection dashboard shows, as DOM: an overdue case, an oldest open case, the summary
// figures, the table of every row, and the words of numbers, rates and escalation levels.
import { lang, t, type MessageKey } from "../i18n/index.ts";
import { el } from "../lib/dom.ts";
import { formatLocalDate } from "../lib/format.ts";
import type { OldestOpen, OverdueEntry, ReportRow } from "./inspection-api.ts";
import { flagBadges } from "./view.ts";

export const agingBands = ["0-10", "11-30", "31-60", "61-90", "90+"] as const;
export const countFigures = ["received", "accepted", "resolvedOnTime", "resolvedLate", "openWithinDeadline", "openOverdue"] as const;

const locale = (): string => (lang() === "vi" ? "vi-VN" : "en-GB");
export const formatNumber = (n: number): string => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);
export const formatRate = (rate: number | null): string =>
  rate === null ? t("insp.noData") : new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(rate);
export const formatDays = (days: number | null): string => (days === null ? t("insp.noData") : t("insp.days", { days: formatNumber(days) }));

/** The local (Vietnam) date of an instant, `YYYY-MM-DD`. */
export const localDateOf = (iso: string): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));

export type UnitNames = ReadonlyMap<string, string>;
export const unitName = (units: UnitNames, unitId: string | undefined): string => (unitId ? (units.get(unitId) ?? unitId) : t("insp.o.noUnit"));

/** Flags as words, and the escalation level as words in a badge of its own (a double border, not a colour). */
function badges(flags: readonly string[], level: number): HTMLElement {
  const list = flagBadges(flags) ?? el("ul", { className: "badges" });
  list.append(el("li", { className: `badge badge-level badge-level-${level}` }, t(`insp.escalation.${Math.min(3, Math.max(0, level))}` as MessageKey)));
  return list;
}

const caseLink = (caseId: string, code: string): HTMLElement =>
  el("h3", { className: "case-title" }, el("a", { href: `/console-case?id=${encodeURIComponent(caseId)}`, className: "case-link" }, t("insp.o.code", { code })));

const meta = (c: { kind: string; status: string; unitId?: string | undefined }, units: UnitNames): HTMLElement =>
  el("p", { className: "case-meta" }, `${t(`kind.${c.kind}` as MessageKey)} · ${t(`status.${c.status}` as MessageKey)} · ${unitName(units, c.unitId)}`);

export function overdueItem(c: OverdueEntry, units: UnitNames): HTMLLIElement {
  const due = t("insp.o.stageDue", { stage: t(`deadline.${c.stage}`), date: formatLocalDate(localDateOf(c.dueAt), lang()) });
  return el(
    "li",
    { className: "case-item overdue-item", tabIndex: -1 },
    caseLink(c.caseId, c.trackingCode),
    meta(c, units),
    el("p", { className: "case-days" }, t("insp.o.daysOverdue", { days: formatNumber(c.daysOverdue) })),
    el("p", { className: "case-meta" }, due),
    badges(c.flags, c.escalationLevel),
  );
}

export function oldestItem(c: OldestOpen, units: UnitNames): HTMLLIElement {
  const item = el(
    "li",
    { className: "case-item" },
    caseLink(c.caseId, c.trackingCode),
    meta(c, units),
    el("p", { className: "case-meta" }, t("insp.oldest.item", { date: formatLocalDate(localDateOf(c.receivedAt), lang()), days: formatNumber(c.daysOpen) })),
  );
  if (c.daysOverdue > 0) item.append(el("p", { className: "case-days" }, t("insp.o.daysOverdue", { days: formatNumber(c.daysOverdue) })));
  if (c.flags.length) item.append(flagBadges(c.flags) ?? "");
  return item;
}

/** The totals as a working group reads them: one figure per box. */
export function summaryFigures(total: ReportRow): HTMLElement[] {
  const box = (label: MessageKey, value: string, bad = false) => el("div", bad ? { className: "figure-bad" } : {}, el("dt", {}, t(label)), el("dd", {}, value));
  return [
    ...countFigures.map((name) => box(`figure.${name}`, formatNumber(total[name]), (name === "openOverdue" || name === "resolvedLate") && total[name] > 0)),
    box("figure.onTimeRate", formatRate(total.onTimeRate)),
    box("figure.medianResolutionDays", formatDays(total.medianResolutionDays)),
  ];
}

export const reading = (total: ReportRow): string =>
  t("insp.reading", {
    received: formatNumber(total.received),
    accepted: formatNumber(total.accepted),
    resolved: formatNumber(total.resolvedOnTime + total.resolvedLate),
    onTime: formatNumber(total.resolvedOnTime),
    late: formatNumber(total.resolvedLate),
    open: formatNumber(total.openWithinDeadline + total.openOverdue),
    overdue: formatNumber(total.openOverdue),
    rate: formatRate(total.onTimeRate),
  });

/** Every row with every figure, the totals in the footer: the charts' text alternative and more. */
export function figuresTable(table: HTMLTableElement, rows: readonly ReportRow[], total: ReportRow, nameOf: (row: ReportRow) => string, groupLabel: string): void {
  const headers = [...countFigures.map((n) => t(`figure.${n}`)), t("figure.onTimeRate"), t("figure.medianResolutionDays"), ...agingBands.map((b) => t("insp.aging.col", { band: t(`insp.band.${b}`) }))];
  const cells = (row: ReportRow) => [
    ...countFigures.map((n) => formatNumber(row[n])),
    formatRate(row.onTimeRate),
    row.medianResolutionDays === null ? t("insp.noData") : formatNumber(row.medianResolutionDays),
    ...agingBands.map((b) => formatNumber(row.agingBands[b])),
  ];
  const line = (row: ReportRow) => el("tr", {}, el("th", { scope: "row" }, nameOf(row)), ...cells(row).map((c) => el("td", {}, c)));
  table.replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, groupLabel), ...headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...rows.map(line)),
    el("tfoot", {}, line(total)),
  );
}
