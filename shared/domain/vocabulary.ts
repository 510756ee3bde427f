// The words every part of the domain shares: kinds of case and their statuses. Imports nothing of
// the domain, so any module may import it without a cycle.
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
