// The deadline policy as data: periods per stage and case variant, units of count, extension
// limits, the flag thresholds and the escalation ladder, each with its legal basis. Versioned and
// editable by admin; `parsePolicy` refuses a bad policy whole, with field errors.
import { z } from "zod";
import { caseKinds, caseKindSchema, type CaseKind } from "../vocabulary.ts";
import { ValidationError, type FieldError } from "../errors.ts";
import { localDateSchema } from "../calendar/adjustments.ts";

export const stages = ["processing", "resolution"] as const;
export const stageSchema = z.enum(stages);
export type Stage = z.infer<typeof stageSchema>;

export const complexities = ["normal", "complex", "very_complex"] as const;
export const complexitySchema = z.enum(complexities);
export type Complexity = z.infer<typeof complexitySchema>;

export const roundSchema = z.union([z.literal(1), z.literal(2)]);
export type Round = z.infer<typeof roundSchema>;

export const countUnitSchema = z.enum(["calendar", "working"]);
export type CountUnit = z.infer<typeof countUnitSchema>;

/** A legal citation in Vietnamese with its English gloss. */
export const legalBasisSchema = z
  .object({ vi: z.string().trim().min(3).max(300), en: z.string().trim().min(3).max(300) })
  .strict();
export type LegalBasis = z.infer<typeof legalBasisSchema>;

const kindsSchema = z.array(caseKindSchema).min(1);

export const periodRuleSchema = z
  .object({
    stage: stageSchema,
    kinds: kindsSchema,
    /** Selectors: absent means "any". The most specific matching rule applies. */
    rounds: z.array(roundSchema).min(1).optional(),
    complexities: z.array(complexitySchema).min(1).optional(),
    remoteArea: z.boolean().optional(),
    days: z.number().int().min(1).max(365),
    unit: countUnitSchema,
    basis: legalBasisSchema,
  })
  .strict();
export type PeriodRule = z.infer<typeof periodRuleSchema>;

export const extensionLimitSchema = z
  .object({
    kinds: kindsSchema,
    complexities: z.array(complexitySchema).min(1).optional(),
    maxCount: z.number().int().min(0).max(10),
    maxDaysEach: z.number().int().min(1).max(365),
    basis: legalBasisSchema,
  })
  .strict();
export type ExtensionLimit = z.infer<typeof extensionLimitSchema>;

export const processingExtensionSchema = z
  .object({
    kinds: kindsSchema,
    /** The whole processing period once extended, in the processing period's unit. */
    extendedDays: z.number().int().min(1).max(365),
    basis: legalBasisSchema,
  })
  .strict();

export const escalationStepSchema = z
  .object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** The level is reached once the case is more than this many days past its deadline. */
    afterDaysOverdue: z.number().int().min(0).max(3650),
    notify: z.enum(["unit_head", "inspection_team", "province_leadership"]),
    basis: legalBasisSchema,
  })
  .strict();

export const flagThresholdsSchema = z
  .object({
    approachingWorkingDays: z.number().int().min(0).max(60),
    prolongedOverdueDays: z.number().int().min(1).max(3650),
    prolongedOpenDays: z.number().int().min(1).max(3650),
    prolongedRepeatFilings: z.number().int().min(2).max(100),
    basis: legalBasisSchema,
  })
  .strict();

