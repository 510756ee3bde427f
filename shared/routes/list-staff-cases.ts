// GET /staff/cases: staff list cases by status, unit, kind and flag, a page at a time; a handler sees its unit only.
import { caseListSchema, listFiltersSchema } from "#domain/listing.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { dependencyErrors } from "./common.ts";
import { defineRoute } from "./route.ts";

export const ListStaffCases = defineRoute({
  name: "ListStaffCases",
  method: "GET",
  path: "/staff/cases",
  entry: "functions/list-staff-cases.ts",
  auth: routeRoles.ListStaffCases,
  tables: { cases: "read", reference: "read" },
  summary: "Staff list cases by status, unit, kind and flag, oldest first (overdue and approaching: soonest due first)",
  tags: ["staff"],
  request: { query: listFiltersSchema },
  responses: {
    200: answer("A page of case summaries (never the sender); `nextCursor` when there is another page", caseListSchema),
    400: problem(400, "A filter or the cursor is invalid; `errors` names it"),
    ...staffErrors,
    ...dependencyErrors,
  },
});
