// The overdue side of the inspection report on the Cases table's due-date index: open cases whose clock
// runs, keyed DUE#<shard> · <dueAt>#<caseId>. One key-range Query per shard (paged) projecting only the
// three attributes the report groups by: the register of overdue cases, never the cases themselves.
import { paginateQuery, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { caseKindSchema } from "#domain/case.ts";
import type { OverdueEntry, OverdueIndex } from "#domain/report.ts";
import { keyAttributesOf, partitionKey, SHARDS } from "./case-keys.ts";

const byDue = keyAttributesOf("byDue");

export class DynamoOverdueIndex implements OverdueIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async overdueBefore(before: string): Promise<OverdueEntry[]> {
    const shards = await Promise.all(
      Array.from({ length: SHARDS }, async (_, shard) => {
        const out: OverdueEntry[] = [];
        const pages = paginateQuery(
          { client: this.db },
          {
            TableName: this.table,
            IndexName: byDue.indexName,
            KeyConditionExpression: "#pk = :pk AND #sk < :before",
            ExpressionAttributeNames: { "#pk": byDue.pk, "#sk": byDue.sk, "#unitId": "unitId", "#kind": "kind", "#receivedAt": "receivedAt" },
            ExpressionAttributeValues: { ":pk": partitionKey("byDue", { shard }), ":before": before },
            ProjectionExpression: "#unitId, #kind, #receivedAt",
          },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) {
            out.push({ ...(typeof item.unitId === "string" && { unitId: item.unitId }), kind: caseKindSchema.parse(item.kind), receivedAt: String(item.receivedAt) });
          }
        }
        return out;
      }),
    );
    return shards.flat();
  }
}
