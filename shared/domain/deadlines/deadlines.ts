// The deadlines of a case's stages, from its deadline-relevant facts; and the pure actions that
// change those facts (accept, extend either stage, suspend, resume) returning the new facts and deadlines.
import { z } from "zod";
import { caseKindSchema, caseStatusSchema, type CaseKind, instantSchema, singleLineText } from "../vocabulary.ts";
import { BusinessRuleError, ConflictError } from "../errors.ts";
import { localDayOfInstant, formatLocalDate, type EpochDay } from "../calendar/local-date.ts";
import { countDeadline } from "./count.ts";
import {
  complexitySchema,
  extensionLimitFor,
  periodFor,
  processingExtensionFor,
  roundSchema,
  type Complexity,
  type Policy,
  type Round,
} from "./policy.ts";
import type { Calendar } from "../calendar/calendar.ts";
import type { CaseDeadlines, Deadline } from "./schema.ts";

export interface DeadlineContext {
  readonly policy: Policy;
  readonly calendar: Calendar;
}

const instant = instantSchema;
/** The number of the written decision (extensions and suspensions are decided in writing). */
export const decisionRefSchema = singleLineText(1, 200).trim();

export const extensionFactSchema = z.object({ days: z.number().int().min(1).max(365), at: instant, decisionRef: decisionRefSchema.optional() });
export type ExtensionFact = z.infer<typeof extensionFactSchema>;
export const suspensionFactSchema = z.object({ from: instant, to: instant.optional(), decisionRef: decisionRefSchema.optional() });
export type SuspensionFact = z.infer<typeof suspensionFactSchema>;

/** What the deadlines of a case depend on. */
export const deadlineFactsSchema = z.object({
  kind: caseKindSchema,
  anonymous: z.boolean(),
  status: caseStatusSchema,
  receivedAt: instant,
  /** The processing period has been extended to the policy's longer one (a denunciation: 7 → 10 working days). */
  processingExtended: z.boolean().optional(),
  /** When that extension was decided, and by which decision: what its explanation names. */
  processingExtension: z.object({ at: instant, decisionRef: decisionRefSchema.optional() }).optional(),
  round: roundSchema.optional(),
  complexity: complexitySchema.optional(),
  remoteArea: z.boolean().optional(),
  /** When acceptance (thụ lý) took effect; the resolution period runs from its local date. */
  acceptedAt: instant.optional(),
  extensions: z.array(extensionFactSchema).optional(),
  suspensions: z.array(suspensionFactSchema).optional(),
  /** How many times the same sender has filed the same matter (this filing included). */
  filingCount: z.number().int().min(1).optional(),
});
export type DeadlineFacts = z.infer<typeof deadlineFactsSchema>;

export interface ComputeOptions {
  /** For an open suspension: the day the paused deadline is computed as of (see deadlineSchema). */
  readonly asOf?: string | Date;
}

// ---- stage deadlines ----

export type ProcessingInput = Pick<DeadlineFacts, "kind" | "anonymous" | "receivedAt" | "processingExtended" | "processingExtension">;

/** The processing deadline from receipt; undefined for anonymous denunciations (no statutory deadline). */
export function processingDeadline(c: ProcessingInput, ctx: DeadlineContext): Deadline | undefined {
  if (c.kind === "denunciation" && c.anonymous) return undefined;
  const rule = periodFor(ctx.policy, "processing", { kind: c.kind });
  const ext = c.processingExtended ? processingExtensionFor(ctx.policy, c.kind) : undefined;
  const eventDay = localDayOfInstant(c.receivedAt);
  const extraDays = ext ? ext.extendedDays - rule.days : 0;
  return countDeadline(
    {
      stage: "processing",
      event: "received",
      at: new Date(c.receivedAt).toISOString(),
      eventDay,
      days: rule.days,
      unit: rule.unit,
      basis: rule.basis,
      extensions:
        ext && extraDays > 0
          ? [
              {
                days: extraDays,
                basis: ext.basis,
                extendedTo: ext.extendedDays,
                ...(c.processingExtension && { day: localDayOfInstant(c.processingExtension.at), decisionRef: c.processingExtension.decisionRef }),
              },
            ]
          : [],
      suspensions: [],
    },
    ctx.calendar,
  );
}

