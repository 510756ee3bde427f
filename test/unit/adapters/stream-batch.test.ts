// Stream batches through Powertools' batch processor, in shard order: records run one after the other and,
// from the first that fails, it and every later record are reported unprocessed; the answer never throws.
import { describe, expect, it } from "vitest";
import type { DynamoDBRecord } from "aws-lambda";
import { processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import { streamEvent, streamRecord } from "#test/support/stream-records.ts";

const records = (n: number) => Array.from({ length: n }, (_, i) => streamRecord("INSERT", { pk: `PROBE#${i}`, sk: "PROBE", n: i }));
const nOf = (record: DynamoDBRecord) => Number(record.dynamodb?.NewImage?.n?.N);
const failures = (...rs: DynamoDBRecord[]) => ({ batchItemFailures: rs.map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })) });

/** A record handler that logs what it ran and throws on the records named. */
function handlerFailingOn(...failing: number[]) {
  const ran: number[] = [];
  const handler = async (record: DynamoDBRecord) => {
    ran.push(nOf(record));
    if (failing.includes(nOf(record))) throw new Error(`record ${nOf(record)} failed`);
  };
  return { ran, handler };
}

describe("processStreamBatch", () => {
  it("should run every record in order and report nothing when none fails", async () => {
    const batch = records(4);
    const { ran, handler } = handlerFailingOn();

    const answer = await processStreamBatch(streamEvent(...batch), new StreamBatchProcessor(), handler);

    expect({ ran, answer }).toEqual({ ran: [0, 1, 2, 3], answer: { batchItemFailures: [] } });
  });

  it("should stop at the first failing record and report it and every later one, unprocessed", async () => {
    const batch = records(5);
    const { ran, handler } = handlerFailingOn(1, 3);

    const answer = await processStreamBatch(streamEvent(...batch), new StreamBatchProcessor(), handler);

    expect({ ran, answer }).toEqual({ ran: [0, 1], answer: failures(batch[1]!, batch[2]!, batch[3]!, batch[4]!) });
  });

  it("should report the whole batch, not throw, when its first record fails", async () => {
    const batch = records(3);
    const { ran, handler } = handlerFailingOn(0);

    const answer = await processStreamBatch(streamEvent(...batch), new StreamBatchProcessor(), handler);

    expect({ ran, answer }).toEqual({ ran: [0], answer: failures(...batch) });
  });

  it("should start each batch afresh with a processor reused across invocations", async () => {
    const processor = new StreamBatchProcessor();
    const [first, second] = [records(2), records(2)];
    const failing = handlerFailingOn(0);
    const passing = handlerFailingOn();

    const answers = [await processStreamBatch(streamEvent(...first), processor, failing.handler), await processStreamBatch(streamEvent(...second), processor, passing.handler)];

    expect({ ran: passing.ran, answers }).toEqual({ ran: [0, 1], answers: [failures(...first), { batchItemFailures: [] }] });
  });
});
