// Synthesizes each stack the infra tests read once, before any test runs, each in a child process (so
// neither vitest's main process nor a worker is blocked meanwhile), and tells the tests where the
// templates are.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { configurations, type ConfigurationName } from "./configurations.ts";

declare module "vitest" {
  export interface ProvidedContext {
    infraSynthDir: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const limitMs = 15 * 60_000;

function synthesizeInChild(name: ConfigurationName, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/infra/synth.ts", name, file], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`synthesizing the "${name}" stack ${signal ? `was stopped (${signal}) after ${limitMs / 60_000} min` : `failed (exit ${code})`}:\n${output}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "don-thu-infra-"));
  try {
    // As many at a time as there are cores: more would only make each slower.
    const queue = Object.keys(configurations) as ConfigurationName[];
    const lanes = Array.from({ length: Math.min(queue.length, availableParallelism()) }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) await synthesizeInChild(name, join(dir, `${name}.json`));
    });
    await Promise.all(lanes);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide("infraSynthDir", dir);
  return () => rm(dir, { recursive: true, force: true });
}
