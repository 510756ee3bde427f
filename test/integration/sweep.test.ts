// The SLA sweep and the event notifier on DynamoDB Local: back-dated letters registered through the use
// case, one escalated event per level, nothing new on a second run or from two sweeps at once, a poisoned
// case counted as failed without stopping the others, exactly the expected e-mails in the outbox and no
// denouncer's identity in any staff message, a replayed stream record sent once, and only due items read.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { PutCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionDeps, caseDeps, dynamoDocumentClient, failedRecordDeps, intakeDeps } from "#adapters/context.ts";
import { caseKeys } from "#adapters/case-keys.ts";
import { readOutbox } from "#adapters/notifier-outbox.ts";
import { performAction } from "#domain/case-actions.ts";
import type { CaseSubmission } from "#domain/case.ts";
import { submitCase } from "#domain/intake.ts";
import type { SweepSummary } from "#domain/sweep.ts";
import { fakeContext } from "#local/gateway/context.ts";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { runSweepOnce } from "#local/sweep.ts";
import { tableName } from "#tables";
import { useLocalTables } from "#test/support/local-env.ts";
import { streamEvent, streamRecord } from "#test/support/stream-records.ts";
import { handler as notifyOnEvent } from "../../functions/notify-on-event.ts";

const DAY = 86_400_000;
const outbox = mkdtempSync(join(tmpdir(), "outbox-"));
const sweep = () => runSweepOnce(moduleLoader(process.cwd()));
const reception = { userId: "sub-r", username: "reception1", role: "reception" as const };

beforeAll(async () => {
  await useLocalTables();
  Object.assign(process.env, {
    NOTIFY_OUTBOX_DIR: outbox,
    NOTIFY_UNIT_HEAD_DEFAULT: "vanphong@tinh.vn",
    NOTIFY_INSPECTION_TO: "thanhtra@tinh.vn",
    NOTIFY_LEADERSHIP_TO: "lanhdao@tinh.vn",
  });
});
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

const petition = (email?: string): CaseSubmission => ({
  kind: "petition",
  subject: "Kiến nghị sửa chữa đường liên xã",
  content: "Đường liên xã Phú Hòa – Phú Thạnh hư hỏng nặng sau mùa mưa, đề nghị sửa chữa.",
  submitter: { fullName: "Trần Văn Bình", phone: "0909000111", ...(email && { email }) },
});
const denouncer = { fullName: "Nguyễn Thị Hoa", phone: "0912345678", email: "hoa.nguyen@example.vn", nationalId: "079123456789" };
const denunciation: CaseSubmission = {
  kind: "denunciation",
  subject: "Tố cáo cán bộ địa chính nhận tiền",
  content: "Cán bộ địa chính xã nhận tiền để xác nhận hồ sơ đất đai sai quy định.",
  submitter: denouncer,
};

/** A letter registered by reception, received `daysAgo` days ago. */
async function letter(body: CaseSubmission, daysAgo: number): Promise<string> {
  const receipt = await submitCase(body, await intakeDeps(), {
    channel: "mail",
    receivedAt: new Date(Date.now() - daysAgo * DAY),
    actor: { kind: "staff", userId: "sub-r", role: "reception" },
  });
  return receipt.caseId;
}

async function escalations(caseId: string): Promise<unknown[]> {
  const found = await (await caseDeps()).cases.get(caseId);
  return found!.events.filter((e) => e.type === "escalated").map((e) => e.data?.level);
}

let longOverdue: string;
let justOverdue: string;
let denounced: string;
const poisoned = randomUUID();
let first: SweepSummary;
let firstReads: { commands: string[]; caseQueries: QueryCommand[]; itemsReadFromCases: number };

