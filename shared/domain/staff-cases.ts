// Staff use cases around one case: read it, read its audit chain, reveal a sealed identity, register a letter.
import { z } from "zod";
import { caseEventSchema, caseSubmissionSchema, channelSchema, submitterSchema } from "./case.ts";
import { verifyChain } from "./audit.ts";
import { appendEvent } from "./events.ts";
import type { DeadlineContext } from "./deadlines/index.ts";
import { BusinessRuleError, ForbiddenError, ValidationError } from "./errors.ts";
import { submitCase, type IntakeDeps, type SubmissionReceipt } from "./intake.ts";
import { StaleVersionError, UnopenableSealError, type CaseRepository, type Clock, type Sealer } from "./ports.ts";
import { openIdentity } from "./identity.ts";
import { singleLineText } from "./vocabulary.ts";
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

export const auditSchema = z.object({ events: z.array(caseEventSchema), chainValid: z.boolean(), brokenAt: z.number().int().optional() });
export type Audit = z.infer<typeof auditSchema>;

export async function caseAudit(caseId: string, actor: Principal, deps: Pick<StaffDeps, "cases">): Promise<Audit> {
  const { record, events } = await visibleCase(caseId, actor, deps.cases);
  return { events: [...events], ...verifyChain(events, record) };
}

export const revealBodySchema = z.object({ reason: singleLineText(10, 2000).trim() }).strict();
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
    // Opened before the act is recorded, so that a value that does not open (sealed for another case) records no reveal.
    const identity = await openedIdentity(record.caseId, record.sealedSubmitter, deps.sealer);
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
    return { identity };
  }
}

async function openedIdentity(caseId: string, sealed: string, sealer: Sealer): Promise<z.infer<typeof submitterSchema>> {
  try {
    return submitterSchema.parse(await openIdentity({ caseId }, sealed, sealer));
  } catch (err) {
    if (!(err instanceof UnopenableSealError)) throw err;
    throw new BusinessRuleError("The sealed identity on this case does not open for it (sealed for another case, or altered).", undefined, { code: "sealed_identity_unreadable" });
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
