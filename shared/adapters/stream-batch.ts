// DynamoDB stream batches through Powertools' batch processor (a partial batch response), in the order of
// the shard. Powertools' BatchProcessor runs every record and reports each one that failed; for a stream,
// Lambda (ReportBatchItemFailures) and the local poller (local/streams.ts) resume the shard at the first
// reported record anyway, so here the records run one after the other and, from the first that fails, that
// record and every later one are reported without running: no record is applied before an earlier one of
// its shard, and none runs twice because of a retry of an earlier one.
import { BatchProcessingError, BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

/** A record not run because an earlier record of its batch failed; Lambda delivers it again after that one. */
export class EarlierRecordFailedError extends BatchProcessingError {
  constructor() {
    super("not processed: an earlier record of the batch failed");
    this.name = "EarlierRecordFailedError";
  }
}

/** Powertools' processor for DynamoDB streams, stopping at the first failure. One per consumer, reused across invocations. */
export class StreamBatchProcessor extends BatchProcessor {
  constructor() {
    super(EventType.DynamoDBStreams);
  }

  override async processRecord(record: Parameters<BatchProcessor["processRecord"]>[0]) {
    if (this.failureMessages.length > 0) return this.failureHandler(record as DynamoDBRecord, new EarlierRecordFailedError());
    return super.processRecord(record);
  }
}

/**
 * Runs `recordHandler` on each record in order; a record fails when it throws. The answer names the failed
 * record and every later one; it is never a thrown error, even when every record failed, as Lambda retries
 * the shard from the first record reported either way.
 */
export async function processStreamBatch(
  event: DynamoDBStreamEvent,
  processor: StreamBatchProcessor,
  recordHandler: (record: DynamoDBRecord) => Promise<unknown>,
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  return processPartialResponse(event, recordHandler, processor, { ...(context && { context }), processInParallel: false, throwOnFullBatchFailure: false });
}
