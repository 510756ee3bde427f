// POST /staff/cases: reception registers a letter received off-line (mail, in person, transfer, hotline).
import { registerCase } from "#domain/staff-cases.ts";
import { intakeDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { RegisterCase } from "#routes/register-case.ts";

export const handler = routeHandler(RegisterCase, async ({ body, principal }) => {
  const receipt = await registerCase(body, principal, await intakeDeps());
  return { status: 201, body: receipt, headers: { Location: `/staff/cases/${receipt.caseId}` } };
});
