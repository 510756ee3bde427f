// Tracking codes and access keys a citizen can read aloud and type on a phone, and how keys are verified.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";

/** Crockford's base32: no I, L, O or U, so nothing reads as another character. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TRACKING_LENGTH = 8; // 40 bits: a short code; uniqueness is enforced at write time
const KEY_LENGTH = 20; // 100 bits of entropy

function randomCode(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Groups a canonical code for display: `ABCD-EFGH`, `ABCDE-FGHJK-…`. */
export function groupCode(code: string, size: number): string {
  return code.match(new RegExp(`.{1,${size}}`, "g"))?.join("-") ?? code;
}

/** What a person typed → the canonical code: case, spaces and dashes ignored; O→0, I/L→1 as Crockford reads them. */
export function canonicalCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export const isTrackingCode = (canonical: string): boolean =>
  canonical.length === TRACKING_LENGTH && [...canonical].every((c) => ALPHABET.includes(c));

export const newTrackingCode = (): string => groupCode(randomCode(TRACKING_LENGTH), 4);
export const newAccessKey = (): string => groupCode(randomCode(KEY_LENGTH), 5);

/**
 * The stored verifier of an access key. A plain SHA-256 suffices: the key is 100 random bits, so
 * there is nothing to brute-force that a slow hash would protect.
 */
export const hashAccessKey = (key: string): string => createHash("sha256").update(canonicalCode(key)).digest("hex");

export function accessKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashAccessKey(key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
