// GET /health
import { routeHandler } from "#http/handler.ts";
import { Health } from "#routes/health.ts";

export const handler = routeHandler(Health, async () => ({ status: 200, body: { status: "ok" } }));
