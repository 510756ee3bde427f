import { describe, expect, it } from "vitest";
import { accessKeyMatches, canonicalCode, hashAccessKey, isTrackingCode, newAccessKey, newTrackingCode } from "#domain/codes.ts";

describe("tracking codes and access keys", () => {
  it("should make tracking codes of two groups of four unambiguous characters", () => {
    const codes = Array.from({ length: 2000 }, newTrackingCode);

    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it("should make access keys of 100 random bits: twenty base32 characters", () => {
    const key = newAccessKey();

    expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){3}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(Math.log2(32) * key.replaceAll("-", "").length).toBeGreaterThanOrEqual(80);
  });

  it("should read a code as typed on a phone: any case, spaces, dashes, O for 0 and I or L for 1", () => {
    expect(canonicalCode(" ab1o-2il9 ")).toBe("AB102119");
    expect(isTrackingCode(canonicalCode("ab1o 2il9"))).toBe(true);
    expect(isTrackingCode("AB10211")).toBe(false);
    expect(isTrackingCode("AB10211U")).toBe(false);
  });

  it("should verify a key against its hash however it is typed, and refuse any other key", () => {
    const key = newAccessKey();
    const hash = hashAccessKey(key);

    expect(hash).not.toContain(key.replaceAll("-", ""));
    expect(accessKeyMatches(key.toLowerCase().replaceAll("-", " "), hash)).toBe(true);
    expect(accessKeyMatches(newAccessKey(), hash)).toBe(false);
    expect(accessKeyMatches(key, "not-a-hash")).toBe(false);
  });
});
