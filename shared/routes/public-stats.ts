// GET /stats: public figures of a year per unit (volumes, on-time share), from the aggregates; counts only, no case.
import { publicStatsQuerySchema, publicStatsSchema } from "#domain/report.ts";
import { answer, problem } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { publicCache } from "./common.ts";

export const PublicStats = defineRoute({
  name: "PublicStats",
  method: "GET",
  path: "/stats",
  entry: "functions/public-stats.ts",
  auth: "public",
  // Public yearly figures per unit from the aggregates only: counts, no case.
  tables: { stats: "read", reference: "read" },
  summary:
    "Public figures of a year (`year`, default the current one) per unit: cases received, resolved and resolved on time, and the share of resolutions made on time. " +
    "Counts only, no case and no person; cacheable for 5 minutes",
  tags: ["public"],
  request: { query: publicStatsQuerySchema },
  responses: {
    200: answer("The year's figures per unit and in total", publicStatsSchema, publicCache),
    400: problem(400, "`year` is not a year from 2000 to 2100"),
  },
});
