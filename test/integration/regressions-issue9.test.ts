// The defects the model-based test (test/integration/model/) finds, each shrunk to its shortest
// sequence and kept here as a plain test named after the rule it breaks (issue 9; API.md; DOMAIN.md).
// Each fails while its defect is there and passes once it is fixed; none depends on another's fix.
// Through the local gateway on DynamoDB Local, over HTTP; the stream read until it holds what was
// written and handed to the manifest's consumer; the sweep invoked by its manifest entry. The deadlines'
// regressions (the processing extension, decisionRef, one on-time rate, a paused deadline) are in
// test/integration/deadlines-issue9.test.ts, with that fix's own tests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { runSweepOnce } from "#local/sweep.ts";
import { rawItems } from "#test/support/local-env.ts";
import type { TestGateway } from "#test/support/gateway.ts";
import { answerWithEtag, caseSteps, drainToAggregates, startStreamedStaffApi } from "#test/support/case-steps.ts";
import { bearer } from "#test/support/staff-tokens.ts";
import { jobsIdle } from "#test/support/jobs.ts";
import type { StreamTap } from "#test/support/stream-tap.ts";

const DAY = 86_400_000;
const UNIT = "so-tn-mt";
const PAUSED_UNIT = "phong-tam-dinh-chi";

let api: TestGateway;
let tap: StreamTap;
let endpoint: string;
let prefix: string;

const reception = bearer("reception");
const handler = bearer("handler", UNIT);
const inspector = bearer("inspector");
const admin = bearer("admin");

beforeAll(async () => {
  const units = [
    { unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false },
    { unitId: PAUSED_UNIT, name: "Phòng kiểm tra tạm đình chỉ", remoteArea: false },
  ];
  ({ api, tap, endpoint, prefix } = await startStreamedStaffApi(units));
}, 60_000);
afterAll(async () => {
  await tap?.close();
  await api?.close();
});

const json = answerWithEtag;
const { register, submit, read, act } = caseSteps(() => api);

/**
 * An action decided in writing, with its decision number as API.md gives it. While the product still
 * refuses `decisionRef` (its own test below), the action is entered without it, so that each test here
 * fails for its own defect only.
 */
async function actOnPaper(caseId: string, action: string, body: Record<string, unknown>, version: number, as: Record<string, string> = admin) {
  const sent = await act(caseId, action, { decisionRef: "07/QĐ-UBND", ...body }, version, as);
  if (sent.status !== 400 || !JSON.stringify(sent.body).includes("decisionRef")) return sent;
  return act(caseId, action, body, version, as);
}

const drain = (caseIds: readonly string[]) => drainToAggregates(tap, read, caseIds);

const localDate = (at: number | string) => new Date((typeof at === "number" ? at : Date.parse(at)) + 7 * 3_600_000).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

const petition = {
  kind: "petition",
  subject: "Kiến nghị sửa chữa đường liên xã bị sạt lở",
  content: "Đoạn đường từ chợ Vĩnh Hậu đến trường tiểu học hư hỏng nặng sau mùa mưa lũ, đề nghị sửa chữa.",
};

