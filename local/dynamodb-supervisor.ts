// LOCAL ONLY: keeps DynamoDB Local running under the runtime. When java dies, it is started again on the
// same port (so every client's endpoint still holds) with the same data directory, or a fresh one in
// memory; `onStart` makes each instance ready (its tables) before the supervisor says it is available
// again, and `onRestart` then tells the runtime (its stream poller, the demo data). Meanwhile the runtime answers 503: it does not shut down.
import { startDynamoDbLocal, type RunningDynamoDb } from "./dynamodb.ts";

export interface SupervisedDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  /** Whether DynamoDB Local is up and made ready; false from its death until a restart is ready. */
  available(): boolean;
  /** Stops it for good, a restart under way included: no java is left. */
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  readonly port?: number;
  readonly dataDir?: string;
  /** Runs on each new instance before it is available (the tables); after a restart, a failure is logged and retried. */
  readonly onStart: (db: RunningDynamoDb) => Promise<void>;
  /** After a restart is ready. */
  readonly onRestart?: () => void;
  readonly log?: (line: string) => void;
}

const MAX_BACKOFF_MS = 5_000;

export async function superviseDynamoDbLocal(opts: SupervisorOptions): Promise<SupervisedDynamoDb> {
  const log = opts.log ?? ((line) => console.error(line));
  const first = await startDynamoDbLocal({ ...(opts.port ? { port: opts.port } : {}), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  try {
    await opts.onStart(first);
  } catch (err) {
    await first.stop();
    throw err;
  }
  const { port, endpoint } = first;
  let current: RunningDynamoDb | undefined = first;
  let ready = true;
  let stopping = false;
  let restarting: Promise<void> | undefined;

  /** One new instance, made ready; undefined when stopped meanwhile (and then nothing is left running). */
  async function startAgain(): Promise<RunningDynamoDb | undefined> {
    for (let attempt = 1; !stopping; attempt++) {
      let db: RunningDynamoDb | undefined;
      try {
        db = await startDynamoDbLocal({ port, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
        if (stopping) break;
        await opts.onStart(db);
        return db;
      } catch (err) {
        log(`DynamoDB Local did not come back (attempt ${attempt}): ${(err as Error).message.split("\n")[0]}`);
        await db?.stop();
        db = undefined;
        // The port may still be held by the dead java's socket for a moment.
        if (!stopping) await new Promise((ok) => setTimeout(ok, Math.min(250 * 2 ** attempt, MAX_BACKOFF_MS)));
      } finally {
        if (stopping) await db?.stop();
      }
    }
    return undefined;
  }

  function watch(db: RunningDynamoDb): void {
    void db.exited.then(() => {
      if (stopping || current !== db) return;
      ready = false;
      current = undefined;
      log("DynamoDB Local ended unexpectedly: starting it again on the same port; requests answer 503 meanwhile");
      restarting = (async () => {
        const next = await startAgain();
        if (!next) return;
        current = next;
        ready = true;
        watch(next);
        log(`DynamoDB Local is back (java ${next.javaPid})`);
        opts.onRestart?.();
      })();
    });
  }
  watch(first);

  return {
    endpoint,
    port,
    available: () => ready && !stopping,
    async stop() {
      stopping = true;
      ready = false;
      await restarting;
      await current?.stop();
    },
  };
}
