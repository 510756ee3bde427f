// The inspection report (GET /inspection/report) and the public statistics (GET /stats): the figures a
// working group reads out, per unit or per kind, over a period, computed from the day aggregates
// (shared/domain/stats.ts) and two small index reads: the overdue register and the oldest open cases.
// Never from every case.
//
// - received, accepted, resolvedOnTime, resolvedLate, medianResolutionDays: events IN the period (their
//   local day in [from, to]), from the aggregates.
// - open figures (openWithinDeadline, openOverdue, agingBands): cases RECEIVED in the period that are
//   open now. openOverdue: those whose current deadline has passed (flag `overdue`: the due date is
//   before today), from the due-date index; openWithinDeadline: the other open ones (a suspended
//   clock or a case without a legal deadline is within it). agingBands: by whole days since receipt.
// - onTimeRate: the one definition (figures.ts), resolvedOnTime / (resolvedOnTime + resolvedLate +
//   openOverdue): a case open past its deadline is already late; null when there is nothing to rate.
//   GET /stats tallies a year per unit by the same function as the report, so both publish one figure.
// - oldestOpen: the 10 oldest open cases received up to `to` (an old case still open is what an
//   inspection must see, whatever the period's start), without subject or sender.
import { z } from "zod";
import { caseKinds, caseKindSchema, caseStatusSchema, type CaseKind } from "./case.ts";
import { formatLocalDate, localDayOfInstant, parseLocalDate, startOfLocalDayMs, yearOf } from "./calendar/local-date.ts";
import { localDateSchema } from "./calendar/index.ts";
import { flagSchema, stageSchema, type DeadlineContext } from "./deadlines/index.ts";
import { ValidationError, parse } from "./errors.ts";
import { onTimeRate } from "./figures.ts";
import { toSummary, type CaseLister } from "./listing.ts";
import type { Clock } from "./ports.ts";
import { counterNames, medianOfHistogram, UNASSIGNED, zeroCounts, type CounterName, type DayCounters } from "./stats.ts";

/** The longest period a report covers: five years of day aggregates (60 monthly reads). */
export const MAX_REPORT_DAYS = 5 * 366;
export const OLDEST_OPEN_LIMIT = 10;

export const reportQuerySchema = z
  .object({
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    groupBy: z.enum(["unit", "kind"]).default("unit"),
    format: z.enum(["json", "csv", "xlsx"]).default("json"),
  })
  .strict();
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/** The period asked for, the current local year by default; a 400 naming `from` or `to` when it makes no sense. */
export function reportPeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): ReportPeriod {
  const year = yearOf(localDayOfInstant(now));
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : `${year}-01-01`);
  const to = q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : `${year}-12-31`);
  if (to < from) throw new ValidationError([{ path: "to", message: "must not be before from", code: "period_reversed" }]);
  if (parseLocalDate(to) - parseLocalDate(from) + 1 > MAX_REPORT_DAYS) {
    throw new ValidationError([{ path: "to", message: `the period may span at most ${MAX_REPORT_DAYS} days`, code: "period_too_long" }]);
  }
  return { from, to };
}

export const agingBandNames = ["0-10", "11-30", "31-60", "61-90", "90+"] as const;
export type AgingBand = (typeof agingBandNames)[number];

/** The aging band of an open case by whole days since its receipt ("90+" is more than 90). */
export function agingBand(daysOpen: number): AgingBand {
  return daysOpen <= 10 ? "0-10" : daysOpen <= 30 ? "11-30" : daysOpen <= 60 ? "31-60" : daysOpen <= 90 ? "61-90" : "90+";
}

export { onTimeRate };

export const kindNamesVi: Record<CaseKind, string> = {
  complaint: "Khiếu nại",
  denunciation: "Tố cáo",
  petition: "Kiến nghị",
  reflection: "Phản ánh",
};
export const unassignedNameVi = "Chưa phân công đơn vị";
export const totalKey = "total";
export const totalNameVi = "Tổng cộng";

const count = z.number().int();
export const reportRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  received: count,
  accepted: count,
  resolvedOnTime: count,
  resolvedLate: count,
  openWithinDeadline: count,
  openOverdue: count,
  /** A fraction from 0 to 1; null when nothing was resolved and nothing is overdue. */
  onTimeRate: z.number().min(0).max(1).nullable(),
  medianResolutionDays: z.number().nullable(),
  agingBands: z.object(Object.fromEntries(agingBandNames.map((b) => [b, count])) as Record<AgingBand, typeof count>),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

