// Every route of the manifest called through the local gateway on DynamoDB Local, and every answer held
// to the route's contract: its status is one the route documents, its media type one documented for
// that status, its body matches that schema exactly (a problem+json for errors, nothing undocumented in
// it), and the headers documented for it are there. A route without a call, an undocumented status or
// an answer its schema refuses fails the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { jsonType, problemType } from "#http/contract.ts";
import { routes, type Route, type RouteName } from "#routes";
import { maxBodyBytes } from "#routes/route.ts";
import { Health } from "#routes/health.ts";
import { OpenApi } from "#routes/openapi.ts";
import { StaffConfig } from "#routes/staff-config.ts";
import { SubmitCase } from "#routes/submit-case.ts";
import { TrackCase } from "#routes/track-case.ts";
import { GetChallenge } from "#routes/get-challenge.ts";
import { ListStaffCases } from "#routes/list-staff-cases.ts";
import { RegisterCase } from "#routes/register-case.ts";
import { GetStaffCase } from "#routes/get-staff-case.ts";
import { StaffCaseAction } from "#routes/staff-case-action.ts";
import { CaseAudit } from "#routes/case-audit.ts";
import { RevealIdentity } from "#routes/reveal-identity.ts";
import { ListUnits } from "#routes/admin-list-units.ts";
import { PutUnits } from "#routes/admin-put-units.ts";
import { GetCalendar } from "#routes/admin-get-calendar.ts";
import { PutCalendar } from "#routes/admin-put-calendar.ts";
import { GetPolicy } from "#routes/admin-get-policy.ts";
import { PutPolicy } from "#routes/admin-put-policy.ts";
import { GetJob } from "#routes/admin-get-job.ts";
import { InspectionOverdue } from "#routes/inspection-overdue.ts";
import { csvType, InspectionReport, xlsxType } from "#routes/inspection-report.ts";
import { PublicStats } from "#routes/public-stats.ts";
import { ListFailedRecords } from "#routes/admin-list-failed-records.ts";
import { ReplayFailedRecord } from "#routes/admin-replay-failed-record.ts";
import { failedRecordDeps } from "#adapters/context.ts";
import { failureReportOf } from "#adapters/failed-records.ts";
import { deliverToConsumer } from "#test/support/stream-tap.ts";
import { streamRecord } from "#test/support/stream-records.ts";
import { injectFaults } from "#test/support/dynamo-faults.ts";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { jobsIdle } from "#test/support/jobs.ts";

let api: TestGateway;
const called = new Set<string>();

beforeAll(async () => {
  await useLocalTables();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  await call(PutUnits, 200, { headers: admin, body: registry });
});
afterAll(() => api?.close());

// ---- callers ----

const reception = bearer("reception");
const handlerA = bearer("handler", "so-tn-mt");
const handlerB = bearer("handler", "ubnd-huyen-an-phu");
const inspector = bearer("inspector");
const admin = bearer("admin");
/** A genuine token of a user in no staff group: the handler's 403. */
const noStaffRole = { authorization: "Bearer test.auditors.-.khach" };
/** A token whose unit attribute is malformed: not a staff ID token, the handler's 401 problem. */
const badUnit = { authorization: "Bearer test.handler.SO_TN_MT.lan" };
/** No token at all: the gateway's own 401. */
const nobody = {};

