// The local sealer: AES-256-GCM round trip, bound to its case and field, and refusal of any changed byte,
// another key, another case, another field or the unbound format of earlier versions.
import { describe, expect, it } from "vitest";
import { LocalSealer, sealerFromEnv } from "#adapters/sealer.ts";
import { UnopenableSealError, type SealContext } from "#domain/ports.ts";

describe("the local sealer", () => {
  const sealer = new LocalSealer(Buffer.alloc(32, 1).toString("base64"));
  const ctx: SealContext = { caseId: "0d5c2b1e-9f1a-4c8e-8a55-3b4d2c1f0a99", field: "submitter" };

  it("should open what it sealed, Vietnamese included, and show none of it sealed", async () => {
    const secret = JSON.stringify({ fullName: "Phạm Thị Thu", nationalId: "001203004567" });

    const sealed = await sealer.seal(secret, ctx);

    expect(sealed).toMatch(/^local2\./);
    expect(sealed).not.toContain("001203004567");
    expect(await sealer.open(sealed, ctx)).toBe(secret);
  });

  // Bytes, not base64 characters: the last character of an unpadded base64 string may carry only
  // ignored bits, so changing it can leave the decoded bytes as they were.
  const plaintext = "bí mật"; // 9 bytes of UTF-8
  const parts = (sealed: string) => {
    const [scheme, iv, body] = sealed.split(".") as [string, string, string];
    const bytes = Buffer.from(body, "base64url");
    return { scheme, iv: Buffer.from(iv, "base64url"), ciphertext: bytes.subarray(0, bytes.length - 16), tag: bytes.subarray(bytes.length - 16) };
  };
  const join = ({ scheme, iv, ciphertext, tag }: ReturnType<typeof parts>) =>
    `${scheme}.${iv.toString("base64url")}.${Buffer.concat([ciphertext, tag]).toString("base64url")}`;
  const flipped = (bytes: Buffer, at: number) => {
    const copy = Buffer.from(bytes);
    copy[at]! ^= 0x01;
    return copy;
  };

  it("should split a sealed value into a 12-byte IV, the ciphertext and a 16-byte tag that join back to it", async () => {
    const sealed = await sealer.seal(plaintext, ctx);

    const { iv, ciphertext, tag } = parts(sealed);

    expect([iv.length, ciphertext.length, tag.length]).toEqual([12, Buffer.byteLength(plaintext), 16]);
    expect(join(parts(sealed))).toBe(sealed);
  });

  it.each([
    ["iv", "first"],
    ["iv", "last"],
    ["ciphertext", "first"],
    ["ciphertext", "last"],
    ["tag", "first"],
    ["tag", "last"],
  ] as const)("should refuse a value whose %s has its %s byte changed", async (part, which) => {
    const sealed = await sealer.seal(plaintext, ctx);
    const split = parts(sealed);
    const bytes = split[part];

    const tampered = join({ ...split, [part]: flipped(bytes, which === "first" ? 0 : bytes.length - 1) });

    expect(tampered).not.toBe(sealed);
    await expect(sealer.open(tampered, ctx)).rejects.toThrow();
  });

  it("should refuse a value sealed under another key", async () => {
    const sealed = await sealer.seal(plaintext, ctx);
    const other = new LocalSealer(Buffer.alloc(32, 2).toString("base64"));

    await expect(other.open(sealed, ctx)).rejects.toThrow();
  });

  it.each([
    ["another case", { ...ctx, caseId: "7e1f0c3a-2b4d-4e6f-9a8b-1c2d3e4f5a6b" }],
    ["another field", { ...ctx, field: "receipt" }],
  ] as const)("should refuse a value opened for %s, as an unopenable seal", async (_what, other) => {
    const sealed = await sealer.seal(plaintext, ctx);

    await expect(sealer.open(sealed, other)).rejects.toBeInstanceOf(UnopenableSealError);
  });

  it("should refuse a value of the unbound local1 format, as an unopenable seal", async () => {
    const sealed = await sealer.seal(plaintext, ctx);

    await expect(sealer.open(sealed.replace(/^local2\./, "local1."), ctx)).rejects.toBeInstanceOf(UnopenableSealError);
  });

  it("should refuse to start without a key", () => {
    expect(() => sealerFromEnv({})).toThrow(/SEAL_KMS_KEY_ARN|SEAL_LOCAL_KEY/);
  });
});
