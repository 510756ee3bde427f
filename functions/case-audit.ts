// GET /staff/cases/{caseId}/audit: the case's events and whether their hash chain verifies.
import { caseAudit } from "#domain/staff-cases.ts";
import { caseDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("CaseAudit", async (event, principal) =>
  json(200, await caseAudit(event.pathParameters?.caseId ?? "", principal, await caseDeps())),
);
