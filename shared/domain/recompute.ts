// After a calendar or policy change: an open case's deadlines computed again under the new context; a case
// whose deadlines move gets a `deadlines_recomputed` event naming the job, written with the case in one
// transaction. The job that walks every open case, page by page, is jobs.ts.
import type { CaseRecord } from "./case.ts";
import { appendEvent, type Appended } from "./events.ts";
import { recomputeDeadlines, type DeadlineContext, type Recomputed } from "./deadlines/index.ts";
import { StaleVersionError, type CaseRepository, type Clock } from "./ports.ts";
import { isOpen } from "./vocabulary.ts";

/** Why a case is recomputed: the change, who asked for it, and the job that does it. */
export interface RecomputeCause {
  readonly reason: string;
  readonly requestedBy: string;
  readonly jobId: string;
}

export interface RecomputeDeps {
  readonly cases: CaseRepository;
  readonly clock: Clock;
  /** The new context: the calendar and policy in force when the job's run started. */
  readonly deadlines: DeadlineContext;
}

const ATTEMPTS = 5;
const CONCURRENCY = 8;

/**
 * The deadlines the case would have under `ctx`. An open suspension's deadline is computed as of the
 * day it was last computed (see deadlineSchema), so a suspension alone never counts as a change; and a
 * case already recomputed under `ctx` does not move again, which makes re-running a page harmless.
 */
export function recomputeCase(record: CaseRecord, ctx: DeadlineContext): Recomputed {
  const asOf = record.deadlines.resolution?.suspended?.asOf;
  return recomputeDeadlines(record, ctx, asOf ? { asOf: `${asOf}T12:00:00+07:00` } : {});
}

/** The case with its new deadlines and the event recording why they moved; undefined when nothing moves. */
export function recomputedCase(record: CaseRecord, ctx: DeadlineContext, cause: RecomputeCause, now: Date): Appended | undefined {
  if (!isOpen(record.status)) return undefined;
  const result = recomputeCase(record, ctx);
  if (!result.changed) return undefined;
  return appendEvent(
    record,
    {
      type: "deadlines_recomputed",
      at: now.toISOString(),
      actor: { kind: "system" },
      data: { reason: cause.reason, changes: result.changes.map((c) => ({ ...c })), requestedBy: cause.requestedBy, jobId: cause.jobId },
      changes: { deadlines: result.deadlines },
    },
    now,
  );
}

/** Whether this job already recorded a recompute on the case (a run before this one wrote it). */
async function recomputedByJob(caseId: string, jobId: string, cases: CaseRepository): Promise<boolean> {
  const stored = await cases.get(caseId);
  return (stored?.events ?? []).some((e) => e.type === "deadlines_recomputed" && e.data?.jobId === jobId);
}

/**
 * Recomputes one case, retrying on a concurrent change; whether this job moved its deadlines. A case that
 * does not move is looked up in its events when another writer may have moved it for this job: on a page
 * a run before this one may have half done (`recheck`), or after losing a race for the case.
 */
async function recomputeOne(caseId: string, cause: RecomputeCause, recheck: boolean, deps: RecomputeDeps): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const record = await deps.cases.getRecord(caseId);
    if (!record) return false;
    const change = recomputedCase(record, deps.deadlines, cause, deps.clock.now());
    if (!change) return (recheck || attempt > 1) && isOpen(record.status) ? recomputedByJob(caseId, cause.jobId, deps.cases) : false;
    try {
      await deps.cases.update(change.next, change.event, record.version);
      return true;
    } catch (err) {
      if (err instanceof StaleVersionError && attempt < ATTEMPTS) continue;
      throw err;
    }
  }
}

/** One page of open cases, a few at a time: how many of them this job moved. Every case is tried before the first failure is thrown. */
export async function recomputePage(caseIds: readonly string[], cause: RecomputeCause, recheck: boolean, deps: RecomputeDeps): Promise<number> {
  let moved = 0;
  for (let i = 0; i < caseIds.length; i += CONCURRENCY) {
    const settled = await Promise.allSettled(caseIds.slice(i, i + CONCURRENCY).map((id) => recomputeOne(id, cause, recheck, deps)));
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    for (const s of settled) if (s.status === "fulfilled" && s.value) moved++;
  }
  return moved;
}
