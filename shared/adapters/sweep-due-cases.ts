// The sweep's due cases on DynamoDB: the byDue index (`DUE#<shard>` · `<dueAt>#<caseId>`, open cases whose
// clock runs) queried below `now` on each of its shards. Key conditions only, never a Scan: the items read
// are the due cases, however large the table.
import { paginateQuery, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DueCaseSource, DuePage } from "#domain/sweep.ts";
import { keyAttributesOf, partitionKey, SHARDS } from "./case-keys.ts";

const byDue = keyAttributesOf("byDue");

export class DynamoDueCases implements DueCaseSource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async *dueBefore(now: string): AsyncIterable<DuePage> {
    for (let shard = 0; shard < SHARDS; shard++) {
      // `<dueAt>#<caseId>` < `<now>` exactly when dueAt < now: the deadline (the end of its local day) has passed.
      const pages = paginateQuery(
        { client: this.db },
        {
          TableName: this.table,
          IndexName: byDue.indexName,
          KeyConditionExpression: "#pk = :pk AND #sk < :now",
          ExpressionAttributeNames: { "#pk": byDue.pk, "#sk": byDue.sk },
          ExpressionAttributeValues: { ":pk": partitionKey("byDue", { shard }), ":now": now },
        },
      );
      for await (const page of pages) yield { items: page.Items ?? [] };
    }
  }
}