export interface ResolutionInput {
  kind: CaseKind;
  anonymous?: boolean;
  acceptedAt: string;
  round?: Round;
  complexity?: Complexity;
  remoteArea?: boolean;
  extensions?: readonly ExtensionFact[];
  suspensions?: readonly SuspensionFact[];
}

/** The resolution deadline from the acceptance's effective date; undefined for anonymous denunciations. */
export function resolutionDeadline(c: ResolutionInput, ctx: DeadlineContext, opts: ComputeOptions = {}): Deadline | undefined {
  if (c.kind === "denunciation" && c.anonymous) return undefined;
  const complexity = c.complexity ?? "normal";
  const rule = periodFor(ctx.policy, "resolution", { kind: c.kind, round: c.round ?? 1, complexity, remoteArea: c.remoteArea ?? false });
  const extBasis = extensionLimitFor(ctx.policy, c.kind, complexity)?.basis ?? rule.basis;
  return countDeadline(
    {
      stage: "resolution",
      event: "accepted",
      at: new Date(c.acceptedAt).toISOString(),
      eventDay: localDayOfInstant(c.acceptedAt),
      days: rule.days,
      unit: rule.unit,
      basis: rule.basis,
      extensions: (c.extensions ?? []).map((e) => ({ days: e.days, day: localDayOfInstant(e.at), basis: extBasis, decisionRef: e.decisionRef })),
      suspensions: (c.suspensions ?? []).map((s) => ({
        from: localDayOfInstant(s.from),
        ...(s.to !== undefined && { to: localDayOfInstant(s.to) }),
        decisionRef: s.decisionRef,
      })),
      ...(opts.asOf !== undefined && { asOf: localDayOfInstant(opts.asOf) }),
    },
    ctx.calendar,
  );
}

/** Every stage's deadline: processing from receipt and, once accepted, resolution. */
export function computeDeadlines(facts: DeadlineFacts, ctx: DeadlineContext, opts: ComputeOptions = {}): CaseDeadlines {
  const processing = processingDeadline(facts, ctx);
  const resolution = facts.acceptedAt === undefined ? undefined : resolutionDeadline({ ...facts, acceptedAt: facts.acceptedAt }, ctx, opts);
  return { ...(processing && { processing }), ...(resolution && { resolution }) };
}

// ---- rules ----

/** A refused extension: 422 with the rule's stable code on the field it concerns. */
const refuse = (detail: string, path: string, message: string, code: string) => new BusinessRuleError(detail, [{ path, message, code }]);

/**
 * Refuses (BusinessRuleError, 422) an extension of the resolution period the policy does not allow: a
 * kind or complexity with no extension, one more than the allowed count, more days than allowed each
 * time, or one decided after the resolution deadline has passed.
 */
export function checkExtension(
  c: Omit<ResolutionInput, "acceptedAt"> & { acceptedAt?: string },
  extension: { days: number; at: string },
  ctx: DeadlineContext,
): void {
  const complexity = c.complexity ?? "normal";
  if (!Number.isInteger(extension.days) || extension.days < 1) {
    throw refuse("An extension is a whole number of days, at least 1.", "days", "must be a whole number ≥ 1", "extension_days");
  }
  const limit = extensionLimitFor(ctx.policy, c.kind, complexity);
  if (!limit) {
    throw refuse(`The policy allows no extension for a ${complexity.replace("_", " ")} ${c.kind}.`, "days", `no extension allowed for ${c.kind} (${complexity})`, "extension_not_allowed");
  }
  const used = c.extensions?.length ?? 0;
  if (used >= limit.maxCount) {
    throw refuse(
      `A ${complexity.replace("_", " ")} ${c.kind} may be extended at most ${limit.maxCount} time(s) (${limit.basis.en}); it has been extended ${used} time(s).`,
      "days",
      `at most ${limit.maxCount} extension(s)`,
      "extension_limit_reached",
    );
  }
  if (extension.days > limit.maxDaysEach) {
    throw refuse(`An extension may be at most ${limit.maxDaysEach} days (${limit.basis.en}).`, "days", `must be at most ${limit.maxDaysEach}`, "extension_too_long");
  }
  // The resolution period runs from acceptance; a case the state machine lets be extended has been accepted.
  if (c.acceptedAt === undefined) throw new Error("an extension of a case without an acceptance date");
  const current = resolutionDeadline({ ...c, acceptedAt: c.acceptedAt }, ctx, { asOf: extension.at });
  if (current && !current.suspended && Date.parse(extension.at) > Date.parse(current.dueAt)) {
    throw refuse(
      `An extension must be decided before the resolution deadline (${current.dueDate}) passes.`,
      "effectiveAt",
      `must be on or before ${current.dueDate}`,
      "extension_after_deadline",
    );
  }
}

