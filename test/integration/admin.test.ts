// The admin routes on DynamoDB Local: the unit registry, a calendar year and the versioned policy,
// each a GET/PUT roundtrip; who may change them; and classify reading the registry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { jobsIdle } from "#test/support/jobs.ts";
import { defaultDeadlineContext, resolutionDeadline } from "#domain/deadlines/index.ts";

let api: TestGateway;

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
});
afterAll(() => api?.close());

const admin = bearer("admin");
const reception = bearer("reception");

async function put(path: string, body: unknown, headers: Record<string, string>) {
  const res = await api.raw("PUT", path, JSON.stringify(body), { "content-type": "application/json", ...headers });
  return { status: res.status, body: await res.json() };
}
async function get(path: string, headers: Record<string, string>) {
  const res = await api.get(path, headers);
  return { status: res.status, body: await res.json() };
}

const registry = [
  { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", remoteArea: false },
  { unitId: "ubnd-huyen-an-phu", name: "UBND huyện An Phú", remoteArea: false },
  { unitId: "ubnd-xa-vinh-hau", name: "UBND xã Vĩnh Hậu", parentId: "ubnd-huyen-an-phu", remoteArea: true },
];

const complaint = {
  kind: "complaint",
  subject: "Khiếu nại quyết định thu hồi đất",
  content: "Tôi không đồng ý với quyết định thu hồi đất nông nghiệp của gia đình tại ấp Vĩnh Thạnh.",
  submitter: { fullName: "Nguyễn Văn Bảy", phone: "0918123456" },
};

describe("the unit registry", () => {
  it("should be empty before an admin stores one, then answer it exactly, Vietnamese names included, to any staff role", async () => {
    const before = await get("/admin/units", reception);

    const stored = await put("/admin/units", registry, admin);
    const read = await get("/admin/units", bearer("handler", "so-tn-mt"));

    expect(before).toEqual({ status: 200, body: [] });
    expect(stored).toEqual({ status: 200, body: registry });
    expect(read).toEqual({ status: 200, body: registry });
  });

  it("should refuse a change by anyone but an admin with 403", async () => {
    const res = await put("/admin/units", registry, reception);

    expect(res.status).toBe(403);
  });

  it("should refuse a registry with an unknown parent or a cycle whole, naming each field, and keep the stored one", async () => {
    const res = await put(
      "/admin/units",
      [...registry, { unitId: "xa-a", name: "Xã A", parentId: "xa-b" }, { unitId: "xa-b", name: "Xã B", parentId: "xa-a" }, { unitId: "xa-c", name: "Xã C", parentId: "khong-co" }],
      admin,
    );
    const read = await get("/admin/units", admin);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: "3.parentId", message: "forms a cycle: xa-a → xa-b → xa-a" },
      { path: "4.parentId", message: "forms a cycle: xa-b → xa-a → xa-b" },
      { path: "5.parentId", message: "khong-co is not a unit of the registry" },
    ]);
    expect(read.body).toEqual(registry);
  });

  it("should make classify refuse an unknown unit with 422 naming unitId", async () => {
    await put("/admin/units", registry, admin);
    const caseId = (await (await api.post("/cases", complaint)).json()).caseId;

    const res = await api.post(`/staff/cases/${caseId}/classify`, { unitId: "ubnd-xa-khong-co" }, { ...reception, "if-match": '"1"' });

    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ path: "unitId", message: "is not a unit in the registry", code: "unknown_unit" }]);
  });

  it("should make classify to a remote commune set remoteArea, and a first-round complaint accepted there have 45 days", async () => {
    await put("/admin/units", registry, admin);
    const caseId = (await (await api.post("/cases", complaint)).json()).caseId;

    const classified = await api.post(`/staff/cases/${caseId}/classify`, { unitId: "ubnd-xa-vinh-hau" }, { ...reception, "if-match": '"1"' });
    const accepted = await (await api.post(`/staff/cases/${caseId}/accept`, {}, { ...reception, "if-match": '"2"' })).json();

    const expected = resolutionDeadline({ kind: "complaint", acceptedAt: accepted.acceptedAt, remoteArea: true }, defaultDeadlineContext());
    expect(classified.status).toBe(200);
    expect(await classified.json()).toMatchObject({ unitId: "ubnd-xa-vinh-hau", remoteArea: true });
    expect(accepted.deadlines.resolution.dueAt).toBe(expected?.dueAt);
    expect(accepted.deadlines.resolution.explanation.steps).toContainEqual(expect.objectContaining({ type: "period", days: 45, unit: "calendar" }));
  });
});

