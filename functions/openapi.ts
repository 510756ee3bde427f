// GET /openapi.json: the contract, generated from the route manifest and the zod schemas.
import { routeHandler } from "#http/handler.ts";
import { openApiDocument } from "#http/openapi.ts";
import { OpenApi } from "#routes/openapi.ts";

export const handler = routeHandler(OpenApi, async () => ({
  status: 200,
  // Spread: the generator types its document as an interface, which a loose schema's index signature refuses.
  body: { ...openApiDocument() },
  headers: { "Cache-Control": "public, max-age=300" },
}));
