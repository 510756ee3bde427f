// GET /stats: public figures of a year per unit (volumes, the on-time rate), the inspection report's tally; counts only, no case.
import { publicStatsDeps } from "#adapters/context.ts";
import { publicStats } from "#domain/report.ts";
import { routeHandler } from "#http/handler.ts";
import { PublicStats } from "#routes/public-stats.ts";

export const handler = routeHandler(PublicStats, async ({ query }) => ({
  status: 200,
  body: await publicStats(query, publicStatsDeps()),
  headers: { "Cache-Control": "public, max-age=300" },
}));
