// Issue 9, the deadlines' part, over HTTP through the local gateway on DynamoDB Local: the processing
// extension of a received denunciation (Law on Denunciations 2018, art. 24), the decision number of an
// extension and a suspension, a suspended case's deadline shown paused (and never due in the overdue
// register or the sweep), and one on-time rate in GET /stats and the inspection report. The first test
// of each group is the regression test the model-based test's defect was shrunk to (the other
// regressions are in test/integration/regressions-issue9.test.ts); the others are this fix's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeDeadlines, defaultDeadlineContext, deriveFlags, type DeadlineFacts } from "#domain/deadlines/index.ts";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { runSweepOnce } from "#local/sweep.ts";
import { rawItems } from "#test/support/local-env.ts";
import type { TestGateway } from "#test/support/gateway.ts";
import { answerWithEtag, caseSteps, drainToAggregates, startStreamedStaffApi } from "#test/support/case-steps.ts";
import { bearer } from "#test/support/staff-tokens.ts";
import type { StreamTap } from "#test/support/stream-tap.ts";

const DAY = 86_400_000;
const UNIT = "so-tn-mt";
const RATE_UNIT = "phong-ty-le-han";

let api: TestGateway;
let tap: StreamTap;
let endpoint: string;
let prefix: string;

const reception = bearer("reception");
const handler = bearer("handler", UNIT);
const inspector = bearer("inspector");

beforeAll(async () => {
  const units = [
    { unitId: UNIT, name: "Sở Tài nguyên và Môi trường", remoteArea: false },
    { unitId: RATE_UNIT, name: "Phòng kiểm tra tỷ lệ đúng hạn", remoteArea: false },
  ];
  ({ api, tap, endpoint, prefix } = await startStreamedStaffApi(units));
}, 60_000);
afterAll(async () => {
  await tap?.close();
  await api?.close();
});

const json = answerWithEtag;
const { register, submit, read, act } = caseSteps(() => api);

const drain = (caseIds: readonly string[]) => drainToAggregates(tap, read, caseIds);

const localDate = (at: number | string) => new Date((typeof at === "number" ? at : Date.parse(at)) + 7 * 3_600_000).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();
const codes = (answer: { body: { errors?: { code?: string }[] } }) => (answer.body.errors ?? []).map((e) => e.code);

const petition = {
  kind: "petition",
  subject: "Kiến nghị sửa chữa đường liên xã bị sạt lở",
  content: "Đoạn đường từ chợ Vĩnh Hậu đến trường tiểu học hư hỏng nặng sau mùa mưa lũ, đề nghị sửa chữa.",
};
const denunciation = (fullName: string, phone: string) => ({
  kind: "denunciation",
  subject: "Tố cáo cán bộ thu phí trái phép",
  content: "Cán bộ tư pháp xã thu thêm phí chứng thực không có biên lai trong nhiều tháng liền.",
  submitter: { fullName, phone },
});
const processing = { stage: "processing", days: 3, reason: "Cần xác minh tại nhiều nơi", decisionRef: "03/QĐ-GH" };

describe("extend, stage processing", () => {
  it("should extend a received denunciation's processing once, from 7 to 10 working days, and refuse a second time with 422", async () => {
    const filed = await submit(denunciation("Đặng Thu Giang", "0977 222 333"));
    const expected = computeDeadlines(
      { kind: "denunciation", anonymous: false, status: "received", receivedAt: filed.body.receivedAt, processingExtended: true },
      defaultDeadlineContext(),
    ).processing;

    const extended = await act(filed.body.caseId, "extend", processing, 1);
    const again = await act(filed.body.caseId, "extend", processing, 2);

    expect(extended.status).toBe(200);
    expect(extended.body.deadlines.processing).toMatchObject({ dueAt: expected?.dueAt, dueDate: expected?.dueDate });
    expect(again.status).toBe(422);
    expect(codes(again)).toEqual(["processing_extension_used"]);
  });

  it("should refuse with 422 and the rule's code the processing extension of another kind and of an anonymous denunciation", async () => {
    const complaint = await submit({ ...petition, kind: "complaint", submitter: { fullName: "Võ Thị Lan", phone: "0909 123 456" } });
    const anonymous = await submit({ kind: "denunciation", subject: "Tố cáo khai thác cát trái phép", content: "Ban đêm có nhiều ghe hút cát hoạt động không phép gần bến đò Vĩnh Hậu." });

    const answers = [await act(complaint.body.caseId, "extend", processing, 1, reception), await act(anonymous.body.caseId, "extend", processing, 1, reception)];

    expect(answers.map((a) => [a.status, codes(a)])).toEqual([
      [422, ["processing_extension_not_allowed"]],
      [422, ["processing_extension_no_deadline"]],
    ]);
  });

  it("should leave the processing extension to reception (403 to a handler), and answer 409 naming the offered actions on an accepted case", async () => {
    const filed = await submit(denunciation("Bùi Minh Quyết", "0966 333 444"));
    await act(filed.body.caseId, "classify", { unitId: UNIT }, 1, reception);
    const byHandler = await act(filed.body.caseId, "extend", processing, 2, handler);
    await act(filed.body.caseId, "accept", {}, 2, reception);

    const onAccepted = await act(filed.body.caseId, "extend", processing, 3, handler);

    expect(byHandler.status).toBe(403);
    expect(onAccepted.status).toBe(409);
    expect(onAccepted.body.allowedActions).toEqual(["suspend", "resume", "resolve", "withdraw", "note"]);
  });

  it("should offer extend on a received denunciation to reception until its processing is extended, and never on a received petition", async () => {
    const filed = await submit(denunciation("Lê Văn Tám", "0918 234 567"));
    const other = await submit({ ...petition, submitter: { fullName: "Phạm Thị Thu", phone: "0939 111 222" } });

    const before = await read(filed.body.caseId, reception);
    const extended = await act(filed.body.caseId, "extend", processing, 1, reception);
    const petitionView = await read(other.body.caseId, reception);

    expect(before.body.allowedActions).toContain("extend");
    expect(extended.body.allowedActions).not.toContain("extend");
    expect(petitionView.body.allowedActions).not.toContain("extend");
    expect(extended.body.timeline.at(-1)).toMatchObject({ type: "extended", data: { ...processing, processingDueAt: extended.body.deadlines.processing.dueAt } });
  });
});

