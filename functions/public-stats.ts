// GET /stats: public figures of a year per unit (volumes, on-time share), from the aggregates; counts only, no case.
import { publicStatsDeps } from "#adapters/context.ts";
import { publicStats } from "#domain/report.ts";
import { httpHandler } from "#http/handler.ts";
import { json } from "#http/response.ts";

export const handler = httpHandler(async (event) =>
  json(200, await publicStats(event.queryStringParameters ?? {}, publicStatsDeps()), { "cache-control": "public, max-age=300" }),
);
