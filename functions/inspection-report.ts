// GET /inspection/report: the inspection figures per unit or kind over a period, as JSON, CSV or an Excel workbook.
import { reportDeps } from "#adapters/context.ts";
import { reportCsv, reportXlsx } from "#adapters/report-files.ts";
import { inspectionReport, reportQuerySchema } from "#domain/report.ts";
import { staffHandler } from "#http/auth.ts";
import { parse } from "#http/request.ts";
import { json } from "#http/response.ts";

const attachment = (contentType: string, filename: string) => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${filename}"`,
  "cache-control": "no-store",
});

export const handler = staffHandler("InspectionReport", async (event) => {
  const query = parse(reportQuerySchema, event.queryStringParameters ?? {});
  const report = await inspectionReport(query, await reportDeps());
  const filename = `bao-cao-don-thu_${report.groupBy === "unit" ? "theo-don-vi" : "theo-loai"}_${report.from}_${report.to}`;
  switch (query.format) {
    case "json":
      return json(200, report);
    case "csv":
      return { statusCode: 200, headers: attachment("text/csv; charset=utf-8", `${filename}.csv`), body: reportCsv(report) };
    case "xlsx":
      return {
        statusCode: 200,
        headers: attachment("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `${filename}.xlsx`),
        body: (await reportXlsx(report)).toString("base64"),
        isBase64Encoded: true,
      };
  }
});