describe("the sweep", () => {
  beforeAll(async () => {
    longOverdue = await letter(petition("binh@example.vn"), 60);
    justOverdue = await letter(petition("an@example.vn"), 18);
    denounced = await letter(denunciation, 60);
    for (let i = 0; i < 15; i++) await letter(petition(`x${i}@example.vn`), 0);
    // A case item nobody could have written: the sweep must fail it alone.
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName("cases"),
        Item: { ...caseKeys.case(poisoned), entity: "case", caseId: poisoned, status: "in_progress", version: "two", gsiDuePk: "DUE#3", gsiDueSk: `2020-01-01T00:00:00.000Z#${poisoned}` },
      }),
    );

    const spy = vi.spyOn(dynamoDocumentClient(), "send");
    first = await sweep();
    const calls = spy.mock.calls.map((c) => c[0] as { constructor: { name: string }; input: { TableName?: string } });
    const results = await Promise.all(spy.mock.results.map((r) => Promise.resolve(r.value).catch(() => ({}))));
    spy.mockRestore();
    const onCases = calls.map((c, i) => ({ c, out: results[i] as { Items?: unknown[]; Item?: unknown } })).filter(({ c }) => c.input.TableName === tableName("cases"));
    firstReads = {
      commands: calls.map((c) => c.constructor.name),
      caseQueries: onCases.filter(({ c }) => c instanceof QueryCommand).map(({ c }) => c as QueryCommand),
      itemsReadFromCases: onCases.reduce((n, { c, out }) => n + (c instanceof QueryCommand ? (out.Items?.length ?? 0) : out.Item ? 1 : 0), 0),
    };
  });

  it("should record one escalated event per level reached, and count the poisoned case as failed", async () => {
    expect(first).toEqual({
      scanned: 0,
      queried: 8,
      due: 4,
      escalated: 3,
      levelsRecorded: 7,
      notificationsSent: 10,
      notificationsSkipped: 0,
      failed: 1,
      failedCaseIds: [poisoned],
    });
    expect(await escalations(longOverdue)).toEqual([1, 2, 3]);
    expect(await escalations(justOverdue)).toEqual([1]);
    expect(await escalations(denounced)).toEqual([1, 2, 3]);
  });

  it("should read the due cases through the byDue index only: no Scan, one Query per shard, items read = due cases", () => {
    expect(firstReads.commands).not.toContain(ScanCommand.name);
    expect(firstReads.caseQueries.map((q) => q.input.IndexName)).toEqual(Array(8).fill("byDue"));
    expect(firstReads.itemsReadFromCases).toBe(first.due);
  });

  it("should have written exactly the expected e-mails: each audience once per level, each citizen once", () => {
    const sent = readOutbox(outbox).map((m) => [m.to, m.subject.slice(0, 30)] as const);

    const to = sent.map(([address]) => address).sort();
    expect(to).toEqual(
      [
        "an@example.vn", "binh@example.vn", "hoa.nguyen@example.vn",
        "lanhdao@tinh.vn", "lanhdao@tinh.vn",
        "thanhtra@tinh.vn", "thanhtra@tinh.vn",
        "vanphong@tinh.vn", "vanphong@tinh.vn", "vanphong@tinh.vn",
      ].sort(),
    );
  });

  it("should put the denouncer's name, phone, e-mail and ID in no staff message, and write to the denouncer only at her own address", () => {
    const messages = readOutbox(outbox);
    const staff = messages.filter((m) => m.to.endsWith("@tinh.vn"));

    expect(staff).toHaveLength(7);
    for (const field of Object.values(denouncer)) expect(JSON.stringify(staff)).not.toContain(field);
    const hers = messages.filter((m) => JSON.stringify(m).includes(denouncer.email));
    expect(hers.map((m) => m.to)).toEqual([denouncer.email]);
    expect(JSON.stringify(hers)).not.toContain(denouncer.fullName);
  });

  it("should add nothing when run again", async () => {
    const again = await sweep();

    expect(again).toMatchObject({ due: 4, escalated: 0, levelsRecorded: 0, notificationsSent: 0, failed: 1 });
    expect(readOutbox(outbox)).toHaveLength(10);
    expect(await escalations(longOverdue)).toEqual([1, 2, 3]);
  });

  it("should record and notify each level once when two sweeps run at the same time", async () => {
    const racing = await letter(petition(), 60);

    const [a, b] = await Promise.all([sweep(), sweep()]);

    expect(a.levelsRecorded + b.levelsRecorded).toBe(3);
    expect(await escalations(racing)).toEqual([1, 2, 3]);
    expect(readOutbox(outbox)).toHaveLength(13);
  });
});

describe("notify-on-event", () => {
  it("should e-mail the citizen once for an accepted event, even when the stream delivers it twice", async () => {
    const caseId = await letter(petition("lan@example.vn"), 1);
    const deps = await actionDeps();
    await performAction({ caseId, action: "classify", body: { unitId: "so-gtvt" }, ifMatch: '"1"', actor: reception }, deps);
    await performAction({ caseId, action: "accept", body: {}, ifMatch: '"2"', actor: reception }, deps);
    const accepted = (await deps.cases.get(caseId))!.events.find((e) => e.type === "accepted")!;
    const record = streamRecord("INSERT", { ...accepted, ...caseKeys.event(caseId, accepted.seq), entity: "event" });
    const context = fakeContext("NotifyOnEvent", 10_000) as Context;

    const answers = [await notifyOnEvent(streamEvent(record, record), context), await notifyOnEvent(streamEvent(record), context)];

    expect(answers).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    const hers = readOutbox(outbox).filter((m) => m.to === "lan@example.vn");
    expect(hers).toHaveLength(1);
    expect(hers[0]!.subject).toContain("thụ lý");
    expect(hers[0]!.text).toContain((await deps.cases.getRecord(caseId))!.trackingCode);
  });

  it("should skip items that are not notifiable events, and park a record it cannot read in the failure store", async () => {
    const note = streamRecord("INSERT", { pk: "CASE#x", sk: "EVENT#000002", entity: "event", type: "note" });
    const modify = streamRecord("MODIFY", { pk: "CASE#x", sk: "CASE", entity: "case" });
    const broken = streamRecord("INSERT", { pk: "CASE#x", sk: "EVENT#000003", entity: "event", type: "resolved", seq: "three" });
    const context = fakeContext("NotifyOnEvent", 10_000) as Context;

    const answer = await notifyOnEvent(streamEvent(note, modify, broken), context);

    // Parked, not retried: the shard goes on, and the record waits for an admin's replay (GET /admin/failed-records).
    expect(answer).toEqual({ batchItemFailures: [] });
    const parked = (await failedRecordDeps().failures.list(100, undefined)).items.filter((r) => r.consumer === "NotifyOnEvent" && r.sequenceNumber === broken.dynamodb!.SequenceNumber);
    expect(parked).toHaveLength(1);
  });
});
