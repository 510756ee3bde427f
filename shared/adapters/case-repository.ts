// The CaseRepository on DynamoDB: one item per case, one per event, one tracking lookup and one item per
// sender key, in one table.
import { GetCommand, paginateQuery, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { caseEventSchema, caseRecordSchema, type CaseEvent, type CaseRecord } from "#domain/case.ts";
import { canonicalCode } from "#domain/codes.ts";
import { StaleVersionError, TrackingCodeTakenError, type CaseRepository } from "#domain/ports.ts";
import { caseItem, caseKeys, eventItem, senderItems } from "./case-keys.ts";

export class DynamoCaseRepository implements CaseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(record: CaseRecord, firstEvent: CaseEvent, accessKeyHash: string): Promise<void> {
    const notExists = "attribute_not_exists(pk)";
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: caseItem(record), ConditionExpression: notExists } },
            {
              Put: {
                TableName: this.table,
                Item: eventItem(firstEvent),
                ConditionExpression: notExists,
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { ...caseKeys.tracking(canonicalCode(record.trackingCode)), entity: "tracking", caseId: record.caseId, accessKeyHash },
                ConditionExpression: notExists,
              },
            },
            // After the tracking lookup, whose place in the cancellation reasons tells a code clash.
            ...senderItems(record).map((Item) => ({ Put: { TableName: this.table, Item } })),
          ],
        }),
      );
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.[2]?.Code === "ConditionalCheckFailed") {
        throw new TrackingCodeTakenError(record.trackingCode);
      }
      throw err;
    }
  }

  async update(record: CaseRecord, event: CaseEvent, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: caseItem(record),
                ConditionExpression: "attribute_exists(pk) AND version = :expected",
                ExpressionAttributeValues: { ":expected": expectedVersion },
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: eventItem(event),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        }),
      );
    } catch (err) {
      // A failed version check, or another transaction on the same case at the same moment: either way someone else acted first.
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.some((r) => r.Code === "ConditionalCheckFailed" || r.Code === "TransactionConflict")) {
        throw new StaleVersionError(record.caseId);
      }
      throw err;
    }
  }

  async getRecord(caseId: string): Promise<CaseRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: caseKeys.case(caseId), ConsistentRead: true }));
    return out.Item && caseRecordSchema.parse(out.Item);
  }

  async get(caseId: string) {
    return this.load(caseId);
  }

  async findByTrackingCode(canonical: string) {
    const lookup = await this.db.send(new GetCommand({ TableName: this.table, Key: caseKeys.tracking(canonical), ConsistentRead: true }));
    if (!lookup.Item) return undefined;
    const { caseId, accessKeyHash } = lookup.Item as { caseId: string; accessKeyHash: string };
    const found = await this.load(caseId);
    return found && { ...found, accessKeyHash };
  }

  /** The case item and all its events: one query on the case's partition. */
  private async load(caseId: string) {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.db },
      { TableName: this.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": caseKeys.case(caseId).pk }, ConsistentRead: true },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    const caseItem = items.find((i) => i.sk === "CASE");
    if (!caseItem) return undefined;
    return {
      record: caseRecordSchema.parse(caseItem),
      events: items.filter((i) => i.entity === "event").map((i) => caseEventSchema.parse(i)),
    };
  }
}
