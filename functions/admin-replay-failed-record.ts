// POST /admin/failed-records/{id}/replay: runs the record's consumer on it again.
import { replayFailedRecord } from "#domain/failed-records.ts";
import { replayDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { ReplayFailedRecord } from "#routes/admin-replay-failed-record.ts";

export const handler = routeHandler(ReplayFailedRecord, async ({ params }) => ({ status: 200, body: await replayFailedRecord(params.id, replayDeps()) }));
