// The ports the domain needs; adapters in shared/adapters implement them.
import type { CaseEvent, CaseRecord } from "./case.ts";
import type { Filing } from "./filings.ts";
import type { AnchoredHead, AnchorRef } from "./audit.ts";
import type { IdempotencyClaim } from "./idempotency.ts";

export interface StoredCase {
  readonly record: CaseRecord;
  readonly events: readonly CaseEvent[];
}

export class TrackingCodeTakenError extends Error {}
/** Someone else changed the case since it was read. */
export class StaleVersionError extends Error {}

export interface CaseRepository {
  /**
   * Writes the case, its first event, its tracking lookup and, when given, the idempotency claim in one
   * transaction; throws TrackingCodeTakenError on a clash, IdempotencyKeyTakenError (with what is stored)
   * when the claim is already there. Nothing is written when it throws.
   */
  create(record: CaseRecord, firstEvent: CaseEvent, accessKeyHash: string, claim?: IdempotencyClaim): Promise<void>;
  /** The case behind a canonical tracking code, with the hash that verifies its access key. */
  findByTrackingCode(canonicalCode: string): Promise<(StoredCase & { accessKeyHash: string }) | undefined>;
  /** The case with its events in order. */
  get(caseId: string): Promise<StoredCase | undefined>;
  /** The case item alone. */
  getRecord(caseId: string): Promise<CaseRecord | undefined>;
  /**
   * Replaces the case item and appends its next event in one transaction, only if the stored
   * version is still `expectedVersion`; otherwise throws StaleVersionError and writes nothing.
   */
  update(record: CaseRecord, event: CaseEvent, expectedVersion: number): Promise<void>;
}

/** What is sealed: a sender's identity (`sealedSubmitter`), or the receipt an idempotency record remembers. */
export type SealedField = "submitter" | "receipt";

/**
 * What a sealed value belongs to. It opens only under the same context: the AES-GCM additional data, and on
 * AWS the KMS encryption context of its data key, so a ciphertext copied onto another case or field does not open.
 */
export interface SealContext {
  readonly caseId: string;
  readonly field: SealedField;
}

/** A sealed value that does not open under the context given: moved from another case or field, tampered with, or of an older format. */
export class UnopenableSealError extends Error {}

/** The tracking lookup alone (code → case id and the hash that verifies its key): a track answer reads the case only once the key matched. */
export interface TrackingLookup {
  find(canonicalCode: string): Promise<{ readonly caseId: string; readonly accessKeyHash: string } | undefined>;
}

/** Seals and opens secrets (KMS envelope encryption on AWS, a local key on one machine). */
export interface Sealer {
  seal(plaintext: string, context: SealContext): Promise<string>;
  /** Throws UnopenableSealError when the value does not open under `context`. */
  open(sealed: string, context: SealContext): Promise<string>;
}

/**
 * The keyed hash (HMAC-SHA-256) that recognises a sender without keeping who they are: a KMS HMAC key on
 * AWS, a key derived from the local seal key on one machine. The domain never holds the secret.
 */
export interface SenderKeyer {
  /** A stable key for one normalised identifier (`phone:0912345678`, `nationalId:…`), base64url. */
  keyOf(identifier: string): Promise<string>;
}

/** The earlier filings of a sender, for the repeat-filing rules (filings.ts); never the sender's identity. */
export interface FilingIndex {
  /** The cases filed under any of these sender keys, as they are now (at most the latest hundred per key). */
  bySender(senderKeys: readonly string[]): Promise<Filing[]>;
  /** One case as the rules read it. */
  find(caseId: string): Promise<Filing | undefined>;
}

/**
 * The audit key's MAC (HMAC-SHA-256) of the case events' chain: a KMS HMAC key on AWS (kms:GenerateMac,
 * granted to the functions that write cases), a key of the data directory on one machine. The table
 * holds the MACs, never the key: whoever can only write the tables cannot forge one.
 */
export interface AuditSigner {
  /** The MAC of a message (audit.ts macMessage), base64url. */
  mac(message: string): Promise<string>;
}

/** Checks a MAC of the audit key (KMS VerifyMac on AWS: granted to the audit reader only). */
export interface MacVerifier {
  verify(message: string, mac: string): Promise<boolean>;
}

/**
 * The append-only store of the chain heads, outside the tables: S3 with Object Lock on AWS, files that are
 * never overwritten under the data directory on one machine. Written by the Cases stream's anchor consumer.
 */
export interface AnchorStore {
  /** Records a head; anchoring the same head again is harmless and never replaces what is there. */
  append(head: AnchoredHead): Promise<void>;
  /** Every head anchored for the case, by sequence number (two at one number if the table was forked). */
  heads(caseId: string): Promise<AnchorRef[]>;
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * Starts a run of a job without waiting for it: on AWS an asynchronous invocation of the worker function,
 * in the local runtime the worker in this process, after the answer.
 */
export interface JobStarter {
  start(jobId: string): Promise<void>;
}
