// PUT /admin/calendar/{year}: stores the year's adjustments over the shipped ones, answers 202 with the job that recomputes every open case.
import { replaceCalendar } from "#domain/reference.ts";
import { referenceChangeDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { PutCalendar } from "#routes/admin-put-calendar.ts";

export const handler = routeHandler(PutCalendar, async ({ params, body, principal }) => {
  const { jobId } = await replaceCalendar(params.year, body, principal, referenceChangeDeps());
  return { status: 202, body: { jobId }, headers: { Location: `/admin/jobs/${jobId}` } };
});
