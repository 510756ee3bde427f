// GET /health
import { httpHandler } from "#http/handler.ts";
import { json } from "#http/response.ts";

export const handler = httpHandler(async () => json(200, { status: "ok" }));
