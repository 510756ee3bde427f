// A calendar change reaches every open case: on DynamoDB Local, through the gateway, a holiday added
// to 2026 moves the processing deadline of a case received before it, records why in the case's
// audit chain, and leaves a case whose deadlines do not move, and a closed case, alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";

let api: TestGateway;

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
});
afterAll(() => api?.close());

const admin = bearer("admin");
const reception = bearer("reception");
const inspector = bearer("inspector");

const petition = {
  kind: "petition",
  subject: "Kiến nghị nạo vét kênh Vĩnh Hậu",
  content: "Kênh thủy lợi đầu ấp bị bồi lắng, nước không vào ruộng được, đề nghị xã cho nạo vét sớm.",
  submitter: { fullName: "Trần Thị Hoa", phone: "0907111222" },
  channel: "mail",
};

async function register(receivedAt: string): Promise<string> {
  const res = await api.post("/staff/cases", { ...petition, receivedAt }, reception);
  expect(res.status).toBe(201);
  return (await res.json()).caseId;
}
async function act(caseId: string, action: string, body: unknown, version: number) {
  const res = await api.post(`/staff/cases/${caseId}/${action}`, body, { ...admin, "if-match": `"${version}"` });
  expect(res.status).toBe(200);
}
const staffCase = async (caseId: string) => (await api.get(`/staff/cases/${caseId}`, admin)).json();
const audit = async (caseId: string) => (await api.get(`/staff/cases/${caseId}/audit`, inspector)).json();

describe("PUT /admin/calendar/2026 adding a holiday", () => {
  it("should move an open case's deadline, record deadlines_recomputed in a valid chain, and leave other cases alone", async () => {
    // Received Fri 2026-11-20: 10 working days end Fri 2026-12-04.
    const open = await register("2026-11-20T02:00:00Z");
    // Accepted long before the new holiday: neither of its deadlines can move.
    const inProgress = await register("2026-10-01T02:00:00Z");
    await act(inProgress, "classify", { unitId: "so-tn-mt", effectiveAt: "2026-10-02T02:00:00Z" }, 1);
    await act(inProgress, "accept", { effectiveAt: "2026-10-05T02:00:00Z" }, 2);
    // Received the same day as the open one, but closed: a closed case's deadlines are history.
    const closed = await register("2026-11-20T02:00:00Z");
    await act(closed, "classify", { unitId: "so-tn-mt" }, 1);
    await act(closed, "accept", {}, 2);
    await act(closed, "resolve", { outcome: "answered", decisionRef: "12/TB-UBND", summary: "Đã lên kế hoạch nạo vét." }, 3);
    await act(closed, "close", {}, 4);
    const [openBefore, inProgressBefore, closedBefore] = await Promise.all([open, inProgress, closed].map(staffCase));
    const calendar = await (await api.get("/admin/calendar/2026", admin)).json();

    const res = await api.raw(
      "PUT",
      "/admin/calendar/2026",
      JSON.stringify({ holidays: [...calendar.holidays, "2026-11-25"], workingDays: calendar.workingDays }),
      { "content-type": "application/json", ...admin },
    );
    const [openAfter, inProgressAfter, closedAfter] = await Promise.all([open, inProgress, closed].map(staffCase));
    const chain = await audit(open);

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ year: 2026, holidays: ["2026-01-02", "2026-08-31", "2026-11-25"], recomputed: 2, changed: 1 });
    expect(openBefore.deadlines.processing.dueDate).toBe("2026-12-04");
    expect(openAfter.deadlines.processing).toMatchObject({ dueDate: "2026-12-07", dueAt: "2026-12-07T16:59:59.999Z" });
    expect(openAfter.deadlines.processing.explanation.steps).toContainEqual(expect.objectContaining({ type: "skipped", date: "2026-11-25" }));
    expect(openAfter.version).toBe(openBefore.version + 1);
    expect(chain.chainValid).toBe(true);
    expect(chain.events.at(-1)).toMatchObject({
      seq: openBefore.version + 1,
      type: "deadlines_recomputed",
      actor: { kind: "system" },
      status: "received",
      data: {
        reason: "calendar 2026",
        requestedBy: "sub-admin-all",
        changes: [{ stage: "processing", from: "2026-12-04T16:59:59.999Z", to: "2026-12-07T16:59:59.999Z" }],
      },
    });
    expect(inProgressAfter).toEqual(inProgressBefore);
    expect(closedAfter).toEqual(closedBefore);
  });

  it("should still accept a paper action dated before the recompute on a recomputed case", async () => {
    const caseId = await register("2026-11-20T04:00:00Z");
    const calendar = await (await api.get("/admin/calendar/2026", admin)).json();
    await api.raw("PUT", "/admin/calendar/2026", JSON.stringify({ holidays: [...calendar.holidays, "2026-11-26"], workingDays: calendar.workingDays }), {
      "content-type": "application/json",
      ...admin,
    });
    const recomputed = await staffCase(caseId);

    await act(caseId, "classify", { unitId: "so-tn-mt", effectiveAt: "2026-11-23T02:00:00Z" }, recomputed.version);

    expect(recomputed.timeline.at(-1).type).toBe("deadlines_recomputed");
    expect((await audit(caseId)).chainValid).toBe(true);
  });

  it("should count a case registered after the change with the new calendar", async () => {
    const caseId = await register("2026-11-20T03:00:00Z");
    const before = await staffCase(caseId);

    await act(caseId, "classify", { unitId: "so-tn-mt", effectiveAt: "2026-11-23T02:00:00Z" }, before.version);
    const after = await staffCase(caseId);

    expect(after.deadlines.processing.dueDate).toBe("2026-12-08"); // 25 and 26 November are now days off
    expect((await audit(caseId)).chainValid).toBe(true);
  });
});
