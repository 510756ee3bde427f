// The public API as the pages use it: same origin, relative paths, every outcome a value (no throw).
// Every shape is the route contract's (type-only imports: no schema ships to the browser).
import type { CaseSubmission } from "#domain/case.ts";
import type { Answer } from "#http/contract.ts";
import type { Problem as ServerProblem } from "#http/problem.ts";
import type { StaffCaseAction } from "#routes/staff-case-action.ts";
import type { SubmitCase } from "#routes/submit-case.ts";
import type { TrackCase } from "#routes/track-case.ts";

export type SubmitAnswer = Answer<typeof SubmitCase, 201>;
export type TrackAnswer = Answer<typeof TrackCase, 200>;
export type Deadlines = TrackAnswer["deadlines"];
export type Deadline = NonNullable<Deadlines["processing"]>;

/** A failed call: the server's problem (a 409's with its allowed actions), or only the status when no problem came back. */
export type Problem = Partial<Omit<ServerProblem, "status"> & Pick<Answer<typeof StaffCaseAction, 409>, "allowedActions">> & { readonly status: number };

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: Problem }
  | { readonly ok: false; readonly problem?: undefined; readonly network: true };

async function call<T>(path: string, init: RequestInit): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: "same-origin", cache: "no-store" });
  } catch {
    return { ok: false, network: true };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null; // a gateway's HTML error page, or an answer cut short
  }
  if (response.ok && body !== null) return { ok: true, value: body as T };
  const problem = body !== null && typeof body === "object" ? (body as Partial<Problem>) : {};
  return { ok: false, problem: { ...problem, status: response.ok ? 502 : response.status } };
}

/** `altcha`: the solved challenge (web/src/lib/proof-of-work.ts). */
export const submitCase = (body: CaseSubmission, idempotencyKey: string, altcha: string): Promise<Outcome<SubmitAnswer>> =>
  call<SubmitAnswer>("/cases", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": idempotencyKey, "X-Altcha": altcha },
    body: JSON.stringify(body),
  });

export const trackCase = (trackingCode: string, accessKey: string): Promise<Outcome<TrackAnswer>> =>
  call<TrackAnswer>(`/cases/track/${encodeURIComponent(trackingCode)}`, {
    method: "GET",
    headers: { Accept: "application/json", "X-Access-Key": accessKey },
  });
