// Repeat filings through the local gateway on DynamoDB Local: sender keys computed at intake and at
// registration, earlier filings linked for staff only, the filing count kept, the third filing of a
// matter prolonged and listed, an archive as a duplicate counted in the matter it duplicates, and no
// phone or identity number in the sender items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawItems } from "#test/support/local-env.ts";
import type { TestGateway } from "#test/support/gateway.ts";
import { jsonAnswer as json, startStaffApi } from "#test/support/staff-api.ts";
import { bearer } from "#test/support/staff-tokens.ts";

const reception = bearer("reception");
const inspector = bearer("inspector");
const admin = bearer("admin");

let api: TestGateway;
let endpoint: string;
let prefix: string;

beforeAll(async () => {
  ({ api, endpoint, prefix } = await startStaffApi());
}, 60_000);
afterAll(() => api?.close());

const subject = "Kiến nghị làm lại cầu tạm qua kênh Xáng";
const content = "Cầu tạm bằng gỗ qua kênh Xáng đã mục nát, học sinh đi học hằng ngày rất nguy hiểm, đề nghị làm lại cầu.";
type Sender = { fullName: string; phone?: string; nationalId?: string; address?: string };
const submit = async (sender: Sender, over: Record<string, unknown> = {}) => json(await api.post("/cases", { kind: "petition", subject, content, submitter: sender, ...over }));
const register = async (sender: Sender, over: Record<string, unknown> = {}) =>
  json(await api.post("/staff/cases", { kind: "petition", subject, content, submitter: sender, channel: "in_person", ...over }, reception));
const read = async (caseId: string, as = admin) => (await json(await api.get(`/staff/cases/${caseId}`, as))).body;
const ids = (list: { items: { caseId: string }[] }) => list.items.map((i) => i.caseId);

describe("repeat filings", () => {
  it("should link a sender's filings however the phone is written, count the matter, and flag and list the third prolonged", async () => {
    // Prepare
    const sender = (phone: string) => ({ fullName: "Trương Văn Nghĩa", phone });
    const first = await submit(sender("0913 246 810"));
    const second = await register(sender("+84913246810"), { subject: subject.toUpperCase() });
    const third = await submit(sender("84913246810"), { subject: `  ${subject.replace("cầu tạm", "cầu   tạm")} `.normalize("NFD") });

    // Act
    const seen = await Promise.all([first, second, third].map((f) => read(f.body.caseId)));
    const listed = await json(await api.get("/staff/cases?flag=prolonged&limit=100", inspector));
    const tracked = await json(await api.get(`/cases/track/${third.body.trackingCode}`, { "x-access-key": third.body.accessKey }));

    // Assess
    expect(seen.map((c) => [c.filingCount, c.relatedCaseIds, c.matterOf, c.flags.includes("prolonged")])).toEqual([
      [1, undefined, undefined, false],
      [2, [first.body.caseId], first.body.caseId, false],
      [3, [first.body.caseId, second.body.caseId], first.body.caseId, true],
    ]);
    expect(ids(listed.body)).toContain(third.body.caseId);
    expect(ids(listed.body)).not.toContain(first.body.caseId);
    expect(tracked.status).toBe(200);
    expect(JSON.stringify(tracked.body)).not.toMatch(/relatedCaseIds|filingCount|matterOf|senderKeys|matterKey/);
    expect(JSON.stringify(tracked.body)).not.toContain(first.body.caseId);
  });

  it("should recognise the sender by the identity number under another phone, and keep a denunciation apart", async () => {
    // Prepare: a complaint, then a denunciation and a petition by the same person, the last with another phone
    const person = { fullName: "Lâm Thị Hạnh", nationalId: "083190007788" };
    const complaint = await submit({ ...person, phone: "0939 100 200" }, { kind: "complaint", subject: "Khiếu nại việc thu hồi đất làm bến xe" });
    const denunciation = await submit({ ...person, phone: "0939 100 200" }, { kind: "denunciation", subject: "Tố cáo cán bộ nhận tiền bồi thường" });
    const petition = await register({ ...person, phone: "0977 300 400" });

    // Act
    const [c, d, p] = await Promise.all([complaint, denunciation, petition].map((f) => read(f.body.caseId)));

    // Assess: linked through the identity number; the sealed denunciation links to nothing and nothing links to it
    expect([c.relatedCaseIds, d.relatedCaseIds, d.submitter, p.relatedCaseIds]).toEqual([undefined, undefined, { sealed: true }, [complaint.body.caseId]]);
    expect([c.filingCount, d.filingCount, p.filingCount]).toEqual([1, 1, 1]);
  });

  it("should count a case archived as a duplicate as a filing of the matter it duplicates, so the next filing is the third", async () => {
    // Prepare: the matter, then a letter about it in other words, archived by reception as its duplicate
    const sender = { fullName: "Nguyễn Hữu Phước", phone: "0901 555 666" };
    const first = await submit(sender);
    const reworded = await register(sender, { subject: "Đề nghị sửa cây cầu gỗ cho học sinh đi học" });

    // Act
    const archived = await json(
      await api.post(`/staff/cases/${reworded.body.caseId}/archive`, { reason: "Đơn trùng nội dung", duplicateOf: first.body.caseId }, { ...reception, "if-match": '"1"' }),
    );
    const third = await submit({ ...sender, phone: "+84901555666" });
    const seen = await read(third.body.caseId);

    // Assess
    expect(archived).toMatchObject({ status: 200, body: { status: "archived", matterOf: first.body.caseId, filingCount: 2, decision: { duplicateOf: first.body.caseId } } });
    expect([seen.filingCount, seen.matterOf, seen.flags.includes("prolonged")]).toEqual([3, first.body.caseId, true]);
  });

  it("should refuse an archive as a duplicate of a case that does not exist with 422, and of itself", async () => {
    // Prepare
    const filed = await register({ fullName: "Đinh Công Tráng", address: "Ấp Bình Thạnh, xã Vĩnh Hậu" });

    // Act
    const unknown = await json(
      await api.post(`/staff/cases/${filed.body.caseId}/archive`, { reason: "Đơn trùng", duplicateOf: "7b0e7c1a-0000-4000-8000-00000000dead" }, { ...reception, "if-match": '"1"' }),
    );
    const itself = await json(await api.post(`/staff/cases/${filed.body.caseId}/archive`, { reason: "Đơn trùng", duplicateOf: filed.body.caseId }, { ...reception, "if-match": '"1"' }));

    // Assess
    expect([unknown.status, unknown.body.errors, itself.status, itself.body.errors]).toEqual([
      422, [{ path: "duplicateOf", message: "is not a case", code: "unknown_case" }], 422, [{ path: "duplicateOf", message: "must be another case", code: "duplicate_of_self" }],
    ]);
  });

  it("should hold in each sender item only a keyed hash and a case id, never a phone or an identity number", async () => {
    // Prepare
    const filed = await submit({ fullName: "Mai Văn Sáu", phone: "+84 988 777 666", nationalId: "079201003344" });

    // Act
    const items = (await rawItems(endpoint, prefix)).filter((i) => i.entity === "sender" && i.caseId === filed.body.caseId);

    // Assess
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(["caseId", "entity", "gsiSenderPk", "gsiSenderSk", "pk", "sk"]);
      expect(JSON.stringify(item)).not.toMatch(/988777666|079201003344/);
    }
  });
});
