// runtime.json: found while its runtime lives, ignored once it is dead, removed only by its owner.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRuntimeInfo, removeRuntimeInfo, runtimeFile, writeRuntimeInfo, type RuntimeInfo } from "#local/runtime-file.ts";

const info = (pid: number): RuntimeInfo => ({
  apiUrl: "http://127.0.0.1:3000",
  dynamodbEndpoint: "http://127.0.0.1:8000",
  tablePrefix: "local",
  pid,
});

describe("runtime.json", () => {
  it("should be read back while its process lives", () => {
    const dir = mkdtempSync(join(tmpdir(), "rt-"));
    writeRuntimeInfo(dir, info(process.pid));
    expect(readRuntimeInfo(dir)).toEqual(info(process.pid));
  });

  it("should count as no runtime when its process is gone", () => {
    const dir = mkdtempSync(join(tmpdir(), "rt-"));
    writeRuntimeInfo(dir, info(2 ** 22 + 1));
    expect(readRuntimeInfo(dir)).toBeUndefined();
  });

  it("should be removed by its own process only", () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), "rt-"));
    writeRuntimeInfo(dir, info(process.pid));

    // Act
    removeRuntimeInfo(dir, process.pid + 1);
    const keptForItsOwner = existsSync(runtimeFile(dir));
    removeRuntimeInfo(dir, process.pid);

    // Assess
    expect(keptForItsOwner).toBe(true);
    expect(existsSync(runtimeFile(dir))).toBe(false);
  });
});
