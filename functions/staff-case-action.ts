// POST /staff/cases/{caseId}/{action}: one action on a case, with If-Match.
import { performAction } from "#domain/case-actions.ts";
import { actionDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { StaffCaseAction } from "#routes/staff-case-action.ts";

export const handler = routeHandler(StaffCaseAction, async ({ params, headers, body, principal }) => {
  const view = await performAction(
    { caseId: params.caseId, action: params.action, body, ifMatch: headers["If-Match"], actor: principal },
    await actionDeps(),
  );
  return { status: 200, body: view, headers: { ETag: `"${view.version}"` } };
});
