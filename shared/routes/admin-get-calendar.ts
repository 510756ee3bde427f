// GET /admin/calendar/{year}: the year's official adjustments, where they come from, and its days off by name.
import { z } from "zod";
import { calendarViewSchema, yearParamSchema } from "#domain/reference.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { dependencyErrors } from "./common.ts";
import { defineRoute } from "./route.ts";

export const GetCalendar = defineRoute({
  name: "GetCalendar",
  method: "GET",
  path: "/admin/calendar/{year}",
  entry: "functions/admin-get-calendar.ts",
  auth: routeRoles.GetCalendar,
  tables: { reference: "read" },
  summary: "A year's official days off and declared working days over the computed default, and every day off of the year by name",
  tags: ["admin"],
  request: { params: z.object({ year: yearParamSchema }) },
  responses: {
    200: answer("The year", calendarViewSchema),
    400: problem(400, "The year is not 2000–2100"),
    ...staffErrors,
    ...dependencyErrors,
  },
});
