// The audit key: HMAC-SHA-256 of the case events' chain (shared/domain/audit.ts). On AWS a KMS HMAC key
// of its own (not the sender keys' one): the writers may only GenerateMac, the audit reader only
// VerifyMac, and the secret never leaves KMS. On one machine a key derived from the data directory's
// local seal key (HKDF, with its own label, so it is independent of the seal and sender keys).
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { GenerateMacCommand, KMSInvalidMacException, VerifyMacCommand } from "@aws-sdk/client-kms";
import type { AuditSigner, MacVerifier } from "#domain/ports.ts";
import { kmsClient } from "./aws-clients.ts";

/** The environment variable through which a function learns the audit's KMS HMAC key (set by infra/project-function.ts). */
export const AUDIT_KEY_ENV = "AUDIT_KEY_KMS_ARN";
const ALGORITHM = "HMAC_SHA_256";

export class LocalAuditKey implements AuditSigner, MacVerifier {
  private readonly key: Buffer;
  constructor(base64SealKey: string) {
    const seal = Buffer.from(base64SealKey, "base64");
    if (seal.length !== 32) throw new Error("the local seal key must be 32 bytes, base64-encoded");
    this.key = Buffer.from(hkdfSync("sha256", seal, Buffer.alloc(0), "don-thu audit chain v1", 32));
  }
  async mac(message: string): Promise<string> {
    return createHmac("sha256", this.key).update(message, "utf8").digest("base64url");
  }
  async verify(message: string, mac: string): Promise<boolean> {
    const wanted = createHmac("sha256", this.key).update(message, "utf8").digest();
    const given = Buffer.from(mac, "base64url");
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}

export class KmsAuditSigner implements AuditSigner {
  constructor(
    private readonly keyArn: string,
    private readonly kms = kmsClient(),
  ) {}
  async mac(message: string): Promise<string> {
    const out = await this.kms.send(new GenerateMacCommand({ KeyId: this.keyArn, MacAlgorithm: ALGORITHM, Message: Buffer.from(message, "utf8") }));
    if (!out.Mac) throw new Error("KMS returned no MAC");
    return Buffer.from(out.Mac).toString("base64url");
  }
}

export class KmsMacVerifier implements MacVerifier {
  constructor(
    private readonly keyArn: string,
    private readonly kms = kmsClient(),
  ) {}
  async verify(message: string, mac: string): Promise<boolean> {
    try {
      const out = await this.kms.send(
        new VerifyMacCommand({ KeyId: this.keyArn, MacAlgorithm: ALGORITHM, Message: Buffer.from(message, "utf8"), Mac: Buffer.from(mac, "base64url") }),
      );
      return out.MacValid === true;
    } catch (err) {
      // KMS answers a MAC that does not verify with this error, not with MacValid: false.
      if (err instanceof KMSInvalidMacException) return false;
      throw err;
    }
  }
}

function localKey(env: NodeJS.ProcessEnv): LocalAuditKey {
  if (!env.SEAL_LOCAL_KEY) throw new Error(`no audit key: set ${AUDIT_KEY_ENV} (AWS) or SEAL_LOCAL_KEY (local runtime)`);
  return new LocalAuditKey(env.SEAL_LOCAL_KEY);
}

export function auditSignerFromEnv(env: NodeJS.ProcessEnv = process.env): AuditSigner {
  const arn = env[AUDIT_KEY_ENV];
  return arn ? new KmsAuditSigner(arn) : localKey(env);
}

export function macVerifierFromEnv(env: NodeJS.ProcessEnv = process.env): MacVerifier {
  const arn = env[AUDIT_KEY_ENV];
  return arn ? new KmsMacVerifier(arn) : localKey(env);
}
