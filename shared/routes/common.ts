// What several routes' contracts share: the case id in a path, the ETag of a case, the cache header of
// public figures, the answers to a body that cannot be read, the 202 of a change that starts a job, and the
// answer of a dependency that fails.
import { z } from "zod";
import { jobIdSchema } from "#domain/jobs.ts";
import { answer, orNotFound, problem } from "#http/contract.ts";
import { maxBodyBytes } from "./route.ts";

/** A case id that is not a UUID names no case: the same 404 as a case that does not exist or is not yours. */
export const caseIdParam = orNotFound(z.uuid(), "No such case.");

/** Public answers that any cache may keep for five minutes. */
export const publicCache = z.object({ "Cache-Control": z.literal("public, max-age=300") });

/** A case's version, the ETag staff send back as If-Match. */
export const caseEtag = z.object({ ETag: z.string().regex(/^"\d+"$/).describe('The case\'s version, e.g. "3": send it back as If-Match') });

/** What any route with a JSON body may answer before its use case runs. */
export const bodyErrors = {
  413: problem(413, `The body is larger than ${maxBodyBytes / 1024} KiB`),
  415: problem(415, "The body is not application/json"),
} as const;

/** A change stored, its consequences left to a job: follow it at the Location. */
export const jobAccepted = answer(
  "Stored; the open cases are recomputed by a resumable job, whose progress GET /admin/jobs/{jobId} answers",
  z.object({ jobId: jobIdSchema }),
  z.object({ Location: z.string().describe("/admin/jobs/{jobId}") }),
);

/** What every route may answer when DynamoDB or KMS fails, throttles or times out: the same request may succeed after Retry-After. */
export const dependencyErrors = {
  503: {
    ...problem(503, "A service the route depends on is unavailable or throttled (`code: dependency_unavailable`); retry the same request after `Retry-After` seconds"),
    headers: z.object({ "Retry-After": z.string().regex(/^\d+$/).describe("Seconds to wait before retrying") }),
  },
} as const;

/** A public route's per-client limit (shared/http/abuse-guard.ts): `Retry-After` says when to come back. */
export const rateLimited = {
  ...problem(429, "Too many requests from this client address (`code` rate_limited, `params.retryAfterSeconds`); nothing was done"),
  headers: z.object({ "Retry-After": z.string().regex(/^\d+$/).describe("Seconds until the client's window ends") }),
};
