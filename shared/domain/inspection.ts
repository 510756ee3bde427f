// The overdue register (GET /inspection/overdue): open cases whose current deadline has passed, most
// overdue first, read from the due-date index so its cost follows the number of due cases.
import { z } from "zod";
import { caseKindSchema, caseStatusSchema, escalationLevelSchema } from "./vocabulary.ts";
import { flagSchema, stageSchema } from "./deadlines/index.ts";
import { flagWindow, listFiltersSchema, toSummary, type ListingDeps } from "./listing.ts";

export const overdueFiltersSchema = listFiltersSchema
  .pick({ unitId: true, kind: true, limit: true, cursor: true })
  .extend({
    /** Within the register: every case is overdue; `prolonged` keeps the long-overdue ones. */
    flag: z.enum(["overdue", "prolonged"], "must be overdue or prolonged: an overdue case is never approaching").optional(),
  })
  .strict();
export type OverdueFilters = z.infer<typeof overdueFiltersSchema>;

export const overdueEntrySchema = z
  .object({
    caseId: z.uuid(),
    trackingCode: z.string(),
    kind: caseKindSchema,
    unitId: z.string().optional(),
    status: caseStatusSchema,
    stage: stageSchema,
    dueAt: z.iso.datetime(),
    daysOverdue: z.number().int().positive(),
    flags: z.array(flagSchema),
    escalationLevel: escalationLevelSchema,
  })
  .strict();
export type OverdueEntry = z.infer<typeof overdueEntrySchema>;
export const overdueRegisterSchema = z.object({ items: z.array(overdueEntrySchema), nextCursor: z.string().optional() });

export async function overdueRegister(filters: OverdueFilters, deps: ListingDeps): Promise<z.infer<typeof overdueRegisterSchema>> {
  const now = deps.clock.now();
  return deps.cases.list(
    {
      ...(filters.unitId && { unitId: filters.unitId }),
      ...(filters.kind && { kind: filters.kind }),
      window: flagWindow("overdue", now, deps.deadlines),
      order: "asc",
      limit: filters.limit,
      ...(filters.cursor && { cursor: filters.cursor }),
    },
    (c): OverdueEntry | undefined => {
      if ((filters.kind && c.kind !== filters.kind) || (filters.unitId && c.unitId !== filters.unitId)) return undefined;
      const s = toSummary(c, now, deps.deadlines);
      if (!s.currentDeadline || !s.flags.includes("overdue") || (filters.flag && !s.flags.includes(filters.flag))) return undefined;
      return {
        caseId: s.caseId,
        trackingCode: s.trackingCode,
        kind: s.kind,
        ...(s.unitId !== undefined && { unitId: s.unitId }),
        status: s.status,
        stage: s.currentDeadline.stage,
        dueAt: s.currentDeadline.dueAt,
        daysOverdue: s.daysOverdue,
        flags: s.flags,
        escalationLevel: s.escalationLevel,
      };
    },
  );
}
