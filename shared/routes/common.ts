// What several routes' contracts share: the case id in a path, the ETag of a case, the cache header of
// public figures, and the answers to a body that cannot be read.
import { z } from "zod";
import { orNotFound, problem } from "#http/contract.ts";
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

/** A public route's per-client limit (shared/http/abuse-guard.ts): `Retry-After` says when to come back. */
export const rateLimited = {
  ...problem(429, "Too many requests from this client address (`code` rate_limited, `params.retryAfterSeconds`); nothing was done"),
  headers: z.object({ "Retry-After": z.string().regex(/^\d+$/).describe("Seconds until the client's window ends") }),
};
