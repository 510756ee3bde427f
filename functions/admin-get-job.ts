// GET /admin/jobs/{jobId}: a job's progress.
import { getJob } from "#domain/jobs.ts";
import { jobDeps } from "#adapters/context.ts";
import { routeHandler } from "#http/handler.ts";
import { GetJob } from "#routes/admin-get-job.ts";

export const handler = routeHandler(GetJob, async ({ params }) => ({ status: 200, body: await getJob(params.jobId, jobDeps()) }));
