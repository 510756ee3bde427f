// The inspection API as the dashboard uses it: the overdue register, the report as JSON, and the report
// as a CSV or Excel file fetched with the Bearer token (a plain link cannot carry it) and saved as a blob.
import type { Answer } from "#http/contract.ts";
import type { InspectionOverdue } from "#routes/inspection-overdue.ts";
import type { InspectionReport as InspectionReportRoute } from "#routes/inspection-report.ts";
import { call, problemOf, staffFetch, type Result } from "./api.ts";

export type OverdueRegister = Answer<typeof InspectionOverdue, 200>;
export type OverdueEntry = OverdueRegister["items"][number];
export type InspectionReport = Answer<typeof InspectionReportRoute, 200>;
export type ReportRow = InspectionReport["rows"][number];
export type OldestOpen = InspectionReport["oldestOpen"][number];

export interface OverdueQuery {
  readonly unitId?: string;
  readonly kind?: string;
  readonly flag?: "prolonged";
  readonly cursor?: string;
}

export interface ReportQuery {
  readonly from: string;
  readonly to: string;
  readonly groupBy: "unit" | "kind";
}

const queryString = (query: object): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
};

export const overdueRegister = (query: OverdueQuery): Promise<Result<OverdueRegister>> => call(`/inspection/overdue?${queryString(query)}`);

export const inspectionReport = (query: ReportQuery): Promise<Result<InspectionReport>> => call(`/inspection/report?${queryString({ ...query, format: "json" })}`);

/** The file name a Content-Disposition header gives (RFC 6266: `filename*` in UTF-8 wins over `filename`). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2];
  // Only a bare name: a path in it would be the server's mistake, not a place to write to.
  return name ? (name.split(/[/\\]/).pop() ?? fallback) : fallback;
}

/** Fetches the report as CSV or xlsx and hands it to the browser's download, named as the server says. */
export async function downloadReport(query: ReportQuery, format: "csv" | "xlsx"): Promise<Result<{ filename: string; bytes: number }>> {
  const accept = format === "csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const response = await staffFetch(`/inspection/report?${queryString({ ...query, format })}`, { headers: { Accept: `${accept}, application/problem+json` } });
  if (!response) return { ok: false, network: true };
  if (!response.ok) return { ok: false, problem: await problemOf(response) };
  const blob = await response.blob();
  const filename = filenameOf(response.headers.get("content-disposition"), `bao-cao_${query.from}_${query.to}.${format}`);
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns: let it go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, value: { filename, bytes: blob.size } };
}
