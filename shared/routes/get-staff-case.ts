// GET /staff/cases/{caseId}: the whole case for staff, a denouncer's identity redacted.
import { z } from "zod";
import { staffCaseSchema } from "#domain/staff-view.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { caseEtag, caseIdParam, dependencyErrors } from "./common.ts";

export const GetStaffCase = defineRoute({
  name: "GetStaffCase",
  method: "GET",
  path: "/staff/cases/{caseId}",
  entry: "functions/get-staff-case.ts",
  auth: routeRoles.GetStaffCase,
  tables: { cases: "read", reference: "read" },
  summary: "The whole case for staff: details, deadlines with their explanation, flags, timeline, allowed actions",
  tags: ["staff"],
  request: { params: z.object({ caseId: caseIdParam }) },
  responses: {
    200: answer("The case; its version is also the ETag", staffCaseSchema, caseEtag),
    ...staffErrors,
    404: problem(404, "No such case, or not one of your unit's"),
    ...dependencyErrors,
  },
});
