// Stream batches through Powertools' batch processor, in shard order: records run one after the other and,
// from the first that fails, it and every later record are reported unprocessed; the answer never throws.
import { describe, expect, it } from "vitest";
import type { DynamoDBRecord } from "aws-lambda";
import { parkFailures, processStreamBatch, StreamBatchProcessor } from "#adapters/stream-batch.ts";
import type { FailureReport } from "#domain/failed-records.ts";
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

describe("parkFailures", () => {
  const now = () => new Date("2026-10-05T03:00:00.000Z");
  const store = (fail = false) => {
    const reports: FailureReport[] = [];
    return {
      reports,
      failures: {
        recordFailure: async (report: FailureReport) => {
          if (fail) throw Object.assign(new Error("table unavailable"), { name: "InternalServerError" });
          reports.push(report);
          return { ...report, firstFailedAt: report.at, lastFailedAt: report.at, attempts: 1 };
        },
      },
    };
  };

  it("should try a failing record twice, then park it and go on with the next records: nothing reported", async () => {
    const batch = records(3);
    const { ran, handler } = handlerFailingOn(1);
    const { reports, failures: sink } = store();

    const answer = await processStreamBatch(streamEvent(...batch), new StreamBatchProcessor(), parkFailures(handler, { consumer: "AggregateCases", failures: sink, now }));

    expect({ ran, answer }).toEqual({ ran: [0, 1, 1, 2], answer: { batchItemFailures: [] } });
    expect(reports.map((r) => [r.id, r.errorName, r.message, r.record])).toEqual([[`AggregateCases.${batch[1]!.eventID}`, "Error", "record 1 failed", batch[1]]]);
  });

  it("should report the record and every later one when the failure store cannot take it, for Lambda to retry", async () => {
    const batch = records(3);
    const { ran, handler } = handlerFailingOn(1);
    const logged: string[] = [];

    const answer = await processStreamBatch(
      streamEvent(...batch),
      new StreamBatchProcessor(),
      parkFailures(handler, { consumer: "AggregateCases", failures: store(true).failures, now, attempts: 1, log: (m) => logged.push(m) }),
    );

    expect({ ran, answer }).toEqual({ ran: [0, 1], answer: failures(batch[1]!, batch[2]!) });
    expect(logged).toEqual(["stream record failed and could not be parked: reported for Lambda to retry"]);
  });
});
