// POST /staff/cases/{caseId}/{action}: one action on a case, with If-Match.
import { z } from "zod";
import { staffCaseSchema } from "#domain/staff-view.ts";
import { actionBodySchemas, actionNameSchema } from "#domain/workflow.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, orNotFound, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors, caseEtag, caseIdParam } from "./common.ts";

const etagRequired = 'is required: send the ETag of the case you read, e.g. "3"';
/** The ETag of the case as read: `"3"`, `W/"3"` or `3`. */
const ifMatchSchema = z
  .string(etagRequired)
  .refine((v) => v.trim() !== "", { message: etagRequired, abort: true })
  .regex(/^\s*(?:W\/)?"?(\d{1,9})"?\s*$/, 'must be the ETag of the case, e.g. "3"');

export const StaffCaseAction = defineRoute({
  name: "StaffCaseAction",
  method: "POST",
  path: "/staff/cases/{caseId}/{action}",
  entry: "functions/staff-case-action.ts",
  // Each action's own roles are the state machine's (shared/domain/workflow.ts).
  auth: routeRoles.StaffCaseAction,
  tables: { cases: "readWrite", reference: "read" },
  audit: "sign",
  // A classification that makes a case a denunciation seals its sender's identity in the same write.
  seal: true,
  summary: "One action on a case (classify, accept, transfer, guide, reject, archive, extend, suspend, resume, resolve, close, withdraw, note)",
  tags: ["staff"],
  request: {
    params: z.object({
      caseId: caseIdParam,
      action: orNotFound(actionNameSchema, `No such action. Actions: ${actionNameSchema.options.join(", ")}.`),
    }),
    headers: z.object({ "If-Match": ifMatchSchema }),
    // The action's own body (one of these); an empty body is `{}`.
    body: z.union(Object.values(actionBodySchemas)).optional(),
    // The state machine checks the body against the schema of the action in the path (shared/domain/workflow.ts).
    bodyCheckedBy: "domain",
  },
  responses: {
    200: answer("The updated case; its new version is the ETag", staffCaseSchema, caseEtag),
    400: problem(400, "A field of the action's body is invalid, or If-Match is missing or malformed; `errors` names each one"),
    ...staffErrors,
    404: problem(404, "No such case or action, or not one of your unit's"),
    409: problem(409, "The action is not allowed in the case's state; `detail` and `allowedActions` name the allowed ones", {
      allowedActions: z.array(actionNameSchema),
    }),
    412: problem(412, "The case changed since you read it (If-Match is stale)"),
    ...bodyErrors,
    422: problem(422, "A legal limit or business rule is broken (e.g. an extension beyond the policy); `errors` names the field"),
  },
});
