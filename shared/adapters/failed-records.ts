// The failure store on DynamoDB (the FailedRecords table of shared/tables.ts):
//   FAILED · <consumer>.<eventID>   one stream record a consumer could not process, with the record as
//                                   delivered (JSON), why and since when; a redelivery updates the same item
// Listed with a Query of its one partition; the record itself is read only to replay it.
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { ValidationError } from "#domain/errors.ts";
import {
  errorSummary,
  failedRecordId,
  failedRecordIdSchema,
  failedRecordSchema,
  type FailedRecord,
  type FailedRecordPage,
  type FailedRecordStore,
  type FailureReport,
  type StoredFailedRecord,
} from "#domain/failed-records.ts";

const PARTITION = "FAILED";
const key = (id: string) => ({ pk: PARTITION, sk: id });
const viewFields = ["id", "consumer", "errorName", "message", "firstFailedAt", "lastFailedAt", "attempts", "eventName", "caseId", "sequenceNumber"] as const;

const badCursor = () => new ValidationError([{ path: "cursor", message: "is not a cursor of this list", code: "invalid_cursor" }]);
const encodeCursor = (id: string) => Buffer.from(JSON.stringify({ v: 1, id })).toString("base64url");
function decodeCursor(text: string): string {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as { v?: unknown; id?: unknown };
    if (value.v === 1 && failedRecordIdSchema.safeParse(value.id).success) return value.id as string;
  } catch {
    // not JSON: not ours
  }
  throw badCursor();
}

const viewOf = (item: Record<string, unknown>): FailedRecord => failedRecordSchema.parse(Object.fromEntries(viewFields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])));

export class DynamoFailedRecords implements FailedRecordStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async recordFailure(report: FailureReport): Promise<FailedRecord> {
    const set: Record<string, unknown> = {
      entity: "failedRecord",
      id: report.id,
      consumer: report.consumer,
      eventId: report.eventId,
      eventName: report.eventName,
      sequenceNumber: report.sequenceNumber,
      errorName: report.errorName,
      message: report.message,
      lastFailedAt: report.at,
      // As delivered, in Lambda's JSON: a replay hands the consumer the very record.
      record: JSON.stringify(report.record),
      ...(report.caseId && { caseId: report.caseId }),
    };
    const names = Object.fromEntries(Object.keys(set).map((k) => [`#${k}`, k]));
    const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [`:${k}`, v]));
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(report.id),
        UpdateExpression: `SET ${Object.keys(set).map((k) => `#${k} = :${k}`).join(", ")}, #firstFailedAt = if_not_exists(#firstFailedAt, :lastFailedAt) ADD #attempts :one`,
        ExpressionAttributeNames: { ...names, "#firstFailedAt": "firstFailedAt", "#attempts": "attempts" },
        ExpressionAttributeValues: { ...values, ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
    );
    return viewOf(out.Attributes ?? {});
  }

  async get(id: string): Promise<StoredFailedRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return { ...viewOf(out.Item), eventId: String(out.Item.eventId), record: JSON.parse(String(out.Item.record)) as unknown };
  }

  async list(limit: number, cursor: string | undefined): Promise<FailedRecordPage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    // One more than the page: a next page is promised only when there is one.
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": PARTITION },
        ProjectionExpression: viewFields.map((f) => `#${f}`).join(", "),
        ExpressionAttributeNames: Object.fromEntries(viewFields.map((f) => [`#${f}`, f])),
        Limit: limit + 1,
        ...(after && { ExclusiveStartKey: key(after) }),
      }),
    );
    const items = (out.Items ?? []).map(viewOf);
    const page = items.slice(0, limit);
    return { items: page, ...(items.length > limit && { nextCursor: encodeCursor(page.at(-1)!.id) }) };
  }

  async remove(id: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: key(id) }));
  }
}

// ---- a stream record as a failure report ----

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The case a record's item belongs to: every item of a case is keyed `CASE#<caseId>`; another item may name its case. */
function caseIdOf(record: DynamoDBRecord): string | undefined {
  const fromKey = record.dynamodb?.Keys?.pk?.S?.match(/^CASE#(.+)$/)?.[1];
  const fromImage = (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.caseId?.S;
  return [fromKey, fromImage].find((id) => id !== undefined && uuid.test(id));
}

/** What the store keeps of a record that `consumer` failed with `err`. */
export function failureReportOf(consumer: string, record: DynamoDBRecord, err: unknown, at: Date): FailureReport {
  const sequenceNumber = record.dynamodb?.SequenceNumber ?? "";
  const eventId = record.eventID ?? "";
  const caseId = caseIdOf(record);
  return {
    id: failedRecordId(consumer, eventId, `${record.eventSourceARN ?? ""}#${sequenceNumber}`),
    consumer,
    eventId,
    eventName: record.eventName ?? "MODIFY",
    sequenceNumber,
    ...(caseId && { caseId }),
    ...errorSummary(err),
    at: at.toISOString(),
    record,
  };
}

/** A stored record read back for a replay: the shape of a stream record, or the consumer is not run on it. */
export function asStreamRecord(value: unknown): DynamoDBRecord {
  const r = value as DynamoDBRecord | null;
  if (typeof r !== "object" || r === null || typeof r.dynamodb !== "object" || r.dynamodb === null) {
    throw new TypeError("the stored record is not a DynamoDB stream record");
  }
  return r;
}
