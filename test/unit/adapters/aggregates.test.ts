// The Stats table's keys, the day item as the report reads it, stream records, and the files.
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { DynamoDBRecord } from "aws-lambda";
import { dayCountersOf, monthsOf, statsKeys } from "#adapters/aggregates.ts";
import { caseChangeOf, countCaseChange } from "#adapters/aggregates-stream.ts";
import { csvField, reportCsv, reportXlsx } from "#adapters/report-files.ts";
import type { InspectionReport, ReportRow } from "#domain/report.ts";

const caseId = "0a7c7b8e-3f1c-4d1e-9a55-1f2e3d4c5b6a";
const image = {
  pk: { S: `CASE#${caseId}` }, sk: { S: "CASE" }, caseId: { S: caseId }, version: { N: "3" }, status: { S: "in_progress" },
  kind: { S: "petition" }, unitId: { S: "so-tn-mt" }, receivedAt: { S: "2026-10-09T17:30:00.000Z" }, acceptedAt: { S: "2026-10-12T03:00:00.000Z" },
  subject: { S: "Kiến nghị" }, anonymous: { BOOL: false }, extensions: { L: [] },
  deadlines: { M: { resolution: { M: { dueAt: { S: "2026-11-11T16:59:59.999Z" } } } } },
};
const record = (keys: { pk: string; sk: string }, seq: string, newImage?: object, oldImage?: object): DynamoDBRecord => ({
  eventName: newImage && oldImage ? "MODIFY" : newImage ? "INSERT" : "REMOVE",
  dynamodb: { Keys: { pk: { S: keys.pk }, sk: { S: keys.sk } }, SequenceNumber: seq, ...(newImage && { NewImage: newImage }), ...(oldImage && { OldImage: oldImage }) } as never,
});

describe("Stats keys", () => {
  it("should put a day in its month partition, sorted by day, unit and kind", () => {
    expect(statsKeys.day("so-tn-mt", "petition", "2026-10-10")).toEqual({ pk: "DAY#2026-10", sk: "2026-10-10#so-tn-mt#petition" });
    expect(statsKeys.caseVersion(caseId)).toEqual({ pk: `CASEVER#${caseId}`, sk: "CASEVER" });
  });

  it("should list the months a period touches, across a year's end", () => {
    expect(monthsOf("2025-11-15", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsOf("2026-03-01", "2026-03-31")).toEqual(["2026-03"]);
  });

  it("should read a day item's counters and its histogram attributes", () => {
    const item = { pk: "DAY#2026-10", sk: "x", unitId: "-", kind: "complaint", day: "2026-10-10", received: 2, open: 1, h3: 2, h40: 0, entity: "day" };
    expect(dayCountersOf(item)).toEqual({ unitId: "-", kind: "complaint", day: "2026-10-10", counts: { received: 2, accepted: 0, resolvedOnTime: 0, resolvedLate: 0, open: 1 }, hist: { 3: 2 } });
  });
});

describe("stream records", () => {
  it("should take a case item's new image, and ignore event and tracking items", () => {
    expect(caseChangeOf(record({ pk: `CASE#${caseId}`, sk: "CASE" }, "1", image))).toEqual({
      caseId, version: 3,
      facet: { caseId, version: 3, status: "in_progress", kind: "petition", unitId: "so-tn-mt", receivedAt: "2026-10-09T17:30:00.000Z", acceptedAt: "2026-10-12T03:00:00.000Z", resolutionDueAt: "2026-11-11T16:59:59.999Z" },
    });
    expect(caseChangeOf(record({ pk: `CASE#${caseId}`, sk: "EVENT#000003" }, "2", { x: { S: "y" } }))).toBeUndefined();
    expect(caseChangeOf(record({ pk: "TRACK#ABC", sk: "TRACK" }, "3", { x: { S: "y" } }))).toBeUndefined();
  });

  it("should count a removed case as nothing, one version after its last", () => {
    expect(caseChangeOf(record({ pk: `CASE#${caseId}`, sk: "CASE" }, "4", undefined, image))).toMatchObject({ caseId, version: 4, facet: undefined });
  });

  it("should count a case record at its version, ignore other items, and throw when the count fails", async () => {
    const asked: number[] = [];
    const sink = {
      apply: async (_id: string, version: number) => {
        if (version === 5) throw new Error("throttled");
        asked.push(version);
        return "skipped" as const;
      },
    };
    const at = (v: number) => record({ pk: `CASE#${caseId}`, sk: "CASE" }, `seq-${v}`, { ...image, version: { N: String(v) } });

    expect(await countCaseChange(record({ pk: "TRACK#A", sk: "TRACK" }, "seq-0", {}), sink)).toBe("ignored");
    expect(await countCaseChange(at(4), sink)).toBe("skipped");
    await expect(countCaseChange(at(5), sink)).rejects.toThrow("throttled");
    expect(asked).toEqual([4]);
  });
});

const row = (key: string, name: string, n: number): ReportRow => ({
  key, name, received: n, accepted: n, resolvedOnTime: n, resolvedLate: 0, openWithinDeadline: 0, openOverdue: 1,
  onTimeRate: n / (n + 1), medianResolutionDays: 12.5, agingBands: { "0-10": 1, "11-30": 0, "31-60": 0, "61-90": 0, "90+": 0 },
});
const report: InspectionReport = {
  from: "2026-01-01", to: "2026-12-31", groupBy: "unit", asOf: "2026-11-28T03:00:00.000Z",
  rows: [row("so-tn-mt", "Sở Tài nguyên và Môi trường", 3), row("ubnd-x", 'UBND xã "Mới", huyện An Phú', 1)],
  totals: row("total", "Tổng cộng", 4),
  oldestOpen: [],
};

describe("report files", () => {
  it("should escape CSV fields by RFC 4180 and keep formulas out", () => {
    expect(["a,b", 'say "hi"', "line\nbreak", "plain", 0.5, null, "=SUM(A1)", "-"].map(csvField)).toEqual(['"a,b"', '"say ""hi"""', '"line\nbreak"', "plain", "0.5", "", "'=SUM(A1)", "-"]);
  });

  it("should start the CSV with a BOM, Vietnamese headers, one line per row and the totals", () => {
    const csv = reportCsv(report);
    const lines = csv.slice(1).split("\r\n");

    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]?.startsWith("Mã đơn vị,Đơn vị,Tiếp nhận,Thụ lý,Giải quyết đúng hạn,")).toBe(true);
    expect(lines[2]).toBe('ubnd-x,"UBND xã ""Mới"", huyện An Phú",1,1,1,0,0,1,0.5,12.5,1,0,0,0,0');
    expect(lines[3]).toBe("total,Tổng cộng,4,4,4,0,0,1,0.8,12.5,1,0,0,0,0");
    expect(lines).toHaveLength(5); // header, two rows, totals, the final empty line
  });

  it("should write a workbook exceljs reads back: Vietnamese headers and the same rows", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(report)) as never);
    const sheet = workbook.getWorksheet("Báo cáo");

    expect(sheet?.getRow(2).getCell(2).value).toBe("Đơn vị");
    expect(sheet?.getRow(2).getCell(9).value).toBe("Tỷ lệ giải quyết đúng hạn");
    expect((sheet?.getRow(4).values as unknown[]).slice(1, 4)).toEqual(["ubnd-x", 'UBND xã "Mới", huyện An Phú', 1]);
    expect(sheet?.getRow(5).getCell(9).value).toBe(0.8);
    expect(sheet?.getColumn(9).numFmt).toBe("0.0%");
    expect(workbook.getWorksheet("Hồ sơ tồn lâu nhất")).toBeDefined();
  });
});
