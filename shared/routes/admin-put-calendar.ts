// PUT /admin/calendar/{year}: stores the year's adjustments over the shipped ones, answers 202 with the job that recomputes every open case.
import { z } from "zod";
import { calendarAdjustmentsSchema, yearParamSchema } from "#domain/reference.ts";
import { routeRoles } from "#domain/access.ts";
import { problem, staffErrors } from "#http/contract.ts";
import { defineRoute, RECOMPUTE_WORKER } from "./route.ts";
import { bodyErrors, dependencyErrors, jobAccepted } from "./common.ts";

export const PutCalendar = defineRoute({
  name: "PutCalendar",
  method: "PUT",
  path: "/admin/calendar/{year}",
  entry: "functions/admin-put-calendar.ts",
  auth: routeRoles.PutCalendar,
  // The job is an item of the Reference table; the worker, not this function, writes the cases.
  tables: { reference: "readWrite" },
  invokes: [RECOMPUTE_WORKER],
  summary: "Store a year's adjustments (they replace the shipped official ones); every open case's deadlines are then recomputed by a job (202, `Location: /admin/jobs/{jobId}`)",
  tags: ["admin"],
  request: {
    params: z.object({ year: yearParamSchema }),
    // The calendar checks each date against the year, and dates listed twice (shared/domain/calendar/adjustments.ts).
    body: calendarAdjustmentsSchema,
    bodyCheckedBy: "domain",
  },
  responses: {
    202: jobAccepted,
    400: problem(400, "The year or a date is invalid; `errors` names each one"),
    ...staffErrors,
    ...bodyErrors,
    ...dependencyErrors,
  },
});
