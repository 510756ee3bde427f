// `npm start`'s runtime as a child process: serves, starts clean (no ERROR, no stack trace), keeps its data across
// restarts, and leaves no java behind.
// (When java dies under it, it starts it again: test/integration/local-supervision.test.ts.)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freePort, localClient, localTableNames } from "#local/dynamodb.ts";
import { demoCases } from "#local/seed.ts";
import { cleanUpRuntimes, gone, javaOf, oneStart, spawnStart, startRuntime, startWithinMs, tempDataDir, type Runtime } from "#test/support/runtime-process.ts";

afterAll(cleanUpRuntimes);

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
    const second = spawnStart({ PORT: String(await freePort()), DATA_DIR: dataDir }, [], "ignore");
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
    expect(statSync(join(dataDir, "cognito", "signing-key.pem")).mode & 0o777).toBe(0o600);
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
