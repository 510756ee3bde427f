// The local gateway's JWT authorizer: verifies a bearer against cognito-local's keys as API Gateway's does against Cognito's.
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { VerifyToken } from "../gateway/auth.ts";

export interface CognitoPoolRef {
  /** cognito-local's endpoint, no trailing slash. */
  readonly endpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
}

/** As Cognito: the issuer is the endpoint followed by the pool id, and the keys sit under it. */
export const issuerOf = (pool: CognitoPoolRef): string => `${pool.endpoint}/${pool.userPoolId}`;
export const jwksUrlOf = (pool: CognitoPoolRef): URL => new URL(`${issuerOf(pool)}/.well-known/jwks.json`);

/**
 * Accepts only the pool's ID tokens for this client: RS256 with a key from the pool's JWKS, `iss` the pool,
 * `aud` the client, `token_use` "id", not expired (no leeway). API Gateway would also let an access token through
 * (`client_id` instead of `aud`); staff pages send the ID token, and shared/http/auth.ts refuses the rest anyway.
 */
export function cognitoVerifier(pool: CognitoPoolRef, keys: JWTVerifyGetKey = createRemoteJWKSet(jwksUrlOf(pool))): VerifyToken {
  const issuer = issuerOf(pool);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience: pool.clientId, algorithms: ["RS256"], requiredClaims: ["exp", "sub"] });
      return payload.token_use === "id" ? payload : undefined;
    } catch {
      // Any failure (signature, claims, expiry, unreachable keys) is the same answer: 401.
      return undefined;
    }
  };
}
