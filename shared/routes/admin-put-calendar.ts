// PUT /admin/calendar/{year}: stores the year's adjustments over the shipped ones, then recomputes every open case.
import { z } from "zod";
import { calendarAdjustmentsSchema, calendarViewSchema, yearParamSchema } from "#domain/reference.ts";
import { recomputeResultSchema } from "#domain/recompute.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { bodyErrors } from "./common.ts";

export const PutCalendar = defineRoute({
  name: "PutCalendar",
  method: "PUT",
  path: "/admin/calendar/{year}",
  entry: "functions/admin-put-calendar.ts",
  auth: routeRoles.PutCalendar,
  tables: { reference: "readWrite", cases: "readWrite" },
  audit: "sign",
  summary: "Store a year's adjustments (they replace the shipped official ones); every open case's deadlines are recomputed",
  tags: ["admin"],
  request: {
    params: z.object({ year: yearParamSchema }),
    // The calendar checks each date against the year, and dates listed twice (shared/domain/calendar/adjustments.ts).
    body: calendarAdjustmentsSchema,
    bodyCheckedBy: "domain",
  },
  responses: {
    200: answer(
      "The year as now in force, with how many open cases were recomputed and how many changed (done in the request for now)",
      calendarViewSchema.extend(recomputeResultSchema.shape),
    ),
    400: problem(400, "The year or a date is invalid; `errors` names each one"),
    ...staffErrors,
    ...bodyErrors,
  },
});
