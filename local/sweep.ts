// The sweep locally: `npm run sweep` runs functions/sweep.ts once against the running local runtime (found by
// DATA_DIR/runtime.json), and the runtime runs it on a timer, as EventBridge Scheduler does on AWS.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { schedules } from "#routes";
import { SweepIncompleteError, type SweepSummary } from "#domain/sweep.ts";
import { tableEnv } from "./dynamodb.ts";
import { fakeContext } from "./gateway/context.ts";
import { invoke, moduleLoader, type LoadHandler } from "./gateway/invoke.ts";
import { localNotifyEnv, outboxDir } from "./outbox.ts";
import { dataDirOf, readRuntimeInfo } from "./runtime-file.ts";
import { sealKeyFile } from "./seal-key.ts";

const sweep = schedules.find((s) => s.name === "Sweep");
if (!sweep) throw new Error("the manifest has no Sweep schedule");
export const sweepSchedule = sweep;

const TIMEOUT_MS = 5 * 60_000;

/** Invokes the sweep's handler like Lambda would; a run that failed on some cases still answers its summary. */
export async function runSweepOnce(loadHandler: LoadHandler): Promise<SweepSummary> {
  const handler = await loadHandler(sweepSchedule.entry);
  const outcome = await invoke(handler, { source: "local" }, fakeContext(sweepSchedule.name, TIMEOUT_MS), TIMEOUT_MS);
  if (outcome.kind === "returned") return outcome.value as SweepSummary;
  if (outcome.kind === "threw" && outcome.error instanceof SweepIncompleteError) return outcome.error.summary;
  throw outcome.kind === "threw" ? outcome.error : new Error(`the sweep did not end within ${TIMEOUT_MS} ms`);
}

export const summaryLine = (s: SweepSummary, ms: number): string =>
  `sweep: ${s.queried} queries, ${s.due} due, ${s.escalated} escalated (${s.levelsRecorded} levels), ${s.notificationsSent} sent, ${s.failed} failed${s.failed ? ` [${s.failedCaseIds.join(", ")}]` : ""} (${ms} ms)`;

export interface SweepTimer {
  /** Clears the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Runs the sweep shortly after start, then every `everyMinutes` of the manifest; one log line per run. */
export function startSweepTimer(opts: { loadHandler: LoadHandler; log: (line: string) => void; firstAfterMs?: number; everyMs?: number }): SweepTimer {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    const started = Date.now();
    running = runSweepOnce(opts.loadHandler)
      .then(
        (summary) => opts.log(summaryLine(summary, Date.now() - started)),
        (err: unknown) => opts.log(`sweep: did not run: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => (running = undefined));
  };
  const first = setTimeout(run, opts.firstAfterMs ?? 5_000);
  const every = setInterval(run, opts.everyMs ?? sweepSchedule.everyMinutes * 60_000);
  first.unref();
  every.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const dataDir = dataDirOf();
  const info = readRuntimeInfo(dataDir);
  if (!info) throw new Error(`no local runtime is running with DATA_DIR ${dataDir}: start one with \`npm start\` (same DATA_DIR)`);
  const inMemoryOutbox = outboxDir(dataDir, info.pid);
  // A runtime that keeps nothing has no seal key on disk: its denouncers' addresses stay sealed and they get no mail from this run.
  const keyFile = sealKeyFile(dataDir);
  Object.assign(process.env, tableEnv(info.tablePrefix), localNotifyEnv(existsSync(inMemoryOutbox) ? inMemoryOutbox : outboxDir(dataDir)), {
    AWS_REGION: "local",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    DYNAMODB_ENDPOINT: info.dynamodbEndpoint,
    ...(existsSync(keyFile) && { SEAL_LOCAL_KEY: readFileSync(keyFile, "utf8").trim() }),
  });
  const started = Date.now();
  const summary = await runSweepOnce(moduleLoader(fileURLToPath(new URL("..", import.meta.url))));
  console.log(summaryLine(summary, Date.now() - started));
  console.log(JSON.stringify(summary, null, 2));
  if (summary.failed > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(`sweep: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