const registry = [
  { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", remoteArea: false },
  { unitId: "ubnd-huyen-an-phu", name: "UBND huyện An Phú", remoteArea: false },
];
const complaint = {
  kind: "complaint",
  subject: "Khiếu nại quyết định thu hồi đất",
  content: "Tôi không đồng ý với quyết định thu hồi đất nông nghiệp của gia đình tại ấp Vĩnh Thạnh.",
  submitter: { fullName: "Nguyễn Văn Bảy", phone: "0918123456" },
};
const denunciation = {
  kind: "denunciation",
  subject: "Tố cáo cán bộ thu tiền trái phép",
  content: "Cán bộ tư pháp xã thu thêm phí chứng thực không có biên lai trong nhiều tháng.",
  submitter: { fullName: "Huỳnh Thị Mai", phone: "0933444555" },
};
const unknownCase = "00000000-0000-4000-8000-000000000000";

// ---- calling a route and holding its answer to the contract ----

interface Call {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is, with its own content type. */
  readonly raw?: { readonly body: string; readonly contentType: string };
}

interface Checked {
  readonly status: number;
  readonly headers: Headers;
  // What the schema of the answer's status and media type let through; any JSON the answer holds.
  readonly body: any; // any: each scenario reads the few fields it asserts on
}

const mediaTypeOf = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0]!.trim();

