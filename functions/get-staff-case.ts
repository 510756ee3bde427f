// GET /staff/cases/{caseId}: the whole case for staff, a denouncer's identity redacted.
import { getStaffCase } from "#domain/staff-cases.ts";
import { caseDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { GetStaffCase } from "#routes/get-staff-case.ts";

export const handler = routeHandler(GetStaffCase, async ({ params, principal }) => {
  const view = await getStaffCase(params.caseId, principal, await caseDeps());
  return { status: 200, body: view, headers: { ETag: `"${view.version}"` } };
});
