// GET /inspection/report: the inspection figures per unit or kind over a period, as JSON, CSV or an Excel workbook.
import { z } from "zod";
import { inspectionReportSchema, reportQuerySchema } from "#domain/report.ts";
import { routeRoles } from "#domain/access.ts";
import { jsonType, problem, staffErrors } from "#http/contract.ts";
import { dependencyErrors } from "./common.ts";
import { defineRoute } from "./route.ts";

export const csvType = "text/csv";
export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const InspectionReport = defineRoute({
  name: "InspectionReport",
  method: "GET",
  path: "/inspection/report",
  entry: "functions/inspection-report.ts",
  auth: routeRoles.InspectionReport,
  // The inspection figures from the Stats aggregates, the due-date index and the oldest open cases.
  tables: { stats: "read", cases: "read", reference: "read" },
  summary:
    "The inspection figures per unit or kind over a period (local dates, the current year by default), from the day aggregates: " +
    "received, accepted, resolved on time / late, open within the deadline / overdue, on-time rate = on time / (on time + late + open overdue), " +
    "median days from receipt to resolution, aging bands of open cases, and the 10 oldest open cases without subject or sender. " +
    "format=csv: UTF-8 with a BOM, Vietnamese headers; format=xlsx: an Excel workbook (base64 on the wire); both as attachments with the same rows",
  tags: ["inspection"],
  request: { query: reportQuerySchema },
  responses: {
    200: {
      description: "The report as JSON (format=json), or the same rows as a CSV file or an .xlsx workbook",
      content: {
        [jsonType]: inspectionReportSchema,
        [csvType]: z.string(),
        [xlsxType]: z.string().meta({ format: "binary" }),
      },
      headers: z.object({ "Content-Disposition": z.string().optional().describe('For csv and xlsx: attachment; filename="bao-cao-don-thu_…"') }),
    },
    400: problem(400, "A date, the grouping or the format is invalid, `to` is before `from`, or the period is longer than five years; `errors` names it"),
    ...staffErrors,
    ...dependencyErrors,
  },
});
