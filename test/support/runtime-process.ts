// `npm start`'s runtime as a child process, for the tests that hold the local runtime itself to its word:
// start it on a data directory, find its java by PID (from /proc, never by name), wait for processes to end.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "#local/dynamodb.ts";
import { isAlive, type RuntimeInfo } from "#local/runtime-file.ts";
import { testAbuseEnv } from "./challenge.ts";

// Node with tsx's loader, not tsx's CLI: the CLI relays signals through a second process, and a signal
// relayed while the runtime is busy can end it before its own handler runs.
const started: ChildProcess[] = [];
const dirs: string[] = [];

/** For afterAll: kills what is still running and removes the data directories. */
export function cleanUpRuntimes(): void {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export interface Runtime {
  readonly child: ChildProcess;
  readonly info: RuntimeInfo;
  readonly exited: Promise<number | null>;
  output(): string;
}

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "local-runtime-"));
  dirs.push(dir);
  return dir;
}

// How long a start may take before the test says it failed: a JVM and the demo data on a loaded runner
// can take well over a minute; the bound only names a runtime that never comes up.
export const startWithinMs = 180_000;
export const oneStart = startWithinMs + 60_000;

/** Spawns `local/start.ts` (tracked, so cleanUpRuntimes ends it). */
export function spawnStart(env: NodeJS.ProcessEnv, args: string[] = [], stdio: "pipe" | "ignore" = "pipe"): ChildProcess {
  // A tiny proof of work and limits no ordinary test reaches, as every test process has them (the env given may override).
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts", ...args], { env: { ...process.env, ...testAbuseEnv, ...env }, stdio: ["ignore", stdio, "pipe"] });
  started.push(child);
  return child;
}

/** Starts `tsx local/start.ts` and waits for its runtime.json; `stalePid` is a killed runtime's, left in the file. */
export async function startRuntime(dataDir: string, opts: { args?: string[]; port?: number; stalePid?: number } = {}): Promise<Runtime> {
  const port = opts.port ?? (await freePort());
  const child = spawnStart({ PORT: String(port), DYNAMODB_PORT: String(await freePort()), DATA_DIR: dataDir }, opts.args);
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  const file = join(dataDir, "runtime.json");
  const deadline = Date.now() + startWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the runtime exited with ${child.exitCode}:\n${output}`);
    // Ready means ready: runtime.json is written before the demo data is seeded on a first start.
    if (existsSync(file) && output.includes("Local runtime ready")) {
      const info = JSON.parse(readFileSync(file, "utf8")) as RuntimeInfo;
      if (info.pid !== opts.stalePid && isAlive(info.pid)) return { child, info, exited, output: () => output };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the runtime did not write ${file} in time:\n${output}`);
}

/** Every process descending from `pid`, read from /proc (no `ps`, no matching by name). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

/** The java process under a runtime, undefined when there is none. */
export function findJavaOf(runtimePid: number): number | undefined {
  return descendants(runtimePid).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]!.endsWith("java");
    } catch {
      return false;
    }
  });
}

export function javaOf(runtimePid: number): number {
  const java = findJavaOf(runtimePid);
  if (!java) throw new Error(`no java process under the runtime ${runtimePid}`);
  return java;
}

/** Waits until `condition` holds, polling; false if it still does not after `withinMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, withinMs = 10_000, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

export const gone = (pid: number, withinMs = 10_000): Promise<boolean> => eventually(() => !isAlive(pid), withinMs);
