// The open cases of the Cases table, found through the byStatus index over every shard: never a Scan.
import { paginateQuery, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { openStatuses } from "#domain/vocabulary.ts";
import type { OpenCaseSource } from "#domain/recompute.ts";
import { keyAttributesOf, partitionKey, SHARDS } from "./case-keys.ts";

const byStatus = keyAttributesOf("byStatus");

export class DynamoOpenCases implements OpenCaseSource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async *openCaseIds(): AsyncIterable<string> {
    for (const status of openStatuses) {
      for (let shard = 0; shard < SHARDS; shard++) {
        const pages = paginateQuery(
          { client: this.db },
          {
            TableName: this.table,
            IndexName: byStatus.indexName,
            KeyConditionExpression: "#pk = :pk",
            ExpressionAttributeNames: { "#pk": byStatus.pk },
            ExpressionAttributeValues: { ":pk": partitionKey("byStatus", { status, shard }) },
            ProjectionExpression: "caseId",
          },
        );
        for await (const page of pages) for (const item of page.Items ?? []) yield (item as { caseId: string }).caseId;
      }
    }
  }
}
