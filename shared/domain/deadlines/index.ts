// The legal deadline engine: policy as data, Civil Code counting on the Vietnamese working
// calendar, explained deadlines, the actions that move them, and the flags derived from them.
// schema.ts comes first: case.ts imports this index for deadlineSchema (see policy.ts).
export {
  deadlineSchema,
  caseDeadlinesSchema,
  explanationStepSchema,
  dayReasonSchema,
  type Deadline,
  type CaseDeadlines,
  type ExplanationStep,
} from "./schema.ts";
export {
  policySchema,
  periodRuleSchema,
  extensionLimitSchema,
  processingExtensionSchema,
  escalationStepSchema,
  flagThresholdsSchema,
  legalBasisSchema,
  stageSchema,
  complexitySchema,
  roundSchema,
  countUnitSchema,
  stages,
  complexities,
  parsePolicy,
  periodFor,
  extensionLimitFor,
  processingExtensionFor,
  formatBasis,
  type Policy,
  type PeriodRule,
  type ExtensionLimit,
  type LegalBasis,
  type Stage,
  type Complexity,
  type Round,
  type CountUnit,
} from "./policy.ts";
export { defaultPolicy, defaultPolicyInput } from "./default-policy.ts";
export {
  deadlineFactsSchema,
  extensionFactSchema,
  suspensionFactSchema,
  processingDeadline,
  resolutionDeadline,
  computeDeadlines,
  checkExtension,
  acceptCase,
  extendCase,
  suspendCase,
  resumeCase,
  recomputeDeadlines,
  localDateOf,
  type DeadlineContext,
  type DeadlineFacts,
  type ExtensionFact,
  type SuspensionFact,
  type ProcessingInput,
  type ResolutionInput,
  type ComputeOptions,
  type DeadlineChange,
  type Recomputed,
} from "./deadlines.ts";
export { deriveFlags, flagSchema, type Flag, type DerivedFlags } from "./flags.ts";
export { defaultDeadlineContext } from "./context.ts";
export { countDeadline, type CountInput } from "./count.ts";
