// PUT /admin/policy: stores the policy as a new version (refused whole when invalid), then recomputes every open case.
import { replacePolicy } from "#domain/reference.ts";
import { referenceChangeDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { PutPolicy } from "#routes/admin-put-policy.ts";

export const handler = routeHandler(PutPolicy, async ({ body, principal }) => ({
  status: 200,
  body: await replacePolicy(body, principal, referenceChangeDeps()),
}));
