// Sign-in straight against the Cognito Identity Provider API (USER_PASSWORD_AUTH), configured by GET /staff/config.
import type { Answer } from "#http/contract.ts";
import type { StaffConfig as StaffConfigRoute } from "#routes/staff-config.ts";

export type StaffConfig = Answer<typeof StaffConfigRoute, 200>;

export type SignInResult =
  | { readonly ok: true; readonly idToken: string }
  | { readonly ok: false; readonly reason: "wrong" | "newPassword" | "throttled" | "network" | "config" | "other" };

export async function loadConfig(): Promise<StaffConfig | null> {
  try {
    const response = await fetch("/staff/config", { headers: { Accept: "application/json" } });
    return response.ok ? ((await response.json()) as StaffConfig) : null;
  } catch {
    return null;
  }
}

export async function signIn(config: StaffConfig, username: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch(config.cognitoEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
      body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: config.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
      cache: "no-store",
      credentials: "omit",
    });
  } catch {
    return { ok: false, reason: "network" };
  }
  const body = (await response.json().catch(() => ({}))) as {
    AuthenticationResult?: { IdToken?: string };
    ChallengeName?: string;
    __type?: string;
    code?: string;
  };
  if (response.ok) {
    if (body.AuthenticationResult?.IdToken) return { ok: true, idToken: body.AuthenticationResult.IdToken };
    return { ok: false, reason: body.ChallengeName === "NEW_PASSWORD_REQUIRED" ? "newPassword" : "other" };
  }
  // AWS names the error in __type (sometimes "prefix#Name"); cognito-local in `code` too.
  const type = (body.__type ?? body.code ?? "").split("#").pop() ?? "";
  // cognito-local answers a wrong password with InvalidPasswordException; Cognito with NotAuthorizedException.
  if (type === "NotAuthorizedException" || type === "UserNotFoundException" || type === "InvalidPasswordException") return { ok: false, reason: "wrong" };
  if (type === "PasswordResetRequiredException") return { ok: false, reason: "newPassword" };
  if (type === "TooManyRequestsException" || type === "LimitExceededException" || response.status === 429) return { ok: false, reason: "throttled" };
  if (type === "ResourceNotFoundException") return { ok: false, reason: "config" };
  return { ok: false, reason: "other" };
}
