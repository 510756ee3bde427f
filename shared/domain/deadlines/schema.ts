// The explained deadline: when a stage is due, on what legal basis, and the structured steps and
// sentences (vi, en) that show why.
import { z } from "zod";

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const instant = z.iso.datetime();
const unit = z.enum(["calendar", "working"]);

export const dayReasonSchema = z.object({ code: z.string(), vi: z.string(), en: z.string() });

export const explanationStepSchema = z.discriminatedUnion("type", [
  /** The event the period runs from; day 1 is the next local day (Civil Code 2015, art. 147). */
  z.object({ type: z.literal("start"), event: z.enum(["received", "accepted"]), at: instant, date: localDate, firstDay: localDate }),
  z.object({ type: z.literal("period"), days: z.number().int(), unit, basis: z.string() }),
  z.object({ type: z.literal("extension"), days: z.number().int(), unit, date: localDate, ordinal: z.number().int(), basis: z.string() }),
  /** Paused dates [from, to) added to the period; `to` absent while the suspension is open. */
  z.object({
    type: z.literal("suspension"),
    from: localDate,
    to: localDate.optional(),
    days: z.number().int(),
    open: z.boolean(),
  }),
  /** A non-working day not counted in a working-day period. */
  z.object({ type: z.literal("skipped"), date: localDate, reason: dayReasonSchema }),
  /** The last day of the period as counted, before any rollover. */
  z.object({ type: z.literal("lastDay"), date: localDate, counted: z.number().int() }),
  /** A calendar-day period ending on a non-working day ends on the next working day (art. 148). */
  z.object({
    type: z.literal("rollover"),
    from: localDate,
    to: localDate,
    skipped: z.array(z.object({ date: localDate, reason: dayReasonSchema })),
  }),
  z.object({ type: z.literal("due"), dueDate: localDate, dueAt: instant }),
]);
export type ExplanationStep = z.infer<typeof explanationStepSchema>;

export const deadlineSchema = z.object({
  /** The end of the last day, 23:59:59.999 Asia/Ho_Chi_Minh, as an ISO UTC instant. */
  dueAt: instant,
  /** The last day, a local date. */
  dueDate: localDate,
  basis: z.string(),
  /**
   * Present while a suspension is open: the deadline is then indefinite, and dueAt/dueDate are
   * the earliest it can be (as if the case resumed the day after `asOf`, the day it was computed
   * for). No approaching/overdue flag is raised while suspended.
   */
  suspended: z.object({ since: localDate, asOf: localDate }).optional(),
  explanation: z.object({
    steps: z.array(explanationStepSchema),
    vi: z.string(),
    en: z.string(),
  }),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const caseDeadlinesSchema = z.object({
  processing: deadlineSchema.optional(),
  resolution: deadlineSchema.optional(),
});
export type CaseDeadlines = z.infer<typeof caseDeadlinesSchema>;
