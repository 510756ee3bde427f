// The SLA sweep, every 15 minutes (EventBridge Scheduler on AWS, a timer locally, `npm run sweep` once):
// record each escalation level reached and notify its audience. A case that fails does not stop the others;
// if any failed, the run throws at the end so the scheduler retries it (the sweep is idempotent) and then
// dead-letters it, and the DLQ's alarm tells the operators; the log names the failed cases.
import middy from "@middy/core";
import { runSweep, SweepIncompleteError, type SweepSummary } from "#domain/sweep.ts";
import { sweepDeps } from "#adapters/context.ts";
import { logger } from "#http/logger.ts";

export const handler = middy<unknown, SweepSummary>().handler(async () => {
  const summary = await runSweep(await sweepDeps((message, detail) => logger.warn(message, detail)));
  logger.info("sweep", { ...summary });
  if (summary.failed > 0) throw new SweepIncompleteError(summary);
  return summary;
});
