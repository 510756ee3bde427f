// The case state machine: one table of state × action × role → next state, and each action's body.
import { z } from "zod";
import { roleSets } from "./access.ts";
import { caseKindSchema, caseStatuses, openStatuses, unitIdPattern, type CaseStatus, type Role } from "./vocabulary.ts";
import { complexitySchema, roundSchema } from "./deadlines/index.ts";

export const actionNames = [
  "classify", "accept", "transfer", "guide", "reject", "archive",
  "extend", "suspend", "resume", "resolve", "close", "withdraw", "note",
] as const;
export const actionNameSchema = z.enum(actionNames);
export type ActionName = z.infer<typeof actionNameSchema>;

interface Transition {
  readonly from: readonly CaseStatus[];
  /** The next state; `undefined` keeps the current one. */
  readonly to?: CaseStatus;
  readonly roles: readonly Role[];
}

const decide = roleSets.processing;
const work = roleSets.resolution;
const everyOpen = openStatuses;
const everyState = caseStatuses;

/**
 * Reception classifies and decides on received cases; a handler works its unit's cases; admin may do
 * all; inspectors read and add notes (API.md "Who may act").
 */
export const transitions: Readonly<Record<ActionName, Transition>> = {
  classify: { from: ["received"], roles: decide },
  accept: { from: ["received"], to: "in_progress", roles: decide },
  transfer: { from: ["received"], to: "transferred", roles: decide },
  guide: { from: ["received"], to: "guided", roles: decide },
  reject: { from: ["received"], to: "rejected", roles: decide },
  archive: { from: ["received"], to: "archived", roles: decide },
  extend: { from: ["in_progress"], roles: work },
  suspend: { from: ["in_progress"], roles: work },
  resume: { from: ["in_progress"], roles: work },
  resolve: { from: ["in_progress"], to: "resolved", roles: work },
  close: { from: ["resolved"], to: "closed", roles: work },
  withdraw: { from: everyOpen, to: "withdrawn", roles: roleSets.withdrawal },
  note: { from: everyState, roles: roleSets.staff },
};

export const mayEverDo = (role: Role, action: ActionName): boolean => transitions[action].roles.includes(role);

/** The actions this role may take on a case in this state, in the table's order. */
export const allowedActions = (status: CaseStatus, role: Role): ActionName[] =>
  actionNames.filter((a) => transitions[a].from.includes(status) && transitions[a].roles.includes(role));

export const nextStatus = (status: CaseStatus, action: ActionName): CaseStatus => transitions[action].to ?? status;

const reason = z.string().trim().min(3, "must be at least 3 characters").max(2000);
const text = z.string().trim().min(1).max(4000);
const unitId = z.string().regex(unitIdPattern, "must be a unit id such as so-tn-mt");

/** Every body may carry `effectiveAt`: when it happened on paper. */
const base = { effectiveAt: z.iso.datetime({ offset: true }).optional() };

export const actionBodySchemas = {
  classify: z.object({ ...base, kind: caseKindSchema.optional(), unitId, complexity: complexitySchema.optional(), remoteArea: z.boolean().optional(), round: roundSchema.optional() }).strict(),
  accept: z.object({ ...base, note: text.optional() }).strict(),
  transfer: z
    .object({ ...base, reason, toUnitId: unitId.optional(), toAgency: z.string().trim().min(2).max(300).optional() })
    .strict()
    .refine((b) => b.toUnitId || b.toAgency, { path: ["toUnitId"], message: "name the unit or the agency the case goes to" }),
  guide: z.object({ ...base, reason }).strict(),
  reject: z.object({ ...base, reason }).strict(),
  archive: z.object({ ...base, reason, duplicateOf: z.uuid().optional() }).strict(),
  extend: z.object({ ...base, days: z.number().int().min(1).max(365), reason }).strict(),
  suspend: z.object({ ...base, reason }).strict(),
  resume: z.object({ ...base }).strict(),
  resolve: z
    .object({ ...base, outcome: z.enum(["upheld", "partly_upheld", "not_upheld", "answered"]), decisionRef: z.string().trim().min(1).max(200), summary: text })
    .strict(),
  close: z.object({ ...base }).strict(),
  withdraw: z.object({ ...base, reason }).strict(),
  note: z.object({ ...base, text }).strict(),
} satisfies Record<ActionName, z.ZodType>;

export type ActionBody<A extends ActionName> = z.infer<(typeof actionBodySchemas)[A]>;
