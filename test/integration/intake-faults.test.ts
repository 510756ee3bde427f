// Intake that survives faults, through the local gateway on DynamoDB Local: the handlers' DynamoDB calls
// fail where chosen (test/support/dynamo-faults.ts), and whatever fails when, the first answer is a 503
// with Retry-After (never a 500) or a 201, a retry with the same Idempotency-Key and body answers the
// first case with an access key that works, and exactly one case is stored.
import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { localTableNames } from "#local/dynamodb.ts";
import { injectFaults, type Fault, type FaultInjector } from "#test/support/dynamo-faults.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";

let api: TestGateway;
let faults: FaultInjector;
let endpoint: string;
let prefix: string;
let tables: ReturnType<typeof localTableNames>;

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  tables = localTableNames(prefix);
  api = await startTestGateway();
  faults = injectFaults();
});
afterEach(() => {
  const left = faults.pending();
  faults.clear();
  expect(left, "a fault was armed that no call met").toBe(0);
});
afterAll(async () => {
  faults?.remove();
  await api?.close();
});

/** A complaint of its own, so that its cases can be counted whatever else the file stored. */
const complaintAbout = (topic: string) => ({
  kind: "complaint",
  subject: `Khiếu nại về ${topic} ${crypto.randomUUID().slice(0, 8)}`,
  content: "Tôi không đồng ý với quyết định thu hồi đất của gia đình tôi tại thôn Đông, xã Hòa Bình.",
  submitter: { fullName: "Nguyễn Thị Hồng Nhung", phone: "0912 345 678" },
});
type Complaint = ReturnType<typeof complaintAbout>;

async function submit(body: Complaint, key?: string) {
  const res = await api.post("/cases", body, key ? { "idempotency-key": key } : {});
  return { status: res.status, retryAfter: res.headers.get("retry-after"), location: res.headers.get("location"), body: await res.json() };
}

/** The case items stored for this complaint, read raw. */
const casesOf = async (body: Complaint) => (await rawItems(endpoint, prefix)).filter((i) => i.entity === "case" && i.subject === body.subject);

async function tracks(receipt: { trackingCode: string; accessKey: string }): Promise<number> {
  return (await api.get(`/cases/track/${receipt.trackingCode}`, { "x-access-key": receipt.accessKey })).status;
}

const unavailable = { status: 503, retryAfter: expect.stringMatching(/^\d+$/), location: null, body: expect.objectContaining({ status: 503, code: "dependency_unavailable" }) };
const intake = (at: Fault["at"], extra: Partial<Fault> = {}): Fault => ({ command: "TransactWriteItemsCommand", table: tables.cases, at, ...extra });

describe("a fault before the intake's transaction reaches DynamoDB", () => {
  it("should answer 503, and the retry with the same key the one case", async () => {
    const body = complaintAbout("một kết nối bị ngắt");
    const key = crypto.randomUUID();
    faults.fail(intake("before"));

    const first = await submit(body, key);
    const retry = await submit(body, key);

    expect(first).toEqual(unavailable);
    expect(retry.status).toBe(201);
    expect(await tracks(retry.body)).toBe(200);
    expect((await casesOf(body)).map((c) => c.caseId)).toEqual([retry.body.caseId]);
  });

  it("should answer 503 when DynamoDB throttles, and the retry the one case", async () => {
    const body = complaintAbout("giới hạn lưu lượng");
    const key = crypto.randomUUID();
    faults.fail(intake("before", { error: () => new ProvisionedThroughputExceededException({ message: "Throughput exceeds the provisioned rate", $metadata: {} }) }));

    const first = await submit(body, key);
    const retry = await submit(body, key);

    expect(first).toEqual(unavailable);
    expect(retry.status).toBe(201);
    expect((await casesOf(body)).map((c) => c.caseId)).toEqual([retry.body.caseId]);
  });

  it("should answer 503 without a key too, and store nothing", async () => {
    const body = complaintAbout("một đơn không có khóa");
    faults.fail(intake("before"));

    const first = await submit(body);

    expect(first).toEqual(unavailable);
    expect(await casesOf(body)).toEqual([]);
  });
});

