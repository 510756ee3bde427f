// The staff user pool, defined once: the CDK stack (infra/) and the local Cognito (local/auth/) both build it from here.
import { roles, type Role } from "#domain/vocabulary.ts";

/** Pool and app client names; locally they also find the pool again after a restart. */
export const staffPoolName = "don-thu-staff";
export const staffClientName = "don-thu-staff-pages";

/** One Cognito group per role, named exactly as the role: the JWT carries it in `cognito:groups`. */
export const staffGroups: readonly Role[] = roles;

/**
 * When a user is in several groups, the role that counts. It is also each group's Cognito `precedence`
 * (index: lower wins), so Cognito's own preferred group agrees with the handlers.
 */
export const rolePrecedence: readonly Role[] = ["admin", "inspector", "reception", "handler"];

/** Roles bound to one unit (the access policy's): a token without `custom:unitId` does not make such a user. */
export { unitBoundRoles } from "./domain/access.ts";

/** The custom attribute naming the staff member's unit. */
export const unitIdAttribute = {
  /** As declared in the pool schema (`CustomAttributes`), without the `custom:` prefix. */
  name: "unitId",
  /** As it appears in tokens and in the Admin* APIs. */
  claim: "custom:unitId",
  minLength: 2,
  maxLength: 64,
  /** An administrator moves staff between units; the users themselves never write it (see `clientWritableAttributes`). */
  mutable: true,
} as const;

/** A unit id: lowercase letters, digits and hyphens, as in the unit registry (`so-tn-mt`). */
export { unitIdPattern } from "./domain/vocabulary.ts";

/**
 * Attributes the app client may read (the ID token carries them) and write. The unit is readable but NOT
 * writable: otherwise a handler could move themself to another unit with their own access token.
 */
export const clientReadableAttributes: readonly string[] = ["email", "email_verified", "name", unitIdAttribute.claim];
export const clientWritableAttributes: readonly string[] = ["name"];

export const passwordPolicy = {
  minLength: 12,
  requireUppercase: true,
  requireLowercase: true,
  requireDigits: true,
  requireSymbols: true,
  /** For the temporary password an administrator gives a new staff member. */
  temporaryPasswordValidityDays: 3,
} as const;

/** Whether a password meets `passwordPolicy` (Cognito's own check; cognito-local does not enforce it). */
export function meetsPasswordPolicy(password: string): boolean {
  return (
    password.length >= passwordPolicy.minLength &&
    (!passwordPolicy.requireUppercase || /[A-Z]/.test(password)) &&
    (!passwordPolicy.requireLowercase || /[a-z]/.test(password)) &&
    (!passwordPolicy.requireDigits || /[0-9]/.test(password)) &&
    (!passwordPolicy.requireSymbols || /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/.test(password))
  );
}

/** Token lifetimes of the app client. Short ID tokens: a removed staff member's token stops working within the hour. */
export const tokenValidity = {
  idTokenMinutes: 60,
  accessTokenMinutes: 60,
  refreshTokenDays: 30,
} as const;

/** Sign-in flows of the app client (no client secret: the pages and tools are public clients). */
export const authFlows = { userPassword: true, userSrp: true } as const;

/** Sign-in is by user name, case-insensitively, as on Cognito with `signInCaseSensitive: false`. */
export const signInCaseSensitive = false;

// ——— Local only ———————————————————————————————————————————————————————————————————————————————
// Everything below exists only in the local runtime (cognito-local). The stack never creates these users.

export interface DemoUnit {
  readonly unitId: string;
  readonly name: string;
}

/** Units of the local demo staff. */
export const demoUnits: readonly DemoUnit[] = [
  { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường" },
  { unitId: "ubnd-huyen-an-phu", name: "UBND huyện An Phú" },
  { unitId: "ubnd-xa-vinh-hau", name: "UBND xã Vĩnh Hậu" },
];

export interface DemoStaff {
  readonly username: string;
  readonly role: Role;
  readonly unitId?: string;
}

/** LOCAL ONLY: the staff the local runtime creates in cognito-local. */
export const localDemoStaff: readonly DemoStaff[] = [
  { username: "reception1", role: "reception" },
  { username: "handler-so-tn-mt", role: "handler", unitId: "so-tn-mt" },
  { username: "handler-an-phu", role: "handler", unitId: "ubnd-huyen-an-phu" },
  { username: "handler-vinh-hau", role: "handler", unitId: "ubnd-xa-vinh-hau" },
  { username: "inspector1", role: "inspector" },
  { username: "admin1", role: "admin" },
];

/** LOCAL ONLY, public on purpose: the password of every local demo user. It meets `passwordPolicy`. Never used on AWS. */
export const localDemoPassword = "DonThu-Local-2026!";
