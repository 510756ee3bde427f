// The case state machine: one map from each action to its body, the states it may be taken in, its
// next state, its roles, its event and its effect.
import { z } from "zod";
import { roleSets } from "./access.ts";
import type { CaseRecord } from "./case.ts";
import {
  acceptCase,
  complexitySchema,
  computeDeadlines,
  decisionRefSchema,
  extendCase,
  extendProcessing,
  extensionLimitFor,
  mayExtendProcessing,
  resumeCase,
  roundSchema,
  stageSchema,
  suspendCase,
  type DeadlineChange,
  type DeadlineContext,
  type DeadlineFacts,
  type Stage,
} from "./deadlines/index.ts";
import { BusinessRuleError, parse } from "./errors.ts";
import { duplicateFacts } from "./filings.ts";
import type { FilingIndex } from "./ports.ts";
import type { CaseChanges } from "./events.ts";
import { caseKindSchema, caseStatuses, multiLineText, openStatuses, singleLineText, unitIdSchema, type CaseEventType, type CaseStatus, type Role } from "./vocabulary.ts";

export const actionNames = [
  "classify", "accept", "transfer", "guide", "reject", "archive",
  "extend", "suspend", "resume", "resolve", "close", "withdraw", "note",
] as const;
export const actionNameSchema = z.enum(actionNames);
export type ActionName = z.infer<typeof actionNameSchema>;

const decide = roleSets.processing;
const work = roleSets.resolution;

const reason = singleLineText(3, 2000).trim();
const text = multiLineText(1, 4000).trim();
const unitId = unitIdSchema;

/** Every body may carry `effectiveAt`: when it happened on paper. */
const base = { effectiveAt: z.iso.datetime({ offset: true }).optional() };

/** The unit registry, as classification consults it. */
interface UnitRegistry {
  find(unitId: string): Promise<{ remoteArea: boolean } | undefined>;
}

/** What an effect may consult besides the case. */
export interface EffectDeps {
  readonly deadlines: DeadlineContext;
  /** Whether a unit exists in the registry, and whether it is a remote area; without it every unit exists and none is remote. */
  readonly units?: UnitRegistry;
  /** The sender's filings, for an archive as a duplicate (filings.ts). */
  readonly filings: FilingIndex;
}

/** The action taken on the case as read, when it takes effect. */
interface Taken {
  readonly action: ActionName;
  readonly record: CaseRecord;
  readonly at: string;
  readonly deps: EffectDeps;
}

interface EffectInput<B> extends Taken {
  /** The body as the action's schema read it. */
  readonly body: B;
  /** The body's fields but `effectiveAt`: what the event records the action carried. */
  readonly data: Record<string, unknown>;
}

/** What an action changes on the case (its status is the state machine's `to`), and what its event records. */
interface Effect {
  readonly changes: CaseChanges;
  readonly data?: Record<string, unknown>;
}

type BodySchema = z.ZodType<{ effectiveAt?: string | undefined }>;

/** Where an action may be taken and by whom. */
export interface Gate {
  /** The states the action may be taken in. */
  readonly from: readonly CaseStatus[];
  readonly roles: readonly Role[];
  /**
   * Whether the policy lets this case take it at all (the console offers only those, and a 409 lists
   * only those); without it, every case in those states may.
   */
  readonly offered?: (record: CaseRecord, ctx: DeadlineContext) => boolean;
}

/** For an action whose body names the stage it acts on (extend): a gate per stage. */
interface StagedGates<B> {
  readonly stageOf: (body: B) => Stage;
  readonly stages: Readonly<Record<Stage, Gate>>;
}

interface ActionCore<S extends BodySchema> {
  readonly schema: S;
  /** The next state; without it the case keeps its state. */
  readonly to?: CaseStatus;
  /** The type of the event that records it. */
  readonly event: CaseEventType;
  readonly effect: (input: EffectInput<z.output<S>>) => Effect | Promise<Effect>;
}

