// Roles × units on every staff route of the manifest: a role the route does not name gets 403; a
// handler never reads, lists or acts on another unit's case (404 as for a missing case, no oracle).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes, type Route, type RouteDefinition } from "#routes";
import { roles, type Role } from "#domain/vocabulary.ts";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer } from "#test/support/staff-tokens.ts";
import { fakeStaffVerifier } from "#test/support/staff-tokens.ts";

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

/** A request each route accepts in shape, so that what is tested is who may call it. */
function requestFor(route: RouteDefinition): { path: string; body?: unknown } {
  const path = route.path.replace("{caseId}", caseOfA).replace("{action}", "note").replace("{year}", "2026");
  if (route.method === "GET" || route.method === "DELETE") return { path };
  const bodies: Record<string, unknown> = {
    StaffCaseAction: { text: "kiểm tra phân quyền" },
    RevealIdentity: { reason: "Kiểm tra phân quyền theo ma trận" },
  };
  return { path, body: bodies[route.name] ?? {} };
}

describe.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", (_, route) => {
  it.each(callers.map((c) => [c.label, c] as const))("as %s", async (_label, caller) => {
    const { path, body } = requestFor(route);
    const headers = { ...bearer(caller.role, caller.unitId), "if-match": '"2"' };
    const res = body === undefined
      ? await api.get(path, headers)
      : await api.raw(route.method, path, JSON.stringify(body), { ...headers, "content-type": "application/json" });
    const text = await res.text();

    if (!route.auth.includes(caller.role)) {
      expect(res.status, text).toBe(403);
    } else if (caller.unitId === unitB && route.path.includes("{caseId}")) {
      expect(res.status, text).toBe(404);
    } else {
      expect([403, 404], text).not.toContain(res.status);
    }
    if (caller.unitId === unitB) {
      expect(text).not.toContain(caseOfA);
      expect(text).not.toContain(trackingOfA);
    }
  });
});

it("should cover every staff route of the manifest", () => {
  expect(staffRoutes.length).toBeGreaterThanOrEqual(6);
});
