// GET /admin/calendar/{year}: the year's official adjustments, where they come from, and its days off by name.
import { getCalendar } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { GetCalendar } from "#routes/admin-get-calendar.ts";

export const handler = routeHandler(GetCalendar, async ({ params }) => ({ status: 200, body: await getCalendar(params.year, referenceDeps()) }));
