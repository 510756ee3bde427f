// The staff list of cases (GET /staff/cases): its filters, the summary of a case with the flags derived
// at read time, who may see what, and the date window each flag narrows the read to. The keys and
// indexes that serve a filter are the adapter's business (shared/adapters/case-queries.ts).
import { z } from "zod";
import { caseKindSchema, caseRecordSchema, caseStatusSchema, openStatuses, type CaseKind, type CaseStatus } from "./case.ts";
import { deriveFlags, flagSchema, stageSchema, type DeadlineContext, type Flag } from "./deadlines/index.ts";
import { localDayOfInstant, startOfLocalDayMs } from "./calendar/local-date.ts";
import type { Clock } from "./ports.ts";
import { scopeFilters, type Viewer } from "./access.ts";
import { unitIdPattern, instantSchema, escalationLevelSchema } from "./vocabulary.ts";

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/** The query string of the list; an unknown parameter or value is a 400 naming it. */
export const listFiltersSchema = z
  .object({
    status: caseStatusSchema.optional(),
    unitId: z.string().regex(unitIdPattern, "must be a unit id: lowercase letters, digits and hyphens").optional(),
    kind: caseKindSchema.optional(),
    /** A deadline flag, or `backdated`: the cases with a step entered more than 3 days after it took effect. */
    flag: z.enum([...flagSchema.options, "backdated"]).optional(),
    /** Oldest first by default; overdue and approaching lists are ordered by due date, soonest first. */
    order: z.enum(["asc", "desc"]).default("asc"),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    /** Opaque: the `nextCursor` of the previous page, with the same filters. */
    cursor: z.string().min(1).max(1024).optional(),
  })
  .strict();
export type ListFilters = z.infer<typeof listFiltersSchema>;
export type ListOrder = ListFilters["order"];

/** What the list reads of a case: the deadline facts and the fields shown. Never the sender, sealed or not. */
export const listedCaseSchema = caseRecordSchema.pick({
  caseId: true,
  trackingCode: true,
  kind: true,
  subject: true,
  status: true,
  unitId: true,
  receivedAt: true,
  updatedAt: true,
  anonymous: true,
  version: true,
  processingExtended: true,
  round: true,
  complexity: true,
  remoteArea: true,
  acceptedAt: true,
  extensions: true,
  suspensions: true,
  filingCount: true,
  backdated: true,
});
export type ListedCase = z.infer<typeof listedCaseSchema>;

const instant = instantSchema;

export const caseSummarySchema = z
  .object({
    caseId: z.uuid(),
    trackingCode: z.string(),
    kind: caseKindSchema,
    subject: z.string(),
    status: caseStatusSchema,
    unitId: z.string().optional(),
    receivedAt: instant,
    updatedAt: instant,
    anonymous: z.boolean(),
    /** The deadline of the stage the case waits on now, when it has one. */
    currentDeadline: z
      .object({ stage: stageSchema, dueAt: instant, dueDate: z.string(), suspended: z.boolean().optional() })
      .optional(),
    flags: z.array(flagSchema),
    /** A step of the case was entered more than 3 days after it took effect (its event is marked `backdated`). */
    backdated: z.literal(true).optional(),
    escalationLevel: escalationLevelSchema,
    daysOverdue: z.number().int().min(0),
    version: z.number().int().positive(),
  })
  .strict();
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListSchema = z.object({ items: z.array(caseSummarySchema), nextCursor: z.string().optional() });
export type CaseList = z.infer<typeof caseListSchema>;

/** A case as the list shows it at `now`: flags, escalation and the current deadline derived from its facts. */
export function toSummary(c: ListedCase, now: string | Date, ctx: DeadlineContext): CaseSummary {
  const derived = deriveFlags(c, now, ctx);
  return {
    caseId: c.caseId,
    trackingCode: c.trackingCode,
    kind: c.kind,
    subject: c.subject,
    status: c.status,
    ...(c.unitId !== undefined && { unitId: c.unitId }),
    receivedAt: c.receivedAt,
    updatedAt: c.updatedAt,
    anonymous: c.anonymous,
    ...(derived.stage &&
      derived.deadline && {
        currentDeadline: {
          stage: derived.stage,
          dueAt: derived.deadline.dueAt,
          dueDate: derived.deadline.dueDate,
          ...(derived.deadline.suspended && { suspended: true }),
        },
      }),
    flags: derived.flags,
    ...(c.backdated && { backdated: true as const }),
    escalationLevel: derived.escalationLevel,
    daysOverdue: derived.daysOverdue,
    version: c.version,
  };
}

