// The local stand-in for KMS: one 32-byte key, base64 in env SEAL_LOCAL_KEY, generated once per DATA_DIR; and the
// one way a local secret is kept in a data directory (keptSecret), which the local sign-in key uses too.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const sealKeyFile = (dataDir: string): string => join(dataDir, "seal.key");

/** The key kept in DATA_DIR (mode 0600), or a fresh one each run when nothing is kept. */
export function localSealKey(dataDir: string | undefined): string {
  const fresh = () => randomBytes(32).toString("base64");
  if (!dataDir) return fresh();
  const file = sealKeyFile(dataDir);
  const key = keptSecret(file, () => `${fresh()}\n`).trim();
  if (Buffer.from(key, "base64").length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
  return key;
}

/**
 * A secret kept in one file (mode 0600): read if it exists, else made by `create` and written once. `wx`: two
 * runtimes starting at once must not each write their own; the one that loses reads the winner's.
 */
export function keptSecret(file: string, create: () => string): string {
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return readFileSync(file, "utf8");
  }
  const secret = create();
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return keptSecret(file, create);
    throw err;
  }
  return secret;
}