describe("issue 9: defects found by the model-based test", () => {
  it("should count an anonymous denunciation in the aggregates: its stream record is processed, not given up", async () => {
    const year = Number(localDate(Date.now()).slice(0, 4));
    await drain([]);
    const before = (await json(await api.get(`/stats?year=${year}`))).body.totals.received;
    const filed = await submit({ kind: "denunciation", subject: "Tố cáo việc chia nhỏ gói thầu", content: "Gói thầu xây trường học xã bị chia nhỏ để chỉ định thầu cho người quen của cán bộ." });

    const givenUp = await drain([filed.body.caseId]);
    const after = (await json(await api.get(`/stats?year=${year}`))).body.totals.received;

    expect(filed).toMatchObject({ status: 201, body: { anonymous: true } });
    expect(givenUp.map((g) => g.reason)).toEqual([]);
    expect(after).toBe(before + 1);
  });

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

  it("should keep a nameless letter reclassified as a denunciation as anonymous information, with no statutory deadline", async () => {
    const filed = await submit(petition);

    const classified = await act(filed.body.caseId, "classify", { kind: "denunciation", unitId: UNIT }, 1, reception);

    expect(filed.body.deadlines.processing).toBeDefined();
    expect(classified).toMatchObject({ status: 200, body: { kind: "denunciation", anonymous: true } });
    expect(classified.body.deadlines).toEqual({});
  });

  it("should flag the third filing of the same matter by the same sender prolonged, however the phone and subject are written", async () => {
    const filing = (phone: string, subject: string) => register({ ...petition, subject, submitter: { fullName: "Hồ Văn Khải", phone } });

    const first = await filing("0912 345 678", "Kiến nghị sửa chữa đường liên xã bị sạt lở");
    const second = await filing("+84912345678", "KIẾN NGHỊ SỬA CHỮA ĐƯỜNG LIÊN XÃ BỊ SẠT LỞ");
    const third = await filing("0912345678", "  kiến nghị   sửa chữa đường liên xã bị sạt lở ".normalize("NFD"));
    const seen = await Promise.all([first, second, third].map((f) => read(f.body.caseId)));

    expect(seen.map((x) => x.body.flags.includes("prolonged"))).toEqual([false, false, true]);
  });

  it("should count a case resolved while suspended on time: its clock stood still, the deadline is not the one frozen at the suspension", async () => {
    const receivedAt = Date.now() - 70 * DAY;
    const filed = await register({ ...petition, receivedAt: iso(receivedAt) });
    await act(filed.body.caseId, "classify", { unitId: PAUSED_UNIT, effectiveAt: iso(receivedAt + DAY) }, 1, reception);
    await act(filed.body.caseId, "accept", { effectiveAt: iso(receivedAt + 2 * DAY) }, 2, reception);
    const paused = await actOnPaper(filed.body.caseId, "suspend", { reason: "Chờ kết quả giám định của cơ quan chuyên môn", effectiveAt: iso(receivedAt + 10 * DAY) }, 3, bearer("handler", PAUSED_UNIT));
    const resolved = await act(filed.body.caseId, "resolve", { outcome: "answered", decisionRef: "12/TB-UBND", summary: "Đã trả lời kiến nghị." }, 4, bearer("handler", PAUSED_UNIT));
    await drain([filed.body.caseId]);
    const year = localDate(Date.now()).slice(0, 4);

    const stats = await json(await api.get(`/stats?year=${year}`));
    const report = await json(await api.get(`/inspection/report?from=${year}-01-01&to=${year}-12-31&groupBy=unit`, inspector));

    expect([paused.status, resolved.status]).toEqual([200, 200]);
    expect(stats.body.units.find((u: { unitId: string }) => u.unitId === PAUSED_UNIT)).toMatchObject({ resolved: 1, resolvedOnTime: 1 });
    expect(report.body.rows.find((r: { key: string }) => r.key === PAUSED_UNIT)).toMatchObject({ resolvedOnTime: 1, resolvedLate: 0 });
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

  it("should mark a suspension entered with an effectiveAt 10 days back backdated, and list its case under flag=backdated", async () => {
    const receivedAt = Date.now() - 12 * DAY;
    const onPaper = await register({ ...petition, receivedAt: iso(receivedAt) });
    const onTime = await register({ ...petition, subject: "Kiến nghị lắp đèn chiếu sáng đường thôn" });
    const caseId = onPaper.body.caseId;
    await act(caseId, "classify", { unitId: UNIT, effectiveAt: iso(receivedAt + 3_600_000) }, 1, reception);
    await act(caseId, "accept", { effectiveAt: iso(receivedAt + 2 * 3_600_000) }, 2, reception);
    await act(onTime.body.caseId, "classify", { unitId: UNIT }, 1, reception);

    const suspended = await act(caseId, "suspend", { reason: "Chờ kết quả giám định", decisionRef: "07/QĐ-TĐC", effectiveAt: iso(Date.now() - 10 * DAY) }, 3, handler);
    const listed = await json(await api.get("/staff/cases?flag=backdated&limit=100", inspector));

    expect(suspended.status).toBe(200);
    expect(suspended.body.timeline.at(-1)).toMatchObject({ type: "suspended", backdated: true, data: expect.objectContaining({ decisionRef: "07/QĐ-TĐC" }) });
    expect(suspended.body.backdated).toBe(true);
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((i: { caseId: string }) => i.caseId);
    expect([ids.includes(caseId), ids.includes(onTime.body.caseId)]).toEqual([true, false]);
    expect(listed.body.items.find((i: { caseId: string }) => i.caseId === caseId)).toMatchObject({ backdated: true });
  });

  it("should answer PUT /admin/calendar with 202 { jobId } and complete the job that recomputes the open cases (API.md)", async () => {
    const created = await register({ ...petition, receivedAt: new Date(Date.now() - DAY).toISOString() });
    const year = new Date().getUTCFullYear() + 1;
    const calendar = (await json(await api.get(`/admin/calendar/${year}`, admin))).body;

    const put = await api.raw("PUT", `/admin/calendar/${year}`, JSON.stringify({ holidays: calendar.holidays, workingDays: calendar.workingDays }), { "content-type": "application/json", ...admin });
    const accepted = await json(put);
    await jobsIdle();
    const job = await json(await api.get(`/admin/jobs/${accepted.body.jobId}`, admin));

    expect(created.status).toBe(201);
    expect(accepted.status).toBe(202);
    expect(put.headers.get("location")).toBe(`/admin/jobs/${accepted.body.jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ jobId: accepted.body.jobId, kind: "recompute", status: "succeeded" });
    expect(job.body.done).toBe(job.body.total);
    expect(job.body.total).toBeGreaterThan(0);
  });
});
