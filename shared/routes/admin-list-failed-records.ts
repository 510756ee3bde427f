// GET /admin/failed-records: the stream records a consumer could not process, kept until replayed.
import { failedRecordFiltersSchema, failedRecordPageSchema } from "#domain/failed-records.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";

export const ListFailedRecords = defineRoute({
  name: "ListFailedRecords",
  method: "GET",
  path: "/admin/failed-records",
  entry: "functions/admin-list-failed-records.ts",
  auth: routeRoles.ListFailedRecords,
  tables: { failedRecords: "read" },
  summary:
    "The stream records a consumer (AggregateCases, NotifyOnEvent) could not process, by consumer then event id: why (error name and a short message, no personal data), since when, how many failed deliveries and replays. A redelivered record stays one item. Empty is the normal state",
  tags: ["admin"],
  request: { query: failedRecordFiltersSchema },
  responses: {
    200: answer("A page of failed records; `nextCursor` when there is another page", failedRecordPageSchema),
    400: problem(400, "`limit` is not 1–100, or the cursor is not one this list handed out; `errors` names it"),
    ...staffErrors,
  },
});