/** Whether the policy still lets this case's processing period be extended (the console offers it only then). */
export const mayExtendProcessing = (c: ProcessingInput, policy: Policy): boolean =>
  !(c.kind === "denunciation" && c.anonymous) && !c.processingExtended && processingExtensionFor(policy, c.kind) !== undefined;

/**
 * Refuses (422) an extension of the processing period the policy does not allow: a kind without one
 * (only a denunciation's 7 working days may become 10, Law on Denunciations 2018 art. 24), an anonymous
 * denunciation (no statutory deadline to extend), a second time, other days than the policy's, or one
 * decided after the processing deadline has passed.
 */
export function checkProcessingExtension(c: ProcessingInput, extension: { days: number; at: string }, ctx: DeadlineContext): void {
  const ext = processingExtensionFor(ctx.policy, c.kind);
  if (!ext) throw refuse(`The policy allows no extension of the processing period of a ${c.kind}.`, "stage", `no processing extension for a ${c.kind}`, "processing_extension_not_allowed");
  if (c.kind === "denunciation" && c.anonymous) {
    throw refuse("An anonymous denunciation has no processing deadline to extend.", "stage", "an anonymous denunciation has no deadline", "processing_extension_no_deadline");
  }
  if (c.processingExtended) {
    throw refuse(`The processing period has already been extended to ${ext.extendedDays} days; it may be extended once.`, "stage", "already extended once", "processing_extension_used");
  }
  const period = periodFor(ctx.policy, "processing", { kind: c.kind });
  const extra = ext.extendedDays - period.days;
  if (extension.days !== extra) {
    throw refuse(
      `The processing period of a ${c.kind} is extended once, from ${period.days} to ${ext.extendedDays} days: ${extra} more (${ext.basis.en}).`,
      "days",
      `must be ${extra}`,
      "processing_extension_days",
    );
  }
  const current = processingDeadline(c, ctx);
  if (current && Date.parse(extension.at) > Date.parse(current.dueAt)) {
    throw refuse(
      `An extension must be decided before the processing deadline (${current.dueDate}) passes.`,
      "effectiveAt",
      `must be on or before ${current.dueDate}`,
      "extension_after_deadline",
    );
  }
}

// ---- actions ----

export interface DeadlineChange {
  readonly facts: DeadlineFacts;
  readonly deadlines: CaseDeadlines;
}

const notBefore = (at: string, earlier: string | undefined, what: string) => {
  if (earlier !== undefined && Date.parse(at) < Date.parse(earlier)) {
    throw new BusinessRuleError(`The effective time must not be before ${what} (${earlier}).`, [{ path: "effectiveAt", message: `must not be before ${what}`, code: "effective_too_early" }]);
  }
};
const openSuspension = (f: DeadlineFacts) => (f.suspensions ?? []).find((s) => s.to === undefined);

/** What a decision taken in writing carries: when it took effect, and its number. */
interface Decided {
  readonly at: string;
  readonly decisionRef?: string | undefined;
}
const refOf = (d: Decided) => (d.decisionRef === undefined ? {} : { decisionRef: d.decisionRef });

// Which states each action may be taken in is the state machine's (workflow.ts): these change only the facts.

