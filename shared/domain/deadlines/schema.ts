// The explained deadline: when a stage is due, on what legal basis, whether it is paused or
// provisional, and the structured steps and sentences (vi, en) that let a clerk check it by hand.
import { z } from "zod";
import { instantSchema } from "../vocabulary.ts";

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const instant = instantSchema;
const unit = z.enum(["calendar", "working"]);

export const dayReasonSchema = z.object({ code: z.string(), vi: z.string(), en: z.string() });
/** A legal citation in Vietnamese and in English: a page shows the one of its language. */
const basisText = z.object({ vi: z.string(), en: z.string() });

export const explanationStepSchema = z.discriminatedUnion("type", [
  /** The event the period runs from; day 1 is the next local day (Civil Code 2015, art. 147). */
  z.object({ type: z.literal("start"), event: z.enum(["received", "accepted"]), at: instant, date: localDate, firstDay: localDate }),
  z.object({ type: z.literal("period"), days: z.number().int(), unit, basis: basisText }),
  /**
   * Days added by a decision to extend: the processing period of a denunciation (once, to its
   * longer period) or the resolution period (each extension in order). `date` is when it was decided.
   */
  z.object({
    type: z.literal("extension"),
    stage: z.enum(["processing", "resolution"]),
    days: z.number().int(),
    unit,
    date: localDate.optional(),
    ordinal: z.number().int(),
    /** The processing period once extended, in its unit. */
    extendedTo: z.number().int().optional(),
    decisionRef: z.string().optional(),
    basis: basisText,
  }),
  /**
   * Paused dates [from, to) added to the period, counted in its unit; `to` absent while the suspension
   * is open, then `asOf` is the last paused date counted so far.
   */
  z.object({
    type: z.literal("suspension"),
    from: localDate,
    to: localDate.optional(),
    asOf: localDate.optional(),
    days: z.number().int(),
    unit,
    open: z.boolean(),
    decisionRef: z.string().optional(),
  }),
  /** A non-working day not counted in a working-day period, in date order. */
  z.object({ type: z.literal("skipped"), date: localDate, reason: dayReasonSchema }),
  /** A day off by default that the official calendar makes a working day, where it counts. */
  z.object({ type: z.literal("declaredWorking"), date: localDate, reason: dayReasonSchema }),
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
  /** While suspended: the days used before the pause and the days left when the case resumes. */
  z.object({ type: z.literal("paused"), since: localDate, daysUsed: z.number().int(), daysLeft: z.number().int(), unit }),
  /** The counted span crosses years whose days off are the computed default, not official data. */
  z.object({ type: z.literal("provisional"), years: z.array(z.number().int()) }),
]);
export type ExplanationStep = z.infer<typeof explanationStepSchema>;

export const explanationSchema = z.object({
  steps: z.array(explanationStepSchema),
  vi: z.string(),
  en: z.string(),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const deadlineSchema = z.object({
  /** The end of the last day, 23:59:59.999 Asia/Ho_Chi_Minh, as an ISO UTC instant. */
  dueAt: instant,
  /** The last day, a local date. */
  dueDate: localDate,
  basis: z.string(),
  /**
   * Present while a suspension is open: the deadline is paused. `daysUsed` of the period were used
   * before `since`; `daysLeft` remain when the case resumes, counted in the period's `unit`. dueAt and
   * dueDate are the earliest the deadline can be: as if the case resumed the day after `asOf`, the day
   * it was computed for. No approaching or overdue flag is raised while paused.
   */
  suspended: z
    .object({ since: localDate, asOf: localDate, daysUsed: z.number().int().min(0), daysLeft: z.number().int().min(0), unit })
    .optional(),
  /** True when the deadline depends on a year without official calendar data: it may still move. */
  provisional: z.boolean().optional(),
  explanation: explanationSchema,
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const caseDeadlinesSchema = z.object({
  processing: deadlineSchema.optional(),
  resolution: deadlineSchema.optional(),
});
export type CaseDeadlines = z.infer<typeof caseDeadlinesSchema>;
