// Who calls a staff route: the principal read from the JWT authorizer's claims, and the route's roles checked.
//
// API Gateway (or the local gateway) has already verified the token's signature, issuer, audience and expiry; a
// handler trusts only `requestContext.authorizer.jwt.claims`, which arrive as strings: `cognito:groups` as
// `"[handler reception]"` (or, from some issuers, a JSON array string).
//
// 401: no claims, or claims that are not those of a Cognito ID token (no `sub`, no `cognito:username`,
//      `token_use` other than "id" — API Gateway also lets access tokens through, and they lack `custom:unitId`),
//      an unreadable groups claim, or a malformed unit id.
// 403: a genuine staff token whose user has no staff group, a handler without a unit (an account set up wrongly:
//      the person is known, they may just do nothing), or a role the route does not allow.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { z } from "zod";
import { principalSchema, unitBoundRoles, type Principal } from "#domain/access.ts";
import { ForbiddenError, UnauthorizedError } from "#domain/errors.ts";
import type { Role } from "#domain/vocabulary.ts";
import { rolePrecedence, unitIdAttribute, unitIdPattern } from "../staff-pool.ts";

export type { Principal };

const idTokenClaims = z.object({
  sub: z.string().min(1),
  "cognito:username": z.string().min(1),
  token_use: z.literal("id"),
  "cognito:groups": z.string().optional(),
  // Empty is how an attribute reads once an administrator has cleared it: no unit.
  [unitIdAttribute.claim]: z.string().regex(unitIdPattern).or(z.literal("")).optional(),
});

/** `"[a b]"` as API Gateway flattens a list, `'["a","b"]'` as JSON, or one bare group name; `undefined` if unreadable. */
export function parseGroups(raw: string | undefined): string[] | undefined {
  const text = (raw ?? "").trim();
  if (!text) return [];
  if (text.startsWith('["')) {
    try {
      const list: unknown = JSON.parse(text);
      return Array.isArray(list) && list.every((g) => typeof g === "string") ? list : undefined;
    } catch {
      return undefined;
    }
  }
  const inner = /^\[(.*)\]$/s.exec(text)?.[1] ?? text;
  const groups = inner.split(/[\s,]+/).filter(Boolean);
  return groups.every((g) => /^[\w+=.@-]+$/.test(g)) ? groups : undefined;
}

/** The single role among the groups: the first of `rolePrecedence` (admin > inspector > reception > handler) the user has. */
export function roleOf(groups: readonly string[]): Role | undefined {
  return rolePrecedence.find((role) => groups.includes(role));
}

export function principalFromClaims(claims: unknown): Principal {
  const parsed = idTokenClaims.safeParse(claims);
  if (!parsed.success) throw new UnauthorizedError("The token is not a valid staff ID token.", { code: "invalid_token" });
  const groups = parseGroups(parsed.data["cognito:groups"]);
  if (!groups) throw new UnauthorizedError("The token is not a valid staff ID token.", { code: "invalid_token" });
  const role = roleOf(groups);
  if (!role) throw new ForbiddenError("Your account has no staff role.", { code: "no_staff_role" });
  const unitId = parsed.data[unitIdAttribute.claim] || undefined;
  if (unitBoundRoles.includes(role) && !unitId) throw new ForbiddenError("Your account is not assigned to a unit.", { code: "no_unit" });
  return principalSchema.parse({ userId: parsed.data.sub, username: parsed.data["cognito:username"], role, ...(unitId && { unitId }) });
}

export function principalOf(event: APIGatewayProxyEventV2): Principal {
  const { authorizer } = event.requestContext as { authorizer?: { jwt?: { claims?: unknown } } };
  return principalFromClaims(authorizer?.jwt?.claims);
}

/** A staff route's check, built once at load from the roles it allows: the caller's principal, or 401/403. */
export function staffAuthorizer(allowed: readonly Role[]): (event: APIGatewayProxyEventV2) => Principal {
  return (event) => {
    const principal = principalOf(event);
    if (!allowed.includes(principal.role)) throw new ForbiddenError();
    return principal;
  };
}
