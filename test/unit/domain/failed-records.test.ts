// The failure store's pure logic: one id per consumer and record, an error kept without personal data,
// a stream record read as a failure report, and the replay's decision (processed: gone; failed: kept, one
// attempt more, a 409 replay_failed), against an in-memory store of the port.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, NotFoundError } from "#domain/errors.ts";
import {
  errorSummary,
  failedRecordId,
  failedRecordIdSchema,
  replayFailedRecord,
  type FailedRecord,
  type FailedRecordStore,
  type FailureReport,
  type StoredFailedRecord,
} from "#domain/failed-records.ts";
import { failureReportOf } from "#adapters/failed-records.ts";
import { streamRecord } from "#test/support/stream-records.ts";

const caseId = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";

/** The port's contract in memory: one item per id, attempts added, the first failure kept. */
class MemoryFailures implements FailedRecordStore {
  readonly items = new Map<string, StoredFailedRecord>();
  async recordFailure({ at, ...report }: FailureReport): Promise<FailedRecord> {
    const before = this.items.get(report.id);
    const item = { ...report, firstFailedAt: before?.firstFailedAt ?? at, lastFailedAt: at, attempts: (before?.attempts ?? 0) + 1 };
    this.items.set(report.id, item);
    const { eventId: _e, record: _r, ...view } = item;
    return view;
  }
  async get(id: string) {
    return this.items.get(id);
  }
  async list() {
    return { items: [] };
  }
  async remove(id: string) {
    this.items.delete(id);
  }
}

const clock = { now: () => new Date("2026-10-05T03:00:00.000Z") };

describe("failedRecordId", () => {
  it("should name a record by its consumer and event id, the same on every delivery", () => {
    expect(failedRecordId("AggregateCases", "c4ca4238a0b923820dcc509a6f75849b", "x")).toBe("AggregateCases.c4ca4238a0b923820dcc509a6f75849b");
    expect(failedRecordId("NotifyOnEvent", "67620893-cfc2-4c26-b72d-5bd7a7ccad94", "x")).toBe("NotifyOnEvent.67620893-cfc2-4c26-b72d-5bd7a7ccad94");
  });

  it("should hash an event id outside the URL-safe alphabet, or the fallback when there is none, into a valid id", () => {
    const odd = failedRecordId("AggregateCases", "a/b c", "x");
    const none = failedRecordId("AggregateCases", "", "arn:stream#42");

    expect([odd, none].map((id) => failedRecordIdSchema.safeParse(id).success)).toEqual([true, true]);
    expect(odd).toBe(failedRecordId("AggregateCases", "a/b c", "y"));
    expect(none).not.toBe(failedRecordId("AggregateCases", "", "arn:stream#43"));
  });
});

describe("errorSummary", () => {
  it("should keep the error's name and its message, without addresses or long numbers", () => {
    const err = Object.assign(new Error("Rejected for hoa.nguyen@example.vn, phone 0912 345 678, id 079123456789, version 3"), { name: "MessageRejected" });

    expect(errorSummary(err)).toEqual({ errorName: "MessageRejected", message: "Rejected for <address>, phone <number>, id <number>, version 3" });
  });

  it("should name a schema error by its paths only, never its values", () => {
    const parsed = z.object({ kind: z.enum(["complaint"]), subject: z.string() }).safeParse({ kind: "Nguyễn Thị Hoa", subject: 1 });

    expect(errorSummary(parsed.error)).toEqual({ errorName: "ZodError", message: "invalid item: kind, subject" });
  });

  it("should cut a long message and name a thrown non-error", () => {
    expect(errorSummary(new Error("x".repeat(1000))).message).toHaveLength(300);
    expect(errorSummary("boom")).toEqual({ errorName: "Error", message: "boom" });
  });
});

describe("failureReportOf", () => {
  it("should read the record's id, event, sequence and case, and keep the record as delivered", () => {
    const record = streamRecord("INSERT", { pk: `CASE#${caseId}`, sk: "EVENT#000003", caseId, type: "accepted" });

    const report = failureReportOf("NotifyOnEvent", record, new TypeError("bad"), clock.now());

    expect(report).toEqual({
      id: `NotifyOnEvent.${record.eventID}`,
      consumer: "NotifyOnEvent",
      eventId: record.eventID,
      eventName: "INSERT",
      sequenceNumber: record.dynamodb?.SequenceNumber,
      caseId,
      errorName: "TypeError",
      message: "bad",
      at: "2026-10-05T03:00:00.000Z",
      record,
    });
  });

  it("should name no case for an item that belongs to none", () => {
    expect(failureReportOf("AggregateCases", streamRecord("MODIFY", { pk: "TRACK#ABC", sk: "TRACK" }), new Error("x"), clock.now()).caseId).toBeUndefined();
  });
});

describe("replayFailedRecord", () => {
  const record = streamRecord("INSERT", { pk: `CASE#${caseId}`, sk: "CASE", caseId });
  const parked = async () => {
    const failures = new MemoryFailures();
    const report = failureReportOf("AggregateCases", record, new Error("throttled"), new Date("2026-10-05T01:00:00.000Z"));
    await failures.recordFailure(report);
    return { failures, id: report.id };
  };

  it("should run the named consumer on the stored record and remove it once processed", async () => {
    const { failures, id } = await parked();
    const ran: unknown[] = [];

    const answer = await replayFailedRecord(id, { failures, clock, consumers: { AggregateCases: async (r) => ran.push(r) } });

    expect({ answer, ran, left: failures.items.size }).toEqual({ answer: { id, consumer: "AggregateCases", replayed: true }, ran: [record], left: 0 });
  });

  it("should keep a record that fails again, one attempt more and the first failure kept, and answer a 409 replay_failed", async () => {
    const { failures, id } = await parked();

    const failed = await replayFailedRecord(id, { failures, clock, consumers: { AggregateCases: async () => Promise.reject(new RangeError("still")) } }).catch((e: unknown) => e);

    expect(failed).toBeInstanceOf(ConflictError);
    expect([(failed as ConflictError).code, (failed as ConflictError).params, (failed as ConflictError).extensions]).toEqual(["replay_failed", { attempts: 2, errorName: "RangeError" }, { attempts: 2, errorName: "RangeError" }]);
    expect(failures.items.get(id)).toMatchObject({ attempts: 2, errorName: "RangeError", message: "still", firstFailedAt: "2026-10-05T01:00:00.000Z", lastFailedAt: "2026-10-05T03:00:00.000Z" });
  });

  it("should keep a record whose consumer is not in the manifest, and answer 404 for an id not in the store", async () => {
    const { failures, id } = await parked();

    const unknownConsumer = await replayFailedRecord(id, { failures, clock, consumers: {} }).catch((e: unknown) => e);
    const unknownId = await replayFailedRecord("AggregateCases.nope", { failures, clock, consumers: {} }).catch((e: unknown) => e);

    expect((unknownConsumer as ConflictError).extensions).toMatchObject({ errorName: "UnknownConsumerError", attempts: 2 });
    expect(unknownId).toBeInstanceOf(NotFoundError);
    expect((unknownId as NotFoundError).code).toBe("failed_record_not_found");
  });
});
