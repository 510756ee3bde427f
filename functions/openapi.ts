// GET /openapi.json: the contract, generated from the route manifest and the zod schemas.
import { routeHandler } from "#http/handler.ts";
import { openApiDocument } from "#http/openapi.ts";
import { OpenApi } from "#routes/openapi.ts";

export const handler = routeHandler(OpenApi, async () => ({
  status: 200,
  body: openApiDocument(),
  headers: { "Cache-Control": "public, max-age=300" },
}));
