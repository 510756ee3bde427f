// POST /staff/cases: reception registers a letter received off-line (mail, in person, transfer, hotline).
import { registerCase, staffRegistrationSchema } from "#domain/staff-cases.ts";
import { intakeDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { jsonBody } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("RegisterCase", async (event, principal) => {
  const receipt = await registerCase(jsonBody(event, staffRegistrationSchema), principal, await intakeDeps());
  return json(201, receipt, { location: `/staff/cases/${receipt.caseId}` });
});
