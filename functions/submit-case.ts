// POST /cases: a citizen submits a petition, complaint, denunciation or reflection.
import { caseSubmissionSchema, type CaseSubmission } from "#domain/case.ts";
import { submitCase } from "#domain/intake.ts";
import { appSealer, intakeDeps } from "#adapters/context.ts";
import { idempotent } from "#adapters/idempotency.ts";
import { httpHandler } from "#http/handler.ts";
import { idempotencyKeyHeaderSchema } from "#http/api-docs.ts";
import { header, jsonBody, parse } from "#http/request.ts";
import { json } from "#http/response.ts";

const submitOnce = idempotent("submit-case", async (body: CaseSubmission) => submitCase(body, await intakeDeps()), appSealer);

export const handler = httpHandler(async (event, context) => {
  const key = parse(idempotencyKeyHeaderSchema, header(event, "idempotency-key"), "Idempotency-Key");
  const body = jsonBody(event, caseSubmissionSchema);
  const receipt = key ? await submitOnce({ key, payload: body }, context) : await submitCase(body, await intakeDeps());
  return json(201, receipt, { location: `/cases/track/${encodeURIComponent(receipt.trackingCode)}` });
});
