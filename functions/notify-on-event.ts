// Fed by the Cases table's stream: tells the citizen, by e-mail, that their case was accepted, extended or
// resolved. Each notification is claimed by a sent-marker before it is sent, so a replayed record sends
// nothing twice. On the first record that fails it stops and reports it (and so every later one) for retry.
import middy from "@middy/core";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { caseEventSchema } from "#domain/case.ts";
import { citizenNoticeOf, describeError, notifyCitizenOfEvent, type EventNoticeDeps } from "#domain/notifications.ts";
import { eventNoticeDeps } from "#adapters/sweep-context.ts";
import { logger } from "#http/logger.ts";

let deps: EventNoticeDeps | undefined;

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event) => {
  deps ??= eventNoticeDeps();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== "INSERT" || image?.entity?.S !== "event" || !citizenNoticeOf({ type: image.type?.S ?? "" })) continue;
    try {
      const caseEvent = caseEventSchema.parse(unmarshall(image as Record<string, AttributeValue>));
      const outcome = await notifyCitizenOfEvent(caseEvent, deps);
      logger.info("notify-on-event", { caseId: caseEvent.caseId, seq: caseEvent.seq, type: caseEvent.type, outcome });
    } catch (err) {
      logger.error("notify-on-event: a record failed", { eventID: record.eventID, error: describeError(err) });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? "" }] };
    }
  }
  return { batchItemFailures: [] };
});
