// `npm start`'s runtime as a child process: serves, starts clean (no ERROR, no stack trace), keeps its data across
// restarts, and leaves no java behind.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freePort, localClient, localTableNames } from "#local/dynamodb.ts";
import { isAlive, type RuntimeInfo } from "#local/runtime-file.ts";
import { demoCases } from "#local/seed.ts";

// Node with tsx's loader, not tsx's CLI: the CLI relays signals through a second process, and a signal
// relayed while the runtime is busy can end it before its own handler runs.
const started: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Runtime {
  readonly child: ChildProcess;
  readonly info: RuntimeInfo;
  readonly exited: Promise<number | null>;
  output(): string;
}

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "local-runtime-"));
  dirs.push(dir);
  return dir;
}

// How long a start may take before the test says it failed: a JVM and the demo data on a loaded runner
// can take well over a minute; the bound only names a runtime that never comes up.
const startWithinMs = 180_000;
const oneStart = startWithinMs + 60_000;

/** Starts `tsx local/start.ts` and waits for its runtime.json; `stalePid` is a killed runtime's, left in the file. */
async function startRuntime(dataDir: string, opts: { args?: string[]; port?: number; stalePid?: number } = {}): Promise<Runtime> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts", ...(opts.args ?? [])], {
    env: { ...process.env, PORT: String(port), DYNAMODB_PORT: String(await freePort()), DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
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
function descendants(pid: number): number[] {
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

function javaOf(runtimePid: number): number {
  const java = descendants(runtimePid).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]!.endsWith("java");
    } catch {
      return false;
    }
  });
  if (!java) throw new Error(`no java process under the runtime ${runtimePid}`);
  return java;
}

