import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LocalSealer, sealerFromEnv } from "#adapters/sealer.ts";

describe("the local sealer", () => {
  const sealer = new LocalSealer(randomBytes(32).toString("base64"));

  it("should open what it sealed, Vietnamese included, and show none of it sealed", async () => {
    const secret = JSON.stringify({ fullName: "Phạm Thị Thu", nationalId: "001203004567" });

    const sealed = await sealer.seal(secret);

    expect(sealed).toMatch(/^local1\./);
    expect(sealed).not.toContain("001203004567");
    expect(await sealer.open(sealed)).toBe(secret);
  });

  it("should refuse a tampered value and a value sealed under another key", async () => {
    const sealed = await sealer.seal("bí mật");
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    const other = new LocalSealer(randomBytes(32).toString("base64"));

    await expect(sealer.open(tampered)).rejects.toThrow();
    await expect(other.open(sealed)).rejects.toThrow();
  });

  it("should refuse to start without a key", () => {
    expect(() => sealerFromEnv({})).toThrow(/SEAL_KMS_KEY_ARN|SEAL_LOCAL_KEY/);
  });
});