/** An oldest open case as the report lists it: no subject, no sender. */
export const oldestOpenSchema = z.object({
  caseId: z.uuid(),
  trackingCode: z.string(),
  kind: caseKindSchema,
  unitId: z.string().optional(),
  status: caseStatusSchema,
  receivedAt: z.iso.datetime(),
  daysOpen: count,
  currentDeadline: z.object({ stage: stageSchema, dueAt: z.iso.datetime(), dueDate: z.string(), suspended: z.boolean().optional() }).optional(),
  flags: z.array(flagSchema),
  daysOverdue: count,
});
export type OldestOpen = z.infer<typeof oldestOpenSchema>;

export const inspectionReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(["unit", "kind"]),
  /** When the open figures were taken. */
  asOf: z.iso.datetime(),
  rows: z.array(reportRowSchema),
  totals: reportRowSchema,
  oldestOpen: z.array(oldestOpenSchema),
});
export type InspectionReport = z.infer<typeof inspectionReportSchema>;

// ---- ports ----

/** The day aggregates of every unit and kind whose local day is in [from, to]. */
export interface AggregateReader {
  readDays(from: string, to: string): Promise<DayCounters[]>;
}

/** An open case whose current deadline ended before the instant asked: only what grouping needs. */
export interface OverdueEntry {
  readonly unitId?: string | undefined;
  readonly kind: CaseKind;
  readonly receivedAt: string;
}
export interface OverdueIndex {
  /** Open cases with a running clock whose current deadline (`dueAt`) is before `before`. */
  overdueBefore(before: string): Promise<OverdueEntry[]>;
}

/** The unit registry's names; undefined when no registry has been stored. */
export interface UnitNames {
  names(): Promise<ReadonlyMap<string, string> | undefined>;
}

export interface ReportDeps {
  readonly aggregates: AggregateReader;
  readonly overdue: OverdueIndex;
  readonly cases: CaseLister;
  readonly units: UnitNames;
  readonly clock: Clock;
  readonly deadlines: DeadlineContext;
}

// ---- the use case ----

interface Accumulator {
  counts: Record<CounterName, number>;
  hist: Record<number, number>;
  openOverdue: number;
  bands: Record<AgingBand, number>;
}
const emptyBands = (): Record<AgingBand, number> => ({ "0-10": 0, "11-30": 0, "31-60": 0, "61-90": 0, "90+": 0 });
const accumulator = (): Accumulator => ({ counts: zeroCounts(), hist: {}, openOverdue: 0, bands: emptyBands() });

function toRow(key: string, name: string, a: Accumulator): ReportRow {
  const { received, accepted, resolvedOnTime, resolvedLate, open } = a.counts;
  return {
    key,
    name,
    received,
    accepted,
    resolvedOnTime,
    resolvedLate,
    openWithinDeadline: Math.max(0, open - a.openOverdue),
    openOverdue: a.openOverdue,
    onTimeRate: onTimeRate({ resolvedOnTime, resolvedLate, openOverdue: a.openOverdue }),
    medianResolutionDays: medianOfHistogram(a.hist),
    agingBands: { ...a.bands },
  };
}

function add(into: Accumulator, from: Accumulator): void {
  for (const n of counterNames) into.counts[n] += from.counts[n];
  for (const [d, v] of Object.entries(from.hist)) into.hist[Number(d)] = (into.hist[Number(d)] ?? 0) + v;
  into.openOverdue += from.openOverdue;
  for (const b of agingBandNames) into.bands[b] += from.bands[b];
}

/** The figures of every group over a period: the day aggregates in it, and the overdue cases received in it. */
function tally(
  cells: readonly DayCounters[],
  overdue: readonly OverdueEntry[],
  q: { readonly from: string; readonly to: string; readonly groupBy: "unit" | "kind"; readonly today: number },
  registered: Iterable<string>,
): Map<string, Accumulator> {
  const groupOf = (unitId: string | undefined, kind: CaseKind) => (q.groupBy === "unit" ? (unitId ?? UNASSIGNED) : kind);
  const groups = new Map<string, Accumulator>();
  const group = (key: string) => {
    let a = groups.get(key);
    if (!a) groups.set(key, (a = accumulator()));
    return a;
  };
  // Every kind, and every registered unit, has its row, with zeros if nothing happened.
  if (q.groupBy === "kind") caseKinds.forEach(group);
  else for (const unitId of registered) group(unitId);

  for (const c of cells) {
    if (c.day < q.from || c.day > q.to) continue;
    const a = group(groupOf(c.unitId, c.kind));
    for (const n of counterNames) a.counts[n] += c.counts[n];
    for (const [d, v] of Object.entries(c.hist)) a.hist[Number(d)] = (a.hist[Number(d)] ?? 0) + v;
    if (c.counts.open > 0) a.bands[agingBand(q.today - parseLocalDate(c.day))] += c.counts.open;
  }
  for (const o of overdue) {
    const day = formatLocalDate(localDayOfInstant(o.receivedAt));
    if (day >= q.from && day <= q.to) group(groupOf(o.unitId, o.kind)).openOverdue++;
  }
  return groups;
}

