// The Cases stream consumer: keeps the per unit × kind × day aggregates of the Stats table, once per
// case version, through Powertools' batch processor, in shard order; a record that still fails after a
// second try is kept in the failure store for an admin to replay (GET /admin/failed-records).
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { countCaseChange } from "#adapters/aggregates-stream.ts";
import { aggregateDeps, failureParking } from "#adapters/context.ts";
import { parkFailures, processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { logger } from "#http/logger.ts";

const processor = new StreamBatchProcessor();

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event, context) => {
  const { aggregates } = aggregateDeps();
  const tally = { applied: 0, skipped: 0, ignored: 0, parked: 0 };
  const count = parkFailures(
    async (record: DynamoDBRecord) => tally[await countCaseChange(record, aggregates)]++,
    failureParking("AggregateCases", (message, fields) => logger.error(message, fields)),
  );
  const answer = await processStreamBatch(event, processor, async (record) => (await count(record)) === "parked" && tally.parked++, context);
  logger.info("stream batch", { records: event.Records.length, ...tally, failed: answer.batchItemFailures.length });
  return answer;
});
