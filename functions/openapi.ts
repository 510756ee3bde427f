// GET /openapi.json: the contract, generated from the route manifest and the zod schemas.
import { httpHandler } from "#http/handler.ts";
import { openApiDocument } from "#http/openapi.ts";
import { json } from "#http/response.ts";

export const handler = httpHandler(async () => json(200, openApiDocument(), { "cache-control": "public, max-age=300" }));
