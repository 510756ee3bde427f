// The local seal key: generated once per DATA_DIR, private to its owner, random when nothing is kept.
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localSealKey, sealKeyFile } from "#local/seal-key.ts";

describe("localSealKey", () => {
  it("should generate a base64 32-byte key once, in a file of mode 0600, and give it back on the next run", () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), "seal-"));

    // Act
    const first = localSealKey(dir);
    const second = localSealKey(dir);

    // Assess
    expect(Buffer.from(first, "base64")).toHaveLength(32);
    expect(second).toBe(first);
    expect(statSync(sealKeyFile(dir)).mode & 0o777).toBe(0o600);
  });

  it("should give a fresh key each time without a data directory", () => {
    expect(localSealKey(undefined)).not.toBe(localSealKey(undefined));
  });

  it("should refuse a file that does not hold a 32-byte key", () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), "seal-"));
    writeFileSync(sealKeyFile(dir), "c2hvcnQ=\n");

    // Act & Assess
    expect(() => localSealKey(dir)).toThrow(/does not hold a base64 32-byte key/);
  });
});
