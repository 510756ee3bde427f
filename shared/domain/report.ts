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
// - onTimeRate = resolvedOnTime / (resolvedOnTime + resolvedLate + openOverdue): a case open past its
//   deadline is already late; null when there is nothing to rate.
// - oldestOpen: the 10 oldest open cases received up to `to` (an old case still open is what an
//   inspection must see, whatever the period's start), without subject or sender.
import { z } from "zod";
import { caseKinds, caseKindSchema, caseStatusSchema, type CaseKind } from "./case.ts";
import { formatLocalDate, localDayOfInstant, parseLocalDate, startOfLocalDayMs, yearOf } from "./calendar/local-date.ts";
import { localDateSchema } from "./calendar/index.ts";
import { flagSchema, stageSchema, type DeadlineContext } from "./deadlines/index.ts";
import { ValidationError, parse } from "./errors.ts";
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
  if (to < from) throw new ValidationError([{ path: "to", message: "must not be before from" }]);
  if (parseLocalDate(to) - parseLocalDate(from) + 1 > MAX_REPORT_DAYS) {
    throw new ValidationError([{ path: "to", message: `the period may span at most ${MAX_REPORT_DAYS} days` }]);
  }
  return { from, to };
}

export const agingBandNames = ["0-10", "11-30", "31-60", "61-90", "90+"] as const;
export type AgingBand = (typeof agingBandNames)[number];

/** The aging band of an open case by whole days since its receipt ("90+" is more than 90). */
export function agingBand(daysOpen: number): AgingBand {
  return daysOpen <= 10 ? "0-10" : daysOpen <= 30 ? "11-30" : daysOpen <= 60 ? "31-60" : daysOpen <= 90 ? "61-90" : "90+";
}

/** resolvedOnTime / (resolvedOnTime + resolvedLate + openOverdue), or null when that is 0 / 0. */
export function onTimeRate(f: { resolvedOnTime: number; resolvedLate: number; openOverdue: number }): number | null {
  const denominator = f.resolvedOnTime + f.resolvedLate + f.openOverdue;
  return denominator === 0 ? null : f.resolvedOnTime / denominator;
}

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

export async function inspectionReport(query: Pick<ReportQuery, "from" | "to" | "groupBy">, deps: ReportDeps): Promise<InspectionReport> {
  const now = deps.clock.now();
  const { from, to } = reportPeriod(query, now);
  const today = localDayOfInstant(now);
  const startOfToday = new Date(startOfLocalDayMs(today)).toISOString();
  const afterTo = new Date(startOfLocalDayMs(parseLocalDate(to) + 1)).toISOString();

  const [cells, overdue, names, oldest] = await Promise.all([
    deps.aggregates.readDays(from, to),
    deps.overdue.overdueBefore(startOfToday),
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

  const groupOf = (unitId: string | undefined, kind: CaseKind) => (query.groupBy === "unit" ? (unitId ?? UNASSIGNED) : kind);
  const groups = new Map<string, Accumulator>();
  const group = (key: string) => {
    let a = groups.get(key);
    if (!a) groups.set(key, (a = accumulator()));
    return a;
  };
  // Every kind, and every registered unit, has its row, with zeros if nothing happened.
  if (query.groupBy === "kind") caseKinds.forEach(group);
  else for (const unitId of names?.keys() ?? []) group(unitId);

  for (const c of cells) {
    if (c.day < from || c.day > to) continue;
    const a = group(groupOf(c.unitId, c.kind));
    for (const n of counterNames) a.counts[n] += c.counts[n];
    for (const [d, v] of Object.entries(c.hist)) a.hist[Number(d)] = (a.hist[Number(d)] ?? 0) + v;
    if (c.counts.open > 0) a.bands[agingBand(today - parseLocalDate(c.day))] += c.counts.open;
  }
  for (const o of overdue) {
    const day = formatLocalDate(localDayOfInstant(o.receivedAt));
    if (day >= from && day <= to) group(groupOf(o.unitId, o.kind)).openOverdue++;
  }

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
  /** resolvedOnTime / resolved: the share of the year's resolutions made within the deadline; null when none. */
  onTimeRate: z.number().min(0).max(1).nullable(),
});
export const publicStatsSchema = z.object({ year: z.number().int(), units: z.array(publicRowSchema), totals: publicRowSchema.omit({ unitId: true, name: true }) });
export type PublicStats = z.infer<typeof publicStatsSchema>;

export interface PublicStatsDeps {
  readonly aggregates: AggregateReader;
  readonly units: UnitNames;
  readonly clock: Clock;
}

/**
 * The public figures of a year per unit, from the aggregates alone: volumes and the share of
 * resolutions made on time. No case, no person, no subject: counts only.
 */
export async function publicStats(rawQuery: unknown, deps: PublicStatsDeps): Promise<PublicStats> {
  const q = parse(publicStatsQuerySchema, rawQuery);
  const year = q.year ?? yearOf(localDayOfInstant(deps.clock.now()));
  const [cells, names] = await Promise.all([deps.aggregates.readDays(`${year}-01-01`, `${year}-12-31`), deps.units.names()]);
  const byUnit = new Map<string, { received: number; resolved: number; resolvedOnTime: number }>();
  for (const unitId of names?.keys() ?? []) byUnit.set(unitId, { received: 0, resolved: 0, resolvedOnTime: 0 });
  for (const c of cells) {
    if (!c.day.startsWith(`${year}-`)) continue;
    let u = byUnit.get(c.unitId);
    if (!u) byUnit.set(c.unitId, (u = { received: 0, resolved: 0, resolvedOnTime: 0 }));
    u.received += c.counts.received;
    u.resolved += c.counts.resolvedOnTime + c.counts.resolvedLate;
    u.resolvedOnTime += c.counts.resolvedOnTime;
  }
  const rate = (f: { resolved: number; resolvedOnTime: number }) => (f.resolved === 0 ? null : f.resolvedOnTime / f.resolved);
  const totals = { received: 0, resolved: 0, resolvedOnTime: 0 };
  const units = [...byUnit.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([unitId, f]) => {
      totals.received += f.received;
      totals.resolved += f.resolved;
      totals.resolvedOnTime += f.resolvedOnTime;
      return { unitId, name: unitId === UNASSIGNED ? unassignedNameVi : (names?.get(unitId) ?? unitId), ...f, onTimeRate: rate(f) };
    });
  return { year, units, totals: { ...totals, onTimeRate: rate(totals) } };
}
