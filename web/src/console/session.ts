// The signed-in staff member: the Cognito ID token in sessionStorage only (gone with the tab), and what it says.
import type { Role } from "#domain/vocabulary.ts";
import { session } from "../lib/dom.ts";

export interface Staff {
  readonly token: string;
  readonly username: string;
  readonly role: Role;
  readonly unitId?: string;
  /** Seconds since the epoch. */
  readonly exp: number;
}

const tokenKey = "dt.staff.idToken";
/** As shared/staff-pool.ts rolePrecedence: when a user is in several groups, the first listed counts. */
const precedence: readonly Role[] = ["admin", "inspector", "reception", "handler"];

function claimsOf(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What the pages show of a token; the API verifies it, the page only reads it. */
export function staffOf(token: string): Staff | null {
  const claims = claimsOf(token);
  if (!claims) return null;
  const groups = Array.isArray(claims["cognito:groups"]) ? (claims["cognito:groups"] as unknown[]) : [];
  const role = precedence.find((r) => groups.includes(r));
  const exp = typeof claims.exp === "number" ? claims.exp : 0;
  if (!role) return null;
  const username = String(claims["cognito:username"] ?? claims.username ?? claims.sub ?? "");
  const unitId = typeof claims["custom:unitId"] === "string" ? claims["custom:unitId"] : undefined;
  return { token, username, role, exp, ...(unitId && { unitId }) };
}

/** The staff member signed in now, or null when there is none or the token has expired. */
export function currentStaff(): Staff | null {
  const token = session.get(tokenKey);
  const staff = token ? staffOf(token) : null;
  if (!staff || staff.exp * 1000 <= Date.now() + 10_000) return null;
  return staff;
}

export const keepToken = (token: string): void => session.set(tokenKey, token);
export const dropToken = (): void => session.remove(tokenKey);

/** Back to the sign-in page, which returns here afterwards; `reason` says why (expired, signedOut). */
export function toSignIn(reason?: "expired" | "signedOut"): never {
  dropToken();
  const params = new URLSearchParams();
  if (reason !== "signedOut") params.set("next", location.pathname + location.search);
  if (reason) params.set("reason", reason);
  location.assign(`/console?${params.toString()}`);
  throw new Error("signing in"); // stops the page's script here; the browser is leaving
}

/** The staff member, or off to sign in. */
export function requireStaff(): Staff {
  return currentStaff() ?? toSignIn(session.get(tokenKey) ? "expired" : undefined);
}

/** Only a console path of this site: never an open redirect. */
export function safeNext(raw: string | null): string {
  return raw && /^\/console[-a-z]*(\?[^#]*)?$/.test(raw) && raw !== "/console" ? raw : "/console-queue";
}
