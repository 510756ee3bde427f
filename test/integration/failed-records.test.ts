// No silent loss in the stream path, through the local gateway on DynamoDB Local: a record a consumer
// cannot process (a fault injected in the consumer's port, or a record it rejects) is parked in the
// failure store, listed by GET /admin/failed-records, stays one item when redelivered, is replayed by
// POST /admin/failed-records/{id}/replay once the fault is gone, and is then counted (or sent) once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DynamoDBRecord } from "aws-lambda";
import { DynamoAggregates } from "#adapters/aggregates.ts";
import { failedRecordDeps } from "#adapters/context.ts";
import { logger } from "#http/logger.ts";
import { OutboxNotifier, readOutbox } from "#adapters/notifier-outbox.ts";
import { rawItems } from "#test/support/local-env.ts";
import { jsonAnswer, startStaffApi, type StaffApi } from "#test/support/staff-api.ts";
import { bearer } from "#test/support/staff-tokens.ts";
import { caseVersionsIn, deliverToConsumer, openStreamTap, type StreamTap } from "#test/support/stream-tap.ts";
import { streamRecord } from "#test/support/stream-records.ts";

const UNIT = "so-tn-mt";
const admin = bearer("admin");
const reception = bearer("reception");
const outbox = mkdtempSync(join(tmpdir(), "failed-records-outbox-"));

let staff: StaffApi;
let tap: StreamTap;

beforeAll(async () => {
  // The citizen's notices go to an outbox folder, as in the local runtime.
  process.env.NOTIFY_OUTBOX_DIR = outbox;
  staff = await startStaffApi([{ unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false }]);
  tap = await openStreamTap(staff.endpoint, staff.prefix);
}, 60_000);
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await tap?.close();
  await staff?.api.close();
  rmSync(outbox, { recursive: true, force: true });
});

/** What DynamoDB answers a throttled write: a real error of the aggregates' port. */
const throttled = () => Object.assign(new Error("The level of configured provisioned throughput for the table was exceeded."), { name: "ProvisionedThroughputExceededException" });

const complaint = {
  kind: "complaint",
  channel: "mail",
  subject: "Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất",
  content: "Hồ sơ nộp từ tháng trước đã quá hạn giải quyết theo giấy hẹn mà chưa được trả kết quả.",
  submitter: { fullName: "Đặng Thị Mai", phone: "0909876543", email: "mai.dang@example.vn" },
};

const year = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const received = async () => (await jsonAnswer(await staff.api.get(`/stats?year=${year()}`))).body.totals.received as number;
const list = async (headers = admin) => jsonAnswer(await staff.api.get("/admin/failed-records", headers));
const replay = async (id: string, headers = admin) => jsonAnswer(await staff.api.post(`/admin/failed-records/${encodeURIComponent(id)}/replay`, undefined, headers));

/** Registers a case and reads the stream until it holds the case at `version`; answers the records since the last read. */
async function caseOnStream(body: Record<string, unknown> = complaint): Promise<{ caseId: string; records: DynamoDBRecord[] }> {
  const filed = await jsonAnswer(await staff.api.post("/staff/cases", body, reception));
  expect(filed.status).toBe(201);
  const caseId = filed.body.caseId as string;
  const records = await tap.take((rs) => (caseVersionsIn(rs).get(caseId) ?? 0) >= 1);
  return { caseId, records };
}

/** Every record of the stream is handed to the aggregates first, so each test starts from counted figures. */
async function settle(): Promise<void> {
  expect(await deliverToConsumer("AggregateCases", await tap.take())).toEqual([]);
}

