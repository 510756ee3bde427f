// The KMS sealer against a stand-in KMS that, as KMS does, opens a data key only under the encryption context it
// was generated with: each value its own data key, bound to its case and field, under that field's key.
import { randomBytes } from "node:crypto";
import { DecryptCommand, GenerateDataKeyCommand, IncorrectKeyException, InvalidCiphertextException, type KMSClient } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { KmsSealer, sealerFromEnv } from "#adapters/sealer.ts";
import { UnopenableSealError, type SealContext } from "#domain/ports.ts";

/** Data keys kept by their ciphertext with the key id and context they were made under; calls recorded. */
function standInKms() {
  const keys = new Map<string, { plain: Uint8Array; keyId: string; context: string }>();
  const calls: { command: string; keyId: string | undefined; context: Record<string, string> | undefined }[] = [];
  const client = {
    send: async (command: GenerateDataKeyCommand | DecryptCommand) => {
      const { KeyId, EncryptionContext } = command.input;
      calls.push({ command: command.constructor.name, keyId: KeyId, context: EncryptionContext });
      if (command instanceof GenerateDataKeyCommand) {
        const blob = randomBytes(32);
        const plain = randomBytes(32);
        keys.set(blob.toString("hex"), { plain, keyId: KeyId!, context: JSON.stringify(EncryptionContext) });
        return { Plaintext: plain, CiphertextBlob: blob };
      }
      const kept = keys.get(Buffer.from(command.input.CiphertextBlob!).toString("hex"));
      if (kept && kept.keyId !== KeyId) throw new IncorrectKeyException({ message: "IncorrectKeyException", $metadata: {} });
      if (!kept || kept.context !== JSON.stringify(EncryptionContext)) {
        throw new InvalidCiphertextException({ message: "InvalidCiphertextException", $metadata: {} });
      }
      return { Plaintext: kept.plain };
    },
  };
  return { client: client as unknown as KMSClient, calls };
}

const arns = { submitter: "arn:aws:kms:ap-southeast-1:111122223333:key/identities", receipt: "arn:aws:kms:ap-southeast-1:111122223333:key/receipts" };
const here: SealContext = { caseId: "0d5c2b1e-9f1a-4c8e-8a55-3b4d2c1f0a99", field: "submitter" };

describe("the KMS sealer", () => {
  it("should seal under the field's key with the case and field as encryption context, and open under the same", async () => {
    const kms = standInKms();
    const sealer = new KmsSealer(arns, kms.client);

    const sealed = await sealer.seal("Nguyễn Thị Hoa", here);

    expect(sealed).toMatch(/^kms2\./);
    expect(await sealer.open(sealed, here)).toBe("Nguyễn Thị Hoa");
    expect(kms.calls.map((c) => [c.command, c.keyId, c.context])).toEqual([
      ["GenerateDataKeyCommand", arns.submitter, { caseId: here.caseId, field: "submitter" }],
      ["DecryptCommand", arns.submitter, { caseId: here.caseId, field: "submitter" }],
    ]);
  });

  it("should make one data key per value, so no two cases share one", async () => {
    const kms = standInKms();
    const sealer = new KmsSealer(arns, kms.client);

    const [a, b] = [await sealer.seal("x", here), await sealer.seal("x", { ...here, caseId: "7e1f0c3a-2b4d-4e6f-9a8b-1c2d3e4f5a6b" })];

    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  it.each([
    ["another case", { ...here, caseId: "7e1f0c3a-2b4d-4e6f-9a8b-1c2d3e4f5a6b" }],
    ["another field (and so another key)", { ...here, field: "receipt" }],
  ] as const)("should refuse, as an unopenable seal, a value opened for %s", async (_what, other) => {
    const sealer = new KmsSealer(arns, standInKms().client);
    const sealed = await sealer.seal("Nguyễn Thị Hoa", here);

    await expect(sealer.open(sealed, other)).rejects.toBeInstanceOf(UnopenableSealError);
  });

  it("should refuse the unbound kms1 format of earlier versions", async () => {
    const sealer = new KmsSealer(arns, standInKms().client);
    const sealed = await sealer.seal("x", here);

    await expect(sealer.open(sealed.replace(/^kms2\./, "kms1."), here)).rejects.toBeInstanceOf(UnopenableSealError);
  });

  it("should have no key for a field the function was not given, and take its keys from the environment", async () => {
    const intakeOnly = new KmsSealer({ submitter: arns.submitter }, standInKms().client);

    await expect(intakeOnly.seal("x", { ...here, field: "receipt" })).rejects.toThrow(/no KMS key for sealed receipt/);
    expect(sealerFromEnv({ IDENTITY_KMS_KEY_ARN: arns.submitter })).toBeInstanceOf(KmsSealer);
  });
});
