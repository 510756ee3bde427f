// The FilingIndex on DynamoDB: a sender's filings through the bySender index (`SENDER#<key>` ·
// `<receivedAt>#<caseId>`, one small item per sender key of each case, case-keys.ts senderItems), the
// latest first, then the cases themselves, as they are now, in batch reads of the few fields the rules
// need. Key conditions and key lookups, never a Scan.
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { filingSchema, type Filing } from "#domain/filings.ts";
import type { FilingIndex } from "#domain/ports.ts";
import { caseKeys, keyAttributesOf, partitionKey } from "./case-keys.ts";

/** Filings read per sender key: the latest hundred are plenty to link a sender and rank a matter. */
const LATEST = 100;
/** Keys per BatchGetItem (DynamoDB's limit). */
const BATCH = 100;
const UNPROCESSED_RETRIES = 5;

const bySender = keyAttributesOf("bySender");

// `sealedSubmitter` is read only to know whether there is one; it is never kept.
const fields = ["caseId", "receivedAt", "matterKey", "matterOf", "senderKeys", "sealedSubmitter"] as const;
const projection = {
  ProjectionExpression: fields.map((_, i) => `#f${i}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
};

const filingOf = ({ sealedSubmitter, ...item }: Record<string, unknown>): Filing => filingSchema.parse({ ...item, sealed: sealedSubmitter !== undefined });

export class DynamoFilingIndex implements FilingIndex {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async bySender(senderKeys: readonly string[]): Promise<Filing[]> {
    const caseIds = new Set<string>();
    for (const key of new Set(senderKeys)) {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: bySender.indexName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": bySender.pk, "#id": "caseId" },
          ExpressionAttributeValues: { ":pk": partitionKey("bySender", { senderKey: key }) },
          ProjectionExpression: "#id",
          ScanIndexForward: false,
          Limit: LATEST,
        }),
      );
      for (const item of page.Items ?? []) caseIds.add(String(item.caseId));
    }
    return this.read([...caseIds]);
  }

  async find(caseId: string): Promise<Filing | undefined> {
    return (await this.read([caseId]))[0];
  }

  private async read(caseIds: readonly string[]): Promise<Filing[]> {
    const out: Filing[] = [];
    for (let i = 0; i < caseIds.length; i += BATCH) {
      let keys: Record<string, unknown>[] = caseIds.slice(i, i + BATCH).map((id) => caseKeys.case(id));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > UNPROCESSED_RETRIES) throw new Error(`DynamoDB left ${keys.length} case reads unprocessed after ${UNPROCESSED_RETRIES} retries`);
        if (attempt > 0) await new Promise((ok) => setTimeout(ok, 25 * 2 ** attempt));
        const answer = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true, ...projection } } }));
        out.push(...(answer.Responses?.[this.table] ?? []).map(filingOf));
        keys = answer.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    }
    return out;
  }
}
