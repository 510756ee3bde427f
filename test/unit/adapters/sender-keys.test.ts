// The local sender keyer: deterministic under one seal key, another under another, and never the identifier.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LocalSenderKeyer, senderKeyerFromEnv } from "#adapters/sender-keys.ts";

describe("LocalSenderKeyer", () => {
  const sealKey = randomBytes(32).toString("base64");

  it("should give the same key to the same identifier, a 256-bit base64url MAC without the identifier in it", async () => {
    const keyer = new LocalSenderKeyer(sealKey);
    const [a, b, other] = await Promise.all(["phone:0912345678", "phone:0912345678", "nationalId:079188004321"].map((i) => keyer.keyOf(i)));
    expect([a === b, a === other, /^[\w-]{43}$/.test(a ?? ""), a?.includes("0912345678")]).toEqual([true, false, true, false]);
  });

  it("should give other keys under another seal key", async () => {
    const [mine, theirs] = await Promise.all([new LocalSenderKeyer(sealKey), new LocalSenderKeyer(randomBytes(32).toString("base64"))].map((k) => k.keyOf("phone:0912345678")));
    expect(mine).not.toBe(theirs);
  });

  it("should refuse to start without a key", () => {
    expect(() => senderKeyerFromEnv({})).toThrow(/SENDER_KEY_KMS_ARN/);
    expect(() => new LocalSenderKeyer("c2hvcnQ=")).toThrow(/32 bytes/);
  });
});
