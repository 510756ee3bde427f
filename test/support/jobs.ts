// Waiting for recompute jobs in a test: the handlers run in this process, and so does the worker they start
// (the local JobStarter), so a test waits for its runs to settle — a condition, not a sleep.
import { inProcessJobs } from "#adapters/context.ts";

/** Resolves once every run of the recompute worker started in this process (and every run they started) has ended. */
export const jobsIdle = (): Promise<void> => inProcessJobs().idle();
