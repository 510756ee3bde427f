// PUT /admin/policy: stores the policy as a new version (refused whole when invalid), answers 202 with the job that recomputes every open case.
import { policySchema } from "#domain/deadlines/index.ts";
import { routeRoles } from "#domain/access.ts";
import { problem, staffErrors } from "#http/contract.ts";
import { defineRoute, RECOMPUTE_WORKER } from "./route.ts";
import { bodyErrors, dependencyErrors, jobAccepted } from "./common.ts";

export const PutPolicy = defineRoute({
  name: "PutPolicy",
  method: "PUT",
  path: "/admin/policy",
  entry: "functions/admin-put-policy.ts",
  auth: routeRoles.PutPolicy,
  // The job is an item of the Reference table; the worker, not this function, writes the cases.
  tables: { reference: "readWrite" },
  invokes: [RECOMPUTE_WORKER],
  summary: "Store a new version of the deadline policy (the server numbers it); every open case's deadlines are then recomputed by a job (202, `Location: /admin/jobs/{jobId}`)",
  tags: ["admin"],
  request: {
    // A whole policy; its `version`, if sent, is replaced by the next number. Checked whole by the deadline engine (parsePolicy).
    body: policySchema,
    bodyCheckedBy: "domain",
  },
  responses: {
    202: jobAccepted,
    400: problem(400, "Refused whole, nothing stored: `errors` names each field"),
    ...staffErrors,
    ...bodyErrors,
    ...dependencyErrors,
  },
});