describe("a fault after the case is committed, its answer lost on the way back", () => {
  it("should answer 503, and the retry with the same key the case that was stored, whose key works", async () => {
    const body = complaintAbout("một câu trả lời bị mất");
    const key = crypto.randomUUID();
    faults.fail(intake("after"));

    const first = await submit(body, key);
    const stored = await casesOf(body);
    const retry = await submit(body, key);

    expect(first).toEqual(unavailable);
    expect(stored).toHaveLength(1);
    expect(retry).toMatchObject({ status: 201, location: `/cases/track/${retry.body.trackingCode}` });
    expect(retry.body.caseId).toBe(stored[0]!.caseId);
    expect(await tracks(retry.body)).toBe(200);
    expect(await casesOf(body)).toHaveLength(1);
  });

  it("should answer 201 at once when the loss is under the SDK's retries: it resends the same ClientRequestToken", async () => {
    const body = complaintAbout("một lần gửi lại của SDK");
    const key = crypto.randomUUID();
    faults.fail(intake("after", { insideRetries: true }));

    const first = await submit(body, key);
    const retry = await submit(body, key);

    expect(faults.fired).toContainEqual(intake("after", { insideRetries: true }));
    expect(first.status).toBe(201);
    expect(retry).toEqual(first);
    expect(await tracks(first.body)).toBe(200);
    expect((await casesOf(body)).map((c) => c.caseId)).toEqual([first.body.caseId]);
  });

  it("should store one case without a key too when the SDK resends", async () => {
    const body = complaintAbout("một đơn không có khóa, gửi lại");
    faults.fail(intake("after", { insideRetries: true }));

    const first = await submit(body);

    expect(first.status).toBe(201);
    expect((await casesOf(body)).map((c) => c.caseId)).toEqual([first.body.caseId]);
  });
});

describe("a fault on reading the stored answer (the retry's transaction, cancelled on the claim)", () => {
  it.each(["before", "after"] as const)("should answer 503 when it fails %s DynamoDB, and the next retry the one case", async (at) => {
    const body = complaintAbout(`một lần đọc lỗi ${at}`);
    const key = crypto.randomUUID();
    faults.fail(intake("after"));
    const first = await submit(body, key);
    faults.fail({ command: "TransactWriteItemsCommand", table: tables.idempotency, at });

    const retry = await submit(body, key);
    const again = await submit(body, key);

    expect([first, retry]).toEqual([unavailable, unavailable]);
    expect(again.status).toBe(201);
    expect(await tracks(again.body)).toBe(200);
    expect((await casesOf(body)).map((c) => c.caseId)).toEqual([again.body.caseId]);
  });

  it("should answer 422 to another body with the key, even after a lost answer", async () => {
    const body = complaintAbout("một nội dung");
    const key = crypto.randomUUID();
    faults.fail(intake("after"));
    await submit(body, key);

    const other = await submit({ ...body, subject: `${body.subject} (khác)` }, key);

    expect(other).toMatchObject({ status: 422, body: { code: "idempotency_key_reused" } });
    expect(await casesOf(body)).toHaveLength(1);
  });
});

describe("a fault on a read route", () => {
  it("should answer the tracking page 503 with Retry-After, then the case", async () => {
    const receipt = (await submit(complaintAbout("theo dõi"))).body;
    faults.fail({ command: "GetItemCommand", table: tables.cases, at: "before" });

    const res = await api.get(`/cases/track/${receipt.trackingCode}`, { "x-access-key": receipt.accessKey });

    expect({ status: res.status, retryAfter: res.headers.get("retry-after"), code: (await res.json()).code }).toEqual({
      status: 503,
      retryAfter: expect.stringMatching(/^\d+$/),
      code: "dependency_unavailable",
    });
    expect(await tracks(receipt)).toBe(200);
  });
});
