// PUT /admin/calendar/{year}: stores the year's adjustments over the shipped ones, then recomputes every open case.
import { z } from "zod";
import { parseYear, replaceCalendar } from "#domain/reference.ts";
import { referenceChangeDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { jsonBody } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("PutCalendar", async (event, principal) => {
  const year = parseYear(event.pathParameters?.year);
  return json(200, await replaceCalendar(year, jsonBody(event, z.unknown()), principal, referenceChangeDeps()));
});
