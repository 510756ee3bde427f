// PUT /admin/policy: stores the policy as a new version (refused whole when invalid), answers 202 with the job that recomputes every open case.
import { replacePolicy } from "#domain/reference.ts";
import { referenceChangeDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { PutPolicy } from "#routes/admin-put-policy.ts";

export const handler = routeHandler(PutPolicy, async ({ body, principal }) => {
  const { jobId } = await replacePolicy(body, principal, referenceChangeDeps());
  return { status: 202, body: { jobId }, headers: { Location: `/admin/jobs/${jobId}` } };
});
