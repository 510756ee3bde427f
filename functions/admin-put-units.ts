// PUT /admin/units: replaces the whole unit registry, refused whole with field errors when invalid.
import { z } from "zod";
import { replaceUnits } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { jsonBody } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("PutUnits", async (event, principal) =>
  json(200, await replaceUnits(jsonBody(event, z.unknown()), principal, referenceDeps())),
);
