// The SLA sweep (DOMAIN.md "Flags and escalation"): for every open case whose current deadline has
// passed, record each escalation level it has reached and not yet recorded, and notify that level's
// audience, once. The decision is pure; the due cases come through a port that reads only them.
//
// Exactly once per level: a level L is recorded by one `escalated` event written in the same transaction
// as `escalationRecorded: L`, only if the case is still at the version read (CaseRepository.update). A
// case that jumps straight to level 3 gets three events, 1, 2 and 3, each with its own notice to its own
// audience. Its notices are claimed (a sent-marker per level, deadline and recipient) and sent BEFORE the
// level is recorded: a failed send records nothing and the next run tries again; a crash after the send
// finds the marker and records without sending twice; a racing sweep finds the marker and only records.
import { caseRecordSchema, type CaseRecord } from "./case.ts";
import { appendEvent, type Appended } from "./events.ts";
import { deriveFlags, type DeadlineContext } from "./deadlines/index.ts";
import type { Stage } from "./deadlines/policy.ts";
import {
  addressOf,
  citizenEmail,
  citizenMessage,
  describeError,
  sendOnce,
  staffEscalationMessage,
  type Audience,
  type EscalationNotice,
  type NotificationLedger,
  type Notifier,
  type StaffAddresses,
} from "./notifications.ts";
import { StaleVersionError, type CaseRepository, type Clock, type Sealer } from "./ports.ts";

export type Level = 1 | 2 | 3;

export interface EscalationDecision {
  /** The levels to record now, in order: from the one after `escalationRecorded` up to the level reached. */
  readonly levels: readonly Level[];
  readonly stage: Stage;
  readonly dueAt: string;
  readonly daysOverdue: number;
}

/** What the sweep should record for a case at `now`; undefined when there is nothing new. */
export function decideEscalation(record: CaseRecord, now: Date, ctx: DeadlineContext): EscalationDecision | undefined {
  const derived = deriveFlags(record, now, ctx);
  const recorded = record.escalationRecorded ?? 0;
  if (derived.escalationLevel <= recorded || !derived.stage || !derived.deadline) return undefined;
  const levels: Level[] = [];
  for (let level = recorded + 1; level <= derived.escalationLevel; level++) levels.push(level as Level);
  return { levels, stage: derived.stage, dueAt: derived.deadline.dueAt, daysOverdue: derived.daysOverdue };
}

/** The case after recording one level, and the event that records it, chained to the case's audit trail. */
export function escalated(record: CaseRecord, level: Level, decision: EscalationDecision, now: Date): Appended {
  const at = now.toISOString();
  return appendEvent(
    record,
    {
      type: "escalated",
      // It takes effect when the sweep sees it, never before the case's last event.
      at: at < record.lastAt ? record.lastAt : at,
      actor: { kind: "system" },
      data: { level, daysOverdue: decision.daysOverdue, stage: decision.stage, dueAt: decision.dueAt },
      changes: { escalationRecorded: level },
    },
    now,
  );
}

/** The audience of each level, from the policy's ladder. */
export const audienceOf = (level: Level, ctx: DeadlineContext): Audience => ctx.policy.escalation[level - 1]?.notify ?? "inspection_team";

/** The sent-marker of one level's notices: per deadline, so a new deadline escalates afresh. */
export const escalationMarker = (dueAt: string, level: Level): string => `ESC#${dueAt}#L${level}`;

// ---- the run ----

/** One Query's worth of due-case items, as stored (parsed per case, so one bad item fails one case only). */
export interface DuePage {
  readonly items: readonly Record<string, unknown>[];
}

/** Open cases whose clock runs and whose current deadline is before `now`: key-condition queries, never a Scan. */
export interface DueCaseSource {
  dueBefore(now: string): AsyncIterable<DuePage>;
}

export interface SweepDeps {
  readonly due: DueCaseSource;
  readonly cases: Pick<CaseRepository, "update" | "getRecord">;
  readonly clock: Clock;
  readonly deadlines: DeadlineContext;
  /** Without one (no sender configured), levels are still recorded and every notice is counted as skipped. */
  readonly notifier?: Notifier | undefined;
  readonly ledger: NotificationLedger;
  readonly addresses: StaffAddresses;
  /** Opens a denouncer's sealed contact to write to the denouncer's own address; without it, sealed cases get no citizen mail. */
  readonly sealer?: Sealer;
  readonly warn?: (message: string, detail: Record<string, unknown>) => void;
}

