// The aggregates behind the inspection report and the public statistics: what one case contributes to
// the per unit × kind × local day counters, and the increments a change of the case makes to them.
//
// Definitions (the report and the tests recount by these very functions' rules):
// - received        +1 on the local day of `receivedAt`.
// - accepted        +1 on the local day of `acceptedAt` (thụ lý), once accepted, for ever after.
// - resolvedOnTime  +1 on the local day of `resolvedAt` when the case is resolved or closed and
//   resolvedLate       `resolvedAt` ≤ the resolution deadline's `dueAt` as the resolved case records it
//                      (extensions and suspensions included); later is late. A resolution with no
//                      resolution deadline (none applies) is on time: no deadline was missed.
//                      Cases ended at the processing stage (transferred, guided, rejected, archived)
//                      and withdrawn cases are neither: they were never resolved.
// - hist            days to resolve: whole local days from the day of receipt to the day of resolution
//                      (the citizen's wait), one bucket per day count, on the day of resolution; the
//                      median of a period comes from the summed buckets.
// - open            +1 on the local day of RECEIPT while the case is open (received, in_progress), so
//                      aging bands are computed from receipt days and the open total of a period.
// The unit is the case's current `unitId`, or UNASSIGNED before reception classifies it; the kind is its
// current kind. A reclassified case moves all its figures to its new unit and kind.
import { z } from "zod";
import { caseKindSchema, caseStatusSchema, isOpen, type CaseKind } from "./case.ts";
import { formatLocalDate, localDayOfInstant } from "./calendar/local-date.ts";
import { instantSchema } from "./vocabulary.ts";

/** The unit key of cases that no unit handles yet (not a valid unit id, so never a real one). */
export const UNASSIGNED = "-";

/** Days-to-resolve buckets stop here: beyond ten years is one bucket. */
export const MAX_HISTOGRAM_DAYS = 3650;

const instant = instantSchema;

/** What the aggregates read of a case: no subject, no content, no person. */
export const caseFacetSchema = z.object({
  caseId: z.uuid(),
  version: z.number().int().positive(),
  status: caseStatusSchema,
  kind: caseKindSchema,
  unitId: z.string().optional(),
  receivedAt: instant,
  acceptedAt: instant.optional(),
  resolvedAt: instant.optional(),
  resolutionDueAt: instant.optional(),
});
export type CaseFacet = z.infer<typeof caseFacetSchema>;

/** The facet of a stored case item (a plain object: the stream image, unmarshalled). */
export function facetOf(item: Record<string, unknown>): CaseFacet {
  const deadlines = item.deadlines as { resolution?: { dueAt?: unknown } } | undefined;
  return caseFacetSchema.parse({
    caseId: item.caseId,
    version: item.version,
    status: item.status,
    kind: item.kind,
    ...(item.unitId !== undefined && { unitId: item.unitId }),
    receivedAt: item.receivedAt,
    ...(item.acceptedAt !== undefined && { acceptedAt: item.acceptedAt }),
    ...(item.resolvedAt !== undefined && { resolvedAt: item.resolvedAt }),
    ...(deadlines?.resolution?.dueAt !== undefined && { resolutionDueAt: deadlines.resolution.dueAt }),
  });
}

export const counterNames = ["received", "accepted", "resolvedOnTime", "resolvedLate", "open"] as const;
export type CounterName = (typeof counterNames)[number];

/** The figures of one unit × kind × local day; `hist` maps days-to-resolve to a number of cases. */
export interface DayCounters {
  readonly unitId: string;
  readonly kind: CaseKind;
  readonly day: string;
  readonly counts: Record<CounterName, number>;
  readonly hist: Record<number, number>;
}

const dayOf = (at: string): string => formatLocalDate(localDayOfInstant(at));
const cellKey = (unitId: string, kind: CaseKind, day: string) => `${unitId}|${kind}|${day}`;

export const zeroCounts = (): Record<CounterName, number> => ({ received: 0, accepted: 0, resolvedOnTime: 0, resolvedLate: 0, open: 0 });

