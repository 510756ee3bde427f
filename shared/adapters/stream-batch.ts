// DynamoDB stream batches through Powertools' batch processor (a partial batch response), in the order of
// the shard. Powertools' BatchProcessor runs every record and reports each one that failed; for a stream,
// Lambda (ReportBatchItemFailures) and the local poller (local/streams.ts) resume the shard at the first
// reported record anyway, so here the records run one after the other and, from the first that fails, that
// record and every later one are reported without running: no record is applied before an earlier one of
// its shard, and none runs twice because of a retry of an earlier one. A consumer's record handler goes
// through `parkFailures` first: a record it cannot process is kept in the failure store and counts as
// processed, so what reaches the processor as a failure is only a record the store could not take.
import { BatchProcessingError, BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { FailedRecordStore } from "#domain/failed-records.ts";
import { failureReportOf } from "./failed-records.ts";

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

// ---- no silent loss: a record the consumer cannot process goes to the failure store ----

/** Where a consumer parks the records it cannot process (shared/adapters/failed-records.ts). */
export interface Parking {
  /** The manifest's name of the consumer. */
  readonly consumer: string;
  readonly failures: Pick<FailedRecordStore, "recordFailure">;
  readonly now: () => Date;
  /** Runs of a record in one invocation before it is parked; default 2: a throttle or a dropped connection passes. */
  readonly attempts?: number;
  /** Hears each record parked, and each that could not be: keys, sequence and error only, never an image. */
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

const DEFAULT_ATTEMPTS = 2;
const pause = (attempt: number) => new Promise((ok) => setTimeout(ok, 50 * attempt + Math.random() * 50));

/**
 * `handler`, run up to `attempts` times on a record; if it still fails, the record is written to the failure
 * store and counts as processed ("parked"), so the shard moves on and nothing is lost. Only when the store
 * itself cannot be written does the record fail, for Lambda to retry it (and at last its on-failure queue).
 */
export function parkFailures(handler: (record: DynamoDBRecord) => Promise<unknown>, parking: Parking): (record: DynamoDBRecord) => Promise<"processed" | "parked"> {
  const attempts = Math.max(1, parking.attempts ?? DEFAULT_ATTEMPTS);
  return async (record) => {
    let failure: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await handler(record);
        return "processed";
      } catch (err) {
        failure = err;
        if (attempt < attempts) await pause(attempt);
      }
    }
    const report = failureReportOf(parking.consumer, record, failure, parking.now());
    // The summary's message and the stack's frames: the error's own text may quote an address or a value of the record.
    const frames = String((failure as Error)?.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
    const fields = { consumer: parking.consumer, id: report.id, sequenceNumber: report.sequenceNumber, errorName: report.errorName, message: report.message, frames };
    try {
      const stored = await parking.failures.recordFailure(report);
      parking.log?.("stream record parked in the failure store", { ...fields, attempts: stored.attempts });
      return "parked";
    } catch (storeError) {
      parking.log?.("stream record failed and could not be parked: reported for Lambda to retry", { ...fields, storeErrorName: (storeError as Error)?.name });
      throw failure;
    }
  };
}
