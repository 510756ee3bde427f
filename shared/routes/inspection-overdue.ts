// GET /inspection/overdue: the overdue register, most overdue first.
import { overdueFiltersSchema, overdueRegisterSchema } from "#domain/inspection.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { dependencyErrors } from "./common.ts";
import { defineRoute } from "./route.ts";

export const InspectionOverdue = defineRoute({
  name: "InspectionOverdue",
  method: "GET",
  path: "/inspection/overdue",
  entry: "functions/inspection-overdue.ts",
  auth: routeRoles.InspectionOverdue,
  tables: { cases: "read", reference: "read" },
  summary: "The overdue register: open cases whose current deadline has passed, most overdue first",
  tags: ["inspection"],
  request: { query: overdueFiltersSchema },
  responses: {
    200: answer("A page of overdue cases with days overdue and escalation level", overdueRegisterSchema),
    400: problem(400, "A filter or the cursor is invalid; `errors` names it"),
    ...staffErrors,
    ...dependencyErrors,
  },
});