describe("the decision number of an extension and of a suspension", () => {
  it("should take the decision number (decisionRef) of an extension and of a suspension, as API.md gives their bodies", async () => {
    const filed = await submit({ ...denunciation("Bùi Minh Quyết", "0966 333 444"), subject: "Tố cáo sai phạm trong đấu thầu" });
    await act(filed.body.caseId, "classify", { unitId: UNIT, complexity: "complex" }, 1, reception);
    await act(filed.body.caseId, "accept", {}, 2, reception);

    const extended = await act(filed.body.caseId, "extend", { days: 30, reason: "Vụ việc phức tạp, cần xác minh thêm", decisionRef: "05/QĐ-GH" }, 3, handler);
    const suspended = await act(filed.body.caseId, "suspend", { reason: "Chờ kết quả giám định", decisionRef: "07/QĐ-TĐC" }, 4, handler);

    expect([extended.status, suspended.status]).toEqual([200, 200]);
    expect(suspended.body.deadlines.resolution.explanation.vi).toContain("theo quyết định số 05/QĐ-GH");
    expect(suspended.body.deadlines.resolution.explanation.vi).toContain("theo quyết định số 07/QĐ-TĐC");
  });

  it("should refuse an extension or a suspension without its decision number with 400 naming decisionRef", async () => {
    const filed = await submit({ ...denunciation("Hồ Văn Khải", "0912 345 678"), subject: "Tố cáo sai phạm khi cấp phép" });
    await act(filed.body.caseId, "classify", { unitId: UNIT, complexity: "complex" }, 1, reception);
    await act(filed.body.caseId, "accept", {}, 2, reception);

    const extended = await act(filed.body.caseId, "extend", { days: 30, reason: "Vụ việc phức tạp" }, 3, handler);
    const suspended = await act(filed.body.caseId, "suspend", { reason: "Chờ kết quả giám định" }, 3, handler);

    expect([extended.status, suspended.status]).toEqual([400, 400]);
    expect([extended.body.errors.map((e: { path: string }) => e.path), suspended.body.errors.map((e: { path: string }) => e.path)]).toEqual([["decisionRef"], ["decisionRef"]]);
  });
});

