// The Abuse table: per-client counters in fixed windows (a conditional ADD per window, so a full window
// refuses without counting) and the markers of spent proof-of-work solutions.
// Every item has a TTL; nothing here is ever scanned.
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LimitScope, RateCounters, SpentSolutions, WindowAt } from "#domain/abuse.ts";

export const rateKey = (scope: LimitScope, client: string, w: WindowAt): string => `RATE#${scope}#${w.limit.seconds}#${w.start}#${client}`;

export class DynamoRateCounters implements RateCounters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * One conditional ADD per window, shortest first, each atomic on its own item (concurrent requests never
   * conflict, as they would in a transaction). A refusal by the shortest window counts nowhere; a refusal by a
   * longer one has counted in the shorter, which is harmless: the windows nest (600 s divides a day), so the
   * longer window refuses every request until the shorter has begun anew.
   */
  async take(scope: LimitScope, client: string, windows: readonly WindowAt[]): Promise<readonly WindowAt[]> {
    for (const w of [...windows].sort((a, b) => a.limit.seconds - b.limit.seconds)) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: rateKey(scope, client, w) },
            UpdateExpression: "ADD #n :one SET expiresAt = :expiresAt",
            ConditionExpression: "attribute_not_exists(#n) OR #n < :max",
            ExpressionAttributeNames: { "#n": "requests" },
            ExpressionAttributeValues: { ":one": 1, ":max": w.limit.max, ":expiresAt": w.expiresAt },
          }),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return [w];
        throw err;
      }
    }
    return [];
  }
}

export class DynamoSpentSolutions implements SpentSolutions {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async spend(solution: string, idempotencyKey: string | undefined, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `SPENT#${solution}`, expiresAt, ...(idempotencyKey !== undefined && { idempotencyKey }) },
          // Spent already: only the same Idempotency-Key may bring it again (without a key, never).
          ConditionExpression: idempotencyKey === undefined ? "attribute_not_exists(pk)" : "attribute_not_exists(pk) OR idempotencyKey = :key",
          ...(idempotencyKey !== undefined && { ExpressionAttributeValues: { ":key": idempotencyKey } }),
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
