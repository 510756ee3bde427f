// POST /staff/cases/{caseId}/reveal-identity: a denouncer's identity, for a stated reason, recorded in the audit chain.
import { revealBodySchema, revealIdentity } from "#domain/staff-cases.ts";
import { caseDeps, appSealer } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { jsonBody } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("RevealIdentity", async (event, principal) => {
  const body = jsonBody(event, revealBodySchema);
  return json(200, await revealIdentity(event.pathParameters?.caseId ?? "", body, principal, { ...(await caseDeps()), sealer: appSealer() }));
});