// ---- the date window a flag narrows the read to ----

/**
 * Where the cases that may carry a flag lie, on the stored due date of the current stage or on the
 * receipt date. Half-open: [from, before). Only open cases (received, in_progress) carry a flag. The
 * window only narrows the read; the exact flags come from deriveFlags on each case read.
 */
export interface FlagWindow {
  readonly on: "dueAt" | "receivedAt";
  readonly from?: string;
  readonly before: string;
  /** Also the open repeat filings, whatever their dates: the third filing of a matter is prolonged from the day it is filed. */
  readonly repeatFilings?: true;
}

const startOf = (day: number) => new Date(startOfLocalDayMs(day)).toISOString();

export function flagWindow(flag: Flag, now: string | Date, ctx: DeadlineContext): FlagWindow {
  const t = ctx.policy.flags;
  const today = localDayOfInstant(now);
  switch (flag) {
    case "overdue":
      // Overdue from the day after the due date.
      return { on: "dueAt", before: startOf(today) };
    case "approaching": {
      // Due today or later, and before the working day that would leave more than N working days.
      let day = today;
      for (let working = 0; ; day++) if (ctx.calendar.codeOf(day) === 0 && ++working > t.approachingWorkingDays) break;
      return { on: "dueAt", from: startOf(today), before: startOf(day) };
    }
    case "prolonged": {
      // Open more than N days, or overdue more than M days (the due date is never before receipt, so
      // such a case was received more than M days ago): received before today − min(N, M); and the open
      // repeat filings, a repeated matter having no date that says so.
      return { on: "receivedAt", before: startOf(today - Math.min(t.prolongedOpenDays, t.prolongedOverdueDays)), repeatFilings: true };
    }
  }
}

// ---- the use case ----

export interface CaseListQuery {
  readonly status?: CaseStatus;
  readonly unitId?: string;
  readonly kind?: CaseKind;
  readonly window?: FlagWindow;
  /** Only the cases with a back-dated step (their own sparse index). */
  readonly backdated?: true;
  readonly order: ListOrder;
  readonly limit: number;
  readonly cursor?: string;
}

/** Reads cases page by page in the query's order, keeping those `select` maps to a value, `limit` of them. */
export interface CaseLister {
  list<T>(query: CaseListQuery, select: (c: ListedCase) => T | undefined): Promise<{ items: T[]; nextCursor?: string }>;
}

export interface ListingDeps {
  readonly cases: CaseLister;
  readonly clock: Clock;
  readonly deadlines: DeadlineContext;
}

/** The viewer's list (access.ts scopes it: a handler's to its unit; cases not yet assigned to a unit are in no unit's list). */
export async function listStaffCases(requested: ListFilters, viewer: Viewer, deps: ListingDeps): Promise<CaseList> {
  const filters = scopeFilters(requested, viewer);
  if (!filters) return { items: [] };
  const { status, unitId, kind, flag } = filters;
  const backdated = flag === "backdated";
  // Only open cases carry a deadline flag; a back-dated step stays on record once the case is finished.
  if (flag && !backdated && status && !openStatuses.includes(status)) return { items: [] };
  const now = deps.clock.now();
  const query: CaseListQuery = {
    ...(status && { status }),
    ...(unitId && { unitId }),
    ...(kind && { kind }),
    ...(flag && !backdated && { window: flagWindow(flag, now, deps.deadlines) }),
    ...(backdated && { backdated: true as const }),
    order: filters.order,
    limit: filters.limit,
    ...(filters.cursor && { cursor: filters.cursor }),
  };
  // Every filter is checked again on the case read: the index narrows, the case decides.
  return deps.cases.list(query, (c) => {
    if ((status && c.status !== status) || (kind && c.kind !== kind) || (unitId && c.unitId !== unitId)) return undefined;
    const summary = toSummary(c, now, deps.deadlines);
    if (backdated) return summary.backdated ? summary : undefined;
    return flag && !summary.flags.includes(flag) ? undefined : summary;
  });
}