/** On time or late, and after how many days, when the case has been resolved. */
export function resolutionOf(f: CaseFacet): { onTime: boolean; days: number } | undefined {
  if (!f.resolvedAt || (f.status !== "resolved" && f.status !== "closed")) return undefined;
  const onTime = f.resolutionDueAt === undefined || Date.parse(f.resolvedAt) <= Date.parse(f.resolutionDueAt);
  const days = Math.min(MAX_HISTOGRAM_DAYS, Math.max(0, localDayOfInstant(f.resolvedAt) - localDayOfInstant(f.receivedAt)));
  return { onTime, days };
}

/** Everything one case adds to the counters, as it stands. */
export function contributions(f: CaseFacet): DayCounters[] {
  const unitId = f.unitId ?? UNASSIGNED;
  const cells = new Map<string, DayCounters>();
  const cell = (day: string): DayCounters => {
    const key = cellKey(unitId, f.kind, day);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { unitId, kind: f.kind, day, counts: zeroCounts(), hist: {} }));
    return c;
  };
  const received = cell(dayOf(f.receivedAt));
  received.counts.received++;
  if (isOpen(f.status)) received.counts.open++;
  if (f.acceptedAt) cell(dayOf(f.acceptedAt)).counts.accepted++;
  const resolution = resolutionOf(f);
  if (resolution && f.resolvedAt) {
    const resolved = cell(dayOf(f.resolvedAt));
    resolved.counts[resolution.onTime ? "resolvedOnTime" : "resolvedLate"]++;
    resolved.hist[resolution.days] = (resolved.hist[resolution.days] ?? 0) + 1;
  }
  return [...cells.values()];
}

/**
 * The increments that take the counters from `before` (what was counted of the case; undefined when
 * nothing was) to `after` (undefined when the case is gone): after's contributions minus before's,
 * only the cells and figures that change.
 */
export function deriveIncrements(before: CaseFacet | undefined, after: CaseFacet | undefined): DayCounters[] {
  const sum = new Map<string, DayCounters>();
  const add = (cells: DayCounters[], sign: 1 | -1) => {
    for (const c of cells) {
      const key = cellKey(c.unitId, c.kind, c.day);
      let s = sum.get(key);
      if (!s) sum.set(key, (s = { unitId: c.unitId, kind: c.kind, day: c.day, counts: zeroCounts(), hist: {} }));
      for (const n of counterNames) s.counts[n] += sign * c.counts[n];
      for (const [d, v] of Object.entries(c.hist)) s.hist[Number(d)] = (s.hist[Number(d)] ?? 0) + sign * v;
    }
  };
  if (before) add(contributions(before), -1);
  if (after) add(contributions(after), 1);
  const out: DayCounters[] = [];
  for (const s of sum.values()) {
    const hist = Object.fromEntries(Object.entries(s.hist).filter(([, v]) => v !== 0));
    if (counterNames.some((n) => s.counts[n] !== 0) || Object.keys(hist).length > 0) out.push({ ...s, hist });
  }
  return out.sort((a, b) => cellKey(a.unitId, a.kind, a.day).localeCompare(cellKey(b.unitId, b.kind, b.day)));
}

/** Sums day counters, e.g. a brute-force recount or the cells of one group over a period. */
export function sumCells(cells: Iterable<DayCounters>, keyOf: (c: DayCounters) => string = (c) => cellKey(c.unitId, c.kind, c.day)): Map<string, DayCounters> {
  const out = new Map<string, DayCounters>();
  for (const c of cells) {
    const key = keyOf(c);
    let s = out.get(key);
    if (!s) out.set(key, (s = { unitId: c.unitId, kind: c.kind, day: c.day, counts: zeroCounts(), hist: {} }));
    for (const n of counterNames) s.counts[n] += c.counts[n];
    for (const [d, v] of Object.entries(c.hist)) s.hist[Number(d)] = (s.hist[Number(d)] ?? 0) + v;
  }
  return out;
}

/** The median of a histogram (value → count); the mean of the two middle values for an even count; null when empty. */
export function medianOfHistogram(hist: Readonly<Record<number, number>>): number | null {
  const entries = Object.entries(hist)
    .map(([d, n]) => [Number(d), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const [d, n] of entries) if ((seen += n) > rank) return d;
    return (entries.at(-1) as readonly [number, number])[0];
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