/** An action as the map writes it: its core, and one gate or a gate per stage. */
type ActionSpec<S extends BodySchema> = ActionCore<S> & (Gate | StagedGates<z.output<S>>);

/** An action whose body has been read by its schema, ready to take effect. */
interface PreparedAction {
  readonly effectiveAt?: string | undefined;
  /** Where and by whom this body's action may be taken. */
  readonly gate: Gate;
  /** The stage the body names, for an action with a gate per stage. */
  readonly stage?: Stage;
  readonly takeEffect: (taken: Taken) => Promise<Effect>;
}

interface ActionDefinition<S extends BodySchema> extends ActionCore<S> {
  /** Every gate of the action: one, or one per stage. */
  readonly gates: readonly Gate[];
  /** Reads a body with the action's schema (a 400 naming each bad field), binding it to its gate and its effect. */
  readonly prepare: (raw: unknown) => PreparedAction;
}

const define = <S extends BodySchema>(spec: ActionSpec<S>): ActionDefinition<S> => {
  const where: Gate | StagedGates<z.output<S>> = spec;
  const gating =
    "stages" in where
      ? { gates: Object.values(where.stages), gateOf: (body: z.output<S>) => ({ gate: where.stages[where.stageOf(body)], stage: where.stageOf(body) }) }
      : { gates: [where], gateOf: () => ({ gate: where }) };
  return {
    schema: spec.schema,
    ...(spec.to && { to: spec.to }),
    event: spec.event,
    effect: spec.effect,
    gates: gating.gates,
    prepare: (raw) => {
      const body = parse(spec.schema, raw);
      const data = Object.fromEntries(Object.entries(body).filter(([key]) => key !== "effectiveAt"));
      return { effectiveAt: body.effectiveAt, ...gating.gateOf(body), takeEffect: async (taken) => spec.effect({ ...taken, body, data }) };
    },
  };
};

/** The decision is the case's answer: a transfer, guidance, rejection, archive or withdrawal records what it said. */
const decision = ({ action, data }: EffectInput<unknown>): Effect => ({ changes: { decision: { action, ...data } }, data });
/** Nothing changes but the timeline; an empty body leaves the event without data. */
const timelineOnly = ({ data }: EffectInput<unknown>): Effect => ({ changes: {}, ...(Object.keys(data).length > 0 && { data }) });
const withDeadlines = ({ facts, deadlines }: DeadlineChange): CaseChanges => ({ ...facts, deadlines });

/** Whether the policy allows this accepted case one more extension of its resolution period. */
const mayExtendResolution = (record: CaseRecord, ctx: DeadlineContext): boolean => {
  const limit = extensionLimitFor(ctx.policy, record.kind, record.complexity ?? "normal");
  return limit !== undefined && (record.extensions?.length ?? 0) < limit.maxCount;
};

/** Outcomes the law gives each kind: a decision on a complaint or a denunciation, an answer to the others. */
const outcomesOf = (kind: CaseRecord["kind"]) => (kind === "complaint" || kind === "denunciation" ? ["upheld", "partly_upheld", "not_upheld"] : ["answered"]);

/**
 * The state machine: each action's body, the states it may be taken in, its next state, who may take
 * it, the event that records it and what it changes. Reception classifies and decides on received
 * cases; a handler works its unit's cases; admin may do all; inspectors read and add notes (API.md
 * "Who may act").
 */
