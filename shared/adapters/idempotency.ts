// Idempotency claims in the Idempotency table, as one Put of the transaction that stores what the request
// creates (shared/adapters/case-repository.ts): written only if no live claim has the id, and, when one
// has, returned by the cancelled transaction itself (ALL_OLD), so answering a retry costs no extra read.
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue, CancellationReason } from "@aws-sdk/client-dynamodb";
import type { IdempotencyClaim, IdempotencyKeyTakenError } from "#domain/idempotency.ts";
import { tables } from "#tables";

const { partitionKey, timeToLiveAttribute: expiration } = tables.idempotency;

/** The transaction's Put of a claim; a claim past its expiry (TTL deletes lazily) counts as absent. */
export function claimPut(table: string, claim: IdempotencyClaim, now: Date) {
  return {
    Put: {
      TableName: table,
      Item: { [partitionKey.name]: claim.id, requestHash: claim.requestHash, caseId: claim.caseId, answer: claim.sealedAnswer, [expiration]: claim.expiresAt },
      ConditionExpression: "attribute_not_exists(#id) OR #expiration < :now",
      ExpressionAttributeNames: { "#id": partitionKey.name, "#expiration": expiration },
      ExpressionAttributeValues: { ":now": Math.floor(now.getTime() / 1000) },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
    },
  };
}

/** The claim already stored, from the cancellation reason of the claim's Put; none when it did not fail on its condition. */
export function storedClaim(reason: CancellationReason | undefined): IdempotencyKeyTakenError["stored"] | undefined {
  if (reason?.Code !== "ConditionalCheckFailed" || !reason.Item) return undefined;
  // The document client does not unmarshall the items of an error.
  const item = unmarshall(reason.Item as Record<string, AttributeValue>);
  return typeof item.requestHash === "string" && typeof item.caseId === "string" && typeof item.answer === "string"
    ? { requestHash: item.requestHash, caseId: item.caseId, sealedAnswer: item.answer }
    : undefined;
}
