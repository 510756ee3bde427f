// GET /inspection/report: the inspection figures per unit or kind over a period, as JSON, CSV or an Excel workbook.
import { reportDeps } from "#adapters/context.ts";
import { reportCsv, reportXlsx } from "#adapters/report-files.ts";
import { inspectionReport } from "#domain/report.ts";
import { routeHandler } from "#http/handler.ts";
import { csvType, InspectionReport, xlsxType } from "#routes/inspection-report.ts";

export const handler = routeHandler(InspectionReport, async ({ query }) => {
  const report = await inspectionReport(query, await reportDeps());
  const filename = `bao-cao-don-thu_${report.groupBy === "unit" ? "theo-don-vi" : "theo-loai"}_${report.from}_${report.to}`;
  switch (query.format) {
    case "json":
      return { status: 200, body: report };
    case "csv":
      return { status: 200, file: { type: csvType, filename: `${filename}.csv`, data: reportCsv(report) } };
    case "xlsx":
      return { status: 200, file: { type: xlsxType, filename: `${filename}.xlsx`, data: await reportXlsx(report) } };
  }
});
