// What staff see of a case: everything but a sealed identity (and the links that would name it) and
// the sender keys, with its deadlines and flags as they stand now and the actions their role may take on it now.
import { z } from "zod";
import { caseEventSchema, caseRecordSchema, deadlinesAt, submitterSchema, type CaseEvent, type CaseRecord } from "./case.ts";
import { deriveFlags, flagSchema, type DeadlineContext } from "./deadlines/index.ts";
import { actionNameSchema, offeredActions } from "./workflow.ts";
import type { Viewer } from "./access.ts";

export const timelineEntrySchema = caseEventSchema.omit({ caseId: true, prevHash: true, hash: true, macVersion: true, mac: true });

export const staffCaseSchema = caseRecordSchema
  .omit({ sealedSubmitter: true, senderKeys: true, matterKey: true, lastHash: true, lastSeq: true, lastAt: true, submitter: true })
  .extend({
    /** A denouncer's identity is never shown here: only that it exists and is sealed. */
    submitter: z.union([submitterSchema, z.object({ sealed: z.literal(true) })]).optional(),
    flags: z.array(flagSchema),
    escalationLevel: z.number().int(),
    daysOverdue: z.number().int(),
    allowedActions: z.array(actionNameSchema),
    timeline: z.array(timelineEntrySchema),
  });
export type StaffCase = z.infer<typeof staffCaseSchema>;

export function staffCaseView(record: CaseRecord, events: readonly CaseEvent[], actor: Viewer, now: Date, ctx: DeadlineContext): StaffCase {
  const { sealedSubmitter, senderKeys: _k, matterKey: _m, lastHash: _h, lastSeq: _s, lastAt: _a, submitter, relatedCaseIds, matterOf, ...rest } = record;
  const derived = deriveFlags(record, now, ctx);
  return {
    ...rest,
    // A sealed case shows no link to its sender's other cases: it would name the sender.
    ...(!sealedSubmitter && relatedCaseIds && { relatedCaseIds }),
    ...(!sealedSubmitter && matterOf && { matterOf }),
    ...(submitter && { submitter }),
    ...(sealedSubmitter && { submitter: { sealed: true as const } }),
    deadlines: deadlinesAt(record, now, ctx),
    flags: derived.flags,
    escalationLevel: derived.escalationLevel,
    daysOverdue: derived.daysOverdue,
    allowedActions: offeredActions(record, actor.role, ctx),
    timeline: events.map(({ caseId: _c, prevHash: _p, hash: _x, macVersion: _v, mac: _m, ...entry }) => entry),
  };
}
