// GET /health: liveness.
import { z } from "zod";
import { answer } from "#http/contract.ts";
import { defineRoute } from "./route.ts";

export const Health = defineRoute({
  name: "Health",
  method: "GET",
  path: "/health",
  entry: "functions/health.ts",
  auth: "public",
  tables: {},
  summary: "Liveness",
  tags: ["public"],
  responses: { 200: answer("The service answers", z.object({ status: z.literal("ok") })) },
});
