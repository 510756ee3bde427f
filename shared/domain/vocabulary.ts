// The words every part of the domain shares: kinds of case, their statuses, the events of their
// timeline, staff roles and unit ids. Imports nothing of the domain, so any module may import it
// without a cycle.
import { z } from "zod";

export const caseKinds = ["complaint", "denunciation", "petition", "reflection"] as const;
export const caseKindSchema = z.enum(caseKinds);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const caseStatuses = [
  "received",
  "in_progress",
  "transferred",
  "guided",
  "rejected",
  "archived",
  "resolved",
  "closed",
  "withdrawn",
] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Statuses in which a case still waits for the administration. */
export const openStatuses: readonly CaseStatus[] = ["received", "in_progress"];
export const isOpen = (status: CaseStatus): boolean => openStatuses.includes(status);

/** Staff roles; each is a Cognito group of the same name. */
export const roles = ["reception", "handler", "inspector", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleSchema = z.enum(roles);

/** A unit id: lowercase letters, digits and hyphens, as in the unit registry (`so-tn-mt`). */
export const unitIdPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const unitIdSchema = z.string().regex(unitIdPattern, "must be a unit id: lowercase letters, digits and hyphens, e.g. so-tn-mt");

/** An instant: an ISO-8601 UTC string (API.md). */
export const instantSchema = z.iso.datetime();

/** The escalation ladder's levels: 0 (none yet), 1 the unit's head, 2 the inspection team, 3 the leadership report. */
export const escalationLevelSchema = z.number().int().min(0).max(3);

/**
 * What can happen to a case: the closed list of its events' types. Each staff action records its own
 * (workflow.ts); `received` opens the chain; the others are recorded by the reveal, the sweep and the
 * recompute.
 */
export const caseEventTypes = [
  "received",
  "classified",
  "accepted",
  "transferred",
  "guided",
  "rejected",
  "archived",
  "extended",
  "suspended",
  "resumed",
  "resolved",
  "closed",
  "withdrawn",
  "note",
  "identity_revealed",
  "escalated",
  "deadlines_recomputed",
] as const;
export const caseEventTypeSchema = z.enum(caseEventTypes);
export type CaseEventType = z.infer<typeof caseEventTypeSchema>;
