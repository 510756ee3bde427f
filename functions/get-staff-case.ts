// GET /staff/cases/{caseId}: the whole case for staff, a denouncer's identity redacted.
import { getStaffCase } from "#domain/staff-cases.ts";
import { caseDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("GetStaffCase", async (event, principal) => {
  const view = await getStaffCase(event.pathParameters?.caseId ?? "", principal, await caseDeps());
  return json(200, view, { etag: `"${view.version}"` });
});
