// Sent-markers in the Cases table, one item per notification: `NOTIFIED#<caseId>#<key>` · `<recipient>`,
// written only if absent. Their own partitions, so reading a case never reads them; entity "notification",
// so stream consumers that want events skip them.
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { NotificationLedger, Recipient } from "#domain/notifications.ts";

export const notificationKey = (caseId: string, key: string, recipient: Recipient) => ({ pk: `NOTIFIED#${caseId}#${key}`, sk: recipient });

export class DynamoNotificationLedger implements NotificationLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async claim(caseId: string, key: string, recipient: Recipient, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...notificationKey(caseId, key, recipient), entity: "notification", caseId, claimedAt: at },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async release(caseId: string, key: string, recipient: Recipient): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: notificationKey(caseId, key, recipient) }));
  }
}
