// POST /staff/cases/{caseId}/{action}: one action on a case, with If-Match.
import { actionNameSchema } from "#domain/workflow.ts";
import { performAction } from "#domain/case-actions.ts";
import { NotFoundError } from "#domain/errors.ts";
import { actionDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { header, jsonBody } from "#http/request.ts";
import { json } from "#http/response.ts";
import { z } from "zod";

export const handler = staffHandler("StaffCaseAction", async (event, principal) => {
  const action = actionNameSchema.safeParse(event.pathParameters?.action);
  if (!action.success) throw new NotFoundError(`No such action. Actions: ${actionNameSchema.options.join(", ")}.`);
  const body = event.body ? jsonBody(event, z.unknown()) : {};
  const view = await performAction(
    { caseId: event.pathParameters?.caseId ?? "", action: action.data, body, ifMatch: header(event, "if-match"), actor: principal },
    await actionDeps(),
  );
  return json(200, view, { etag: `"${view.version}"` });
});
