// Fake staff tokens for tests that exercise handlers through the gateway: the token names a role,
// a unit and a user; the verifier turns it into the claims API Gateway's JWT authorizer would pass.
import type { VerifyToken } from "#local/gateway/auth.ts";
import type { Role } from "#routes";

export const staffToken = (role: Role, unitId?: string, user = `${role}-${unitId ?? "all"}`): string =>
  `test.${role}.${unitId ?? "-"}.${user}`;

export const fakeStaffVerifier: VerifyToken = (token) => {
  const [prefix, role, unit, user] = token.split(".");
  if (prefix !== "test" || !role || !unit || !user) return undefined;
  return {
    sub: `sub-${user}`,
    "cognito:username": user,
    token_use: "id",
    "cognito:groups": [role],
    ...(unit !== "-" && { "custom:unitId": unit }),
  };
};

export const bearer = (role: Role, unitId?: string, user?: string) => ({ authorization: `Bearer ${staffToken(role, unitId, user)}` });