async function call(route: Route, expectedStatus: number, request: Call = {}): Promise<Checked> {
  called.add(route.name);
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(request.params?.[name] ?? ""));
  const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : "";
  const body = request.raw?.body ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const contentType = request.raw?.contentType ?? (request.body === undefined ? undefined : "application/json");
  const res = await api.raw(route.method, path + query, body, { ...(contentType && { "content-type": contentType }), ...request.headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const label = `${route.name} ${route.method} ${path}${query} → ${res.status} ${mediaTypeOf(res.headers)} ${bytes.toString("utf8").slice(0, 400)}`;

  const documented = route.responses[res.status];
  expect(documented, `undocumented status: ${label}`).toBeDefined();
  const schema = documented?.content?.[mediaTypeOf(res.headers)];
  expect(schema, `undocumented media type: ${label}`).toBeDefined();
  let parsed: unknown;
  if (mediaTypeOf(res.headers) === jsonType || mediaTypeOf(res.headers) === problemType) {
    parsed = JSON.parse(bytes.toString("utf8"));
    expectExactly(schema!, parsed, label);
  } else if (mediaTypeOf(res.headers).startsWith("text/")) {
    parsed = bytes.toString("utf8");
    expectExactly(schema!, parsed, label);
  } else {
    expect(bytes.length, label).toBeGreaterThan(0);
    parsed = bytes;
  }
  const headerSchema = documented?.headers;
  if (headerSchema) {
    const sent = Object.fromEntries(Object.keys(headerSchema.shape).map((name) => [name, res.headers.get(name) ?? undefined]));
    expectExactly(headerSchema, sent, `headers of ${label}`);
  }
  expect(res.status, label).toBe(expectedStatus);
  return { status: res.status, headers: res.headers, body: parsed };
}

/** The schema accepts the answer and keeps all of it: a member the schema does not know is an undocumented member. */
function expectExactly(schema: z.ZodType, value: unknown, label: string): void {
  const result = schema.safeParse(value);
  expect(result.error?.issues ?? [], label).toEqual([]);
  expect(result.data, `${label}: members the schema does not document`).toEqual(value);
}

// ---- fixtures, themselves calls held to the contract ----

async function newCase(body: unknown = complaint): Promise<{ caseId: string; trackingCode: string; accessKey: string }> {
  return (await call(SubmitCase, 201, { body })).body;
}

const act = (caseId: string, action: string, version: number | undefined, body: unknown, headers: Record<string, string>, status: number) =>
  call(StaffCaseAction, status, {
    params: { caseId, action },
    headers: { ...headers, ...(version !== undefined && { "if-match": `"${version}"` }) },
    ...(body !== undefined && { body }),
  });

async function classifiedCase(body: unknown = complaint): Promise<string> {
  const { caseId } = await newCase(body);
  await act(caseId, "classify", 1, { unitId: "so-tn-mt" }, reception, 200);
  return caseId;
}

// ---- one scenario per route: what it answers, the main errors included ----

const scenarios: Record<RouteName, () => Promise<unknown>> = {
  Health: () => call(Health, 200),

  OpenApi: async () => {
    const { body } = await call(OpenApi, 200);
    expect(Object.keys(body.paths).length).toBeGreaterThan(0);
  },

  StaffConfig: () => call(StaffConfig, 200),

  SubmitCase: async () => {
    const key = crypto.randomUUID();
    const first = await call(SubmitCase, 201, { headers: { "idempotency-key": key }, body: complaint });
    const again = await call(SubmitCase, 201, { headers: { "idempotency-key": key }, body: complaint });
    await call(SubmitCase, 422, { headers: { "idempotency-key": key }, body: { ...complaint, subject: "Một chủ đề khác hẳn" } });
    const badField = await call(SubmitCase, 400, { body: { ...complaint, submitter: { fullName: "Bảy" } } });
    const badKey = await call(SubmitCase, 400, { headers: { "idempotency-key": "two words" }, body: complaint });
    await call(SubmitCase, 415, { raw: { body: JSON.stringify(complaint), contentType: "text/plain" } });
    await call(SubmitCase, 413, { body: { ...complaint, content: "a".repeat(maxBodyBytes) } });
    await call(SubmitCase, 400, { raw: { body: "{not json", contentType: "application/json" } });
    const faults = injectFaults();
    faults.fail({ command: "TransactWriteItemsCommand", at: "before" });
    const down = await call(SubmitCase, 503, { headers: { "idempotency-key": crypto.randomUUID() }, body: complaint }).finally(() => faults.remove());
    const noChallenge = await call(SubmitCase, 400, { headers: { "x-altcha": "" }, body: complaint });

    expect(again.body).toEqual(first.body);
    expect(badField.body.errors).toEqual([{ path: "submitter.phone", message: expect.any(String), code: "contact_required" }]);
    expect(badKey.body.errors).toEqual([{ path: "Idempotency-Key", message: expect.any(String) }]);
    expect([down.body.code, down.headers.get("retry-after")]).toEqual(["dependency_unavailable", expect.stringMatching(/^\d+$/)]);
    expect(noChallenge.body.code).toBe("challenge_required");
  },

  GetChallenge: async () => {
    const { body } = await call(GetChallenge, 200);
    expect(body.maxnumber).toBeGreaterThan(0);
  },

  TrackCase: async () => {
    const { trackingCode, accessKey } = await newCase();
    await call(TrackCase, 200, { params: { trackingCode }, headers: { "x-access-key": accessKey } });
    const wrongKey = await call(TrackCase, 404, { params: { trackingCode }, headers: { "x-access-key": "ABCDE-FGHJK-MNPQR-STVWX" } });
    const noKey = await call(TrackCase, 404, { params: { trackingCode } });
    expect(noKey.body).toEqual(wrongKey.body);
  },

  ListStaffCases: async () => {
    await newCase();
    const page = await call(ListStaffCases, 200, { query: { status: "received", limit: "2" }, headers: reception });
    await call(ListStaffCases, 400, { query: { flag: "sometimes" }, headers: reception });
    await call(ListStaffCases, 401, { headers: nobody });
    await call(ListStaffCases, 401, { headers: badUnit });
    await call(ListStaffCases, 403, { headers: noStaffRole });
    expect(page.body.items.length).toBeGreaterThan(0);
  },

  RegisterCase: async () => {
    const letter = { ...complaint, channel: "mail", receivedAt: new Date(Date.now() - 86_400_000).toISOString() };
    await call(RegisterCase, 201, { headers: reception, body: letter });
    const once = { ...reception, "idempotency-key": crypto.randomUUID() };
    const first = await call(RegisterCase, 201, { headers: once, body: letter });
    const again = await call(RegisterCase, 201, { headers: once, body: letter });
    await call(RegisterCase, 422, { headers: once, body: { ...letter, channel: "hotline" } });
    expect(again.body).toEqual(first.body);
    await call(RegisterCase, 400, { headers: reception, body: { ...letter, receivedAt: "2999-01-01T00:00:00Z" } });
    await call(RegisterCase, 403, { headers: handlerA, body: letter });
    await call(RegisterCase, 415, { headers: reception, raw: { body: "kind=complaint", contentType: "application/x-www-form-urlencoded" } });
  },

  GetStaffCase: async () => {
    const caseId = await classifiedCase();
    const found = await call(GetStaffCase, 200, { params: { caseId }, headers: handlerA });
    await call(GetStaffCase, 404, { params: { caseId }, headers: handlerB });
    await call(GetStaffCase, 404, { params: { caseId: unknownCase }, headers: reception });
    await call(GetStaffCase, 404, { params: { caseId: "not-a-case" }, headers: reception });
    await call(GetStaffCase, 401, { params: { caseId }, headers: nobody });
    expect(found.headers.get("etag")).toBe(`"${found.body.version}"`);
  },

  StaffCaseAction: async () => {
    const { caseId } = await newCase();
    await act(caseId, "accept", 1, {}, reception, 422); // not yet classified to a unit
    await act(caseId, "classify", 1, { unitId: "so-tn-mt", complexity: "sometimes" }, reception, 400);
    await act(caseId, "classify", undefined, { unitId: "so-tn-mt" }, reception, 400);
    await act(caseId, "classify", 7, { unitId: "so-tn-mt" }, reception, 412);
    await act(caseId, "fly", 1, {}, reception, 404);
    await act(unknownCase, "note", 1, { text: "x" }, reception, 404);
    await act(caseId, "accept", 1, {}, inspector, 403);
    const conflict = await act(caseId, "resolve", 1, { outcome: "upheld", decisionRef: "1/QĐ", summary: "x" }, admin, 409);
    await call(StaffCaseAction, 415, { params: { caseId, action: "note" }, headers: { ...reception, "if-match": '"1"' }, raw: { body: "text=x", contentType: "text/plain" } });
    await call(StaffCaseAction, 413, { params: { caseId, action: "note" }, headers: { ...reception, "if-match": '"1"' }, body: { text: "a".repeat(maxBodyBytes) } });
    const classified = await act(caseId, "classify", 1, { unitId: "so-tn-mt" }, reception, 200);
    const accepted = await act(caseId, "accept", 2, undefined, reception, 200); // no body at all: {}

    expect(conflict.body.allowedActions).toEqual(["classify", "accept", "transfer", "guide", "reject", "archive", "withdraw", "note"]);
    expect([classified.headers.get("etag"), accepted.headers.get("etag"), accepted.body.status]).toEqual(['"2"', '"3"', "in_progress"]);
  },

  CaseAudit: async () => {
    const caseId = await classifiedCase();
    const audit = await call(CaseAudit, 200, { params: { caseId }, headers: inspector });
    await call(CaseAudit, 403, { params: { caseId }, headers: reception });
    await call(CaseAudit, 404, { params: { caseId: unknownCase }, headers: admin });
    expect(audit.body.chainValid).toBe(true);
  },

  RevealIdentity: async () => {
    const caseId = await classifiedCase(denunciation);
    const complaintId = await classifiedCase();
    const reason = { reason: "Cần liên hệ để xác minh thêm" };
    const revealed = await call(RevealIdentity, 200, { params: { caseId }, headers: handlerA, body: reason });
    await call(RevealIdentity, 400, { params: { caseId }, headers: handlerA, body: {} });
    await call(RevealIdentity, 403, { params: { caseId }, headers: reception, body: reason });
    await call(RevealIdentity, 404, { params: { caseId }, headers: handlerB, body: reason });
    await call(RevealIdentity, 422, { params: { caseId: complaintId }, headers: handlerA, body: reason });
    expect(revealed.body).toEqual({ identity: denunciation.submitter });
  },

  ListUnits: async () => {
    const units = await call(ListUnits, 200, { headers: handlerA });
    await call(ListUnits, 401, { headers: nobody });
    expect(units.body).toEqual(registry);
  },

  PutUnits: async () => {
    await call(PutUnits, 200, { headers: admin, body: registry });
    const refused = await call(PutUnits, 400, { headers: admin, body: [...registry, { unitId: "xa-moi", name: "Xã mới", parentId: "khong-co" }] });
    await call(PutUnits, 403, { headers: reception, body: registry });
    await call(PutUnits, 415, { headers: admin, raw: { body: "[]", contentType: "text/plain" } });
    expect(refused.body.errors).toEqual([{ path: "2.parentId", message: expect.any(String) }]);
  },

  GetCalendar: async () => {
    await call(GetCalendar, 200, { params: { year: "2026" }, headers: admin });
    const badYear = await call(GetCalendar, 400, { params: { year: "1999" }, headers: admin });
    await call(GetCalendar, 403, { params: { year: "2026" }, headers: inspector });
    expect(badYear.body.errors).toEqual([{ path: "year", message: "must be a year from 2000 to 2100" }]);
  },

  PutCalendar: async () => {
    const accepted = await call(PutCalendar, 202, { params: { year: "2099" }, headers: admin, body: { holidays: ["2099-01-02"] } });
    await call(PutCalendar, 400, { params: { year: "2099" }, headers: admin, body: { holidays: ["2098-12-31"] } });
    await call(PutCalendar, 400, { params: { year: "20999" }, headers: admin, body: {} });
    await call(PutCalendar, 403, { params: { year: "2099" }, headers: reception, body: {} });
    const stored = await call(GetCalendar, 200, { params: { year: "2099" }, headers: admin });
    expect(accepted.headers.get("location")).toBe(`/admin/jobs/${accepted.body.jobId}`);
    expect(stored.body.holidays).toEqual(["2099-01-02"]);
  },

  GetPolicy: async () => {
    await call(GetPolicy, 200, { headers: admin });
    await call(GetPolicy, 404, { query: { version: "999" }, headers: admin });
    await call(GetPolicy, 400, { query: { version: "latest" }, headers: admin });
  },

  PutPolicy: async () => {
    const current = await call(GetPolicy, 200, { headers: admin });
    const accepted = await call(PutPolicy, 202, { headers: admin, body: current.body.policy });
    await call(PutPolicy, 400, { headers: admin, body: { ...current.body.policy, periods: [] } });
    await call(PutPolicy, 403, { headers: handlerA, body: current.body.policy });
    const stored = await call(GetPolicy, 200, { headers: admin });
    expect(accepted.body.jobId).toEqual(expect.any(String));
    expect(stored.body.version).toBe(current.body.version + 1);
  },

  GetJob: async () => {
    await classifiedCase();
    const { jobId } = (await call(PutCalendar, 202, { params: { year: "2098" }, headers: admin, body: { holidays: ["2098-01-02"] } })).body;
    await jobsIdle();
    const job = await call(GetJob, 200, { params: { jobId }, headers: admin });
    await call(GetJob, 404, { params: { jobId: "zzzzzzzz000000000000" }, headers: admin });
    await call(GetJob, 404, { params: { jobId: "not-a-job" }, headers: admin });
    await call(GetJob, 403, { params: { jobId }, headers: inspector });
    expect(job.body).toMatchObject({ jobId, kind: "recompute", reason: "calendar 2098", status: "succeeded" });
    expect(job.body.done).toBe(job.body.total);
  },

  InspectionOverdue: async () => {
    const longAgo = new Date(Date.now() - 60 * 86_400_000).toISOString();
    await call(RegisterCase, 201, { headers: reception, body: { ...complaint, channel: "mail", receivedAt: longAgo } });
    const register = await call(InspectionOverdue, 200, { headers: inspector });
    await call(InspectionOverdue, 400, { query: { flag: "approaching" }, headers: inspector });
    await call(InspectionOverdue, 403, { headers: handlerA });
    expect(register.body.items.length).toBeGreaterThan(0);
  },

  InspectionReport: async () => {
    const query = { from: "2026-01-01", to: "2026-12-31" };
    await call(InspectionReport, 200, { query, headers: inspector });
    const csv = await call(InspectionReport, 200, { query: { ...query, format: "csv" }, headers: inspector });
    const xlsx = await call(InspectionReport, 200, { query: { ...query, format: "xlsx", groupBy: "kind" }, headers: admin });
    await call(InspectionReport, 400, { query: { ...query, groupBy: "street" }, headers: inspector });
    await call(InspectionReport, 403, { query, headers: reception });
    expect([mediaTypeOf(csv.headers), mediaTypeOf(xlsx.headers)]).toEqual([csvType, xlsxType]);
    expect(xlsx.body.subarray(0, 2).toString()).toBe("PK"); // a zip: the workbook
  },

  ListFailedRecords: async () => {
    // A case item the aggregates reject (a kind no version knows), delivered as its stream would: parked.
    const rejected = streamRecord("INSERT", { pk: `CASE#${unknownCase}`, sk: "CASE", entity: "case", caseId: unknownCase, kind: "letter", version: 1 });
    await deliverToConsumer("AggregateCases", [rejected]);
    const page = await call(ListFailedRecords, 200, { query: { limit: "1" }, headers: admin });
    await call(ListFailedRecords, 400, { query: { cursor: "bm90LW91cnM" }, headers: admin });
    await call(ListFailedRecords, 400, { query: { limit: "0" }, headers: admin });
    await call(ListFailedRecords, 403, { headers: inspector });
    await call(ListFailedRecords, 401, { headers: nobody });
    expect(page.body.items.map((i: { consumer: string }) => i.consumer)).toEqual(["AggregateCases"]);
  },

  ReplayFailedRecord: async () => {
    // One record the aggregates reject on every replay, one they take (a record of no case item: nothing to count).
    const rejected = streamRecord("INSERT", { pk: `CASE#${unknownCase}`, sk: "CASE", entity: "case", caseId: unknownCase, kind: "letter", version: 2 });
    await deliverToConsumer("AggregateCases", [rejected]);
    const taken = failureReportOf("AggregateCases", streamRecord("INSERT", { pk: "PROBE#1", sk: "PROBE" }), new Error("a fault since gone"), new Date());
    await failedRecordDeps().failures.recordFailure(taken);
    const replayed = await call(ReplayFailedRecord, 200, { params: { id: taken.id }, headers: admin });
    const refused = await call(ReplayFailedRecord, 409, { params: { id: `AggregateCases.${rejected.eventID}` }, headers: admin });
    await call(ReplayFailedRecord, 404, { params: { id: taken.id }, headers: admin });
    await call(ReplayFailedRecord, 404, { params: { id: "no such id" }, headers: admin });
    await call(ReplayFailedRecord, 403, { params: { id: taken.id }, headers: reception });
    expect(replayed.body).toEqual({ id: taken.id, consumer: "AggregateCases", replayed: true });
    expect(refused.body).toMatchObject({ code: "replay_failed", attempts: 2, errorName: "ZodError" });
  },

  PublicStats: async () => {
    await call(PublicStats, 200, { query: { year: "2026" } });
    await call(PublicStats, 400, { query: { year: "1999" } });
  },
};

describe("every route of the manifest, held to its contract", () => {
  it.each(routes.map((route) => [route.name, route] as const))("%s", async (name, route) => {
    const scenario = (scenarios as Partial<Record<string, () => Promise<unknown>>>)[name];
    expect(scenario, `no call of ${route.method} ${route.path} in this test`).toBeDefined();
    called.delete(name);

    await scenario!();

    expect(called.has(name), `the scenario of ${name} never called it`).toBe(true);
  });
});
