// The aggregates and the inspection report on DynamoDB Local: forty back-dated cases worked through the
// domain's use cases, their stream read by the local poller into the real consumer; the maintained
// figures equal a brute-force recount of the cases, also after every record is replayed in order and
// shuffled; the report's json, csv and xlsx agree with the recount; GET /stats holds no personal data;
// the report reads aggregates and index queries only.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import type { DynamoDBRecord } from "aws-lambda";
import { DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import { dynamoDocumentClient, intakeDeps, loadDeadlineContext, referenceStore, reportDeps } from "#adapters/context.ts";
import { DynamoCaseRepository } from "#adapters/case-repository.ts";
import { performAction } from "#domain/case-actions.ts";
import { registerCase } from "#domain/staff-cases.ts";
import type { CaseKind, CaseRecord } from "#domain/case.ts";
import { deriveFlags } from "#domain/deadlines/index.ts";
import { formatLocalDate, localDayOfInstant } from "#domain/calendar/local-date.ts";
import { inspectionReport, type ReportRow } from "#domain/report.ts";
import type { Principal } from "#domain/access.ts";
import { streamConsumers } from "#routes";
import { localClient, localTableNames } from "#local/dynamodb.ts";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { createStreamPoller } from "#local/streams.ts";
import { useLocalTables } from "#test/support/local-env.ts";
import { startTestGateway, type TestGateway } from "#test/support/gateway.ts";
import { bearer, fakeStaffVerifier } from "#test/support/staff-tokens.ts";
import { handler as aggregateCases } from "../../functions/aggregate-cases.ts";

const DAY = 86_400_000;
const units = [
  { unitId: "so-tn-mt", name: "Sở Tài nguyên và Môi trường", remoteArea: false },
  { unitId: "ubnd-huyen-an-phu", name: "Ủy ban nhân dân huyện An Phú", remoteArea: false },
  { unitId: "thanh-tra-tinh", name: "Thanh tra tỉnh", remoteArea: false },
];
const kinds: CaseKind[] = ["complaint", "denunciation", "petition", "reflection"];
const admin: Principal = { userId: "sub-admin", username: "admin", role: "admin" };
const reception: Principal = { userId: "sub-reception", username: "reception", role: "reception" };

let endpoint: string;
let prefix: string;
let api: TestGateway;
const caseIds: string[] = [];
const personal: string[] = [];
const now = Date.now();
const today = formatLocalDate(localDayOfInstant(now));
const from = formatLocalDate(localDayOfInstant(now) - 400);
const aggregateDef = streamConsumers.find((c) => c.name === "AggregateCases");

/** One case: received `ago` days back, then worked through its scenario with back-dated effective times. */
async function makeCase(i: number): Promise<void> {
  const deps = await intakeDeps();
  const scenario = i % 10;
  const kind = kinds[i % 4] as CaseKind;
  const unit = (units[i % 3] as (typeof units)[number]).unitId;
  const ago = [3, 4].includes(scenario) || scenario >= 5 ? 60 + ((i * 7) % 110) : 2 + ((i * 11) % 150);
  const receivedAt = now - ago * DAY;
  const fullName = `Nguyễn Văn Thử ${i}`;
  const phone = `09${String(10_000_000 + i * 7919).slice(0, 8)}`;
  const subject = `Đơn thư kiểm thử số ${i} về đất đai`;
  personal.push(fullName, phone, subject);
  const receipt = await registerCase(
    {
      kind,
      subject,
      content: "Nội dung đơn thư dùng để kiểm thử số liệu tổng hợp của đoàn kiểm tra.",
      submitter: { fullName, phone },
      channel: "in_person",
      receivedAt: new Date(receivedAt).toISOString(),
    },
    reception,
    deps,
  );
  caseIds.push(receipt.caseId);
  let version = 1;
  const act = async (action: string, body: Record<string, unknown>, dayAfterReceipt: number) => {
    const view = await performAction(
      { caseId: receipt.caseId, action: action as never, body: { ...body, effectiveAt: new Date(receivedAt + dayAfterReceipt * DAY).toISOString() }, ifMatch: `"${version}"`, actor: admin },
      deps,
    );
    version = view.version;
  };
  let finalKind = kind;
  const resolve = (day: number) =>
    act("resolve", { outcome: finalKind === "complaint" || finalKind === "denunciation" ? "upheld" : "answered", decisionRef: `${i}/QĐ`, summary: "Đã giải quyết." }, day);
  if (scenario === 0) return; // received, not classified: unassigned
  await act("classify", { unitId: unit }, 1);
  if (scenario === 1) return;
  if (scenario === 6) return act("transfer", { reason: "Không thuộc thẩm quyền", toAgency: "Tòa án nhân dân tỉnh" }, 2);
  if (scenario === 7) return act("archive", { reason: "Đơn trùng" }, 2);
  if (scenario === 9) {
    finalKind = kinds[(i + 1) % 4] as CaseKind;
    await act("classify", { unitId: (units[(i + 1) % 3] as (typeof units)[number]).unitId, kind: finalKind }, 1.5);
  }
  await act("accept", {}, 2);
  if (scenario === 2) return;
  if (scenario === 8) return act("withdraw", { reason: "Người gửi rút đơn" }, 5);
  if (scenario === 4) return resolve(2 + 55); // past a 30-day resolution period
  await resolve(2 + (i % 20));
  if (scenario === 5) await act("close", {}, 2 + (i % 20) + 1);
}

async function records(): Promise<CaseRecord[]> {
  const repo = new DynamoCaseRepository(dynamoDocumentClient(), localTableNames(prefix).cases);
  return Promise.all(caseIds.map(async (id) => (await repo.getRecord(id)) as CaseRecord));
}

/** Every day item of the Stats table, keyed unit|kind|day, zero figures left out. */
async function maintained(): Promise<Record<string, Record<string, number>>> {
  const db = DynamoDBDocumentClient.from(localClient(endpoint));
  const out: Record<string, Record<string, number>> = {};
  for await (const page of paginateScan({ client: db }, { TableName: localTableNames(prefix).stats })) {
    for (const item of page.Items ?? []) {
      if (item.entity !== "day") continue;
      const figures = Object.fromEntries(
        Object.entries(item).filter(([k, v]) => typeof v === "number" && v !== 0 && (/^h\d+$/.test(k) || ["received", "accepted", "resolvedOnTime", "resolvedLate", "open"].includes(k))),
      ) as Record<string, number>;
      if (Object.keys(figures).length) out[`${item.unitId}|${item.kind}|${item.day}`] = figures;
    }
  }
  return out;
}

const dayOf = (at: string) => formatLocalDate(localDayOfInstant(at));
const isResolved = (r: CaseRecord) => (r.status === "resolved" || r.status === "closed") && r.resolvedAt !== undefined;
const onTime = (r: CaseRecord) => !r.deadlines.resolution || Date.parse(r.resolvedAt as string) <= Date.parse(r.deadlines.resolution.dueAt);
const daysToResolve = (r: CaseRecord) => localDayOfInstant(r.resolvedAt as string) - localDayOfInstant(r.receivedAt);

/** The brute-force recount, straight from the case records, written apart from the domain's rules. */
function recount(cases: CaseRecord[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const bump = (r: CaseRecord, day: string, name: string) => {
    const cell = (out[`${r.unitId ?? "-"}|${r.kind}|${day}`] ??= {});
    cell[name] = (cell[name] ?? 0) + 1;
  };
  for (const r of cases) {
    bump(r, dayOf(r.receivedAt), "received");
    if (r.status === "received" || r.status === "in_progress") bump(r, dayOf(r.receivedAt), "open");
    if (r.acceptedAt) bump(r, dayOf(r.acceptedAt), "accepted");
    if (isResolved(r)) {
      bump(r, dayOf(r.resolvedAt as string), onTime(r) ? "resolvedOnTime" : "resolvedLate");
      bump(r, dayOf(r.resolvedAt as string), `h${daysToResolve(r)}`);
    }
  }
  return out;
}

const captured: DynamoDBRecord[] = [];

beforeAll(async () => {
  ({ endpoint, prefix } = await useLocalTables());
  await referenceStore().putUnits(units, { updatedAt: new Date().toISOString(), updatedBy: "test" });
  for (let i = 0; i < 40; i++) await makeCase(i);
  if (!aggregateDef) throw new Error("no AggregateCases consumer in the manifest");
  // The real consumer through the poller, and a second "mapping" that keeps a copy of every record.
  const root = process.cwd();
  const real = moduleLoader(root);
  const poller = createStreamPoller({
    endpoint,
    tablePrefix: prefix,
    consumers: [aggregateDef, { name: "Capture", entry: "capture", source: "cases", tables: {} }],
    loadHandler: async (entry) =>
      entry === "capture"
        ? async (event: { Records: DynamoDBRecord[] }) => {
            captured.push(...event.Records);
            return { batchItemFailures: [] };
          }
        : real(entry),
    log: () => {},
  });
  await poller.drain();
  await poller.stop();
  api = await startTestGateway({ verifyToken: fakeStaffVerifier });
}, 120_000);
afterAll(() => api?.close());

describe("the aggregates kept from the stream", () => {
  it("should equal a brute-force recount of the forty cases", async () => {
    const cases = await records();

    const kept = await maintained();

    expect(cases).toHaveLength(40);
    expect(captured.filter((r) => r.dynamodb?.Keys?.sk?.S === "CASE").length).toBeGreaterThan(100);
    expect(kept).toEqual(recount(cases));
  });

  it("should be unchanged when every record is delivered again, in order and then shuffled", async () => {
    const expected = recount(await records());
    const context = {} as never;

    for (let i = 0; i < captured.length; i += 100) await aggregateCases({ Records: captured.slice(i, i + 100) }, context);
    const afterReplay = await maintained();
    let seed = 7;
    const shuffled = [...captured].sort(() => ((seed = (seed * 16807) % 2147483647) % 3) - 1);
    const answers = [];
    for (let i = 0; i < shuffled.length; i += 25) answers.push(await aggregateCases({ Records: shuffled.slice(i, i + 25) }, context));
    const afterShuffle = await maintained();

    expect(afterReplay).toEqual(expected);
    expect(afterShuffle).toEqual(expected);
    expect(answers.every((a) => a.batchItemFailures.length === 0)).toBe(true);
  });
});

/** The expected report rows by unit, from the case records and the flags derived now. */
async function expectedRows(cases: CaseRecord[]): Promise<Record<string, Partial<ReportRow>>> {
  const ctx = await loadDeadlineContext();
  const rows: Record<string, Partial<ReportRow> & { days: number[] }> = {};
  for (const r of cases) {
    const row = (rows[r.unitId ?? "-"] ??= {
      received: 0, accepted: 0, resolvedOnTime: 0, resolvedLate: 0, openWithinDeadline: 0, openOverdue: 0,
      agingBands: { "0-10": 0, "11-30": 0, "31-60": 0, "61-90": 0, "90+": 0 }, days: [],
    });
    row.received = (row.received ?? 0) + 1;
    if (r.acceptedAt) row.accepted = (row.accepted ?? 0) + 1;
    if (isResolved(r)) {
      if (onTime(r)) row.resolvedOnTime = (row.resolvedOnTime ?? 0) + 1;
      else row.resolvedLate = (row.resolvedLate ?? 0) + 1;
      row.days.push(daysToResolve(r));
    }
    if (r.status === "received" || r.status === "in_progress") {
      const overdue = deriveFlags(r, new Date(now), ctx).flags.includes("overdue");
      if (overdue) row.openOverdue = (row.openOverdue ?? 0) + 1;
      else row.openWithinDeadline = (row.openWithinDeadline ?? 0) + 1;
      const age = localDayOfInstant(now) - localDayOfInstant(r.receivedAt);
      const band = age <= 10 ? "0-10" : age <= 30 ? "11-30" : age <= 60 ? "31-60" : age <= 90 ? "61-90" : "90+";
      const bands = row.agingBands as Record<string, number>;
      bands[band] = (bands[band] ?? 0) + 1;
    }
  }
  return Object.fromEntries(
    Object.entries(rows).map(([key, { days, ...row }]) => {
      const sorted = days.sort((a, b) => a - b);
      const median = sorted.length === 0 ? null : ((sorted[Math.floor((sorted.length - 1) / 2)] as number) + (sorted[Math.floor(sorted.length / 2)] as number)) / 2;
      const denominator = (row.resolvedOnTime ?? 0) + (row.resolvedLate ?? 0) + (row.openOverdue ?? 0);
      return [key, { ...row, medianResolutionDays: median, onTimeRate: denominator === 0 ? null : (row.resolvedOnTime ?? 0) / denominator }];
    }),
  );
}

const inspector = bearer("inspector");

describe("GET /inspection/report", () => {
  it("should give per unit the figures of the recount, registry names, the 10 oldest open cases without personal data", async () => {
    const cases = await records();
    const expected = await expectedRows(cases);

    const res = await api.get(`/inspection/report?from=${from}&to=${today}&groupBy=unit`, inspector);
    const report = await res.json();

    expect(res.status).toBe(200);
    expect(report).toMatchObject({ from, to: today, groupBy: "unit" });
    expect(Object.fromEntries(report.rows.map(({ key, name: _n, ...row }: ReportRow) => [key, row]))).toEqual(expected);
    expect(report.rows.map((r: ReportRow) => r.name)).toEqual(["Chưa phân công đơn vị", "Sở Tài nguyên và Môi trường", "Thanh tra tỉnh", "Ủy ban nhân dân huyện An Phú"]);
    expect(report.totals.received).toBe(40);
    const open = cases.filter((c) => c.status === "received" || c.status === "in_progress").sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    expect(report.oldestOpen.map((c: { caseId: string }) => c.caseId)).toEqual(open.slice(0, 10).map((c) => c.caseId));
    expect(personal.filter((p) => JSON.stringify(report.oldestOpen).includes(p))).toEqual([]);
  });

  it("should hold the same rows in the csv (with a BOM) and the xlsx (Vietnamese headers)", async () => {
    const json = await (await api.get(`/inspection/report?from=${from}&to=${today}&groupBy=kind`, inspector)).json();
    const csvRes = await api.get(`/inspection/report?from=${from}&to=${today}&groupBy=kind&format=csv`, inspector);
    const xlsxRes = await api.get(`/inspection/report?from=${from}&to=${today}&groupBy=kind&format=xlsx`, inspector);
    const csvBytes = Buffer.from(await csvRes.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as never);

    const flat = (r: ReportRow) => [r.key, r.name, r.received, r.accepted, r.resolvedOnTime, r.resolvedLate, r.openWithinDeadline, r.openOverdue, r.onTimeRate, r.medianResolutionDays, ...Object.values(r.agingBands)];
    const expected = [...json.rows, json.totals].map(flat);
    const csvLines = csvBytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    const sheet = workbook.getWorksheet("Báo cáo");
    const sheetRows = (sheet?.getSheetValues() ?? []).slice(3).map((row) => (row as unknown[]).slice(1).map((v) => v ?? null));

    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRes.headers.get("content-disposition")).toMatch(/^attachment; filename="bao-cao-don-thu_theo-loai_.+\.csv"$/);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The figures' names are the dashboard's (the two with a comma quoted in the CSV).
    const headers = [
      "Mã loại đơn", "Loại đơn", "Tiếp nhận", "Thụ lý", "Giải quyết đúng hạn", "Giải quyết trễ hạn", "Đang giải quyết, còn trong hạn", "Đang giải quyết, quá hạn",
      "Tỷ lệ giải quyết đúng hạn", "Số ngày giải quyết (trung vị)", "Tồn 0–10 ngày", "Tồn 11–30 ngày", "Tồn 31–60 ngày", "Tồn 61–90 ngày", "Tồn trên 90 ngày",
    ];
    expect(csvLines[0]).toBe(headers.map((h) => (h.includes(",") ? `"${h}"` : h)).join(","));
    expect(csvLines.slice(1)).toEqual(expected.map((r) => r.map((v) => (v === null ? "" : String(v))).join(",")));
    expect(xlsxRes.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(sheet?.getRow(2).values).toEqual([undefined, ...headers]);
    expect(sheetRows).toEqual(expected);
    expect(json.rows.map((r: ReportRow) => r.name)).toEqual(["Khiếu nại", "Tố cáo", "Kiến nghị", "Phản ánh"]);
  });

  it("should answer 400 naming the fields, and 403 to a handler", async () => {
    const bad = await api.get("/inspection/report?from=2026-13-01&groupBy=team&format=pdf", inspector);
    const reversed = await api.get("/inspection/report?from=2026-05-01&to=2026-04-01", inspector);
    const handler = await api.get("/inspection/report", bearer("handler", "so-tn-mt"));

    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(["format", "from", "groupBy"]);
    expect(await reversed.json()).toMatchObject({ status: 400, errors: [{ path: "to" }] });
    expect(handler.status).toBe(403);
  });

  it("should read only Stats month partitions, the due-date and status indexes and the unit registry: no case item", async () => {
    const deps = await reportDeps();
    const db = dynamoDocumentClient();
    const send = vi.spyOn(db, "send");
    const names = localTableNames(prefix);

    await inspectionReport({ from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31`, groupBy: "unit" }, deps);
    const calls = send.mock.calls.map(([command]) => {
      const input = command.input as { TableName?: string; IndexName?: string };
      return `${command.constructor.name} ${input.TableName === names.cases ? "cases" : input.TableName === names.stats ? "stats" : "reference"}${input.IndexName ? `/${input.IndexName}` : ""}`;
    });
    send.mockRestore();
    const tally = calls.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

    expect(tally).toEqual({
      "QueryCommand stats": 12,
      "QueryCommand cases/byDue": 8,
      "QueryCommand cases/byStatus": expect.any(Number),
      "GetCommand reference": 1,
    });
    expect(tally["QueryCommand cases/byStatus"]).toBeGreaterThanOrEqual(16);
    expect(tally["QueryCommand cases/byStatus"]).toBeLessThanOrEqual(32);
  });
});

describe("GET /stats", () => {
  it("should give public counts per unit for the year, cacheable, with no name, phone or subject", async () => {
    const cases = await records();
    const year = Number(today.slice(0, 4));
    const inYear = (at: string | undefined) => at !== undefined && dayOf(at).startsWith(`${year}-`);

    const res = await api.get(`/stats?year=${year}`);
    const body = await res.json();
    const text = JSON.stringify(body);

    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(body.totals.received).toBe(cases.filter((c) => inYear(c.receivedAt)).length);
    expect(body.totals.resolved).toBe(cases.filter((c) => isResolved(c) && inYear(c.resolvedAt)).length);
    expect(personal.filter((p) => text.includes(p))).toEqual([]);
    expect(text).not.toMatch(/caseId|trackingCode|subject|submitter|phone/);
    expect((await api.get("/stats?year=abc")).status).toBe(400);
  });
});
