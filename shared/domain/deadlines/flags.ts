// Flags and escalation, derived from the dates at read time (DOMAIN.md "Flags and escalation"),
// so a listing is right before the scheduled sweep runs.
import { z } from "zod";
import { localDayOfInstant, parseLocalDate } from "../calendar/local-date.ts";
import { computeDeadlines, type DeadlineContext, type DeadlineFacts } from "./deadlines.ts";
import type { Stage } from "./policy.ts";
import type { Deadline } from "./schema.ts";

export const flagSchema = z.enum(["approaching", "overdue", "prolonged"]);
export type Flag = z.infer<typeof flagSchema>;

export interface DerivedFlags {
  readonly flags: Flag[];
  /** 0 none; 1 at the deadline (unit head); 2 seven days later (inspection team); 3 thirty days later (province). */
  readonly escalationLevel: 0 | 1 | 2 | 3;
  /** Whole local days since the due date (1 on the first day after it); 0 when not overdue. */
  readonly daysOverdue: number;
  /** The current stage and its deadline, when the case is open and the stage has one. */
  readonly stage?: Stage;
  readonly deadline?: Deadline;
  /** Working days left, today included, until the due date; undefined when overdue or none. */
  readonly workingDaysLeft?: number;
}

const currentStage = (f: DeadlineFacts): Stage | undefined =>
  f.status === "received" ? "processing" : f.status === "in_progress" ? "resolution" : undefined;

/**
 * The flags of a case at `now`: approaching (≤ N working days left, today included), overdue (the
 * current stage's deadline has passed), prolonged (more than N days overdue, open more than N days,
 * or the Nth filing of the same matter). A suspended stage is neither approaching nor overdue.
 */
export function deriveFlags(facts: DeadlineFacts, now: string | Date, ctx: DeadlineContext): DerivedFlags {
  const stage = currentStage(facts);
  if (!stage) return { flags: [], escalationLevel: 0, daysOverdue: 0 };
  const t = ctx.policy.flags;
  const today = localDayOfInstant(now);
  const flags = new Set<Flag>();
  let daysOverdue = 0;
  let escalationLevel: 0 | 1 | 2 | 3 = 0;
  let workingDaysLeft: number | undefined;

  const deadline = computeDeadlines(facts, ctx, { asOf: now })[stage];
  if (deadline && !deadline.suspended) {
    const due = parseLocalDate(deadline.dueDate);
    if (today > due) {
      flags.add("overdue");
      daysOverdue = today - due;
      for (const step of ctx.policy.escalation) if (daysOverdue > step.afterDaysOverdue) escalationLevel = step.level;
      if (daysOverdue > t.prolongedOverdueDays) flags.add("prolonged");
    } else {
      workingDaysLeft = 0;
      for (let d = today; d <= due && workingDaysLeft <= t.approachingWorkingDays; d++) if (ctx.calendar.codeOf(d) === 0) workingDaysLeft++;
      if (workingDaysLeft <= t.approachingWorkingDays) flags.add("approaching");
    }
  }
  if (today - localDayOfInstant(facts.receivedAt) > t.prolongedOpenDays) flags.add("prolonged");
  if ((facts.filingCount ?? 1) >= t.prolongedRepeatFilings) flags.add("prolonged");

  const ordered = flagSchema.options.filter((f) => flags.has(f));
  return {
    flags: ordered,
    escalationLevel,
    daysOverdue,
    stage,
    ...(deadline && { deadline }),
    ...(workingDaysLeft !== undefined && { workingDaysLeft }),
  };
}
