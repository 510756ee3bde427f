// Fed by the Cases table's stream: tells the citizen, by e-mail, that their case was accepted, extended or
// resolved. Each notification is claimed by a sent-marker before it is sent, so a replayed record sends
// nothing twice. Through Powertools' batch processor: records in shard order, and a record that fails is
// reported with every later one, for Lambda to retry from it.
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { caseEventSchema } from "#domain/case.ts";
import { citizenNoticeOf, describeError, notifyCitizenOfEvent, type EventNoticeDeps } from "#domain/notifications.ts";
import { plainImage } from "#adapters/aggregates-stream.ts";
import { eventNoticeDeps } from "#adapters/context.ts";
import { processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { logger } from "#http/logger.ts";

const processor = new StreamBatchProcessor();

async function notifyOf(record: DynamoDBRecord, deps: EventNoticeDeps): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== "INSERT" || image?.entity?.S !== "event" || !citizenNoticeOf({ type: image.type?.S ?? "" })) return;
  try {
    const caseEvent = caseEventSchema.parse(plainImage(image));
    const outcome = await notifyCitizenOfEvent(caseEvent, deps);
    logger.info("notify-on-event", { caseId: caseEvent.caseId, seq: caseEvent.seq, type: caseEvent.type, outcome });
  } catch (err) {
    logger.error("notify-on-event: a record failed", { eventID: record.eventID, error: describeError(err) });
    throw err;
  }
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
  const deps = eventNoticeDeps();
  return processStreamBatch(event, processor, (record) => notifyOf(record, deps), context);
});
