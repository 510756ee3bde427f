// The Cases stream consumer: keeps the per unit × kind × day aggregates of the Stats table, once per
// case version, and reports a failed record so Lambda retries the batch from it (ReportBatchItemFailures).
import middy from "@middy/core";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { DynamoAggregates } from "#adapters/aggregates.ts";
import { applyStreamRecords } from "#adapters/aggregates-stream.ts";
import { dynamoDocumentClient } from "#adapters/dynamodb.ts";
import { logger } from "#http/logger.ts";
import { tableName } from "#tables";

let aggregates: DynamoAggregates | undefined;

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(async (event) => {
  aggregates ??= new DynamoAggregates(dynamoDocumentClient(), tableName("stats"));
  const { batchItemFailures, tally } = await applyStreamRecords(event.Records, aggregates, (err, record) =>
    // Keys and sequence only: an image holds what a citizen wrote.
    logger.error("stream record failed", { errorName: (err as Error)?.name, stack: (err as Error)?.stack, sequenceNumber: record.dynamodb?.SequenceNumber, pk: record.dynamodb?.Keys?.pk?.S }),
  );
  logger.info("stream batch", { records: event.Records.length, ...tally, failed: batchItemFailures.length });
  return { batchItemFailures };
});
