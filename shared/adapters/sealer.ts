// Sealers: AES-256-GCM under a data key. On AWS the data key comes from KMS (envelope encryption,
// the encrypted data key travels with each sealed value); on one machine it is a local key.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import type { Sealer } from "#domain/ports.ts";

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64url");
const unb64 = (s: string) => Buffer.from(s, "base64url");

function encrypt(key: Uint8Array, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${b64(iv)}.${b64(body)}`;
}

function decrypt(key: Uint8Array, sealed: string, aad: string): string {
  const [iv, body] = sealed.split(".");
  if (!iv || !body) throw new Error("malformed sealed value");
  const bytes = unb64(body);
  const decipher = createDecipheriv("aes-256-gcm", key, unb64(iv)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
}

/** `local1.<iv>.<ciphertext+tag>` under a 32-byte key kept by the local runtime. */
export class LocalSealer implements Sealer {
  private readonly key: Buffer;
  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, "base64");
    if (this.key.length !== 32) throw new Error("the local seal key must be 32 bytes, base64-encoded");
  }
  async seal(plaintext: string): Promise<string> {
    return `local1.${encrypt(this.key, plaintext, "local1")}`;
  }
  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith("local1.")) throw new Error("not a locally sealed value");
    return decrypt(this.key, sealed.slice("local1.".length), "local1");
  }
}

/**
 * `kms1.<encrypted data key>.<iv>.<ciphertext+tag>`. One data key is reused for a few minutes per
 * warm function, so sealing costs one KMS call per container, not one per value.
 */
export class KmsSealer implements Sealer {
  private current?: { plain: Uint8Array; encrypted: string; until: number };
  private readonly opened = new Map<string, Uint8Array>();
  constructor(
    private readonly keyArn: string,
    private readonly kms = new KMSClient({}),
    private readonly reuseMs = 5 * 60_000,
  ) {}

  async seal(plaintext: string): Promise<string> {
    if (!this.current || this.current.until < Date.now()) {
      const out = await this.kms.send(new GenerateDataKeyCommand({ KeyId: this.keyArn, KeySpec: "AES_256" }));
      if (!out.Plaintext || !out.CiphertextBlob) throw new Error("KMS returned no data key");
      this.current = { plain: out.Plaintext, encrypted: b64(out.CiphertextBlob), until: Date.now() + this.reuseMs };
    }
    return `kms1.${this.current.encrypted}.${encrypt(this.current.plain, plaintext, "kms1")}`;
  }

  async open(sealed: string): Promise<string> {
    const [scheme, encryptedKey, ...rest] = sealed.split(".");
    if (scheme !== "kms1" || !encryptedKey) throw new Error("not a KMS-sealed value");
    let key = this.opened.get(encryptedKey);
    if (!key) {
      const out = await this.kms.send(new DecryptCommand({ CiphertextBlob: unb64(encryptedKey), KeyId: this.keyArn }));
      if (!out.Plaintext) throw new Error("KMS returned no plaintext");
      key = out.Plaintext;
      this.opened.set(encryptedKey, key);
    }
    return decrypt(key, rest.join("."), "kms1");
  }
}

export function sealerFromEnv(env: NodeJS.ProcessEnv = process.env): Sealer {
  if (env.SEAL_KMS_KEY_ARN) return new KmsSealer(env.SEAL_KMS_KEY_ARN);
  if (env.SEAL_LOCAL_KEY) return new LocalSealer(env.SEAL_LOCAL_KEY);
  throw new Error("no sealing key: set SEAL_KMS_KEY_ARN (AWS) or SEAL_LOCAL_KEY (local runtime)");
}
