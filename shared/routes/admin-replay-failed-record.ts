// POST /admin/failed-records/{id}/replay: runs the record's consumer on it again.
import { z } from "zod";
import { failedRecordIdSchema, REPLAY_FAILED, replayAnswerSchema } from "#domain/failed-records.ts";
import { routeRoles } from "#domain/access.ts";
import { answer, orNotFound, problem, staffErrors } from "#http/contract.ts";
import { defineRoute } from "./route.ts";

export const ReplayFailedRecord = defineRoute({
  name: "ReplayFailedRecord",
  method: "POST",
  path: "/admin/failed-records/{id}/replay",
  entry: "functions/admin-replay-failed-record.ts",
  auth: routeRoles.ReplayFailedRecord,
  // The consumers' own access: the aggregates (stats), the case and its sent-markers, the sealed address of a denouncer; the anchor store.
  tables: { failedRecords: "readWrite", stats: "readWrite", cases: "readWrite" },
  seal: true,
  notify: true,
  audit: "anchor",
  summary:
    "Runs the named consumer on the stored record again, as its stream would. Processed: the record leaves the store. The consumers are idempotent (a case version is counted once, a notice sent once), so a replay never counts or sends twice. No body",
  tags: ["admin"],
  request: { params: z.object({ id: orNotFound(failedRecordIdSchema, "No failed stream record has this id.") }) },
  responses: {
    200: answer("The consumer processed the record; it is no longer in the store", replayAnswerSchema),
    404: problem(404, "No failed record has this id (or it was replayed already): `code` `failed_record_not_found`, or `not_found` for an id of no record's form"),
    409: problem(409, "The consumer failed on the record again: it stays in the store with one attempt more. `code` is `replay_failed` (its `params`: `attempts`, `errorName`); `detail` says why", {
      code: z.literal(REPLAY_FAILED),
      params: z.object({ attempts: z.number().int().positive(), errorName: z.string() }).strict(),
      attempts: z.number().int().positive().describe("Failed deliveries and replays so far, this one included"),
      errorName: z.string().describe("The error's class"),
    }),
    ...staffErrors,
  },
});
