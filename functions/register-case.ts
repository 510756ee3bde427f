// POST /staff/cases: reception registers a letter received off-line (mail, in person, transfer, hotline).
import { registerCase } from "#domain/staff-cases.ts";
import { intakeDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { RegisterCase } from "#routes/register-case.ts";

export const handler = routeHandler(RegisterCase, async ({ headers, body, principal }) => {
  const key = headers["Idempotency-Key"];
  // A key is the officer's own: another officer's same key is another registration.
  const once = key ? { scope: `${RegisterCase.name}#${principal.userId}`, key } : undefined;
  const receipt = await registerCase(body, principal, await intakeDeps(), once);
  return { status: 201, body: receipt, headers: { Location: `/staff/cases/${receipt.caseId}` } };
});
