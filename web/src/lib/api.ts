// The public API as the pages use it: same origin, relative paths, every outcome a value (no throw).
import type { CaseKind, CaseStatus, CaseSubmission } from "#domain/case.ts";
import type { CaseDeadlines, Deadline } from "#domain/deadlines/schema.ts";

export type { Deadline };
export type Deadlines = CaseDeadlines;
export interface SubmitAnswer {
  readonly caseId: string;
  readonly trackingCode: string;
  readonly accessKey: string;
  readonly kind: CaseKind;
  readonly status: CaseStatus;
  readonly anonymous: boolean;
  readonly receivedAt: string;
  readonly deadlines: Deadlines;
}
export interface TrackAnswer {
  readonly trackingCode: string;
  readonly kind: CaseKind;
  readonly subject: string;
  readonly status: CaseStatus;
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly deadlines: Deadlines;
  readonly milestones: ReadonlyArray<{ readonly at: string; readonly status: CaseStatus; readonly note?: string }>;
}
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: ReadonlyArray<{ readonly path: string; readonly message: string; readonly code?: string }>;
  /** A 409's actions allowed in the case's current state. */
  readonly allowedActions?: readonly string[];
}

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

export const submitCase = (body: CaseSubmission, idempotencyKey: string): Promise<Outcome<SubmitAnswer>> =>
  call<SubmitAnswer>("/cases", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(body),
  });

export const trackCase = (trackingCode: string, accessKey: string): Promise<Outcome<TrackAnswer>> =>
  call<TrackAnswer>(`/cases/track/${encodeURIComponent(trackingCode)}`, {
    method: "GET",
    headers: { Accept: "application/json", "X-Access-Key": accessKey },
  });
