// The Cases stream consumer: keeps the per unit × kind × day aggregates of the Stats table, once per
// case version, through Powertools' batch processor: records in shard order, a failed record and every
// later one reported for Lambda to retry from it (ReportBatchItemFailures).
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { countCaseChange } from "#adapters/aggregates-stream.ts";
import { aggregateDeps } from "#adapters/context.ts";
import { processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { logger } from "#http/logger.ts";

const processor = new StreamBatchProcessor();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
  const { aggregates } = aggregateDeps();
  const tally = { applied: 0, skipped: 0, ignored: 0 };
  const countRecord = async (record: DynamoDBRecord) => {
    try {
      tally[await countCaseChange(record, aggregates)]++;
    } catch (err) {
      // Keys and sequence only: an image holds what a citizen wrote.
      logger.error("stream record failed", { errorName: (err as Error)?.name, stack: (err as Error)?.stack, sequenceNumber: record.dynamodb?.SequenceNumber, pk: record.dynamodb?.Keys?.pk?.S });
      throw err;
    }
  };
  const answer = await processStreamBatch(event, processor, countRecord, context);
  logger.info("stream batch", { records: event.Records.length, ...tally, failed: answer.batchItemFailures.length });
  return answer;
});