describe("a suspended case's deadline", () => {
  /** A petition received 60 days ago, accepted two days later, suspended 20 days after receipt: its 30 days would long be over. */
  async function suspendedLongAgo() {
    const receivedAt = Date.now() - 60 * DAY;
    const filed = await register({ ...petition, receivedAt: iso(receivedAt) });
    await act(filed.body.caseId, "classify", { unitId: UNIT, effectiveAt: iso(receivedAt + DAY) }, 1, reception);
    await act(filed.body.caseId, "accept", { effectiveAt: iso(receivedAt + 2 * DAY) }, 2, reception);
    const suspendedAt = iso(receivedAt + 20 * DAY);
    const suspended = await act(filed.body.caseId, "suspend", { reason: "Chờ kết quả giám định của cơ quan chuyên môn", decisionRef: "07/QĐ-UBND", effectiveAt: suspendedAt }, 3, handler);
    return { filed, receivedAt, suspendedAt, suspended };
  }

  it("should show a suspended case's deadline paused as of today, with no approaching or overdue flag", async () => {
    const { filed, receivedAt, suspendedAt, suspended } = await suspendedLongAgo();
    const facts: DeadlineFacts = {
      kind: "petition", anonymous: false, status: "in_progress", receivedAt: iso(receivedAt), acceptedAt: iso(receivedAt + 2 * DAY), extensions: [], suspensions: [{ from: suspendedAt }],
    };
    const now = new Date();
    const expected = computeDeadlines(facts, defaultDeadlineContext(), { asOf: now }).resolution;

    const seen = await read(filed.body.caseId);

    expect(suspended.status).toBe(200);
    expect(seen.body.deadlines.resolution).toMatchObject({ dueAt: expected?.dueAt, dueDate: expected?.dueDate, suspended: { since: localDate(suspendedAt) } });
    expect(seen.body.flags).toEqual(deriveFlags(facts, now, defaultDeadlineContext()).flags);
    expect(seen.body.flags).not.toContain("overdue");
  });

  it("should tell staff and the citizen the days used and left and since when, and keep the case out of the overdue register and the sweep", async () => {
    const { filed, receivedAt, suspendedAt } = await suspendedLongAgo();
    // Accepted on day 2 after receipt, suspended on day 20: days 3 to 19 of the 30 were used.
    const paused = { since: localDate(suspendedAt), daysUsed: 17, daysLeft: 13, unit: "calendar" };

    const staff = await read(filed.body.caseId, handler);
    const citizen = await json(await api.get(`/cases/track/${filed.body.trackingCode}`, { "x-access-key": filed.body.accessKey }));
    const overdue = await json(await api.get(`/inspection/overdue?unitId=${UNIT}&limit=100`, inspector));
    const listed = await json(await api.get(`/staff/cases?flag=overdue&unitId=${UNIT}&limit=100`, inspector));
    await runSweepOnce(moduleLoader(process.cwd()));
    const afterSweep = await read(filed.body.caseId);
    const item = (await rawItems(endpoint, prefix)).find((i) => i.caseId === filed.body.caseId && i.sk === "CASE");

    expect(staff.body.deadlines.resolution.suspended).toMatchObject(paused);
    expect(staff.body.deadlines.resolution.explanation.vi).toContain(`đã dùng ${paused.daysUsed} ngày, còn ${paused.daysLeft} ngày khi tiếp tục giải quyết`);
    expect(citizen.body.deadlines.resolution.suspended).toMatchObject(paused);
    expect(Date.parse(staff.body.deadlines.resolution.dueAt)).toBeGreaterThan(Date.now());
    expect(overdue.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(filed.body.caseId);
    expect(listed.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(filed.body.caseId);
    expect(afterSweep.body.timeline.map((e: { type: string }) => e.type)).not.toContain("escalated");
    expect(item && Object.keys(item).filter((k) => k.startsWith("gsiDue") || k.startsWith("gsiUnitDue"))).toEqual([]);
    expect(receivedAt).toBeLessThan(Date.parse(suspendedAt));
  });
});

describe("one on-time rate", () => {
  it("should publish one on-time rate: GET /stats gives a unit's year the inspection report's rate", async () => {
    const receivedAt = Date.now() - 40 * DAY;
    const year = localDate(receivedAt).slice(0, 4);
    const filed = await register({ ...petition, receivedAt: iso(receivedAt) });
    await act(filed.body.caseId, "classify", { unitId: RATE_UNIT, effectiveAt: iso(receivedAt + DAY) }, 1, reception);
    await drain([filed.body.caseId]);

    const report = await json(await api.get(`/inspection/report?from=${year}-01-01&to=${year}-12-31&groupBy=unit`, inspector));
    const stats = await json(await api.get(`/stats?year=${year}`));

    const reportRow = report.body.rows.find((r: { key: string }) => r.key === RATE_UNIT);
    const statsRow = stats.body.units.find((u: { unitId: string }) => u.unitId === RATE_UNIT);
    expect(reportRow).toMatchObject({ openOverdue: 1, onTimeRate: 0 });
    expect(statsRow.onTimeRate).toBe(reportRow.onTimeRate);
  });

  it("should give /stats the figures the rate is made of, equal to the report's for every unit and the totals, and nothing but counts", async () => {
    const year = localDate(Date.now()).slice(0, 4);
    await drain([]);

    const report = await json(await api.get(`/inspection/report?from=${year}-01-01&to=${year}-12-31&groupBy=unit`, inspector));
    const stats = await json(await api.get(`/stats?year=${year}`));

    const pick = ({ received, resolvedOnTime, resolvedLate, openOverdue, onTimeRate }: Record<string, unknown>) => ({ received, resolvedOnTime, resolvedLate, openOverdue, onTimeRate });
    expect(stats.body.units.map((u: { unitId: string } & Record<string, unknown>) => [u.unitId, pick(u)])).toEqual(
      report.body.rows.map((r: { key: string } & Record<string, unknown>) => [r.key, pick(r)]),
    );
    expect(pick(stats.body.totals)).toEqual(pick(report.body.totals));
    expect(Object.keys(stats.body.units[0]).sort()).toEqual(["name", "onTimeRate", "openOverdue", "received", "resolved", "resolvedLate", "resolvedOnTime", "unitId"]);
  });
});
