// The tracking lookup item of a case (TRACK#<code>): its case id and the hash of its access key, one GetItem.
import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TrackingLookup } from "#domain/ports.ts";
import { caseKeys } from "./case-keys.ts";

export class DynamoTrackingLookup implements TrackingLookup {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async find(canonicalCode: string) {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: caseKeys.tracking(canonicalCode), ConsistentRead: true }));
    return Item && { caseId: String(Item.caseId), accessKeyHash: String(Item.accessKeyHash) };
  }
}