export interface SweepSummary {
  /** Always 0: the sweep never scans a table. */
  readonly scanned: 0;
  /** Key-condition queries issued (pages of the byDue index over every shard). */
  readonly queried: number;
  /** Due items read: open cases past their current deadline. */
  readonly due: number;
  /** Cases that got at least one new level. */
  readonly escalated: number;
  /** `escalated` events recorded (one per level). */
  readonly levelsRecorded: number;
  readonly notificationsSent: number;
  /** Notices with nowhere to go (no address configured, or a citizen without e-mail). */
  readonly notificationsSkipped: number;
  readonly failed: number;
  readonly failedCaseIds: readonly string[];
}

/** How many times a case is read again after another writer changed it under the sweep. */
const MAX_RACES = 3;

export async function runSweep(deps: SweepDeps): Promise<SweepSummary> {
  const now = deps.clock.now();
  const counts = { queried: 0, due: 0, escalated: 0, levelsRecorded: 0, notificationsSent: 0, notificationsSkipped: 0 };
  const failedCaseIds: string[] = [];
  for await (const page of deps.due.dueBefore(now.toISOString())) {
    counts.queried++;
    for (const item of page.items) {
      counts.due++;
      try {
        const outcome = await sweepCase(caseRecordSchema.parse(item), now, deps);
        counts.levelsRecorded += outcome.levels;
        counts.notificationsSent += outcome.sent;
        counts.notificationsSkipped += outcome.skipped;
        if (outcome.levels > 0) counts.escalated++;
      } catch (err) {
        const caseId = typeof item.caseId === "string" ? item.caseId : String(item.pk ?? "?");
        failedCaseIds.push(caseId);
        deps.warn?.("sweep: a case failed", { caseId, error: describeError(err) });
      }
    }
  }
  return { scanned: 0, ...counts, failed: failedCaseIds.length, failedCaseIds };
}

interface CaseOutcome {
  levels: number;
  sent: number;
  skipped: number;
}

async function sweepCase(first: CaseRecord, now: Date, deps: SweepDeps): Promise<CaseOutcome> {
  const outcome: CaseOutcome = { levels: 0, sent: 0, skipped: 0 };
  let record: CaseRecord | undefined = first;
  for (let race = 0; record && race <= MAX_RACES; race++) {
    const decision = decideEscalation(record, now, deps.deadlines);
    if (!decision) return outcome;
    try {
      for (const level of decision.levels) {
        await notifyLevel(record, level, decision, now, deps, outcome);
        const { next, event } = escalated(record, level, decision, now);
        await deps.cases.update(next, event, record.version);
        outcome.levels++;
        record = next;
      }
      return outcome;
    } catch (err) {
      // The index is read eventually consistent, and a staff action or another sweep may write first: read again, decide again.
      if (!(err instanceof StaleVersionError)) throw err;
      record = await deps.cases.getRecord(first.caseId);
    }
  }
  if (record) throw new Error(`the case kept changing under the sweep (${MAX_RACES + 1} tries)`);
  return outcome;
}

async function notifyLevel(record: CaseRecord, level: Level, decision: EscalationDecision, now: Date, deps: SweepDeps, outcome: CaseOutcome): Promise<void> {
  const at = now.toISOString();
  const key = escalationMarker(decision.dueAt, level);
  const audience = audienceOf(level, deps.deadlines);
  const notice: EscalationNotice = { level, audience, stage: decision.stage, dueAt: decision.dueAt, daysOverdue: decision.daysOverdue };
  const { notifier } = deps;
  if (!notifier) {
    outcome.skipped += level === 1 ? 2 : 1;
    return;
  }
  const send = { notifier, ledger: deps.ledger };
  const staffTo = addressOf(audience, record.unitId, deps.addresses);
  if (staffTo) {
    if ((await sendOnce(record.caseId, key, audience, staffEscalationMessage(record, notice, staffTo), at, send)) === "sent") outcome.sent++;
  } else {
    outcome.skipped++;
    deps.warn?.("sweep: no address configured for an escalation audience", { caseId: record.caseId, level, audience });
  }
  // The citizen hears once, when the case first runs late.
  if (level !== 1) return;
  const citizenTo = await citizenEmail(record, deps.sealer);
  if (!citizenTo) {
    outcome.skipped++;
    return;
  }
  const message = citizenMessage(record, { notice: "overdue", dueAt: decision.dueAt, stage: decision.stage }, citizenTo);
  if ((await sendOnce(record.caseId, key, "citizen", message, at, send)) === "sent") outcome.sent++;
}

/** Thrown at the end of a run in which some cases failed, after every other case was swept: the scheduler retries, then dead-letters. */
export class SweepIncompleteError extends Error {
  constructor(readonly summary: SweepSummary) {
    super(`the sweep failed on ${summary.failed} case(s): ${summary.failedCaseIds.slice(0, 20).join(", ")}${summary.failed > 20 ? ", …" : ""}`);
    this.name = "SweepIncompleteError";
  }
}
