// Input hygiene through the local gateway, with raw bytes: a body that is not UTF-8, or holds a lone surrogate,
// is a 400 invalid_text and stores nothing; text is stored NFC; control and bidi override characters in a
// one-line field, and a subject that shows nothing, are 400s naming the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { solvedChallenge } from "#test/support/challenge.ts";

let api: TestGateway;
let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
});
afterAll(() => api?.close());

const petition = {
  kind: "petition",
  subject: "Kiến nghị sửa đường liên xã",
  content: "Đoạn đường liên xã qua ấp 3 xuống cấp nặng, đề nghị sớm sửa chữa trước mùa mưa.",
};

// Raw bytes, so not through the gateway helper's fetch: the solved challenge is added here.
const post = async (body: Buffer) =>
  fetch(`${api.url}/cases`, { method: "POST", headers: { "content-type": "application/json", "x-altcha": await solvedChallenge(api.url) }, body: new Uint8Array(body) });
const cases = async () => (await rawItems(endpoint, prefix)).filter((item) => item.entity === "case");

describe("a body that is not text", () => {
  it.each([
    ["an invalid UTF-8 sequence (C3 28)", Buffer.concat([Buffer.from(`{"kind":"petition","content":${JSON.stringify(petition.content)},"subject":"Kiến nghị `), Buffer.from([0xc3, 0x28]), Buffer.from(' sửa đường"}')])],
    ["a lone continuation byte (80)", Buffer.concat([Buffer.from(`{"kind":"petition","content":${JSON.stringify(petition.content)},"subject":"Kiến nghị `), Buffer.from([0x80]), Buffer.from(' sửa đường"}')])],
    ["a lone surrogate escaped in JSON", Buffer.from(`{"kind":"petition","content":${JSON.stringify(petition.content)},"subject":"Kiến nghị \\ud800 sửa đường"}`)],
  ])("should refuse %s with 400 invalid_text and store nothing", async (_what, body) => {
    const before = (await cases()).length;

    const res = await post(body);

    expect([res.status, res.headers.get("content-type")]).toEqual([400, "application/problem+json; charset=utf-8"]);
    expect(await res.json()).toMatchObject({ status: 400, code: "invalid_text" });
    expect((await cases()).length).toBe(before);
  });
});

describe("text as it is stored", () => {
  it("should store a subject, content and name typed decomposed (NFD) in NFC", async () => {
    const nfd = (s: string) => s.normalize("NFD");
    const body = { ...petition, subject: nfd(petition.subject), content: nfd(petition.content), submitter: { fullName: nfd("Nguyễn Thị Hoà"), phone: "0912345678" } };

    const res = await post(Buffer.from(JSON.stringify(body)));
    const { caseId } = await res.json();
    const item = (await cases()).find((c) => c.caseId === caseId) as { subject: string; content: string; submitter: { fullName: string } };

    expect(res.status).toBe(201);
    expect([item.subject, item.content, item.submitter.fullName]).toEqual([petition.subject.normalize("NFC"), petition.content.normalize("NFC"), "Nguyễn Thị Hoà".normalize("NFC")]);
    expect(item.subject).not.toBe(body.subject);
  });

  it("should refuse control and bidi override characters in one-line fields, and a subject that shows nothing, each on its field", async () => {
    const body = { ...petition, subject: " \u0301 \u0301 \u0301 \u0301 \u0301", submitter: { fullName: "Lê Văn\u202E Tám", phone: "0912345678", address: "12 Lê Lợi\u0007" } };
    const before = (await cases()).length;

    const res = await post(Buffer.from(JSON.stringify(body)));
    const problem = await res.json();

    expect(res.status).toBe(400);
    expect(problem.errors.map((e: { path: string; code?: string }) => [e.path, e.code])).toEqual([
      ["subject", "too_short"],
      ["submitter.fullName", "bidi_override"],
      ["submitter.address", "control_character"],
    ]);
    expect((await cases()).length).toBe(before);
  });

  it("should keep new lines in a letter's content but refuse one in a staff action's reason", async () => {
    const created = await post(Buffer.from(JSON.stringify({ ...petition, content: `${petition.content}\r\nXin cảm ơn.` })));
    const { caseId } = await created.json();
    const stored = (await cases()).find((c) => c.caseId === caseId) as { content: string };

    const reject = await api.post(`/staff/cases/${caseId}/reject`, { reason: "Không thuộc\nthẩm quyền" }, { ...bearer("reception"), "if-match": '"1"' });

    expect(stored.content).toBe(`${petition.content}\nXin cảm ơn.`);
    expect(reject.status).toBe(400);
    expect((await reject.json()).errors).toEqual([expect.objectContaining({ path: "reason", code: "control_character" })]);
  });
});
