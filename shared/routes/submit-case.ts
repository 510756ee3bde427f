// POST /cases: a citizen submits a petition, complaint, denunciation or reflection.
import { z } from "zod";
import { caseSubmissionSchema } from "#domain/case.ts";
import { submissionReceiptSchema } from "#domain/intake.ts";
import { answer, problem } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors, dependencyErrors, rateLimited } from "./common.ts";

export const idempotencyKeyHeaderSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "must be 1 to 128 visible ASCII characters, e.g. a UUID")
  .optional();

export const SubmitCase = defineRoute({
  name: "SubmitCase",
  method: "POST",
  path: "/cases",
  entry: "functions/submit-case.ts",
  auth: "public",
  tables: { cases: "readWrite", idempotency: "readWrite", reference: "read", abuse: "readWrite" },
  audit: "sign",
  seal: { identities: "seal", receipts: true },
  senderKeys: true,
  abuseKeys: true,
  summary: "A citizen submits a petition, complaint, denunciation or reflection",
  tags: ["public"],
  request: {
    headers: z.object({
      "Idempotency-Key": idempotencyKeyHeaderSchema,
      // Checked before the body (shared/http/abuse-guard.ts); declared here for the document.
      "X-Altcha": z.string().optional().describe("The solved challenge of GET /cases/challenge: base64 of JSON { algorithm, challenge, number, salt, signature }"),
    }),
    body: caseSubmissionSchema,
  },
  responses: {
    201: answer(
      "Received: the tracking code and the access key (shown once, keep it); the same answer again for the same Idempotency-Key and body",
      submissionReceiptSchema,
      z.object({ Location: z.string().describe("/cases/track/{trackingCode}") }),
    ),
    400: problem(
      400,
      "A field or the Idempotency-Key is invalid; `errors` names each one. Or the challenge: `code` challenge_required (no X-Altcha), challenge_invalid, challenge_expired or challenge_reused; nothing is stored",
    ),
    ...bodyErrors,
    422: problem(422, "The Idempotency-Key was used with another body"),
    429: rateLimited,
    ...dependencyErrors,
  },
});