describe("the failure store of the stream consumers", () => {
  it("should park a record the aggregates cannot count, list it, keep one item across redeliveries, and count it exactly once after a replay", async () => {
    // Prepare: the aggregates' port fails every write, as when DynamoDB throttles for a while.
    await settle();
    const before = await received();
    const fault = vi.spyOn(DynamoAggregates.prototype, "apply").mockRejectedValue(throttled());
    const { caseId, records } = await caseOnStream();

    // Act: delivered, then redelivered by the mapping, then replayed while the fault lasts, then after it.
    const delivered = await deliverToConsumer("AggregateCases", records);
    const first = await list();
    const redelivered = await deliverToConsumer("AggregateCases", records);
    const second = await list();
    const id = first.body.items[0]?.id as string;
    const stillFailing = await replay(id);
    const countedWhileFailing = await received();
    fault.mockRestore();
    const replayed = await replay(id);
    const afterReplay = await list();
    const countedAfterReplay = await received();
    const replayedAgain = await replay(id);
    const lateRedelivery = await deliverToConsumer("AggregateCases", records);

    // Assess
    const parkedRecord = records.find((r) => r.dynamodb?.Keys?.pk?.S === `CASE#${caseId}` && r.dynamodb?.Keys?.sk?.S === "CASE");
    expect(delivered.map((g) => g.reason)).toEqual([expect.stringMatching(/^parked in the failure store as AggregateCases\./)]);
    expect(delivered[0]?.record).toBe(parkedRecord);
    const item = {
      id: `AggregateCases.${parkedRecord?.eventID}`,
      consumer: "AggregateCases",
      errorName: "ProvisionedThroughputExceededException",
      message: "The level of configured provisioned throughput for the table was exceeded.",
      firstFailedAt: expect.any(String),
      lastFailedAt: expect.any(String),
      attempts: 1,
      eventName: "INSERT",
      caseId,
      sequenceNumber: parkedRecord?.dynamodb?.SequenceNumber,
    };
    expect(first).toEqual({ status: 200, body: { items: [item] } });
    expect(redelivered).toHaveLength(1);
    expect(second).toEqual({ status: 200, body: { items: [{ ...item, attempts: 2, firstFailedAt: first.body.items[0].firstFailedAt }] } });
    expect(second.body.items[0].lastFailedAt >= first.body.items[0].lastFailedAt).toBe(true);
    expect(stillFailing).toEqual({
      status: 409,
      body: {
        type: "https://don-thu.example/problems/conflict",
        title: "Conflict",
        status: 409,
        code: "replay_failed",
        params: { attempts: 3, errorName: "ProvisionedThroughputExceededException" },
        detail: expect.stringContaining("ProvisionedThroughputExceededException"),
        attempts: 3,
        errorName: "ProvisionedThroughputExceededException",
      },
    });
    expect(countedWhileFailing).toBe(before);
    expect(replayed).toEqual({ status: 200, body: { id, consumer: "AggregateCases", replayed: true } });
    expect(afterReplay).toEqual({ status: 200, body: { items: [] } });
    expect(countedAfterReplay).toBe(before + 1);
    expect(replayedAgain.status).toBe(404);
    expect(lateRedelivery).toEqual([]);
    expect(await received()).toBe(before + 1);
  });

  it("should park a record the aggregates reject, and keep it with one attempt more when a replay fails on it again", async () => {
    // Prepare: a case item whose kind no version of the product knows, as a stream would deliver it.
    await settle();
    const caseId = "00000000-0000-4000-8000-00000000beef";
    const rejected = streamRecord("INSERT", { pk: `CASE#${caseId}`, sk: "CASE", entity: "case", caseId, kind: "letter", status: "received", version: 1 });

    // Act
    const delivered = await deliverToConsumer("AggregateCases", [rejected]);
    const listed = await list();
    const again = await replay(`AggregateCases.${rejected.eventID}`);
    const relisted = await list();

    // Assess
    expect(delivered.map((g) => g.reason)).toEqual([expect.stringContaining("ZodError")]);
    expect(listed.body.items).toEqual([expect.objectContaining({ consumer: "AggregateCases", errorName: "ZodError", attempts: 1, caseId, eventName: "INSERT" })]);
    expect(again).toMatchObject({ status: 409, body: { code: "replay_failed", attempts: 2, errorName: "ZodError" } });
    expect(relisted.body.items).toEqual([expect.objectContaining({ attempts: 2, firstFailedAt: listed.body.items[0].firstFailedAt })]);

    // Cleanup: no consumer will ever take this record; the next tests start from an empty store.
    await failedRecordDeps().failures.remove(`AggregateCases.${rejected.eventID}`);
  });

  it("should park a notice the mail service refused, and send it exactly once after a replay, however often the record comes again", async () => {
    // Prepare: an accepted case, whose accepted event asks for the citizen's e-mail; the mail service refuses for now.
    await settle();
    const { caseId } = await caseOnStream();
    const classified = await jsonAnswer(await staff.api.post(`/staff/cases/${caseId}/classify`, { unitId: UNIT }, { ...reception, "if-match": '"1"' }));
    const accepted = await jsonAnswer(await staff.api.post(`/staff/cases/${caseId}/accept`, {}, { ...reception, "if-match": '"2"' }));
    const records = await tap.take((rs) => (caseVersionsIn(rs).get(caseId) ?? 0) >= 3);
    const logged = vi.spyOn(logger, "error");
    const mailDown = vi.spyOn(OutboxNotifier.prototype, "send").mockRejectedValue(Object.assign(new Error("Email address is not verified: mai.dang@example.vn"), { name: "MessageRejected" }));

    // Act
    const delivered = await deliverToConsumer("NotifyOnEvent", records);
    const listed = await list();
    mailDown.mockRestore();
    const replayed = await replay(listed.body.items[0]?.id);
    const redelivered = await deliverToConsumer("NotifyOnEvent", records);
    const mails = readOutbox(outbox).filter((m) => m.to === complaint.submitter.email);

    // Assess
    expect([classified.status, accepted.status]).toEqual([200, 200]);
    expect(delivered).toHaveLength(1);
    expect(listed.body.items).toEqual([expect.objectContaining({ consumer: "NotifyOnEvent", errorName: "MessageRejected", message: "Email address is not verified: <address>", attempts: 1, caseId, eventName: "INSERT" })]);
    expect(replayed).toMatchObject({ status: 200, body: { consumer: "NotifyOnEvent", replayed: true } });
    expect(redelivered).toEqual([]);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("đã được thụ lý");
    expect(logged.mock.calls.map((c) => c[0])).toEqual(["stream record parked in the failure store"]);
    expect(JSON.stringify(logged.mock.calls)).not.toContain(complaint.submitter.email);
    expect((await list()).body.items).toEqual([]);
  });

  it("should keep in the store no personal data the Cases table does not hold, and nothing of a denouncer in plaintext", async () => {
    // Prepare: a denunciation's records parked while the aggregates fail.
    await settle();
    const denouncer = { fullName: "Huỳnh Văn Lợi", phone: "0988777666", email: "loi.huynh@example.vn", nationalId: "079188004321" };
    vi.spyOn(DynamoAggregates.prototype, "apply").mockRejectedValue(throttled());
    const { records } = await caseOnStream({ ...complaint, kind: "denunciation", submitter: denouncer });

    // Act
    const delivered = await deliverToConsumer("AggregateCases", records);
    const tables = JSON.stringify(await rawItems(staff.endpoint, staff.prefix));

    // Assess
    expect(delivered).toHaveLength(1);
    for (const value of Object.values(denouncer)) expect(tables, `${value} in a table`).not.toContain(value);
    vi.restoreAllMocks();
    const { items } = (await list()).body as { items: { id: string }[] };
    for (const { id } of items) expect((await replay(id)).status).toBe(200);
  });

  it("should answer 403 to every role but admin, and 404 to an unknown or malformed id", async () => {
    // Act
    const roles = await Promise.all(["reception", "inspector"].map(async (role) => [(await list(bearer(role as "reception"))).status, (await replay("AggregateCases.abc", bearer(role as "reception"))).status]));
    const handler = [(await list(bearer("handler", UNIT))).status, (await replay("AggregateCases.abc", bearer("handler", UNIT))).status];
    const unknown = await replay("AggregateCases.0000000000000000");
    const malformed = await replay("not an id");
    const badCursor = await jsonAnswer(await staff.api.get("/admin/failed-records?cursor=bm90LW91cnM", admin));

    // Assess
    expect([...roles, handler]).toEqual([
      [403, 403],
      [403, 403],
      [403, 403],
    ]);
    expect(unknown).toMatchObject({ status: 404, body: { status: 404, code: "failed_record_not_found", detail: "No failed stream record has this id." } });
    expect(malformed).toMatchObject({ status: 404, body: { status: 404, code: "not_found" } });
    expect(badCursor).toMatchObject({ status: 400, body: { errors: [{ path: "cursor", message: expect.any(String) }] } });
  });
});