export const actions = {
  classify: define({
    schema: z.object({ ...base, kind: caseKindSchema.optional(), unitId, complexity: complexitySchema.optional(), remoteArea: z.boolean().optional(), round: roundSchema.optional() }).strict(),
    from: ["received"],
    roles: decide,
    event: "classified",
    effect: async ({ body, data, record, at, deps }) => {
      const unit = deps.units ? await deps.units.find(body.unitId) : { remoteArea: false };
      if (!unit) throw new BusinessRuleError(`There is no unit ${body.unitId}.`, [{ path: "unitId", message: "is not a unit in the registry", code: "unknown_unit" }]);
      const kind = body.kind ?? record.kind;
      const classified: DeadlineFacts = {
        ...record,
        kind,
        // A denunciation without its sender's identity is anonymous information, whatever it was filed as.
        anonymous: kind === "denunciation" && !record.submitter && !record.sealedSubmitter,
        ...(body.complexity && { complexity: body.complexity }),
        ...(body.round && { round: body.round }),
        remoteArea: body.remoteArea ?? unit.remoteArea,
      };
      // A case reclassified as another kind may have another processing period.
      return { changes: { ...classified, unitId: body.unitId, deadlines: computeDeadlines(classified, deps.deadlines, { asOf: at }) }, data };
    },
  }),
  accept: define({
    schema: z.object({ ...base, note: text.optional() }).strict(),
    from: ["received"],
    to: "in_progress",
    roles: decide,
    event: "accepted",
    effect: ({ data, record, at, deps }) => {
      if (!record.unitId) throw new BusinessRuleError("Classify the case to a unit before accepting it.", [{ path: "unitId", message: "classify the case first", code: "unit_required" }]);
      const change = acceptCase(record, { at }, deps.deadlines);
      const dueAt = change.deadlines.resolution?.dueAt;
      return { changes: withDeadlines(change), data: { ...data, ...(dueAt && { resolutionDueAt: dueAt }) } };
    },
  }),
  transfer: define({
    schema: z
      .object({ ...base, reason, toUnitId: unitId.optional(), toAgency: singleLineText(2, 300).trim().optional() })
      .strict()
      .refine((b) => b.toUnitId || b.toAgency, { path: ["toUnitId"], message: "name the unit or the agency the case goes to" }),
    from: ["received"],
    to: "transferred",
    roles: decide,
    event: "transferred",
    effect: decision,
  }),
  guide: define({ schema: z.object({ ...base, reason }).strict(), from: ["received"], to: "guided", roles: decide, event: "guided", effect: decision }),
  reject: define({ schema: z.object({ ...base, reason }).strict(), from: ["received"], to: "rejected", roles: decide, event: "rejected", effect: decision }),
  archive: define({
    schema: z.object({ ...base, reason, duplicateOf: z.uuid().optional() }).strict(),
    from: ["received"],
    to: "archived",
    roles: decide,
    event: "archived",
    effect: async (input) => {
      const decided = decision(input);
      if (!input.body.duplicateOf) return decided;
      // A duplicate is a filing of the matter of the case it duplicates: later filings count it.
      const { matterOf, filingCount } = await duplicateFacts(input.record, input.body.duplicateOf, input.deps.filings);
      return { changes: { ...decided.changes, matterOf, filingCount }, data: { ...decided.data, filingCount } };
    },
  }),
  extend: define({
    schema: z
      .object({ ...base, days: z.number().int().min(1).max(365), reason, decisionRef: decisionRefSchema, stage: stageSchema.default("resolution") })
      .strict(),
    // A received denunciation's processing (reception decides it: Law on Denunciations 2018, art. 24), or an accepted case's resolution.
    stageOf: (body) => body.stage,
    stages: {
      processing: { from: ["received"], roles: decide, offered: (record, ctx) => mayExtendProcessing(record, ctx.policy) },
      resolution: { from: ["in_progress"], roles: work, offered: (record, ctx) => mayExtendResolution(record, ctx) },
    },
    event: "extended",
    effect: ({ body, data, record, at, deps }) => {
      const decided = { days: body.days, at, decisionRef: body.decisionRef };
      if (body.stage === "processing") {
        const change = extendProcessing(record, decided, deps.deadlines);
        return { changes: withDeadlines(change), data: { ...data, processingDueAt: change.deadlines.processing?.dueAt } };
      }
      const change = extendCase(record, decided, deps.deadlines);
      return { changes: withDeadlines(change), data: { ...data, resolutionDueAt: change.deadlines.resolution?.dueAt } };
    },
  }),
  suspend: define({
    schema: z.object({ ...base, reason, decisionRef: decisionRefSchema }).strict(),
    from: ["in_progress"],
    roles: work,
    event: "suspended",
    effect: ({ body, data, record, at, deps }) => ({ changes: withDeadlines(suspendCase(record, { at, decisionRef: body.decisionRef }, deps.deadlines)), data }),
  }),
  resume: define({
    schema: z.object({ ...base }).strict(),
    from: ["in_progress"],
    roles: work,
    event: "resumed",
    effect: ({ data, record, at, deps }) => {
      const change = resumeCase(record, { at }, deps.deadlines);
      return { changes: withDeadlines(change), data: { ...data, resolutionDueAt: change.deadlines.resolution?.dueAt } };
    },
  }),
  resolve: define({
    schema: z
      .object({ ...base, outcome: z.enum(["upheld", "partly_upheld", "not_upheld", "answered"]), decisionRef: decisionRefSchema, summary: text })
      .strict(),
    from: ["in_progress"],
    to: "resolved",
    roles: work,
    event: "resolved",
    effect: (input) => {
      const { body, record, at, deps } = input;
      const allowed = outcomesOf(record.kind);
      if (!allowed.includes(body.outcome)) {
        throw new BusinessRuleError(`A ${record.kind} is resolved with one of: ${allowed.join(", ")}.`, [{ path: "outcome", message: `must be one of ${allowed.join(", ")}`, code: "outcome_not_allowed" }]);
      }
      const decided = decision(input);
      // The deadlines as of the resolution, which is judged on time or late against them: a paused one counts its pause to this day.
      return { ...decided, changes: { ...decided.changes, resolvedAt: at, deadlines: computeDeadlines(record, deps.deadlines, { asOf: at }) } };
    },
  }),
  close: define({ schema: z.object({ ...base }).strict(), from: ["resolved"], to: "closed", roles: work, event: "closed", effect: timelineOnly }),
  withdraw: define({
    schema: z.object({ ...base, reason }).strict(),
    from: openStatuses,
    to: "withdrawn",
    roles: roleSets.withdrawal,
    event: "withdrawn",
    effect: decision,
  }),
  note: define({ schema: z.object({ ...base, text }).strict(), from: caseStatuses, roles: roleSets.staff, event: "note", effect: timelineOnly }),
} satisfies { readonly [A in ActionName]: ActionDefinition<BodySchema> };

