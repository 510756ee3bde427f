// GET /admin/policy[?version=N]: the current deadline policy, or an earlier version.
import { getPolicy, policyQuerySchema } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { staffHandler } from "#http/auth.ts";
import { parse } from "#http/request.ts";
import { json } from "#http/response.ts";

export const handler = staffHandler("GetPolicy", async (event) => {
  const { version } = parse(policyQuerySchema, event.queryStringParameters ?? {});
  return json(200, await getPolicy(version, referenceDeps()));
});
