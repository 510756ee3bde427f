// The public intake through the local gateway on DynamoDB Local: submit, track, idempotency, bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";

let api: TestGateway;
let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  api = await startTestGateway();
});
afterAll(() => api?.close());

const complaint = {
  kind: "complaint",
  subject: "Khiếu nại quyết định thu hồi đất",
  content: "Tôi không đồng ý với Quyết định số 123/QĐ-UBND về việc thu hồi đất của gia đình tôi tại thôn Đông, xã Hòa Bình.",
  submitter: { fullName: "Nguyễn Thị Hồng Nhung", phone: "0912 345 678", address: "Thôn Đông, xã Hòa Bình" },
};

const allItems = () => rawItems(endpoint, prefix);

describe("POST /cases", () => {
  it("should receive a complaint and answer its tracking code, access key and processing deadline", async () => {
    const before = Date.now();
    const res = await api.post("/cases", complaint);
    const body = await res.json();
    const after = Date.now();

    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/cases/track/${body.trackingCode}`);
    expect(body).toEqual({
      caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      trackingCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      accessKey: expect.stringMatching(/^([0-9A-HJKMNP-TV-Z]{5}-){3}[0-9A-HJKMNP-TV-Z]{5}$/),
      kind: "complaint",
      status: "received",
      anonymous: false,
      receivedAt: expect.any(String),
      deadlines: { processing: expect.objectContaining({ dueAt: expect.any(String), dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), basis: expect.any(String) }) },
    });
    // Received while the request was under way, however long it took.
    expect(Date.parse(body.receivedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.receivedAt)).toBeLessThanOrEqual(after);
  });

  it("should let the citizen follow the case with code and key, Vietnamese text exactly as sent", async () => {
    const { trackingCode, accessKey } = await (await api.post("/cases", complaint)).json();

    const res = await api.get(`/cases/track/${trackingCode.toLowerCase().replace("-", " ")}`, { "x-access-key": accessKey.toLowerCase() });
    const view = await res.json();

    expect(res.status).toBe(200);
    expect(view).toEqual({
      trackingCode,
      kind: "complaint",
      subject: complaint.subject,
      status: "received",
      receivedAt: expect.any(String),
      updatedAt: expect.any(String),
      deadlines: { processing: expect.objectContaining({ dueDate: expect.any(String) }) },
      milestones: [{ at: view.receivedAt, status: "received" }],
    });
    expect(JSON.stringify(view)).not.toContain(complaint.submitter.fullName);
  });

  it("should answer the same 404 to an unknown code and to a wrong key", async () => {
    const { trackingCode } = await (await api.post("/cases", complaint)).json();

    const wrongKey = await api.get(`/cases/track/${trackingCode}`, { "x-access-key": "AAAAA-AAAAA-AAAAA-AAAAA" });
    const unknown = await api.get(`/cases/track/ZZZZ-ZZZZ`, { "x-access-key": "AAAAA-AAAAA-AAAAA-AAAAA" });
    const noKey = await api.get(`/cases/track/${trackingCode}`);

    expect(wrongKey.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(noKey.status).toBe(404);
    const [a, b, c] = await Promise.all([wrongKey.json(), unknown.json(), noKey.json()]);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(wrongKey.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("should keep no access key in plaintext in any table, idempotency records included", async () => {
    const { accessKey } = await (await api.post("/cases", complaint, { "idempotency-key": crypto.randomUUID() })).json();

    const dump = JSON.stringify(await allItems());

    expect(dump).not.toContain(accessKey);
    expect(dump).not.toContain(accessKey.replaceAll("-", ""));
  });

  it("should create one case for ten concurrent submissions with one Idempotency-Key, and give all ten the same answer", async () => {
    const key = crypto.randomUUID();
    const before = (await allItems()).filter((i) => i.entity === "case").length;

    const answers = await Promise.all(Array.from({ length: 10 }, () => api.post("/cases", complaint, { "idempotency-key": key })));
    const bodies = await Promise.all(answers.map((r) => r.json()));

    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect((await allItems()).filter((i) => i.entity === "case").length).toBe(before + 1);
  });

  it("should answer a retried submission with the same code and key, and 422 when the key comes with another body", async () => {
    const key = crypto.randomUUID();
    const first = await (await api.post("/cases", complaint, { "idempotency-key": key })).json();

    const again = await api.post("/cases", complaint, { "idempotency-key": key });
    const other = await api.post("/cases", { ...complaint, subject: "Một khiếu nại khác hẳn" }, { "idempotency-key": key });

    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(first);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ status: 422, errors: [{ path: "Idempotency-Key" }] });
  });

  it("should seal a denouncer's identity: no national ID, phone or e-mail in plaintext in any table", async () => {
    const denouncer = { fullName: "Trần Văn Bình", phone: "0987654321", email: "binh.tran@example.vn", nationalId: "001203004567" };
    const res = await api.post("/cases", {
      kind: "denunciation",
      subject: "Tố cáo hành vi nhận hối lộ",
      content: "Cán bộ địa chính xã nhận tiền của người dân để làm nhanh thủ tục cấp giấy chứng nhận.",
      submitter: denouncer,
    });

    const dump = JSON.stringify(await allItems());

    expect(res.status).toBe(201);
    expect((await res.json()).anonymous).toBe(false);
    for (const value of [denouncer.fullName, denouncer.phone, denouncer.email, denouncer.nationalId]) expect(dump).not.toContain(value);
  });

  it("should receive a denunciation without a sender as anonymous information, with no legal deadline", async () => {
    const res = await api.post("/cases", {
      kind: "denunciation",
      subject: "Thông tin về sai phạm xây dựng",
      content: "Công trình tại số 5 đường Lê Lợi xây vượt số tầng được cấp phép từ tháng trước.",
    });

    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "denunciation", anonymous: true, deadlines: {} });
  });
});

describe("POST /cases with bad input", () => {
  const problem = async (res: Response) => ({ status: res.status, type: res.headers.get("content-type"), body: await res.json() });

  it("should answer 400 naming each invalid field", async () => {
    const res = await api.post("/cases", { kind: "complaint", subject: "abc", content: "ngắn", submitter: { fullName: "Lê Văn A", nationalId: "12345" } });
    const { status, type, body } = await problem(res);

    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["content", "subject", "submitter.nationalId", "submitter.phone"]);
  });

  it("should answer 400 for a complaint without a sender, an unknown kind and an unknown field", async () => {
    const noSender = await problem(await api.post("/cases", { ...complaint, submitter: undefined }));
    const badKind = await problem(await api.post("/cases", { ...complaint, kind: "praise" }));
    const extra = await problem(await api.post("/cases", { ...complaint, priority: "high" }));

    expect(noSender.body.errors).toEqual([{ path: "submitter", message: expect.any(String), code: "identity_required" }]);
    expect(badKind.body.errors).toEqual([{ path: "kind", message: expect.any(String) }]);
    expect(extra.body.errors).toEqual([{ path: "priority", message: "is not a known field" }]);
  });

  it("should answer 400 to malformed JSON, to a JSON that is not an object and to an absurdly nested body", async () => {
    const malformed = await api.raw("POST", "/cases", '{"kind": "complaint",', { "content-type": "application/json" });
    const notObject = await api.raw("POST", "/cases", "[1,2,3]", { "content-type": "application/json" });
    const nested = await api.raw("POST", "/cases", "[".repeat(5000) + "]".repeat(5000), { "content-type": "application/json" });

    expect([malformed.status, notObject.status, nested.status]).toEqual([400, 400, 400]);
  });

  it("should answer 415 to a body that is not JSON and 413 to an oversized one", async () => {
    const form = await api.raw("POST", "/cases", "kind=complaint", { "content-type": "application/x-www-form-urlencoded" });
    const none = await api.raw("POST", "/cases", "{}", {});
    const huge = await api.post("/cases", { ...complaint, content: "x".repeat(200_000) });

    expect(form.status).toBe(415);
    expect(none.status).toBe(415);
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("should answer 400 naming the header when the Idempotency-Key is not acceptable", async () => {
    const res = await api.post("/cases", complaint, { "idempotency-key": "x".repeat(300) });

    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
  });
});
