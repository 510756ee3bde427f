// What API Gateway's JWT authorizer does in front of a staff route: a Bearer token, verified, its claims passed on.
import type { APIGatewayEventRequestContextJWTAuthorizer } from "aws-lambda";

export type TokenClaims = Readonly<Record<string, unknown>>;
/** Verifies a token; `undefined` rejects it. The Cognito-local verifier plugs in here. */
export type VerifyToken = (token: string) => TokenClaims | undefined | Promise<TokenClaims | undefined>;

/** Until a local token issuer exists, no token is good: staff routes answer 401. */
export const rejectEveryToken: VerifyToken = () => undefined;

export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

/**
 * Claims as API Gateway hands them to the function: every value a string, and a list flattened to
 * `[a b]` (so `cognito:groups` arrives as `"[handler reception]"`), which handlers must parse alike here and on AWS.
 */
export function apiGatewayClaims(claims: TokenClaims): Record<string, string> {
  const flat = (v: unknown): string =>
    Array.isArray(v) ? `[${v.map(flat).join(" ")}]` : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
  return Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, flat(v)]));
}

export function jwtAuthorizer(claims: TokenClaims): APIGatewayEventRequestContextJWTAuthorizer {
  return { jwt: { claims: apiGatewayClaims(claims), scopes: null } };
}
