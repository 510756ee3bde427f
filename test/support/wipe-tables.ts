// Empties tables of this test file's DynamoDB Local (a Scan and batched deletes), so one file can run
// several independent scenarios on the same tables: the handlers keep their clients and table names warm.
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { tables, type TableKey } from "#tables";
import { localClient, localTableNames } from "#local/dynamodb.ts";

/** Deletes every item of the tables; answers how many were deleted from each. */
export async function wipeTables(endpoint: string, prefix: string, keys: readonly TableKey[]): Promise<Partial<Record<TableKey, number>>> {
  const deleted: Partial<Record<TableKey, number>> = {};
  const client = DynamoDBDocumentClient.from(localClient(endpoint));
  const names = localTableNames(prefix);
  for (const key of keys) {
    const def = tables[key];
    const keyNames = [def.partitionKey.name, ...("sortKey" in def ? [def.sortKey.name] : [])];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: names[key], ExclusiveStartKey: start, ProjectionExpression: keyNames.map((_, i) => `#k${i}`).join(", "), ExpressionAttributeNames: Object.fromEntries(keyNames.map((n, i) => [`#k${i}`, n])) }));
      const items = page.Items ?? [];
      deleted[key] = (deleted[key] ?? 0) + items.length;
      for (let i = 0; i < items.length; i += 25) {
        let requests: Record<string, unknown>[] = items.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: Object.fromEntries(keyNames.map((n) => [n, item[n]])) } }));
        // DynamoDB Local rarely leaves items unprocessed; whatever it leaves is sent again.
        while (requests.length > 0) {
          const out = await client.send(new BatchWriteCommand({ RequestItems: { [names[key]]: requests as never } }));
          requests = (out.UnprocessedItems?.[names[key]] ?? []) as Record<string, unknown>[];
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  client.destroy();
  return deleted;
}
