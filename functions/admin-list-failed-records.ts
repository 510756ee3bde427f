// GET /admin/failed-records: the stream records a consumer could not process.
import { listFailedRecords } from "#domain/failed-records.ts";
import { failedRecordDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { ListFailedRecords } from "#routes/admin-list-failed-records.ts";

export const handler = routeHandler(ListFailedRecords, async ({ query }) => ({ status: 200, body: await listFailedRecords(query, failedRecordDeps()) }));