export const policySchema = z
  .object({
    version: z.number().int().min(1),
    effectiveFrom: localDateSchema,
    periods: z.array(periodRuleSchema).min(1).max(200),
    processingExtensions: z.array(processingExtensionSchema).max(20),
    extensionLimits: z.array(extensionLimitSchema).max(50),
    flags: flagThresholdsSchema,
    escalation: z.array(escalationStepSchema).length(3),
  })
  .strict()
  .superRefine((p, ctx) => {
    // Every variant of every stage and kind must have exactly one most specific period.
    for (const stage of stages) {
      for (const kind of caseKinds) {
        for (const round of [1, 2] as const) {
          for (const complexity of complexities) {
            for (const remoteArea of [false, true]) {
              const best = bestMatches(p.periods, { stage, kind, round, complexity, remoteArea });
              const variant = `${stage}/${kind}/round ${round}/${complexity}${remoteArea ? "/remote" : ""}`;
              if (best.length === 0) {
                ctx.addIssue({ code: "custom", path: ["periods"], message: `no period applies to ${variant}` });
                return;
              }
              if (best.length > 1) {
                ctx.addIssue({
                  code: "custom",
                  path: ["periods", best[1] as number],
                  message: `is as specific as periods.${best[0]} for ${variant}: make one of them more specific`,
                });
                return;
              }
            }
          }
        }
      }
    }
    for (const kind of caseKinds) {
      for (const complexity of complexities) {
        const best = bestMatches(p.extensionLimits, { kind, complexity });
        if (best.length > 1) {
          ctx.addIssue({ code: "custom", path: ["extensionLimits", best[1] as number], message: `overlaps extensionLimits.${best[0]} for ${kind}/${complexity}` });
          return;
        }
      }
      const ext = p.processingExtensions.flatMap((e, i) => (e.kinds.includes(kind) ? [i] : []));
      if (ext.length > 1) ctx.addIssue({ code: "custom", path: ["processingExtensions", ext[1] as number], message: `a second processing extension for ${kind}` });
    }
    p.escalation.forEach((step, i) => {
      if (step.level !== i + 1) ctx.addIssue({ code: "custom", path: ["escalation", i, "level"], message: `must be ${i + 1}: levels are listed in order` });
      const prev = p.escalation[i - 1];
      if (prev && step.afterDaysOverdue <= prev.afterDaysOverdue) {
        ctx.addIssue({ code: "custom", path: ["escalation", i, "afterDaysOverdue"], message: `must be greater than level ${i}'s ${prev.afterDaysOverdue}` });
      }
    });
  });
export type Policy = z.infer<typeof policySchema>;

interface Selectable {
  stage?: Stage;
  kinds: readonly CaseKind[];
  rounds?: readonly Round[];
  complexities?: readonly Complexity[];
  remoteArea?: boolean;
}
interface Variant {
  stage?: Stage;
  kind: CaseKind;
  round?: Round;
  complexity?: Complexity;
  remoteArea?: boolean;
}

/** Indexes of the most specific rules matching a variant (more than one means ambiguous). */
function bestMatches(rules: readonly Selectable[], v: Variant): number[] {
  let best: number[] = [];
  let bestScore = -1;
  rules.forEach((r, i) => {
    if (v.stage !== undefined && r.stage !== undefined && r.stage !== v.stage) return;
    if (!r.kinds.includes(v.kind)) return;
    if (r.rounds && (v.round === undefined || !r.rounds.includes(v.round))) return;
    if (r.complexities && (v.complexity === undefined || !r.complexities.includes(v.complexity))) return;
    if (r.remoteArea !== undefined && r.remoteArea !== (v.remoteArea ?? false)) return;
    const score = (r.rounds ? 1 : 0) + (r.complexities ? 1 : 0) + (r.remoteArea !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = [i];
      bestScore = score;
    } else if (score === bestScore) best.push(i);
  });
  return best;
}

export interface PeriodQuery {
  kind: CaseKind;
  round?: Round;
  complexity?: Complexity;
  remoteArea?: boolean;
}

/** The period that applies; a parsed policy always has exactly one. */
export function periodFor(policy: Policy, stage: Stage, q: PeriodQuery): PeriodRule {
  const [i] = bestMatches(policy.periods, { stage, round: 1, complexity: "normal", remoteArea: false, ...q });
  const rule = i === undefined ? undefined : policy.periods[i];
  if (!rule) throw new Error(`policy v${policy.version} has no ${stage} period for ${q.kind}`);
  return rule;
}

/** The extension limit that applies, or undefined when the policy allows no extension. */
export function extensionLimitFor(policy: Policy, kind: CaseKind, complexity: Complexity): ExtensionLimit | undefined {
  const [i] = bestMatches(policy.extensionLimits, { kind, complexity });
  const limit = i === undefined ? undefined : policy.extensionLimits[i];
  return limit && limit.maxCount > 0 ? limit : undefined;
}

export const processingExtensionFor = (policy: Policy, kind: CaseKind) => policy.processingExtensions.find((e) => e.kinds.includes(kind));

export const formatBasis = (b: LegalBasis): string => `${b.vi} (${b.en})`;

/** Parses a policy, refusing it whole: throws ValidationError with every field error. */
export function parsePolicy(input: unknown): Policy {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(errors, "The deadline policy is invalid.");
  }
  return parsed.data;
}
