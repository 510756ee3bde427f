// After a calendar or policy change: every open case's deadlines computed again; each case whose
// deadlines move gets a `deadlines_recomputed` event, written with the case in one transaction.
import type { CaseRecord } from "./case.ts";
import { appendEvent, type Appended } from "./events.ts";
import { recomputeDeadlines, type DeadlineContext, type Recomputed } from "./deadlines/index.ts";
import { StaleVersionError, type CaseRepository, type Clock } from "./ports.ts";
import type { Principal } from "./access.ts";
import { isOpen } from "./vocabulary.ts";
import { z } from "zod";

/** The ids of every open case (received, in_progress), read from an index: never a Scan. */
export interface OpenCaseSource {
  openCaseIds(): AsyncIterable<string>;
}

export interface RecomputeDeps {
  readonly cases: CaseRepository;
  readonly openCases: OpenCaseSource;
  readonly clock: Clock;
  /** The new context: the calendar and policy now in force. */
  readonly deadlines: DeadlineContext;
}

export const recomputeResultSchema = z.object({
  /** Open cases looked at. */
  recomputed: z.number().int(),
  /** Of those, the cases whose deadlines moved (each got an event). */
  changed: z.number().int(),
});
export type RecomputeResult = Readonly<z.infer<typeof recomputeResultSchema>>;

const ATTEMPTS = 5;
const CONCURRENCY = 8;

/**
 * The deadlines the case would have under `ctx`. An open suspension's deadline is computed as of the
 * day it was last computed (see deadlineSchema), so a suspension alone never counts as a change.
 */
export function recomputeCase(record: CaseRecord, ctx: DeadlineContext): Recomputed {
  const asOf = record.deadlines.resolution?.suspended?.asOf;
  return recomputeDeadlines(record, ctx, asOf ? { asOf: `${asOf}T12:00:00+07:00` } : {});
}

/** The case with its new deadlines and the event recording why they moved; undefined when nothing moves. */
export function recomputedCase(
  record: CaseRecord,
  ctx: DeadlineContext,
  reason: string,
  actor: Principal,
  now: Date,
): Appended | undefined {
  if (!isOpen(record.status)) return undefined;
  const result = recomputeCase(record, ctx);
  if (!result.changed) return undefined;
  return appendEvent(
    record,
    {
      type: "deadlines_recomputed",
      at: now.toISOString(),
      actor: { kind: "system" },
      data: { reason, changes: result.changes.map((c) => ({ ...c })), requestedBy: actor.userId },
      changes: { deadlines: result.deadlines },
    },
    now,
  );
}

/** Recomputes one case, retrying on a concurrent change; whether its deadlines moved. */
async function recomputeOne(caseId: string, reason: string, actor: Principal, deps: RecomputeDeps): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const record = await deps.cases.getRecord(caseId);
    if (!record) return false;
    const change = recomputedCase(record, deps.deadlines, reason, actor, deps.clock.now());
    if (!change) return false;
    try {
      await deps.cases.update(change.next, change.event, record.version);
      return true;
    } catch (err) {
      if (err instanceof StaleVersionError && attempt < ATTEMPTS) continue;
      throw err;
    }
  }
}

/**
 * Every open case, a few at a time. Done within the admin's request for now; at scale this belongs
 * in an asynchronous job (a queue fed from the byStatus index), with the PUT answering 202.
 */
export async function recomputeOpenCases(reason: string, actor: Principal, deps: RecomputeDeps): Promise<RecomputeResult> {
  let recomputed = 0;
  let changed = 0;
  let batch: Promise<boolean>[] = [];
  const settle = async () => {
    for (const moved of await Promise.all(batch)) if (moved) changed++;
    batch = [];
  };
  for await (const caseId of deps.openCases.openCaseIds()) {
    recomputed++;
    batch.push(recomputeOne(caseId, reason, actor, deps));
    if (batch.length >= CONCURRENCY) await settle();
  }
  await settle();
  return { recomputed, changed };
}
