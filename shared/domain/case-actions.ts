// Staff act on a case: one action at a time, checked against the state machine, the caller's role and
// unit, the version they read, and the law's limits; the case and its event are written together.
import { actorOf, canSee, type Principal } from "./access.ts";
import type { CaseRecord } from "./case.ts";
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "./errors.ts";
import { appendEvent } from "./events.ts";
import { sealedChanges } from "./identity.ts";
import { StaleVersionError, type CaseRepository, type Clock, type Sealer } from "./ports.ts";
import { staffCaseView, type StaffCase } from "./staff-view.ts";
import { actions, mayEverDo, nextStatus, offeredActions, type ActionName, type EffectDeps } from "./workflow.ts";

export interface ActionDeps extends EffectDeps {
  readonly cases: CaseRepository;
  readonly clock: Clock;
  /** Seals the sender's identity when an action makes the case a denunciation (identity.ts). */
  readonly sealer: Sealer;
}

export interface ActionRequest {
  readonly caseId: string;
  readonly action: ActionName;
  readonly body: unknown;
  readonly ifMatch: string | undefined;
  readonly actor: Principal;
}

/** A clock skew allowance for `effectiveAt` sent by a browser whose clock runs a little fast. */
const FUTURE_SKEW_MS = 2 * 60_000;

/** `"3"`, `W/"3"` or `3` → 3. */
export function versionOf(ifMatch: string | undefined): number {
  if (ifMatch === undefined || ifMatch.trim() === "") {
    throw new ValidationError([{ path: "If-Match", message: 'is required: send the ETag of the case you read, e.g. "3"', code: "if_match_required" }], undefined, { code: "if_match_required" });
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!m) throw new ValidationError([{ path: "If-Match", message: 'must be the ETag of the case, e.g. "3"', code: "if_match_invalid" }], undefined, { code: "if_match_invalid" });
  return Number(m[1]);
}

/** Loads a case the actor may see; another unit's case is simply not found (no oracle). */
export async function visibleCase(caseId: string, actor: Principal, cases: CaseRepository) {
  const found = /^[0-9a-f-]{36}$/.test(caseId) ? await cases.get(caseId) : undefined;
  if (!found || !canSee(actor, found.record)) throw new NotFoundError("No such case.", { code: "case_not_found" });
  return found;
}

export async function performAction(req: ActionRequest, deps: ActionDeps): Promise<StaffCase> {
  const { record, events } = await visibleCase(req.caseId, req.actor, deps.cases);
  const action = actions[req.action];
  if (!mayEverDo(req.actor.role, req.action)) throw new ForbiddenError(`A ${req.actor.role} may not ${req.action} a case.`, { code: "action_forbidden", params: { action: req.action } });
  const prepared = action.prepare(req.body ?? {});
  const expected = versionOf(req.ifMatch);
  if (expected !== record.version) throw new PreconditionFailedError(`The case is at version ${record.version}; you read version ${expected}. Reload it.`);
  if (!prepared.gate.from.includes(record.status)) {
    const allowed = offeredActions(record, req.actor.role, deps.deadlines);
    throw new ConflictError(`A ${record.status} case cannot be ${req.action}ed${stageWords(prepared.stage)}. Allowed now: ${allowed.join(", ") || "none"}.`, {
      allowedActions: allowed,
    });
  }
  if (!prepared.gate.roles.includes(req.actor.role)) throw new ForbiddenError(`A ${req.actor.role} may not ${req.action} a case${stageWords(prepared.stage)}.`, { code: "action_forbidden", params: { action: req.action } });
  const now = deps.clock.now();
  const at = effectiveAt(prepared.effectiveAt, record, now);

  const effect = await prepared.takeEffect({ action: req.action, record, at, deps });
  // A case that becomes a denunciation has its sender sealed in this same write; its event says so.
  const sealed = await sealedChanges(record, effect.changes, deps.sealer);
  const changes = sealed ?? effect.changes;
  const data = sealed ? { ...effect.data, identitySealed: true } : effect.data;
  const { next, event } = appendEvent(
    record,
    { type: action.event, at, actor: actorOf(req.actor), data, changes: { ...changes, status: nextStatus(record.status, req.action) } },
    now,
  );
  try {
    await deps.cases.update(next, event, record.version);
  } catch (err) {
    if (err instanceof StaleVersionError) throw new PreconditionFailedError("Someone else changed the case a moment ago. Reload it and try again.");
    throw err;
  }
  return staffCaseView(next, [...events, event], req.actor, now, deps.deadlines);
}

/** " (stage processing)" for an action whose body names its stage, so a refusal says which gate refused it. */
const stageWords = (stage: string | undefined): string => (stage === undefined ? "" : ` (stage ${stage})`);

/**
 * When the action takes effect: now, or the paper date sent, which may not be in the future nor before
 * the case's last step (`lastAt`: the filing or a staff action; system events do not move it, events.ts).
 */
function effectiveAt(sent: string | undefined, record: CaseRecord, now: Date): string {
  if (sent === undefined) return now.toISOString();
  const at = new Date(sent);
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new ValidationError([{ path: "effectiveAt", message: "must not be in the future", code: "in_future" }]);
  if (at.getTime() < Date.parse(record.lastAt)) {
    throw new BusinessRuleError(`An action cannot take effect before the case's last recorded step (${record.lastAt}).`, [
      { path: "effectiveAt", message: `must not be before ${record.lastAt}`, code: "effective_too_early" },
    ]);
  }
  return at.toISOString();
}
