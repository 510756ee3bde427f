// Fed by the Cases table's stream: tells the citizen, by e-mail, that their case was accepted, extended or
// resolved. Each notification is claimed by a sent-marker before it is sent, so a replayed record sends
// nothing twice. Through Powertools' batch processor, in shard order; a record that still fails after a
// second try is kept in the failure store for an admin to replay (GET /admin/failed-records).
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { eventNoticeDeps, failureParking } from "#adapters/context.ts";
import { noticeOfRecord } from "#adapters/event-notices-stream.ts";
import { parkFailures, processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { logger } from "#http/logger.ts";

const processor = new StreamBatchProcessor();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
  const deps = eventNoticeDeps();
  const notify = async (record: DynamoDBRecord) => {
    const { outcome, ...about } = await noticeOfRecord(record, deps);
    if (outcome !== "not-an-event") logger.info("notify-on-event", { ...about, outcome });
  };
  return processStreamBatch(event, processor, parkFailures(notify, failureParking("NotifyOnEvent", (message, fields) => logger.error(message, fields))), context);
});
