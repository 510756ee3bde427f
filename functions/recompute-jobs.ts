// The recompute job's worker. Invoked asynchronously with `{ jobId }` by PUT calendar / policy, and by itself to
// continue a job before its time runs out; every 10 minutes by its schedule (any other event) to resume a job
// whose run crashed. A run that throws is retried by Lambda, then dead-lettered; the job records the failure.
import middy from "@middy/core";
import { z } from "zod";
import { jobIdSchema, resumeJobs, runRecomputeJob, type RunOutcome } from "#domain/jobs.ts";
import { recomputeRunDeps } from "#adapters/context.ts";
import { logger } from "#http/logger.ts";

const runEvent = z.object({ jobId: jobIdSchema });

export const handler = middy<unknown, Record<string, RunOutcome>>().handler(async (event, context) => {
  const deps = recomputeRunDeps({ remainingMs: () => context.getRemainingTimeInMillis() });
  const run = runEvent.safeParse(event);
  const outcomes = run.success ? { [run.data.jobId]: await runRecomputeJob(run.data.jobId, deps) } : await resumeJobs(deps);
  logger.info("recompute jobs", { outcomes });
  return outcomes;
});
