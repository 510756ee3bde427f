// POST /cases: a citizen submits a petition, complaint, denunciation or reflection.
import type { CaseSubmission } from "#domain/case.ts";
import { submitCase } from "#domain/intake.ts";
import { abuseDeps, appSealer, intakeDeps } from "#adapters/context.ts";
import { abuseGuard } from "#http/abuse-guard.ts";
import { idempotent } from "#adapters/idempotency.ts";
import { routeHandler } from "#http/handler.ts";
import { SubmitCase } from "#routes/submit-case.ts";

const submitOnce = idempotent("submit-case", async (body: CaseSubmission) => submitCase(body, await intakeDeps()), appSealer);

export const handler = routeHandler(SubmitCase, async ({ headers, body }, context) => {
  const key = headers["Idempotency-Key"];
  const receipt = key ? await submitOnce({ key, payload: body }, context) : await submitCase(body, await intakeDeps());
  return { status: 201, body: receipt, headers: { Location: `/cases/track/${encodeURIComponent(receipt.trackingCode)}` } };
}).use(abuseGuard({ scope: "submit", challenge: true }, abuseDeps));
