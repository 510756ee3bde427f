// The Cases stream consumer that anchors each case's audit chain head outside the tables (S3 Object Lock
// on AWS, an append-only folder locally), within the minute of its event: a later deletion or rollback in
// the table then shows against the anchor (GET /staff/cases/{caseId}/audit). Through Powertools' batch
// processor, in shard order; a record that still fails after a second try is kept in the failure store
// for an admin to replay (GET /admin/failed-records).
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { anchorRecord } from "#adapters/anchors-stream.ts";
import { anchorDeps, failureParking } from "#adapters/context.ts";
import { parkFailures, processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { logger } from "#http/logger.ts";

const processor = new StreamBatchProcessor();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
  const { anchors } = anchorDeps();
  const tally = { anchored: 0, ignored: 0, parked: 0 };
  const anchor = parkFailures(
    async (record: DynamoDBRecord) => tally[await anchorRecord(record, anchors)]++,
    failureParking("AnchorAudit", (message, fields) => logger.error(message, fields)),
  );
  const answer = await processStreamBatch(event, processor, async (record) => (await anchor(record)) === "parked" && tally.parked++, context);
  logger.info("anchor batch", { records: event.Records.length, ...tally, failed: answer.batchItemFailures.length });
  return answer;
});
