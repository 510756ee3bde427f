// GET /admin/calendar/{year}: the year's official adjustments, where they come from, and its days off by name.
import { getCalendar, parseYear } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("GetCalendar", async (event) =>
  json(200, await getCalendar(parseYear(event.pathParameters?.year), referenceDeps())),
);
