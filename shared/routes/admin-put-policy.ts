// PUT /admin/policy: stores the policy as a new version (refused whole when invalid), then recomputes every open case.
import { policySchema } from "#domain/deadlines/index.ts";
import { recomputeResultSchema } from "#domain/recompute.ts";
import { policyViewSchema } from "#domain/reference.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors } from "./common.ts";

export const PutPolicy = defineRoute({
  name: "PutPolicy",
  method: "PUT",
  path: "/admin/policy",
  entry: "functions/admin-put-policy.ts",
  auth: routeRoles.PutPolicy,
  tables: { reference: "readWrite", cases: "readWrite" },
  audit: "sign",
  summary: "Store a new version of the deadline policy (the server numbers it); every open case's deadlines are recomputed",
  tags: ["admin"],
  request: {
    // A whole policy; its `version`, if sent, is replaced by the next number. Checked whole by the deadline engine (parsePolicy).
    body: policySchema,
    bodyCheckedBy: "domain",
  },
  responses: {
    200: answer("The stored version, with how many open cases were recomputed and how many changed", policyViewSchema.extend(recomputeResultSchema.shape)),
    400: problem(400, "Refused whole, nothing stored: `errors` names each field"),
    ...staffErrors,
    ...bodyErrors,
  },
});
