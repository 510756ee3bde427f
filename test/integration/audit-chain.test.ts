// The audit trail against someone who can write the Cases table but holds no audit key: raw DynamoDB
// writes on DynamoDB Local edit an event and re-hash the chain with plain SHA-256, delete the last event
// and rewrite the case item's head, or put a case and its events back to an earlier snapshot. The audit
// (GET /staff/cases/{id}/audit, through the local gateway) names where and why; an untouched case verifies.
// The heads are anchored by the manifest's anchor consumer, run by the local stream poller; the tests
// wait for an anchor by polling until the audit says it is there, never by sleeping.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { streamConsumers } from "#routes";
import { localClient, localTableNames } from "#local/dynamodb.ts";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { createStreamPoller, type StreamPoller } from "#local/streams.ts";
import { jsonAnswer, startStaffApi, type StaffApi } from "#test/support/staff-api.ts";
import { bearer } from "#test/support/staff-tokens.ts";

const UNIT = "so-tn-mt";
const reception = bearer("reception");
const inspector = bearer("inspector");

let s: StaffApi;
let poller: StreamPoller;
let db: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  s = await startStaffApi([{ unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false }]);
  db = DynamoDBDocumentClient.from(localClient(s.endpoint));
  table = localTableNames(s.prefix).cases;
  poller = createStreamPoller({
    endpoint: s.endpoint,
    tablePrefix: s.prefix,
    consumers: streamConsumers.filter((c) => c.name === "AnchorAudit"),
    loadHandler: moduleLoader(process.cwd()),
    log: () => {},
  });
});
afterAll(async () => {
  await poller?.stop();
  await s?.api.close();
});

const audit = async (caseId: string) => jsonAnswer(await s.api.get(`/staff/cases/${caseId}/audit`, inspector));
const act = async (caseId: string, action: string, body: unknown, version: number) =>
  jsonAnswer(await s.api.post(`/staff/cases/${caseId}/${action}`, body, { ...reception, "if-match": `"${version}"` }));

/** A letter registered, classified, accepted and noted: four events. */
async function caseWithFourEvents(): Promise<string> {
  const filed = await jsonAnswer(
    await s.api.post(
      "/staff/cases",
      {
        channel: "mail",
        kind: "petition",
        subject: "Kiến nghị nạo vét kênh thủy lợi",
        content: "Kênh thủy lợi nội đồng bị bồi lấp, mùa khô không đủ nước tưới cho lúa.",
        submitter: { fullName: "Trần Thị Bích", phone: "0912 345 678" },
      },
      reception,
    ),
  );
  const caseId: string = filed.body.caseId;
  await act(caseId, "classify", { unitId: UNIT }, 1);
  await act(caseId, "accept", {}, 2);
  await act(caseId, "note", { text: "Đã liên hệ người gửi." }, 3);
  return caseId;
}

/** Polls the stream (the anchor consumer) until the audit says the case is anchored through `seq`. */
async function anchoredThrough(caseId: string, seq: number): Promise<void> {
  await vi.waitFor(
    async () => {
      await poller.pollOnce();
      expect((await audit(caseId)).body.anchoredThrough).toBe(seq);
    },
    { timeout: 20_000, interval: 50 },
  );
}

// ---- what someone with write access to the table, and no audit key, can do ----

type Item = Record<string, unknown> & { sk: string; seq?: number };

async function partition(caseId: string): Promise<Item[]> {
  const out = await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": `CASE#${caseId}` }, ConsistentRead: true }));
  return (out.Items ?? []) as Item[];
}
const eventsOf = (items: readonly Item[]) => items.filter((i) => i.entity === "event").sort((a, b) => Number(a.seq) - Number(b.seq));
const caseItemOf = async (caseId: string) => (await db.send(new GetCommand({ TableName: table, Key: { pk: `CASE#${caseId}`, sk: "CASE" }, ConsistentRead: true }))).Item as Item;

