// Staff use cases around one case: read it, read its audit chain, reveal a sealed identity, register a letter.
import { z } from "zod";
import { caseEventSchema, caseSubmissionSchema, channelSchema, submitterSchema } from "./case.ts";
import { chainBreakSchema, verifyAuditChain } from "./audit.ts";
import { appendEvent } from "./events.ts";
import type { DeadlineContext } from "./deadlines/index.ts";
import { BusinessRuleError, ForbiddenError, ValidationError } from "./errors.ts";
import { submitCase, type IntakeDeps, type SubmissionReceipt } from "./intake.ts";
import { StaleVersionError, type AnchorStore, type CaseRepository, type Clock, type MacVerifier, type Sealer } from "./ports.ts";
import { actorOf, mayRevealIdentity, type Principal } from "./access.ts";
import { staffCaseView, type StaffCase } from "./staff-view.ts";
import { visibleCase } from "./case-actions.ts";

export interface StaffDeps {
  readonly cases: CaseRepository;
  readonly clock: Clock;
  readonly deadlines: DeadlineContext;
}

export async function getStaffCase(caseId: string, actor: Principal, deps: StaffDeps): Promise<StaffCase> {
  const { record, events } = await visibleCase(caseId, actor, deps.cases);
  return staffCaseView(record, events, actor, deps.clock.now(), deps.deadlines);
}

const seq = z.number().int().positive();

export const auditSchema = z.object({
  events: z.array(caseEventSchema),
  /** The hash chain, every keyed event's MAC under the audit key, and the latest anchored head all agree with the table. */
  chainValid: z.boolean(),
  /** The sequence number of the first event that does not verify (one past the last stored event when events are missing). */
  brokenAt: seq.optional(),
  /** Why it does not verify: see audit.ts chainBreakSchema. */
  reason: chainBreakSchema.optional(),
  /** The latest anchored head's sequence number; events after it are not anchored yet (anchoring follows within a minute). */
  anchoredThrough: seq.optional(),
  /** Events up to this sequence number were written before the keyed chain: verified by their hashes only. */
  unkeyedThrough: seq.optional(),
});
export type Audit = z.infer<typeof auditSchema>;

export interface AuditDeps {
  readonly cases: CaseRepository;
  readonly auditKeys: MacVerifier;
  readonly anchors: AnchorStore;
}

/** The case's events and whether they verify: read from the table, checked with the audit key and against the anchor. */
export async function caseAudit(caseId: string, actor: Principal, deps: AuditDeps): Promise<Audit> {
  // The anchor before the table: a head is anchored only once its event is stored, so the table read next
  // holds every head read here, and an event appended in between is only not anchored yet.
  const anchored = z.uuid().safeParse(caseId).success ? await deps.anchors.heads(caseId) : [];
  const { record, events } = await visibleCase(caseId, actor, deps.cases);
  return { events: [...events], ...(await verifyAuditChain(events, record, deps.auditKeys, anchored)) };
}

export const revealBodySchema = z.object({ reason: z.string().trim().min(10, "state why you need the identity (at least 10 characters)").max(2000) }).strict();
export const revealedSchema = z.object({ identity: submitterSchema });

const REVEAL_ATTEMPTS = 5;

/**
 * Opens a denouncer's sealed identity for the handler of the case's unit or an inspector, with a
 * stated reason; the act itself becomes an event of the case's audit chain before anything is shown.
 */
export async function revealIdentity(
  caseId: string,
  body: z.infer<typeof revealBodySchema>,
  actor: Principal,
  deps: StaffDeps & { sealer: Sealer },
): Promise<z.infer<typeof revealedSchema>> {
  if (!mayRevealIdentity(actor)) throw new ForbiddenError("Only the case's handler or an inspector may reveal an identity.", { code: "reveal_not_allowed" });
  for (let attempt = 1; ; attempt++) {
    const { record } = await visibleCase(caseId, actor, deps.cases);
    if (!record.sealedSubmitter) throw new BusinessRuleError("This case has no sealed identity.", undefined, { code: "no_sealed_identity" });
    const now = deps.clock.now();
    const { next, event } = appendEvent(
      record,
      { type: "identity_revealed", at: now.toISOString(), actor: actorOf(actor), data: { reason: body.reason } },
      now,
    );
    try {
      await deps.cases.update(next, event, record.version);
    } catch (err) {
      // The reveal does not depend on the case's state: retry on a concurrent change.
      if (err instanceof StaleVersionError && attempt < REVEAL_ATTEMPTS) continue;
      throw err;
    }
    return { identity: submitterSchema.parse(JSON.parse(await deps.sealer.open(record.sealedSubmitter))) };
  }
}

/** A letter received off-line, registered by reception: the citizen's body plus its channel and receipt time. */
export const staffRegistrationSchema = caseSubmissionSchema.safeExtend({
  channel: channelSchema,
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export async function registerCase(body: z.infer<typeof staffRegistrationSchema>, actor: Principal, deps: IntakeDeps): Promise<SubmissionReceipt> {
  const { channel, receivedAt, ...submission } = body;
  const when = receivedAt ? new Date(receivedAt) : undefined;
  if (when && when.getTime() > deps.clock.now().getTime()) throw new ValidationError([{ path: "receivedAt", message: "must not be in the future", code: "in_future" }]);
  return submitCase(submission, deps, {
    channel,
    ...(when && { receivedAt: when }),
    actor: actorOf(actor),
  });
}
