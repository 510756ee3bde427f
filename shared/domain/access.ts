// Who may see and do what: the one principal type, which cases a principal sees, the scope of its
// lists, who may reveal an identity or administer, and the roles of each staff route. The state
// machine's roles (workflow.ts) and the route manifest's read them from here.
import { z } from "zod";
import type { CaseRecord, EventActor } from "./case.ts";
import { roles, roleSchema, unitIdPattern, type Role } from "./vocabulary.ts";

/** A staff member as the verified ID token names them (shared/http/auth.ts reads the claims). */
export const principalSchema = z
  .object({
    /** The Cognito `sub`: stable for the user's lifetime, what audit events record. */
    userId: z.string().min(1),
    /** The sign-in name (`cognito:username`), for display. */
    username: z.string().min(1),
    role: roleSchema,
    unitId: z.string().regex(unitIdPattern).optional(),
  })
  .strict();
export type Principal = z.infer<typeof principalSchema>;

/** What the policy reads of a principal to decide what it sees. */
export type Viewer = Pick<Principal, "role" | "unitId">;

/** How a principal's acts are recorded on a case's events. */
export const actorOf = (p: Principal): EventActor => ({ kind: "staff", userId: p.userId, username: p.username, role: p.role });

// ---- roles ----

/** Named sets of roles: each says who may do one kind of work. */
export const roleSets = {
  /** Everyone on staff. */
  staff: roles,
  /** Reception registers letters, classifies them and takes the processing decision; admin may too. */
  processing: ["reception", "admin"],
  /** A handler works an accepted case of its unit; admin may too. */
  resolution: ["handler", "admin"],
  /** A sender may withdraw through reception or the handler. */
  withdrawal: ["reception", "handler", "admin"],
  /** The inspection team reads the registers, reports and audit chains. */
  inspection: ["inspector", "admin"],
  /** A denouncer's identity is opened only for the case's handler or an inspector: not even admin. */
  identityReveal: ["handler", "inspector"],
  /** Units, calendar and policy. */
  administration: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

/** The roles allowed on each staff route of the manifest (shared/routes.ts), by route name. */
export const routeRoles = {
  ListStaffCases: roleSets.staff,
  RegisterCase: roleSets.processing,
  GetStaffCase: roleSets.staff,
  // Every role has some action; each action's own roles are the state machine's.
  StaffCaseAction: roleSets.staff,
  CaseAudit: roleSets.inspection,
  RevealIdentity: roleSets.identityReveal,
  // Open to all staff: the console shows unit names.
  ListUnits: roleSets.staff,
  PutUnits: roleSets.administration,
  GetCalendar: roleSets.administration,
  PutCalendar: roleSets.administration,
  GetPolicy: roleSets.administration,
  PutPolicy: roleSets.administration,
  InspectionOverdue: roleSets.inspection,
  InspectionReport: roleSets.inspection,
  ListFailedRecords: roleSets.administration,
  ReplayFailedRecord: roleSets.administration,
} as const satisfies Record<string, readonly Role[]>;
export type StaffRouteName = keyof typeof routeRoles;

const isIn = (set: readonly Role[], role: Role): boolean => set.includes(role);

export const mayRevealIdentity = (p: Viewer): boolean => isIn(roleSets.identityReveal, p.role);
export const mayAdminister = (p: Viewer): boolean => isIn(roleSets.administration, p.role);

// ---- what a principal sees ----

/** Roles bound to one unit: they see and work only its cases, and an account of one without a unit is refused. */
export const unitBoundRoles: readonly Role[] = ["handler"];

/** A unit-bound principal sees only its unit's cases (never one not yet assigned); everyone else on staff sees all. */
export const canSee = (viewer: Viewer, record: Pick<CaseRecord, "unitId">): boolean =>
  !isIn(unitBoundRoles, viewer.role) || (record.unitId !== undefined && record.unitId === viewer.unitId);

/** The cases a principal's lists may hold: all, one unit's, or none (a unit-bound account without a unit). */
export type ListScope = { readonly kind: "all" } | { readonly kind: "unit"; readonly unitId: string } | { readonly kind: "none" };

export function listScope(viewer: Viewer): ListScope {
  if (!isIn(unitBoundRoles, viewer.role)) return { kind: "all" };
  return viewer.unitId ? { kind: "unit", unitId: viewer.unitId } : { kind: "none" };
}

/**
 * The filters a viewer may apply: a unit-bound viewer's unit is forced. One asking for another unit
 * gets an empty list (undefined here), the same answer as for a unit with no case: no oracle, and no
 * 404 for a list.
 */
export function scopeFilters<F extends { unitId?: string | undefined }>(filters: F, viewer: Viewer): F | undefined {
  const scope = listScope(viewer);
  if (scope.kind === "all") return filters;
  if (scope.kind === "none" || (filters.unitId !== undefined && filters.unitId !== scope.unitId)) return undefined;
  return { ...filters, unitId: scope.unitId };
}