/** Acceptance (thụ lý): the resolution period starts from its effective date. */
export function acceptCase(facts: DeadlineFacts, a: { at: string }, ctx: DeadlineContext): DeadlineChange {
  notBefore(a.at, facts.receivedAt, "the receipt");
  const next: DeadlineFacts = { ...facts, acceptedAt: a.at, extensions: [], suspensions: [] };
  return { facts: next, deadlines: computeDeadlines(next, ctx, { asOf: a.at }) };
}

/** Extends the resolution period by `days`, within the policy's limits. */
export function extendCase(facts: DeadlineFacts, e: Decided & { days: number }, ctx: DeadlineContext): DeadlineChange {
  notBefore(e.at, facts.acceptedAt, "the acceptance");
  checkExtension(facts, e, ctx);
  const next: DeadlineFacts = { ...facts, extensions: [...(facts.extensions ?? []), { days: e.days, at: e.at, ...refOf(e) }] };
  return { facts: next, deadlines: computeDeadlines(next, ctx, { asOf: e.at }) };
}

/** Extends the processing period once, to the policy's longer period (a denunciation: 7 → 10 working days). */
export function extendProcessing(facts: DeadlineFacts, e: Decided & { days: number }, ctx: DeadlineContext): DeadlineChange {
  notBefore(e.at, facts.receivedAt, "the receipt");
  checkProcessingExtension(facts, e, ctx);
  const next: DeadlineFacts = { ...facts, processingExtended: true, processingExtension: { at: e.at, ...refOf(e) } };
  return { facts: next, deadlines: computeDeadlines(next, ctx, { asOf: e.at }) };
}

export function suspendCase(facts: DeadlineFacts, s: Decided, ctx: DeadlineContext): DeadlineChange {
  if (openSuspension(facts)) throw new ConflictError("The case is already suspended.", undefined, { code: "already_suspended" });
  notBefore(s.at, facts.acceptedAt, "the acceptance");
  const last = (facts.suspensions ?? []).at(-1);
  notBefore(s.at, last?.to, "the last resumption");
  const next: DeadlineFacts = { ...facts, suspensions: [...(facts.suspensions ?? []), { from: s.at, ...refOf(s) }] };
  return { facts: next, deadlines: computeDeadlines(next, ctx, { asOf: s.at }) };
}

export function resumeCase(facts: DeadlineFacts, r: { at: string }, ctx: DeadlineContext): DeadlineChange {
  const open = openSuspension(facts);
  if (!open) throw new ConflictError("The case is not suspended.", undefined, { code: "not_suspended" });
  notBefore(r.at, open.from, "the suspension");
  const next: DeadlineFacts = { ...facts, suspensions: (facts.suspensions ?? []).map((s) => (s === open ? { ...s, to: r.at } : s)) };
  return { facts: next, deadlines: computeDeadlines(next, ctx, { asOf: r.at }) };
}

// ---- recompute ----

export interface Recomputed {
  readonly deadlines: CaseDeadlines;
  /** True when a stage's due date, basis or suspension state differs from `facts.deadlines`. */
  readonly changed: boolean;
  readonly changes: readonly { readonly stage: "processing" | "resolution"; readonly from?: string; readonly to?: string }[];
}

/** Recomputes a case's deadlines after a calendar or policy change, telling what moved. */
export function recomputeDeadlines(
  facts: DeadlineFacts & { deadlines?: CaseDeadlines },
  ctx: DeadlineContext,
  opts: ComputeOptions = {},
): Recomputed {
  const deadlines = computeDeadlines(facts, ctx, opts);
  const changes: { stage: "processing" | "resolution"; from?: string; to?: string }[] = [];
  for (const stage of ["processing", "resolution"] as const) {
    const before = facts.deadlines?.[stage];
    const after = deadlines[stage];
    if (
      before?.dueAt !== after?.dueAt ||
      before?.basis !== after?.basis ||
      before?.suspended?.since !== after?.suspended?.since
    ) {
      changes.push({ stage, ...(before && { from: before.dueAt }), ...(after && { to: after.dueAt }) });
    }
  }
  return { deadlines, changed: changes.length > 0, changes };
}

export const localDateOf = (at: string | Date): string => formatLocalDate(localDayOfInstant(at));
export type { EpochDay };
