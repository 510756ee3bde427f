// The staff API as the console uses it: same origin, the ID token as Bearer, a 401 back to sign-in.
import type { Answer } from "#http/contract.ts";
import type { ListUnits } from "#routes/admin-list-units.ts";
import type { GetStaffCase } from "#routes/get-staff-case.ts";
import type { ListStaffCases } from "#routes/list-staff-cases.ts";
import type { RegisterCase } from "#routes/register-case.ts";
import type { RevealIdentity } from "#routes/reveal-identity.ts";
import type { Problem } from "../lib/api.ts";
import { requireStaff, toSignIn } from "./session.ts";

export type { Problem };
export type CaseList = Answer<typeof ListStaffCases, 200>;
export type CaseSummary = CaseList["items"][number];
export type StaffCase = Answer<typeof GetStaffCase, 200>;
export type ActionName = StaffCase["allowedActions"][number];
export type Revealed = Answer<typeof RevealIdentity, 200>;
export type Identity = Revealed["identity"];
export type Registered = Answer<typeof RegisterCase, 201>;
export type Unit = Answer<typeof ListUnits, 200>[number];

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: Problem }
  | { readonly ok: false; readonly problem?: undefined; readonly network: true };

/** A staff request on the same origin with the ID token; a 401 goes back to sign-in; a network failure is `null`. */
export async function staffFetch(path: string, init: RequestInit = {}): Promise<Response | null> {
  const staff = requireStaff();
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: "application/json", Authorization: `Bearer ${staff.token}`, ...(init.body ? { "Content-Type": "application/json" } : {}), ...init.headers },
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return null;
  }
  if (response.status === 401) toSignIn("expired");
  return response;
}

/** The problem+json of a failed answer; a 2xx without a readable body counts as a bad gateway. */
export async function problemOf(response: Response): Promise<Problem> {
  const body: unknown = await response.json().catch(() => null);
  const problem = body !== null && typeof body === "object" ? (body as Partial<Problem>) : {};
  return { ...problem, status: response.ok ? 502 : response.status };
}

export async function call<T>(path: string, init: RequestInit = {}): Promise<Result<T>> {
  const response = await staffFetch(path, init);
  if (!response) return { ok: false, network: true };
  if (!response.ok) return { ok: false, problem: await problemOf(response) };
  const body: unknown = await response.json().catch(() => null);
  return body === null ? { ok: false, problem: { status: 502 } } : { ok: true, value: body as T };
}

export interface ListQuery {
  readonly status?: string;
  readonly unitId?: string;
  readonly kind?: string;
  readonly flag?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export function listCases(query: ListQuery): Promise<Result<CaseList>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  return call<CaseList>(`/staff/cases?${params.toString()}`);
}

export const getCase = (caseId: string): Promise<Result<StaffCase>> => call<StaffCase>(`/staff/cases/${encodeURIComponent(caseId)}`);

export const act = (caseId: string, action: ActionName, version: number, body: Record<string, unknown>): Promise<Result<StaffCase>> =>
  call<StaffCase>(`/staff/cases/${encodeURIComponent(caseId)}/${action}`, {
    method: "POST",
    headers: { "If-Match": `"${version}"` },
    body: JSON.stringify(body),
  });

export const revealIdentity = (caseId: string, reason: string): Promise<Result<Revealed>> =>
  call(`/staff/cases/${encodeURIComponent(caseId)}/reveal-identity`, { method: "POST", body: JSON.stringify({ reason }) });

export const registerCase = (body: Record<string, unknown>): Promise<Result<Registered>> =>
  call<Registered>("/staff/cases", { method: "POST", body: JSON.stringify(body) });

/** The unit registry, or an empty list when it is not available (then the pages show unit ids). */
export async function listUnits(): Promise<Unit[]> {
  const result = await call<Unit[]>("/admin/units");
  return result.ok && Array.isArray(result.value) ? result.value : [];
}

/** A local date-time (`YYYY-MM-DDTHH:mm`, Vietnam time) as an instant with its offset. */
export const vietnamInstant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+07:00`;
