// A request made once, whatever fails when: its Idempotency-Key (scoped to the route) is claimed in the
// very transaction that stores what the request creates, with a hash of its body and its answer sealed.
// Either both are committed or neither; a retry finds the claim and answers the stored answer again.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { z } from "zod";
import { BusinessRuleError } from "./errors.ts";
import type { SealContext, Sealer } from "./ports.ts";

/** How long a claim answers retries (API.md: within 24 hours). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** A caller's key, and the scope it is unique in (the route, and for staff the user). */
export interface IdempotencyKey {
  readonly scope: string;
  readonly key: string;
}

/** What a transaction claims: never the key itself, nor the body; the answer only sealed. */
export interface IdempotencyClaim {
  /** SHA-256 of scope and key. */
  readonly id: string;
  /** SHA-256 of the canonical body. */
  readonly requestHash: string;
  /** The case the request created: the sealed answer opens only for it (an id, not personal data). */
  readonly caseId: string;
  /** The answer the request got, sealed for its case (it carries an access key). */
  readonly sealedAnswer: string;
  /** Epoch seconds after which the claim no longer holds (the table's TTL attribute). */
  readonly expiresAt: number;
}

/** The claim is already there: the transaction stored nothing, and this is what was claimed before. */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly stored: Pick<IdempotencyClaim, "requestHash" | "caseId" | "sealedAnswer">) {
    super("the idempotency key is already claimed");
  }
}

/** A remembered answer is sealed for the case it created, as its receipt. */
const receiptContext = (caseId: string): SealContext => ({ caseId, field: "receipt" });

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64url");

/** A claim for this key and body, answering `answer`, from `now` on. */
export async function claimFor(key: IdempotencyKey, body: unknown, answer: { readonly caseId: string }, sealer: Sealer, now: Date): Promise<IdempotencyClaim> {
  return {
    id: sha256(`${key.scope}\u0000${key.key}`),
    requestHash: requestHashOf(body),
    caseId: answer.caseId,
    sealedAnswer: await sealer.seal(JSON.stringify(answer), receiptContext(answer.caseId)),
    expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
}

/** The same body whatever the order of its members. */
export const requestHashOf = (body: unknown): string => sha256(canonicalize(body) ?? "");

/** The stored answer again, when the retry sent the same body; 422 `idempotency_key_reused` when not. */
export async function replay<S extends z.ZodType>(stored: IdempotencyKeyTakenError["stored"], body: unknown, schema: S, sealer: Sealer): Promise<z.infer<S>> {
  if (stored.requestHash !== requestHashOf(body)) {
    throw new BusinessRuleError("This Idempotency-Key was already used with another request body.", [
      { path: "Idempotency-Key", message: "already used with another body; use a new key for a new submission", code: "idempotency_key_reused" },
    ]);
  }
  return schema.parse(JSON.parse(await sealer.open(stored.sealedAnswer, receiptContext(stored.caseId))));
}
