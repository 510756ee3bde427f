// Staff act on a case: one action at a time, checked against the state machine, the caller's role and
// unit, the version they read, and the law's limits; the case and its event are written together.
import type { CaseEventType, CaseRecord } from "./case.ts";
import { appendEvent } from "./events.ts";
import {
  acceptCase,
  computeDeadlines,
  extendCase,
  resumeCase,
  suspendCase,
  type DeadlineContext,
  type DeadlineFacts,
} from "./deadlines/index.ts";
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  parse,
  PreconditionFailedError,
  ValidationError,
} from "./errors.ts";
import { StaleVersionError, type CaseRepository, type Clock } from "./ports.ts";
import { actorOf, canSee, type Principal } from "./access.ts";
import { staffCaseView, type StaffCase } from "./staff-view.ts";
import { actionBodySchemas, allowedActions, mayEverDo, nextStatus, transitions, type ActionBody, type ActionName } from "./workflow.ts";

export interface ActionDeps {
  readonly cases: CaseRepository;
  readonly clock: Clock;
  readonly deadlines: DeadlineContext;
  /** Whether a unit exists in the registry, and whether it is a remote area. */
  readonly units?: { find(unitId: string): Promise<{ remoteArea: boolean } | undefined> };
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
    throw new ValidationError([{ path: "If-Match", message: 'is required: send the ETag of the case you read, e.g. "3"' }]);
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  if (!m) throw new ValidationError([{ path: "If-Match", message: 'must be the ETag of the case, e.g. "3"' }]);
  return Number(m[1]);
}

/** Loads a case the actor may see; another unit's case is simply not found (no oracle). */
export async function visibleCase(caseId: string, actor: Principal, cases: CaseRepository) {
  const found = /^[0-9a-f-]{36}$/.test(caseId) ? await cases.get(caseId) : undefined;
  if (!found || !canSee(actor, found.record)) throw new NotFoundError("No such case.");
  return found;
}

export async function performAction(req: ActionRequest, deps: ActionDeps): Promise<StaffCase> {
  const { record, events } = await visibleCase(req.caseId, req.actor, deps.cases);
  if (!mayEverDo(req.actor.role, req.action)) throw new ForbiddenError(`A ${req.actor.role} may not ${req.action} a case.`);
  const body = parse(actionBodySchemas[req.action], req.body ?? {});
  const expected = versionOf(req.ifMatch);
  if (expected !== record.version) throw new PreconditionFailedError(`The case is at version ${record.version}; you read version ${expected}. Reload it.`);
  if (!transitions[req.action].from.includes(record.status)) {
    const allowed = allowedActions(record.status, req.actor.role);
    throw new ConflictError(`A ${record.status} case cannot be ${req.action}ed. Allowed now: ${allowed.join(", ") || "none"}.`, { allowedActions: allowed });
  }
  const now = deps.clock.now();
  const at = effectiveAt(body.effectiveAt, record, now);

  const { changes, data } = await apply(req.action, body, record, at, deps);
  const { next, event } = appendEvent(
    record,
    {
      type: eventTypes[req.action],
      at,
      actor: actorOf(req.actor),
      data,
      changes: { ...changes, status: nextStatus(record.status, req.action) },
    },
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

const eventTypes: Record<ActionName, CaseEventType> = {
  classify: "classified", accept: "accepted", transfer: "transferred", guide: "guided", reject: "rejected",
  archive: "archived", extend: "extended", suspend: "suspended", resume: "resumed", resolve: "resolved",
  close: "closed", withdraw: "withdrawn", note: "note",
};

function effectiveAt(sent: string | undefined, record: CaseRecord, now: Date): string {
  if (sent === undefined) return now.toISOString();
  const at = new Date(sent);
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new ValidationError([{ path: "effectiveAt", message: "must not be in the future" }]);
  if (at.getTime() < Date.parse(record.lastAt)) {
    throw new BusinessRuleError(`An action cannot take effect before the previous one (${record.lastAt}).`, [
      { path: "effectiveAt", message: `must not be before ${record.lastAt}` },
    ]);
  }
  return at.toISOString();
}

/** Outcomes the law gives each kind: a decision on a complaint or a denunciation, an answer to the others. */
const outcomesOf = (kind: CaseRecord["kind"]) => (kind === "complaint" || kind === "denunciation" ? ["upheld", "partly_upheld", "not_upheld"] : ["answered"]);

interface Applied {
  readonly changes: Partial<CaseRecord>;
  readonly data?: Record<string, unknown>;
}

async function apply(action: ActionName, rawBody: unknown, record: CaseRecord, at: string, deps: ActionDeps): Promise<Applied> {
  const facts: DeadlineFacts = record;
  const { effectiveAt: _e, ...data } = rawBody as ActionBody<ActionName> & Record<string, unknown>;
  switch (action) {
    case "classify": {
      const body = rawBody as ActionBody<"classify">;
      const unit = deps.units ? await deps.units.find(body.unitId) : { remoteArea: false };
      if (!unit) throw new BusinessRuleError(`There is no unit ${body.unitId}.`, [{ path: "unitId", message: "is not a unit in the registry" }]);
      const classified: DeadlineFacts = {
        ...facts,
        kind: body.kind ?? record.kind,
        ...(body.complexity && { complexity: body.complexity }),
        ...(body.round && { round: body.round }),
        remoteArea: body.remoteArea ?? unit.remoteArea,
      };
      // A case reclassified as another kind may have another processing period.
      return { changes: { ...classified, unitId: body.unitId, deadlines: computeDeadlines(classified, deps.deadlines, { asOf: at }) }, data };
    }
    case "accept": {
      if (!record.unitId) throw new BusinessRuleError("Classify the case to a unit before accepting it.", [{ path: "unitId", message: "classify the case first" }]);
      const { facts: next, deadlines } = acceptCase(facts, { at }, deps.deadlines);
      return { changes: { ...next, deadlines }, data: { ...data, ...(deadlines.resolution && { resolutionDueAt: deadlines.resolution.dueAt }) } };
    }
    case "extend": {
      const body = rawBody as ActionBody<"extend">;
      const { facts: next, deadlines } = extendCase(facts, { days: body.days, at }, deps.deadlines);
      return { changes: { ...next, deadlines }, data: { ...data, resolutionDueAt: deadlines.resolution?.dueAt } };
    }
    case "suspend": {
      const { facts: next, deadlines } = suspendCase(facts, { at }, deps.deadlines);
      return { changes: { ...next, deadlines }, data };
    }
    case "resume": {
      const { facts: next, deadlines } = resumeCase(facts, { at }, deps.deadlines);
      return { changes: { ...next, deadlines }, data: { ...data, resolutionDueAt: deadlines.resolution?.dueAt } };
    }
    case "resolve": {
      const body = rawBody as ActionBody<"resolve">;
      const allowed = outcomesOf(record.kind);
      if (!allowed.includes(body.outcome)) {
        throw new BusinessRuleError(`A ${record.kind} is resolved with one of: ${allowed.join(", ")}.`, [{ path: "outcome", message: `must be one of ${allowed.join(", ")}` }]);
      }
      return { changes: { decision: { action, ...data }, resolvedAt: at }, data };
    }
    case "transfer":
    case "guide":
    case "reject":
    case "archive":
    case "withdraw":
      return { changes: { decision: { action, ...data } }, data };
    case "close":
    case "note":
      return { changes: {}, ...(Object.keys(data).length > 0 && { data }) };
  }
}
