// Sealers: AES-256-GCM under a data key, each value bound to its case and field (SealContext). On AWS the
// data key comes from KMS (envelope encryption: the encrypted data key travels with each sealed value, and
// its KMS encryption context is that same case and field); on one machine it is a local key.
//
// Formats: `local2.` and `kms2.` bind the context. The unbound `local1.` / `kms1.` of earlier versions are
// refused (UnopenableSealError): accepting them would let a value moved to another case open there.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { DecryptCommand, GenerateDataKeyCommand, IncorrectKeyException, InvalidCiphertextException } from "@aws-sdk/client-kms";
import { UnopenableSealError, type SealContext, type SealedField, type Sealer } from "#domain/ports.ts";
import { kmsClient } from "./aws-clients.ts";

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64url");
const unb64 = (s: string) => Buffer.from(s, "base64url");

/** The KMS encryption context of a value's data key: names only, never personal data (CloudTrail logs it). */
const encryptionContext = (context: SealContext): Record<string, string> => ({ caseId: context.caseId, field: context.field });
/** The AES-GCM additional data: the scheme, then the context in a fixed order. */
const aadOf = (scheme: string, context: SealContext): string => `${scheme}|${context.field}|${context.caseId}`;

function encrypt(key: Uint8Array, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${b64(iv)}.${b64(body)}`;
}

function decrypt(key: Uint8Array, sealed: string, aad: string): string {
  const [iv, body, extra] = sealed.split(".");
  if (!iv || !body || extra !== undefined) throw new UnopenableSealError("malformed sealed value");
  const bytes = unb64(body);
  if (bytes.length < 16) throw new UnopenableSealError("malformed sealed value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, unb64(iv)).setAAD(Buffer.from(aad));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    // GCM's tag check: another key, another context, or altered bytes.
    throw new UnopenableSealError("the sealed value does not open under this context");
  }
}

/** `local2.<iv>.<ciphertext+tag>` under a 32-byte key kept by the local runtime. */
export class LocalSealer implements Sealer {
  private readonly key: Buffer;
  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, "base64");
    if (this.key.length !== 32) throw new Error("the local seal key must be 32 bytes, base64-encoded");
  }
  async seal(plaintext: string, context: SealContext): Promise<string> {
    return `local2.${encrypt(this.key, plaintext, aadOf("local2", context))}`;
  }
  async open(sealed: string, context: SealContext): Promise<string> {
    if (!sealed.startsWith("local2.")) throw new UnopenableSealError("not a locally sealed value of this version");
    return decrypt(this.key, sealed.slice("local2.".length), aadOf("local2", context));
  }
}

/** The KMS key of each sealed field: a function is given only the keys its manifest entry names (infra/project-function.ts). */
export type SealKeyArns = Partial<Record<SealedField, string>>;

/**
 * `kms2.<encrypted data key>.<iv>.<ciphertext+tag>`: one data key per sealed value, generated under the
 * value's encryption context, so KMS itself refuses to decrypt it for another case or field, and the key
 * policy can tell sealing (GenerateDataKey) from opening (Decrypt).
 */
export class KmsSealer implements Sealer {
  private readonly opened = new Map<string, Uint8Array>();
  constructor(
    private readonly keyArns: SealKeyArns,
    private readonly kms = kmsClient(),
  ) {}

  private keyFor(field: SealedField): string {
    const arn = this.keyArns[field];
    if (!arn) throw new Error(`this function has no KMS key for sealed ${field} values`);
    return arn;
  }

  async seal(plaintext: string, context: SealContext): Promise<string> {
    const out = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyFor(context.field), KeySpec: "AES_256", EncryptionContext: encryptionContext(context) }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error("KMS returned no data key");
    return `kms2.${b64(out.CiphertextBlob)}.${encrypt(out.Plaintext, plaintext, aadOf("kms2", context))}`;
  }

  async open(sealed: string, context: SealContext): Promise<string> {
    const [scheme, encryptedKey, ...rest] = sealed.split(".");
    if (scheme !== "kms2" || !encryptedKey) throw new UnopenableSealError("not a KMS-sealed value of this version");
    const cacheKey = `${aadOf("kms2", context)}|${encryptedKey}`;
    let key = this.opened.get(cacheKey);
    if (!key) {
      try {
        const out = await this.kms.send(
          new DecryptCommand({ CiphertextBlob: unb64(encryptedKey), KeyId: this.keyFor(context.field), EncryptionContext: encryptionContext(context) }),
        );
        if (!out.Plaintext) throw new Error("KMS returned no plaintext");
        key = out.Plaintext;
      } catch (err) {
        // KMS's answers to another encryption context, or another key; anything else (throttling, access) is not the value's fault.
        if (err instanceof InvalidCiphertextException || err instanceof IncorrectKeyException) throw new UnopenableSealError("KMS refused the data key under this context");
        throw err;
      }
      this.opened.set(cacheKey, key);
    }
    return decrypt(key, rest.join("."), aadOf("kms2", context));
  }
}

/** Environment variables through which a function learns its KMS keys, by sealed field (infra/project-function.ts sets them). */
export const sealKeyEnv: Readonly<Record<SealedField, string>> = { submitter: "IDENTITY_KMS_KEY_ARN", receipt: "SEAL_KMS_KEY_ARN" };

/** Whether the environment holds any sealing key at all (a function may be given none). */
export const hasSealKey = (env: NodeJS.ProcessEnv = process.env): boolean =>
  Boolean(env.SEAL_LOCAL_KEY || Object.values(sealKeyEnv).some((name) => env[name]));

export function sealerFromEnv(env: NodeJS.ProcessEnv = process.env): Sealer {
  const arns: SealKeyArns = Object.fromEntries(
    Object.entries(sealKeyEnv).flatMap(([field, name]) => (env[name] ? [[field, env[name]]] : [])),
  );
  if (Object.keys(arns).length > 0) return new KmsSealer(arns);
  if (env.SEAL_LOCAL_KEY) return new LocalSealer(env.SEAL_LOCAL_KEY);
  throw new Error(`no sealing key: set ${Object.values(sealKeyEnv).join(" or ")} (AWS) or SEAL_LOCAL_KEY (local runtime)`);
}