describe("a calendar year", () => {
  it("should show the shipped official adjustments of 2026 until an admin stores the year, then the stored ones", async () => {
    const before = await get("/admin/calendar/2026", admin);

    const stored = await put("/admin/calendar/2026", { holidays: ["2026-08-31", "2026-01-02", "2026-12-31"], workingDays: ["2026-01-10", "2026-08-22"] }, admin);
    const after = await get("/admin/calendar/2026", admin);

    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ year: 2026, holidays: ["2026-01-02", "2026-08-31"], workingDays: ["2026-01-10", "2026-08-22"], source: { kind: "official" } });
    expect(stored).toMatchObject({ status: 202, body: { jobId: expect.any(String) } });
    expect(after.body).toMatchObject({ holidays: ["2026-01-02", "2026-08-31", "2026-12-31"], source: { kind: "admin", updatedBy: "sub-admin-all" } });
    expect(after.body.computed).toContainEqual({ date: "2026-12-31", reason: { code: "official_day_off", vi: "Ngày nghỉ theo thông báo chính thức", en: "Official day off (announced)" } });
    expect(after.body.computed).toContainEqual({ date: "2026-09-02", reason: { code: "national_day", vi: "Quốc khánh", en: "National Day" } });
  });

  it("should answer 400 naming year outside 2000–2100, and naming each bad date", async () => {
    const early = await get("/admin/calendar/1999", admin);
    const notYear = await put("/admin/calendar/2101", { holidays: [] }, admin);
    const badDates = await put("/admin/calendar/2027", { holidays: ["2026-05-01", "2027-02-30"], workingDays: ["2026-05-01"] }, admin);

    expect(early).toMatchObject({ status: 400, body: { errors: [{ path: "year" }] } });
    expect(notYear).toMatchObject({ status: 400, body: { errors: [{ path: "year" }] } });
    expect(badDates.status).toBe(400);
    expect(badDates.body.errors.map((e: { path: string }) => e.path)).toEqual(["holidays.1"]);
  });

  it("should refuse a change by an inspector with 403 and a reading by a handler with 403", async () => {
    expect((await put("/admin/calendar/2026", { holidays: [] }, bearer("inspector"))).status).toBe(403);
    expect((await get("/admin/calendar/2026", bearer("handler", "so-tn-mt"))).status).toBe(403);
  });
});

describe("the deadline policy", () => {
  it("should store each change as a new version, keep the earlier ones, and recompute open cases with the new one", async () => {
    const current = await get("/admin/policy", admin);
    const policy = structuredClone(current.body.policy);
    policy.periods[0].days = 12; // processing of complaints, petitions and reflections
    const caseId = (await (await api.post("/cases", { ...complaint, kind: "petition", subject: "Kiến nghị sửa chữa cầu Vĩnh Hậu" })).json()).caseId;

    const stored = await put("/admin/policy", policy, admin);
    await jobsIdle();
    const job = await get(`/admin/jobs/${stored.body.jobId}`, admin);
    const latest = await get("/admin/policy", admin);
    const first = await get("/admin/policy?version=1", admin);
    const view = await get(`/staff/cases/${caseId}`, admin);

    expect(current.body).toMatchObject({ version: 1, source: "default", policy: { version: 1 } });
    expect(stored).toMatchObject({ status: 202, body: { jobId: expect.any(String) } });
    expect(job).toMatchObject({ status: 200, body: { status: "succeeded", reason: "policy v2" } });
    expect(job.body.changed).toBeGreaterThanOrEqual(1);
    expect(latest.body).toMatchObject({ version: 2, source: "admin", storedBy: "sub-admin-all", policy: { version: 2 } });
    expect(first.body).toMatchObject({ version: 1, source: "default" });
    expect(first.body.policy.periods[0].days).toBe(10);
    expect(view.body.deadlines.processing.explanation.steps).toContainEqual(expect.objectContaining({ type: "period", days: 12 }));
    expect(view.body.timeline.at(-1)).toMatchObject({ type: "deadlines_recomputed", data: { reason: "policy v2" } });
  });

  it("should refuse a bad policy whole with field paths, store nothing, and keep the current version", async () => {
    const before = await get("/admin/policy", admin);
    const policy = structuredClone(before.body.policy);
    policy.periods = policy.periods.filter((p: { stage: string }) => p.stage !== "resolution");
    policy.escalation[1].afterDaysOverdue = 0;
    policy.flags.approachingWorkingDays = -1;

    const res = await put("/admin/policy", policy, admin);
    const after = await get("/admin/policy", admin);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "flags.approachingWorkingDays" })]));
    expect(after.body).toEqual(before.body);
  });

  it("should answer 404 for an unknown version and 403 to a non-admin", async () => {
    expect((await get("/admin/policy?version=99", admin)).status).toBe(404);
    expect((await put("/admin/policy", {}, reception)).status).toBe(403);
    expect((await get("/admin/policy", bearer("inspector"))).status).toBe(403);
  });
});