/** The instant the open figures are taken at: a case is overdue once its due date is before today. */
const startOfDay = (day: number) => new Date(startOfLocalDayMs(day)).toISOString();

export async function inspectionReport(query: Pick<ReportQuery, "from" | "to" | "groupBy">, deps: ReportDeps): Promise<InspectionReport> {
  const now = deps.clock.now();
  const { from, to } = reportPeriod(query, now);
  const today = localDayOfInstant(now);
  const afterTo = startOfDay(parseLocalDate(to) + 1);

  const [cells, overdue, names, oldest] = await Promise.all([
    deps.aggregates.readDays(from, to),
    deps.overdue.overdueBefore(startOfDay(today)),
    deps.units.names(),
    deps.cases.list({ window: { on: "receivedAt", before: afterTo }, order: "asc", limit: OLDEST_OPEN_LIMIT }, (c) => {
      const s = toSummary(c, now, deps.deadlines);
      return {
        caseId: s.caseId,
        trackingCode: s.trackingCode,
        kind: s.kind,
        ...(s.unitId !== undefined && { unitId: s.unitId }),
        status: s.status,
        receivedAt: s.receivedAt,
        daysOpen: today - localDayOfInstant(s.receivedAt),
        ...(s.currentDeadline && { currentDeadline: s.currentDeadline }),
        flags: s.flags,
        daysOverdue: s.daysOverdue,
      } satisfies OldestOpen;
    }),
  ]);

  const groups = tally(cells, overdue, { from, to, groupBy: query.groupBy, today }, names?.keys() ?? []);
  const nameOf = (key: string): string =>
    query.groupBy === "kind" ? kindNamesVi[key as CaseKind] : key === UNASSIGNED ? unassignedNameVi : (names?.get(key) ?? key);
  const keys = query.groupBy === "kind" ? [...caseKinds] : [...groups.keys()].sort();
  const total = accumulator();
  const rows = keys.map((key) => {
    const a = groups.get(key) ?? accumulator();
    add(total, a);
    return toRow(key, nameOf(key), a);
  });
  return { from, to, groupBy: query.groupBy, asOf: now.toISOString(), rows, totals: toRow(totalKey, totalNameVi, total), oldestOpen: oldest.items };
}

// ---- public statistics ----

export const publicStatsQuerySchema = z
  .object({ year: z.coerce.number().int().min(2000, "must be 2000 or later").max(2100, "must be 2100 or earlier").optional() })
  .strict();

const publicRowSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  received: count,
  resolved: count,
  resolvedOnTime: count,
  resolvedLate: count,
  /** Cases received in the year, open now and past their current deadline. */
  openOverdue: count,
  /** The on-time rate (figures.ts), as the inspection report gives it for the unit and the year; null when there is nothing to rate. */
  onTimeRate: z.number().min(0).max(1).nullable(),
});
export const publicStatsSchema = z.object({ year: z.number().int(), units: z.array(publicRowSchema), totals: publicRowSchema.omit({ unitId: true, name: true }) });
export type PublicStats = z.infer<typeof publicStatsSchema>;
type PublicRow = z.infer<typeof publicRowSchema>;

export interface PublicStatsDeps {
  readonly aggregates: AggregateReader;
  readonly overdue: OverdueIndex;
  readonly units: UnitNames;
  readonly clock: Clock;
}

const publicFigures = (a: Accumulator): Omit<PublicRow, "unitId" | "name"> => {
  const { received, resolvedOnTime, resolvedLate } = a.counts;
  const figures = { resolvedOnTime, resolvedLate, openOverdue: a.openOverdue };
  return { received, resolved: resolvedOnTime + resolvedLate, ...figures, onTimeRate: onTimeRate(figures) };
};

/**
 * The public figures of a year per unit: the inspection report's tally for that year, grouped by unit,
 * with only its counts: no case, no person, no subject.
 */
export async function publicStats(rawQuery: unknown, deps: PublicStatsDeps): Promise<PublicStats> {
  const q = parse(publicStatsQuerySchema, rawQuery);
  const now = deps.clock.now();
  const today = localDayOfInstant(now);
  const year = q.year ?? yearOf(today);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [cells, overdue, names] = await Promise.all([deps.aggregates.readDays(from, to), deps.overdue.overdueBefore(startOfDay(today)), deps.units.names()]);
  const groups = tally(cells, overdue, { from, to, groupBy: "unit", today }, names?.keys() ?? []);
  const total = accumulator();
  const units = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([unitId, a]) => {
      add(total, a);
      return { unitId, name: unitId === UNASSIGNED ? unassignedNameVi : (names?.get(unitId) ?? unitId), ...publicFigures(a) };
    });
  return { year, units, totals: publicFigures(total) };
}
