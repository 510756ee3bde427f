// POST /staff/cases/{caseId}/reveal-identity: a denouncer's identity, for a stated reason, recorded in the audit chain.
import { revealIdentity } from "#domain/staff-cases.ts";
import { caseDeps, appSealer } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { RevealIdentity } from "#routes/reveal-identity.ts";

export const handler = routeHandler(RevealIdentity, async ({ params, body, principal }) => ({
  status: 200,
  body: await revealIdentity(params.caseId, body, principal, { ...(await caseDeps()), sealer: appSealer() }),
}));
