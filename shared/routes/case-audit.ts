// GET /staff/cases/{caseId}/audit: the case's events and whether their hash chain verifies.
import { z } from "zod";
import { auditSchema } from "#domain/staff-cases.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { caseIdParam, dependencyErrors } from "./common.ts";

export const CaseAudit = defineRoute({
  name: "CaseAudit",
  method: "GET",
  path: "/staff/cases/{caseId}/audit",
  entry: "functions/case-audit.ts",
  auth: routeRoles.CaseAudit,
  tables: { cases: "read", reference: "read" },
  summary: "The case's immutable events and whether their hash chain verifies",
  tags: ["staff"],
  request: { params: z.object({ caseId: caseIdParam }) },
  responses: {
    200: answer("The audit chain; `brokenAt` is the first event that does not verify", auditSchema),
    ...staffErrors,
    404: problem(404, "No such case"),
    ...dependencyErrors,
  },
});
