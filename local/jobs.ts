// The recompute jobs locally: the PUT handlers start the worker in this process (shared/adapters/context.ts,
// no function to invoke), and on start the runtime resumes the jobs a previous run of it left unfinished in the
// data directory. Their runs died with that process, so they are taken over at once (no staleness to wait for).
import { recomputeRunDeps } from "#adapters/context.ts";
import { resumeJobs } from "#domain/jobs.ts";

export async function resumeUnfinishedJobs(log: (line: string) => void): Promise<void> {
  try {
    const outcomes = await resumeJobs(recomputeRunDeps(), { staleAfterMs: 0 });
    for (const [jobId, outcome] of Object.entries(outcomes)) log(`recompute job ${jobId}: resumed, ${outcome}`);
  } catch (err) {
    log(`recompute jobs: not resumed: ${err instanceof Error ? err.name : String(err)}`);
  }
}
