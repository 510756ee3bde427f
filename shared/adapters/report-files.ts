// The inspection report as files: CSV (UTF-8 with a byte order mark, so Excel shows Vietnamese) and an
// Excel workbook (exceljs), both with Vietnamese headers and the very rows of the JSON report.
import ExcelJS from "exceljs";
import { figureNames } from "#domain/figures.ts";
import { agingBandNames, type InspectionReport, type ReportRow } from "#domain/report.ts";

interface Column {
  readonly header: string;
  readonly value: (row: ReportRow) => string | number | null;
  /** Excel number format. */
  readonly format?: string;
  readonly width: number;
}

const bandHeaders: Record<(typeof agingBandNames)[number], string> = {
  "0-10": "Tồn 0–10 ngày",
  "11-30": "Tồn 11–30 ngày",
  "31-60": "Tồn 31–60 ngày",
  "61-90": "Tồn 61–90 ngày",
  "90+": "Tồn trên 90 ngày",
};

/** The columns, in order; the key's and the name's headers depend on the grouping. */
export function reportColumns(groupBy: InspectionReport["groupBy"]): Column[] {
  return [
    { header: groupBy === "unit" ? "Mã đơn vị" : "Mã loại đơn", value: (r) => r.key, width: 18 },
    { header: groupBy === "unit" ? "Đơn vị" : "Loại đơn", value: (r) => r.name, width: 36 },
    // The figures' names are the pages' (figures.ts): a reader finds the same words in the file and on screen.
    { header: figureNames.received.vi, value: (r) => r.received, width: 11 },
    { header: figureNames.accepted.vi, value: (r) => r.accepted, width: 10 },
    { header: figureNames.resolvedOnTime.vi, value: (r) => r.resolvedOnTime, width: 14 },
    { header: figureNames.resolvedLate.vi, value: (r) => r.resolvedLate, width: 14 },
    { header: figureNames.openWithinDeadline.vi, value: (r) => r.openWithinDeadline, width: 16 },
    { header: figureNames.openOverdue.vi, value: (r) => r.openOverdue, width: 16 },
    { header: figureNames.onTimeRate.vi, value: (r) => r.onTimeRate, format: "0.0%", width: 14 },
    { header: figureNames.medianResolutionDays.vi, value: (r) => r.medianResolutionDays, format: "0.0", width: 16 },
    ...agingBandNames.map((b): Column => ({ header: bandHeaders[b], value: (r) => r.agingBands[b], width: 12 })),
  ];
}

const BOM = "\uFEFF";

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled; empty for null. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // A text starting with =, +, @ or - and more would make a spreadsheet evaluate a unit's name as a formula.
  const safe = typeof value === "string" && /^([=+@]|-.)/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: InspectionReport): string {
  const columns = reportColumns(report.groupBy);
  const lines = [columns.map((c) => csvField(c.header)), ...[...report.rows, report.totals].map((row) => columns.map((c) => csvField(c.value(row))))];
  return BOM + lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

export async function reportXlsx(report: InspectionReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "don-thu";
  const sheet = workbook.addWorksheet("Báo cáo", { views: [{ state: "frozen", ySplit: 2 }] });
  const columns = reportColumns(report.groupBy);
  sheet.addRow([`Báo cáo tình hình tiếp nhận, giải quyết đơn thư từ ${report.from} đến ${report.to}`]);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of report.rows) sheet.addRow(columns.map((c) => c.value(row)));
  sheet.addRow(columns.map((c) => c.value(report.totals))).font = { bold: true };
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.width;
    if (c.format) col.numFmt = c.format;
  });

  const oldest = workbook.addWorksheet("Hồ sơ tồn lâu nhất");
  oldest.addRow(["Mã hồ sơ", "Loại đơn", "Đơn vị", "Trạng thái", "Ngày tiếp nhận", "Số ngày tồn", "Hạn hiện tại", "Số ngày quá hạn"]).font = { bold: true };
  for (const c of report.oldestOpen) {
    oldest.addRow([c.trackingCode, c.kind, c.unitId ?? "", c.status, c.receivedAt, c.daysOpen, c.currentDeadline?.dueDate ?? "", c.daysOverdue]);
  }
  oldest.columns.forEach((col) => (col.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
