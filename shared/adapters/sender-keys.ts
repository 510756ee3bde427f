// Sender keyers: HMAC-SHA-256 of a normalised phone or identity number. On AWS the HMAC key is a KMS
// key (GenerateMac: the secret never leaves KMS); on one machine it is derived from the local seal key
// (HKDF, with its own label, so the two keys are independent). The same identifier always gives the
// same key under one secret: changing the secret unlinks every earlier filing.
import { createHmac, hkdfSync } from "node:crypto";
import { GenerateMacCommand } from "@aws-sdk/client-kms";
import type { SenderKeyer } from "#domain/ports.ts";
import { kmsClient } from "./aws-clients.ts";

/** The environment variable through which a function learns the KMS HMAC key (set by infra/project-function.ts). */
const SENDER_KEY_ENV = "SENDER_KEY_KMS_ARN";

export class LocalSenderKeyer implements SenderKeyer {
  private readonly key: Buffer;
  constructor(base64SealKey: string) {
    const seal = Buffer.from(base64SealKey, "base64");
    if (seal.length !== 32) throw new Error("the local seal key must be 32 bytes, base64-encoded");
    this.key = Buffer.from(hkdfSync("sha256", seal, Buffer.alloc(0), "don-thu sender keys v1", 32));
  }
  async keyOf(identifier: string): Promise<string> {
    return createHmac("sha256", this.key).update(identifier, "utf8").digest("base64url");
  }
}

export class KmsSenderKeyer implements SenderKeyer {
  constructor(
    private readonly keyArn: string,
    private readonly kms = kmsClient(),
  ) {}
  async keyOf(identifier: string): Promise<string> {
    const out = await this.kms.send(new GenerateMacCommand({ KeyId: this.keyArn, MacAlgorithm: "HMAC_SHA_256", Message: Buffer.from(identifier, "utf8") }));
    if (!out.Mac) throw new Error("KMS returned no MAC");
    return Buffer.from(out.Mac).toString("base64url");
  }
}

export function senderKeyerFromEnv(env: NodeJS.ProcessEnv = process.env): SenderKeyer {
  const arn = env[SENDER_KEY_ENV];
  if (arn) return new KmsSenderKeyer(arn);
  if (env.SEAL_LOCAL_KEY) return new LocalSenderKeyer(env.SEAL_LOCAL_KEY);
  throw new Error(`no sender key: set ${SENDER_KEY_ENV} (AWS) or SEAL_LOCAL_KEY (local runtime)`);
}
