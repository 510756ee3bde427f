// The open cases of the Cases table by pages, through the byStatus index over every status and shard: never a
// Scan. A position is the listing's (status, shard, LastEvaluatedKey), kept by the recompute job as its cursor.
import { paginateQuery, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { openStatuses } from "#domain/vocabulary.ts";
import type { OpenCasePage, OpenCasePages } from "#domain/jobs.ts";
import { keyAttributesOf, partitionKey, SHARDS } from "./case-keys.ts";

const byStatus = keyAttributesOf("byStatus");

/** One partition of the listing (a status's shard), and where in it the last page ended. */
const positionSchema = z.object({
  status: z.number().int().min(0),
  shard: z.number().int().min(0),
  lastKey: z.record(z.string(), z.string()).optional(),
});
type Position = z.infer<typeof positionSchema>;

const encode = (p: Position): string => JSON.stringify(p);
const decode = (cursor: string | undefined): Position => (cursor === undefined ? { status: 0, shard: 0 } : positionSchema.parse(JSON.parse(cursor)));
/** The partition after this one, or undefined after the last. */
const nextPartition = (p: Position): Position | undefined =>
  p.shard + 1 < SHARDS ? { status: p.status, shard: p.shard + 1 } : p.status + 1 < openStatuses.length ? { status: p.status + 1, shard: 0 } : undefined;

export class DynamoOpenCases implements OpenCasePages {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private partitionQuery(p: Position) {
    return {
      TableName: this.table,
      IndexName: byStatus.indexName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": byStatus.pk },
      ExpressionAttributeValues: { ":pk": partitionKey("byStatus", { status: openStatuses[p.status]!, shard: p.shard }) },
    };
  }

  /** A page never spans two partitions; an empty partition is passed over, so a page is empty only at the end. */
  async page(cursor: string | undefined, limit: number): Promise<OpenCasePage> {
    let at: Position | undefined = decode(cursor);
    while (at) {
      const out = await this.db.send(
        new QueryCommand({ ...this.partitionQuery(at), ProjectionExpression: "caseId", Limit: limit, ...(at.lastKey && { ExclusiveStartKey: at.lastKey }) }),
      );
      const lastKey = out.LastEvaluatedKey as Record<string, string> | undefined;
      const next: Position | undefined = lastKey ? { ...at, lastKey } : nextPartition(at);
      const caseIds = (out.Items ?? []).map((item) => (item as { caseId: string }).caseId);
      if (caseIds.length > 0 || !next) return { caseIds, ...(next && { next: encode(next) }) };
      at = next;
    }
    return { caseIds: [] };
  }

  async count(): Promise<number> {
    let total = 0;
    for (let at: Position | undefined = { status: 0, shard: 0 }; at; at = nextPartition(at)) {
      for await (const page of paginateQuery({ client: this.db }, { ...this.partitionQuery(at), Select: "COUNT" })) total += page.Count ?? 0;
    }
    return total;
  }
}
