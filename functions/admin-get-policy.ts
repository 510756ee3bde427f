// GET /admin/policy[?version=N]: the current deadline policy, or an earlier version.
import { getPolicy } from "#domain/reference.ts";
import { referenceDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { GetPolicy } from "#routes/admin-get-policy.ts";

export const handler = routeHandler(GetPolicy, async ({ query }) => ({ status: 200, body: await getPolicy(query.version, referenceDeps()) }));
