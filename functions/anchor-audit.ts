// The Cases stream consumer that anchors each case's audit chain head outside the tables (S3 Object Lock
// on AWS, an append-only folder locally), within the minute of its event: a later deletion or rollback in
// the table then shows against the anchor (GET /staff/cases/{caseId}/audit). Through Powertools' batch
// processor: records in shard order, a failed record and every later one reported for Lambda to retry.
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { anchorRecord } from "#adapters/anchors-stream.ts";
import { anchorDeps } from "#adapters/context.ts";
import { processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { logger } from "#http/logger.ts";

const processor = new StreamBatchProcessor();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
  const { anchors } = anchorDeps();
  const tally = { anchored: 0, ignored: 0 };
  const anchor = async (record: DynamoDBRecord) => {
    try {
      tally[await anchorRecord(record, anchors)]++;
    } catch (err) {
      // Keys and sequence only: an image holds what a citizen wrote.
      logger.error("anchor record failed", { errorName: (err as Error)?.name, sequenceNumber: record.dynamodb?.SequenceNumber, pk: record.dynamodb?.Keys?.pk?.S });
      throw err;
    }
  };
  const answer = await processStreamBatch(event, processor, anchor, context);
  logger.info("anchor batch", { records: event.Records.length, ...tally, failed: answer.batchItemFailures.length });
  return answer;
});
