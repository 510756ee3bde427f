// The local stand-in for KMS: one 32-byte key, base64 in env SEAL_LOCAL_KEY, generated once per DATA_DIR.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const sealKeyFile = (dataDir: string): string => join(dataDir, "seal.key");

/** The key kept in DATA_DIR (mode 0600), or a fresh one each run when nothing is kept. */
export function localSealKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString("base64");
  const file = sealKeyFile(dataDir);
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (Buffer.from(key, "base64").length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
    chmodSync(file, 0o600);
    return key;
  }
  const key = randomBytes(32).toString("base64");
  // `wx`: two runtimes starting at once must not each write their own key.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return localSealKey(dataDir);
    throw err;
  }
  return key;
}