/** Each action's body schema, by action name (the OpenAPI document reads them). */
export const actionBodySchemas: Readonly<Record<ActionName, BodySchema>> = {
  classify: actions.classify.schema,
  accept: actions.accept.schema,
  transfer: actions.transfer.schema,
  guide: actions.guide.schema,
  reject: actions.reject.schema,
  archive: actions.archive.schema,
  extend: actions.extend.schema,
  suspend: actions.suspend.schema,
  resume: actions.resume.schema,
  resolve: actions.resolve.schema,
  close: actions.close.schema,
  withdraw: actions.withdraw.schema,
  note: actions.note.schema,
};

const gatesOf = (action: ActionName): readonly Gate[] => actions[action].gates;
const opens = (gate: Gate, status: CaseStatus, role: Role) => gate.from.includes(status) && gate.roles.includes(role);

export const mayEverDo = (role: Role, action: ActionName): boolean => gatesOf(action).some((g) => g.roles.includes(role));

/** The actions this role may take on a case in this state, in the map's order (what the map allows, whatever the policy). */
export const allowedActions = (status: CaseStatus, role: Role): ActionName[] =>
  actionNames.filter((a) => gatesOf(a).some((g) => opens(g, status, role)));

/** The actions this role may take on this case now: what the map allows in its state and the policy lets it take. */
export const offeredActions = (record: CaseRecord, role: Role, ctx: DeadlineContext): ActionName[] =>
  actionNames.filter((a) => gatesOf(a).some((g) => opens(g, record.status, role) && (g.offered?.(record, ctx) ?? true)));

export const nextStatus = (status: CaseStatus, action: ActionName): CaseStatus => actions[action].to ?? status;
