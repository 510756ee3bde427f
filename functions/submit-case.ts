// POST /cases: a citizen submits a petition, complaint, denunciation or reflection.
import { submitCase } from "#domain/intake.ts";
import { abuseDeps, intakeDeps } from "#adapters/context.ts";
import { abuseGuard } from "#http/abuse-guard.ts";
import { routeHandler } from "#http/handler.ts";
import { SubmitCase } from "#routes/submit-case.ts";

export const handler = routeHandler(SubmitCase, async ({ headers, body }) => {
  const key = headers["Idempotency-Key"];
  const receipt = await submitCase(body, await intakeDeps(), undefined, key ? { scope: SubmitCase.name, key } : undefined);
  return { status: 201, body: receipt, headers: { Location: `/cases/track/${encodeURIComponent(receipt.trackingCode)}` } };
}).use(abuseGuard({ scope: "submit", challenge: true }, abuseDeps));
