// Starts the local runtime (in memory, on a free port) for the browser tests, hands its URL to them
// through `provide`, and stops it when they are done. E2E_BASE_URL points the tests at a runtime
// that is already running instead.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { testAbuseEnv } from "../support/challenge.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the local runtime exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the local runtime did not answer ${url}/health within ${timeoutMs / 1000} s:\n${log()}`);
}

function stop(child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // it ignored SIGTERM: do not leave it behind
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.E2E_BASE_URL;
  if (given) {
    project.provide("baseUrl", given.replace(/\/$/, ""));
    return async () => {};
  }

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "don-thu-e2e-"));
  // One node process running tsx as a loader (not `npx tsx`, whose wrappers do not pass SIGTERM on),
  // so the SIGTERM below reaches the runtime, which stops DynamoDB Local itself.
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts", "--in-memory"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...testAbuseEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (err) {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  project.provide("baseUrl", baseUrl);

  return async () => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
}
