// The defects the model-based test (test/integration/model/) finds, each shrunk to its shortest
// sequence and kept here as a plain test named after the rule it breaks (issue 9; API.md; DOMAIN.md).
// Each fails while its defect is there and passes once it is fixed; none depends on another's fix.
// Through the local gateway on DynamoDB Local, over HTTP; the stream read until it holds what was
// written and handed to the manifest's consumer; the sweep invoked by its manifest entry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { runSweepOnce } from "#local/sweep.ts";
import { rawItems, useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";

const DAY = 86_400_000;
const UNIT = "so-tn-mt";
const RATE_UNIT = "phong-ty-le";

let api: TestGateway;
let endpoint: string;
let prefix: string;

const reception = bearer("reception");
const handler = bearer("handler", UNIT);
const admin = bearer("admin");

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  const units = [
    { unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false },
    { unitId: RATE_UNIT, name: "Phòng kiểm tra tỷ lệ", remoteArea: false },
  ];
  await api.raw("PUT", "/admin/units", JSON.stringify(units), { "content-type": "application/json", ...admin });
}, 60_000);
afterAll(async () => {
  await api?.close();
});

async function json(res: Response) {
  return { status: res.status, etag: res.headers.get("etag"), body: await res.json() };
}
const register = async (body: Record<string, unknown>) => json(await api.post("/staff/cases", { channel: "mail", ...body }, reception));
const submit = async (body: Record<string, unknown>) => json(await api.post("/cases", body));
const read = async (caseId: string) => json(await api.get(`/staff/cases/${caseId}`, admin));
const act = async (caseId: string, action: string, body: unknown, version: number, as: Record<string, string> = admin) =>
  json(await api.post(`/staff/cases/${caseId}/${action}`, body, { ...as, "if-match": `"${version}"` }));

const iso = (ms: number) => new Date(ms).toISOString();

const petition = {
  kind: "petition",
  subject: "Kiến nghị sửa chữa đường liên xã bị sạt lở",
  content: "Đoạn đường từ chợ Vĩnh Hậu đến trường tiểu học hư hỏng nặng sau mùa mưa lũ, đề nghị sửa chữa.",
};

describe("issue 9: defects found by the model-based test", () => {
  it("should seal the sender's identity in the write that reclassifies a complaint as a denunciation, and reveal it on request", async () => {
    const sender = { fullName: "Lê Thị Bích Diệp", phone: "0938 111 222", nationalId: "079188004321", email: "diep.le@example.vn" };
    const filed = await submit({ kind: "complaint", subject: "Khiếu nại quyết định thu hồi đất", content: "Gia đình tôi không đồng ý với quyết định thu hồi đất và mức bồi thường đã niêm yết.", submitter: sender });

    const classified = await act(filed.body.caseId, "classify", { kind: "denunciation", unitId: UNIT }, 1, reception);
    const seen = await json(await api.get(`/staff/cases/${filed.body.caseId}`, handler));
    const tables = JSON.stringify(await rawItems(endpoint, prefix));
    const revealed = await json(await api.post(`/staff/cases/${filed.body.caseId}/reveal-identity`, { reason: "Cần liên hệ người tố cáo để xác minh" }, handler));

    expect(classified).toMatchObject({ status: 200, body: { kind: "denunciation", submitter: { sealed: true } } });
    expect(seen.body.submitter).toEqual({ sealed: true });
    for (const value of [sender.fullName, sender.phone, "0938111222", sender.nationalId, sender.email]) {
      expect(JSON.stringify(seen.body), `${value} in the staff view`).not.toContain(value);
      expect(tables, `${value} in a table`).not.toContain(value);
    }
    expect(revealed).toMatchObject({ status: 200, body: { identity: sender } });
  });

  it("should flag the third filing of the same matter by the same sender prolonged, however the phone and subject are written", async () => {
    const filing = (phone: string, subject: string) => register({ ...petition, subject, submitter: { fullName: "Hồ Văn Khải", phone } });

    const first = await filing("0912 345 678", "Kiến nghị sửa chữa đường liên xã bị sạt lở");
    const second = await filing("+84912345678", "KIẾN NGHỊ SỬA CHỮA ĐƯỜNG LIÊN XÃ BỊ SẠT LỞ");
    const third = await filing("0912345678", "  kiến nghị   sửa chữa đường liên xã bị sạt lở ".normalize("NFD"));
    const seen = await Promise.all([first, second, third].map((f) => read(f.body.caseId)));

    expect(seen.map((x) => x.body.flags.includes("prolonged"))).toEqual([false, false, true]);
  });

  it("should let staff enter a letter's paper history after the sweep escalated it: system events do not block earlier effective times", async () => {
    const receivedAt = Date.now() - 40 * DAY;
    const filed = await register({ ...petition, receivedAt: iso(receivedAt) });
    await runSweepOnce(moduleLoader(process.cwd()));
    const escalated = await read(filed.body.caseId);

    const classified = await act(filed.body.caseId, "classify", { unitId: UNIT, effectiveAt: iso(receivedAt + DAY) }, escalated.body.version, reception);

    expect(escalated.body.timeline.map((e: { type: string }) => e.type)).toContain("escalated");
    expect(classified.status).toBe(200);
    expect(classified.body.timeline.find((e: { type: string }) => e.type === "classified")?.at).toBe(iso(receivedAt + DAY));
  });
});
