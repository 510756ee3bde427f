// The overdue register on DynamoDB Local: most overdue first, filters, pages, who may read it, and
// what it costs: it reads the due cases from the due-date index, not the table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { spyOnDynamo } from "#test/support/dynamo-spy.ts";

let api: TestGateway;
const reception = bearer("reception");
const inspector = bearer("inspector");
const DAY = 86_400_000;

interface Seeded {
  caseId: string;
  unitId: string;
  kind: string;
  overdue: boolean;
}
const seeded: Seeded[] = [];

/** A letter received `daysAgo` days ago, classified to a unit, and accepted `acceptedDaysAgo` days ago if given. */
async function letter(daysAgo: number, unitId: string, kind: "petition" | "complaint", acceptedDaysAgo?: number) {
  const res = await api.post(
    "/staff/cases",
    {
      kind,
      subject: `Đơn số ${seeded.length + 1} về đất đai`,
      content: "Nội dung đơn thư dùng để kiểm tra sổ theo dõi quá hạn của tổ thanh tra.",
      submitter: { fullName: "Nguyễn Văn Bảy", phone: "0900000007" },
      channel: "mail",
      receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
    },
    reception,
  );
  const { caseId } = await res.json();
  await api.post(`/staff/cases/${caseId}/classify`, { unitId, effectiveAt: new Date(Date.now() - daysAgo * DAY + 60_000).toISOString() }, { ...reception, "if-match": '"1"' });
  if (acceptedDaysAgo !== undefined) {
    const accepted = await api.post(`/staff/cases/${caseId}/accept`, { effectiveAt: new Date(Date.now() - acceptedDaysAgo * DAY).toISOString() }, { ...reception, "if-match": '"2"' });
    expect(accepted.status).toBe(200);
  }
  return caseId;
}

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  // Processing is 10 working days: received 40, 25 and 18 days ago is overdue; 2 days ago is not.
  const plan: [number, string, "petition" | "complaint", number | undefined, boolean][] = [
    [40, "so-tn-mt", "petition", undefined, true],
    [25, "ubnd-huyen-an-phu", "complaint", undefined, true],
    [18, "so-tn-mt", "complaint", undefined, true],
    [2, "so-tn-mt", "petition", undefined, false],
    [3, "ubnd-huyen-an-phu", "complaint", undefined, false],
    // Resolution of a first-round complaint is 30 days from acceptance: accepted 70 days ago is long overdue.
    [80, "ubnd-huyen-an-phu", "complaint", 70, true],
    [12, "so-tn-mt", "complaint", 5, false],
  ];
  for (const [daysAgo, unitId, kind, accepted, overdue] of plan) {
    seeded.push({ caseId: await letter(daysAgo, unitId, kind, accepted), unitId, kind, overdue });
  }
});
afterAll(() => api?.close());

describe("GET /inspection/overdue", () => {
  it("should list exactly the overdue open cases, most overdue first, with their stage, days overdue and escalation", async () => {
    const res = await api.get("/inspection/overdue", inspector);
    const { items, nextCursor } = await res.json();

    expect(res.status).toBe(200);
    expect(nextCursor).toBeUndefined();
    expect(new Set(items.map((i: { caseId: string }) => i.caseId))).toEqual(new Set(seeded.filter((s) => s.overdue).map((s) => s.caseId)));
    const days = items.map((i: { daysOverdue: number }) => i.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(items[0]).toEqual({
      caseId: seeded[5]!.caseId,
      trackingCode: expect.any(String),
      kind: "complaint",
      unitId: "ubnd-huyen-an-phu",
      status: "in_progress",
      stage: "resolution",
      dueAt: expect.any(String),
      daysOverdue: expect.any(Number),
      flags: expect.arrayContaining(["overdue", "prolonged"]),
      escalationLevel: 3,
    });
    expect(items.find((i: { caseId: string }) => i.caseId === seeded[2]!.caseId)).toMatchObject({ stage: "processing", escalationLevel: 1 });
  });

  it("should filter by unit, kind and prolonged, and page with the cursor", async () => {
    const unit = await (await api.get("/inspection/overdue?unitId=so-tn-mt", inspector)).json();
    const kind = await (await api.get("/inspection/overdue?kind=complaint", inspector)).json();
    const prolonged = await (await api.get("/inspection/overdue?flag=prolonged", inspector)).json();
    const first = await (await api.get("/inspection/overdue?limit=2", inspector)).json();
    const second = await (await api.get(`/inspection/overdue?limit=2&cursor=${first.nextCursor}`, inspector)).json();

    expect(unit.items.map((i: { unitId: string }) => i.unitId)).toEqual(["so-tn-mt", "so-tn-mt"]);
    expect(kind.items).toHaveLength(3);
    expect(prolonged.items.map((i: { caseId: string }) => i.caseId)).toEqual([seeded[5]!.caseId]);
    expect([...first.items, ...second.items].map((i: { caseId: string }) => i.caseId)).toHaveLength(4);
    expect(second.nextCursor).toBeUndefined();
  });

  it("should be for inspectors and admins only, and refuse an approaching filter naming it", async () => {
    const handler = await api.get("/inspection/overdue", bearer("handler", "so-tn-mt"));
    const receptionTries = await api.get("/inspection/overdue", reception);
    const admin = await api.get("/inspection/overdue", bearer("admin"));
    const approaching = await api.get("/inspection/overdue?flag=approaching", inspector);

    expect([handler.status, receptionTries.status, admin.status]).toEqual([403, 403, 200]);
    expect(approaching.status).toBe(400);
    expect((await approaching.json()).errors[0].path).toBe("flag");
  });

  it("should read only the due cases, through Query on the due-date index", async () => {
    const spy = spyOnDynamo();

    await api.get("/inspection/overdue", inspector);

    expect(new Set(spy.sent.map((s) => s.command))).toEqual(new Set(["QueryCommand"]));
    expect(spy.sent.reduce((n, s) => n + s.items, 0)).toBeLessThanOrEqual(seeded.filter((s) => s.overdue).length);
  });
});
