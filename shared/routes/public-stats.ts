// GET /stats: public figures of a year per unit (volumes, the on-time rate), the inspection report's tally; counts only, no case.
import { publicStatsQuerySchema, publicStatsSchema } from "#domain/report.ts";
import { answer, problem } from "#http/contract.ts";
import { defineRoute } from "./route.ts";
import { dependencyErrors, publicCache } from "./common.ts";

export const PublicStats = defineRoute({
  name: "PublicStats",
  method: "GET",
  path: "/stats",
  entry: "functions/public-stats.ts",
  auth: "public",
  // Public yearly figures per unit: counts only, no case. The aggregates, and the due-date index for the
  // open overdue count the on-time rate needs (projecting unit, kind and receipt date only).
  tables: { stats: "read", cases: "read", reference: "read" },
  summary:
    "Public figures of a year (`year`, default the current one) per unit: cases received, resolved, resolved on time and late, open and overdue, and the on-time rate " +
    "(resolved on time / (on time + late + open and overdue)), the same figures as the inspection report's for the unit and the year. " +
    "Counts only, no case and no person; cacheable for 5 minutes",
  tags: ["public"],
  request: { query: publicStatsQuerySchema },
  responses: {
    200: answer("The year's figures per unit and in total", publicStatsSchema, publicCache),
    400: problem(400, "`year` is not a year from 2000 to 2100"),
    ...dependencyErrors,
  },
});
