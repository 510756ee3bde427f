// PUT /admin/policy: stores the policy as a new version (refused whole when invalid), then recomputes every open case.
import { z } from "zod";
import { replacePolicy } from "#domain/reference.ts";
import { referenceChangeDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { jsonBody } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("PutPolicy", async (event, principal) =>
  json(200, await replacePolicy(jsonBody(event, z.unknown()), principal, referenceChangeDeps())),
);
