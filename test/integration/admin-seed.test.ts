// The local runtime's demo data (local/seed.ts) on DynamoDB Local: seeded once, every case with a
// valid audit chain, and a spread of statuses and flags for the console to show.
import { beforeAll, describe, expect, it } from "vitest";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { demoCases, demoRegistry, seedDemoData } from "#local/seed.ts";

let api: TestGateway;
let firstRun: string | undefined;
let secondRun: string | undefined;

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  firstRun = await seedDemoData();
  secondRun = await seedDemoData();
  return () => api.close();
});

const inspector = bearer("inspector");

async function allCases(): Promise<{ caseId: string; status: string; unitId?: string; flags: string[] }[]> {
  const out = [];
  let cursor: string | undefined;
  do {
    const res = await api.get(`/staff/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, inspector);
    const page = await res.json();
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe("the demo data", () => {
  it("should seed the demo units and cases once, and report it in one line", async () => {
    const units = await (await api.get("/admin/units", inspector)).json();

    expect(firstRun).toMatch(/^Demo data: 3 units and \d+ cases seeded in \d+ ms/);
    expect(secondRun).toBeUndefined();
    expect(units).toEqual(demoRegistry);
  });

  it("should give every case a valid audit chain, across statuses, units and flags", async () => {
    const cases = await allCases();
    const audits = await Promise.all(cases.map(async (c) => (await api.get(`/staff/cases/${c.caseId}/audit`, inspector)).json()));

    expect(cases).toHaveLength(demoCases.length);
    expect(audits.every((a) => a.chainValid)).toBe(true);
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(["received", "in_progress", "resolved", "closed", "transferred", "guided", "rejected", "archived", "withdrawn"]));
    expect(new Set(cases.flatMap((c) => (c.unitId ? [c.unitId] : [])))).toEqual(new Set(demoRegistry.map((u) => u.unitId)));
    const flags = new Set(cases.flatMap((c) => c.flags));
    expect(flags).toEqual(new Set(["approaching", "overdue", "prolonged"]));
  });
});
