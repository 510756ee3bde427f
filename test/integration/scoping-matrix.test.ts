// Roles × units on every staff route of the manifest: a role the route does not name gets 403; a
// handler never reads, lists or acts on another unit's case (404 as for a missing case, no oracle).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes, type Route, type RouteDefinition } from "#routes";
import { roles, type Role } from "#domain/vocabulary.ts";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer } from "#test/support/staff-tokens.ts";
import { fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { streamRecord } from "#test/support/stream-records.ts";
import { failedRecordDeps } from "#adapters/context.ts";
import { failureReportOf } from "#adapters/failed-records.ts";

let api: TestGateway;
let caseOfA: string;
let trackingOfA: string;
const unitA = "so-tn-mt";
const unitB = "ubnd-huyen-an-phu";

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  const res = await api.post("/cases", {
    kind: "denunciation",
    subject: "Tố cáo vi phạm trật tự xây dựng",
    content: "Chủ đầu tư xây thêm hai tầng không phép tại khu dân cư số 3, phường Mỹ Bình.",
    submitter: { fullName: "Phan Văn Tài", phone: "0977111222" },
  });
  ({ caseId: caseOfA, trackingCode: trackingOfA } = await res.json());
  const classify = await api.post(`/staff/cases/${caseOfA}/classify`, { unitId: unitA }, { ...bearer("reception"), "if-match": '"1"' });
  expect(classify.status).toBe(200);
});
afterAll(() => api?.close());

const staffRoutes = routes.filter((r): r is Route & { auth: readonly Role[] } => r.auth !== "public");
const callers: { role: Role; unitId?: string; label: string }[] = [
  ...roles.filter((r) => r !== "handler").map((role) => ({ role, label: role })),
  { role: "handler", unitId: unitA, label: "handler of the case's unit" },
  { role: "handler", unitId: unitB, label: "handler of another unit" },
];

/**
 * What a caller the route names gets, per route: each request below is valid, so the status says
 * whether the call was allowed and went through, and nothing else.
 */
const allowedAnswer: Record<string, number> = {
  ListStaffCases: 200,
  RegisterCase: 201,
  GetStaffCase: 200,
  StaffCaseAction: 200,
  CaseAudit: 200,
  RevealIdentity: 200,
  ListUnits: 200,
  PutUnits: 200,
  GetCalendar: 200,
  PutCalendar: 200,
  GetPolicy: 200,
  PutPolicy: 200,
  InspectionOverdue: 200,
  InspectionReport: 200,
  ListFailedRecords: 200,
  ReplayFailedRecord: 200,
};

/** The status a cell must answer: 403 to a role the route does not name, 404 to a handler of another unit on the case, else the route's answer. */
function expectedStatus(route: RouteDefinition & { auth: readonly Role[] }, caller: (typeof callers)[number]): number {
  if (!route.auth.includes(caller.role)) return 403;
  if (caller.unitId === unitB && route.path.includes("{caseId}")) return 404;
  const status = allowedAnswer[route.name];
  if (status === undefined) throw new Error(`no expected answer for ${route.name}: add it to allowedAnswer`);
  return status;
}

const asAdmin = { ...bearer("admin") };
const jsonOf = async (path: string): Promise<unknown> => {
  const res = await api.get(path, asAdmin);
  expect(res.status, path).toBe(200);
  return res.json();
};

/** A valid request for each route; what is written back is what the admin just read, so no cell changes what the next one sees. */
async function requestFor(route: RouteDefinition): Promise<{ path: string; body?: unknown; headers?: Record<string, string> }> {
  const path = route.path.replace("{caseId}", caseOfA).replace("{action}", "note").replace("{year}", "2026");
  if (route.method === "GET" || route.method === "DELETE") return { path };
  switch (route.name) {
    case "RegisterCase":
      return { path, body: { channel: "mail", kind: "petition", subject: "Kiến nghị sửa đường", content: "Đường liên xã đoạn qua ấp 2 hư hỏng nặng sau mùa mưa, đề nghị sửa chữa." } };
    case "StaffCaseAction": {
      // The case's version as it is now: earlier cells may have added notes.
      const res = await api.get(`/staff/cases/${caseOfA}`, asAdmin);
      return { path, body: { text: "kiểm tra phân quyền" }, headers: { "if-match": res.headers.get("etag") ?? "" } };
    }
    case "RevealIdentity":
      return { path, body: { reason: "Kiểm tra phân quyền theo ma trận" } };
    case "PutUnits":
      return { path, body: await jsonOf("/admin/units") };
    case "PutCalendar": {
      const { holidays, workingDays } = (await jsonOf("/admin/calendar/2026")) as { holidays: unknown; workingDays: unknown };
      return { path, body: { holidays, workingDays } };
    }
    case "PutPolicy":
      return { path, body: ((await jsonOf("/admin/policy")) as { policy: unknown }).policy };
    case "ReplayFailedRecord": {
      // A record parked for this cell, which the aggregates take (no case item: nothing to count). No body is needed; `{}` is ignored.
      const parked = failureReportOf("AggregateCases", streamRecord("INSERT", { pk: "PROBE#matrix", sk: "PROBE" }), new Error("a fault since gone"), new Date());
      await failedRecordDeps().failures.recordFailure(parked);
      return { path: route.path.replace("{id}", parked.id), body: {} };
    }
    default:
      throw new Error(`no request for ${route.method} ${route.name}: add one to requestFor`);
  }
}

describe.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", (_, route) => {
  it.each(callers.map((c) => [c.label, c] as const))("as %s", async (_label, caller) => {
    const { path, body, headers: extra } = await requestFor(route);
    const headers = { ...bearer(caller.role, caller.unitId), ...extra };
    const res = body === undefined
      ? await api.get(path, headers)
      : await api.raw(route.method, path, JSON.stringify(body), { ...headers, "content-type": "application/json" });
    const text = await res.text();

    expect(res.status, text).toBe(expectedStatus(route, caller));
    if (caller.unitId === unitB) {
      expect(text).not.toContain(caseOfA);
      expect(text).not.toContain(trackingOfA);
    }
  });
});

it("should know the answer of every staff route of the manifest, and of no other", () => {
  expect(Object.keys(allowedAnswer).sort()).toEqual(staffRoutes.map((r) => r.name).sort());
});
