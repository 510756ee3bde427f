// GET /staff/cases/{caseId}/audit: the case's events and whether their keyed chain verifies, against its anchors.
import { caseAudit } from "#domain/staff-cases.ts";
import { auditDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { CaseAudit } from "#routes/case-audit.ts";

export const handler = routeHandler(CaseAudit, async ({ params, principal }) => ({
  status: 200,
  body: await caseAudit(params.caseId, principal, auditDeps()),
}));