/** The chain re-hashed with plain SHA-256 from the genesis hash, as audit.ts hashes it, but without the MAC's key. */
function rehash(events: readonly Item[]): Item[] {
  let prev = "0".repeat(64);
  return events.map((item) => {
    const { pk, sk, entity, prevHash: _p, hash: _h, mac, ...content } = item;
    const hash = createHash("sha256").update(prev).update(canonicalize(content) ?? "").digest("hex");
    const out = { ...content, pk, sk, entity, prevHash: prev, hash, mac } as Item;
    prev = hash;
    return out;
  });
}

const put = (item: Item) => db.send(new PutCommand({ TableName: table, Item: item }));
const remove = (item: Item) => db.send(new DeleteCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));

describe("the audit of a case, against a writer of the table without the audit key", () => {
  it("should verify an untouched case, every event MAC'd and anchored through its head", async () => {
    const caseId = await caseWithFourEvents();
    await anchoredThrough(caseId, 4);

    const answer = await audit(caseId);

    expect({ status: answer.status, chainValid: answer.body.chainValid, anchoredThrough: answer.body.anchoredThrough, seqs: answer.body.events.map((e: { seq: number }) => e.seq) }).toEqual({
      status: 200,
      chainValid: true,
      anchoredThrough: 4,
      seqs: [1, 2, 3, 4],
    });
    expect(answer.body.events.every((e: { macVersion?: number; mac?: string }) => e.macVersion === 1 && /^[\w-]{43}$/.test(e.mac ?? ""))).toBe(true);
  });

  it("should find an event whose data was edited and the chain re-hashed with plain SHA-256, at that event", async () => {
    const caseId = await caseWithFourEvents();
    await anchoredThrough(caseId, 4);
    const items = await partition(caseId);
    const events = eventsOf(items);

    const forged = rehash(events.map((e) => (e.seq === 2 ? { ...e, data: { ...(e.data as object), unitId: "phong-khac" } } : e)));
    for (const e of forged) await put(e);
    await put({ ...(await caseItemOf(caseId)), lastHash: forged.at(-1)!.hash });

    expect(await audit(caseId)).toMatchObject({ status: 200, body: { chainValid: false, brokenAt: 2, reason: "mac_mismatch" } });
  });

  it("should find the last event deleted and the case item's lastSeq and lastHash rewritten to the event before it", async () => {
    const caseId = await caseWithFourEvents();
    await anchoredThrough(caseId, 4);
    const events = eventsOf(await partition(caseId));

    await remove(events[3]!);
    await put({ ...(await caseItemOf(caseId)), lastSeq: 3, lastHash: events[2]!.hash });

    expect(await audit(caseId)).toMatchObject({ status: 200, body: { chainValid: false, brokenAt: 4, reason: "missing_event" } });
  });

  it("should find the case item and its events rolled back to an earlier consistent snapshot, by the anchor", async () => {
    const caseId = await caseWithFourEvents();
    await anchoredThrough(caseId, 4);
    const snapshot = await partition(caseId);
    await act(caseId, "note", { text: "Đã khảo sát hiện trường." }, 4);
    await act(caseId, "note", { text: "Đã họp với Ủy ban nhân dân xã." }, 5);
    await anchoredThrough(caseId, 6);

    for (const e of eventsOf(await partition(caseId)).filter((e) => Number(e.seq) > 4)) await remove(e);
    for (const item of snapshot) await put(item);
    const rolledBack = await audit(caseId);

    expect(rolledBack).toMatchObject({ status: 200, body: { chainValid: false, brokenAt: 5, reason: "rolled_back" } });
    expect(rolledBack.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it("should not count an event written after the last anchor as a failure: it is not anchored yet", async () => {
    const caseId = await caseWithFourEvents();
    await anchoredThrough(caseId, 4);
    // The stream poller runs only when a test polls it: nothing anchors the fifth event while we read.
    await act(caseId, "note", { text: "Chờ ý kiến của phòng chuyên môn." }, 4);

    const answer = await audit(caseId);

    expect({ chainValid: answer.body.chainValid, anchoredThrough: answer.body.anchoredThrough, events: answer.body.events.length }).toEqual({ chainValid: true, anchoredThrough: 4, events: 5 });
  });
});
