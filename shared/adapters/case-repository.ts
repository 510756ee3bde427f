// The CaseRepository on DynamoDB: one item per case, one per event, one tracking lookup and one item per
// sender key, in one table. Every event is written with its MAC under the audit key (audit.ts): the one
// place events are written is the one place they are signed.
import { GetCommand, paginateQuery, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { caseEventSchema, caseRecordSchema, type CaseEvent, type CaseRecord } from "#domain/case.ts";
import { canonicalCode } from "#domain/codes.ts";
import { macMessage } from "#domain/audit.ts";
import { StaleVersionError, TrackingCodeTakenError, type AuditSigner, type CaseRepository } from "#domain/ports.ts";
import { caseItem, caseKeys, eventItem, senderItems } from "./case-keys.ts";

export class DynamoCaseRepository implements CaseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** The audit key, asked for on the first write only: a function that only reads cases holds no grant to it. */
    private readonly signer?: () => AuditSigner,
  ) {}

  /** The event as stored: with the MAC of its hash under the audit key. */
  private async signed(event: CaseEvent): Promise<CaseEvent> {
    if (!this.signer) throw new Error("this case repository was built without the audit key: it cannot write events");
    return { ...event, mac: await this.signer().mac(macMessage(event)) };
  }

  async create(record: CaseRecord, event: CaseEvent, accessKeyHash: string): Promise<void> {
    const notExists = "attribute_not_exists(pk)";
    const firstEvent = await this.signed(event);
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

  async update(record: CaseRecord, unsigned: CaseEvent, expectedVersion: number): Promise<void> {
    const event = await this.signed(unsigned);
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
