// GET /admin/policy[?version=N]: the current deadline policy, or an earlier version.
import { policyQuerySchema, policyViewSchema } from "#domain/reference.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { dependencyErrors } from "./common.ts";
import { defineRoute } from "./route.ts";

export const GetPolicy = defineRoute({
  name: "GetPolicy",
  method: "GET",
  path: "/admin/policy",
  entry: "functions/admin-get-policy.ts",
  auth: routeRoles.GetPolicy,
  tables: { reference: "read" },
  summary: "The current deadline policy, or an earlier version with ?version=N",
  tags: ["admin"],
  request: { query: policyQuerySchema },
  responses: {
    200: answer("The policy version", policyViewSchema),
    400: problem(400, "`version` is not a positive integer, or another parameter was sent"),
    ...staffErrors,
    404: problem(404, "No such version"),
    ...dependencyErrors,
  },
});
