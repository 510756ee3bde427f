// The staff API as the console uses it: same origin, the ID token as Bearer, a 401 back to sign-in.
import type { CaseList, CaseSummary } from "#domain/listing.ts";
import type { StaffCase } from "#domain/staff-view.ts";
import type { ActionName } from "#domain/workflow.ts";
import type { Problem, SubmitAnswer } from "../lib/api.ts";
import { requireStaff, toSignIn } from "./session.ts";

export type { CaseList, CaseSummary, StaffCase, ActionName, Problem };

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

export interface Identity {
  readonly fullName: string;
  readonly phone?: string;
  readonly email?: string;
  readonly nationalId?: string;
  readonly address?: string;
}

export const revealIdentity = (caseId: string, reason: string): Promise<Result<{ identity: Identity }>> =>
  call(`/staff/cases/${encodeURIComponent(caseId)}/reveal-identity`, { method: "POST", body: JSON.stringify({ reason }) });

export const registerCase = (body: Record<string, unknown>): Promise<Result<SubmitAnswer>> =>
  call<SubmitAnswer>("/staff/cases", { method: "POST", body: JSON.stringify(body) });

export interface Unit {
  readonly unitId: string;
  readonly name: string;
  readonly remoteArea?: boolean;
}

/** The unit registry, or an empty list when it is not available (then the pages show unit ids). */
export async function listUnits(): Promise<Unit[]> {
  const result = await call<unknown>("/admin/units");
  if (!result.ok) return [];
  const list = Array.isArray(result.value) ? result.value : (result.value as { units?: unknown }).units;
  return Array.isArray(list) ? (list as Unit[]).filter((u) => u && typeof u.unitId === "string") : [];
}

/** A local date-time (`YYYY-MM-DDTHH:mm`, Vietnam time) as an instant with its offset. */
export const vietnamInstant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+07:00`;