async function gone(pid: number, withinMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.runIf(existsSync("/proc"))("the local runtime (npm start)", () => {
  const dataDir = tempDataDir();
  let first: Runtime;

  it("should serve the API, answer 404 to an unknown route and describe itself in runtime.json", async () => {
    // Act
    const port = await freePort();
    first = await startRuntime(dataDir, { port });
    const health = await fetch(`${first.info.apiUrl}/health`);
    const unknown = await fetch(`${first.info.apiUrl}/no/such/route`);

    // Assess
    expect(first.info).toEqual({
      apiUrl: `http://127.0.0.1:${port}`,
      dynamodbEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      tablePrefix: "local",
      pid: expect.any(Number),
      cognito: {
        endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        userPoolId: expect.stringMatching(/^local_\w+$/),
        clientId: expect.any(String),
        region: "local",
      },
    });
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: "ok" } });
    expect({ status: unknown.status, body: await unknown.json() }).toEqual({ status: 404, body: { message: "Not Found" } });
    expect(unknown.headers.get("apigw-requestid")).toMatch(/^[A-Za-z0-9+/]{14}==$/);
  }, oneStart);

  it("should serve the pages from web/dist", async () => {
    // Prepare: the pages are a build output; without them this would test nothing.
    expect(existsSync("web/dist/index.html"), "web/dist/index.html is missing: run `npm run build:web` before the integration tests").toBe(true);

    // Act
    const index = await fetch(`${first.info.apiUrl}/`);
    const track = await fetch(`${first.info.apiUrl}/track`);

    // Assess
    expect([index.status, index.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
    expect([track.status, track.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
  });

  it("should print no ERROR and no stack trace on a clean start, the demo data seeded, counted and swept", async () => {
    // Prepare: wait until the stream consumers have counted every demo case (they span at most two years)
    // and the first sweep has run: then the start's whole normal work is in the output.
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const received = async (y: number) => ((await (await fetch(`${first.info.apiUrl}/stats?year=${y}`)).json()) as { totals: { received: number } }).totals.received;
    await vi.waitFor(
      async () => {
        expect(first.output()).toMatch(/^sweep: /m);
        expect((await received(year - 1)) + (await received(year))).toBe(demoCases.length);
      },
      { timeout: startWithinMs, interval: 500 },
    );

    // Assess
    const output = first.output();
    expect(output).toContain("Demo data: 3 units and");
    expect(output.split("\n").filter((line) => line.includes("ERROR"))).toEqual([]);
    expect(output.split("\n").filter((line) => /^\s+at \S/.test(line) || /\\n\s+at /.test(line))).toEqual([]);
  }, oneStart);

  it("should refuse a second runtime on the same DATA_DIR", async () => {
    // Act
    const second = spawn(process.execPath, ["--import", "tsx", "local/start.ts"], {
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    started.push(second);
    let stderr = "";
    second.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((ok) => second.once("exit", ok));

    // Assess
    expect(code).toBe(1);
    expect(stderr).toContain(`a local runtime (pid ${first.info.pid}) already uses ${dataDir}`);
  }, 60_000);

  it("should stop on SIGTERM, leaving neither its java process nor runtime.json", async () => {
    // Prepare
    const java = javaOf(first.info.pid);
    const table = localTableNames(first.info.tablePrefix).cases;
    await localClient(first.info.dynamodbEndpoint).send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: "TEST#restart" }, sk: { S: "A" }, note: { S: "còn đây" } } }),
    );

    // Act
    first.child.kill("SIGTERM");
    const code = await first.exited;

    // Assess
    expect(code).toBe(0);
    expect(await gone(java)).toBe(true);
    expect(existsSync(join(dataDir, "runtime.json"))).toBe(false);
    expect(statSync(join(dataDir, "seal.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, "dynamodb")).isDirectory()).toBe(true);
  }, 60_000);

  it("should keep the data and the seal key across a restart", async () => {
    // Prepare
    const key = readFileSync(join(dataDir, "seal.key"), "utf8");

    // Act
    const again = await startRuntime(dataDir);
    const item = await localClient(again.info.dynamodbEndpoint).send(
      new GetItemCommand({ TableName: localTableNames(again.info.tablePrefix).cases, Key: { pk: { S: "TEST#restart" }, sk: { S: "A" } } }),
    );

    // Assess
    expect(item.Item?.note).toEqual({ S: "còn đây" });
    expect(readFileSync(join(dataDir, "seal.key"), "utf8")).toBe(key);
    expect(Buffer.from(key.trim(), "base64")).toHaveLength(32);
    again.child.kill("SIGTERM");
    expect(await again.exited, again.output()).toBe(0);
  }, oneStart);

  it("should leave no java behind when the runtime is killed outright, and start again over its stale runtime.json", async () => {
    // Prepare
    const doomed = await startRuntime(dataDir);
    const java = javaOf(doomed.info.pid);

    // Act
    process.kill(doomed.info.pid, "SIGKILL");

    // Assess
    expect(await gone(java)).toBe(true);
    const revived = await startRuntime(dataDir, { stalePid: doomed.info.pid });
    expect(revived.info.pid).not.toBe(doomed.info.pid);
    revived.child.kill("SIGTERM");
    expect(await revived.exited).toBe(0);
  }, 2 * startWithinMs + 60_000);

  it("should stop, exit 1 and remove runtime.json when DynamoDB Local ends on its own", async () => {
    // Prepare
    const runtime = await startRuntime(dataDir);

    // Act
    process.kill(javaOf(runtime.info.pid), "SIGKILL");
    const code = await runtime.exited;

    // Assess
    expect(code).toBe(1);
    expect(runtime.output()).toContain("DynamoDB Local ended unexpectedly");
    expect(existsSync(join(dataDir, "runtime.json"))).toBe(false);
  }, oneStart);

  it("should keep nothing with --in-memory", async () => {
    // Prepare
    const emptyDir = tempDataDir();

    // Act
    const runtime = await startRuntime(emptyDir, { args: ["--in-memory"] });
    const java = javaOf(runtime.info.pid);
    runtime.child.kill("SIGTERM");
    await runtime.exited;

    // Assess
    expect(await gone(java)).toBe(true);
    expect(readdirSync(emptyDir)).toEqual([]);
  }, oneStart);
});
