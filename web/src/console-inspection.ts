// The inspection dashboard (served at /console-inspection): the overdue register, most overdue first,
// with its filters and "Xem thêm"; the period report with its figures, charts and table; the CSV and
// Excel downloads. Filters and period live in the URL, so a view can be shared or reloaded.
import { lang, onLangChange, t } from "./i18n/index.ts";
import { byId, el } from "./lib/dom.ts";
import { formatInstant, formatLocalDate } from "./lib/format.ts";
import { listUnits } from "./console/api.ts";
import { downloadReport, inspectionReport, overdueRegister, type InspectionReport, type OverdueEntry, type OverdueQuery, type ReportQuery, type ReportRow } from "./console/inspection-api.ts";
import { columnChart, rateChart } from "./console/inspection-charts.ts";
import { agingBands, figuresTable, formatRate, oldestItem, overdueItem, reading, summaryFigures } from "./console/inspection-view.ts";
import { todayInVietnam } from "./console/view.ts";
import { alertBox, problemKey, startStaffPage } from "./console/shell.ts";

startStaffPage();
const alert = alertBox("alert");

const oForm = byId<HTMLFormElement>("overdue-filters");
const oUnit = byId<HTMLSelectElement>("o-unit");
const oKind = byId<HTMLSelectElement>("o-kind");
const oProlonged = byId<HTMLInputElement>("o-prolonged");
const oList = byId<HTMLOListElement>("overdue-list");
const oMore = byId<HTMLButtonElement>("o-more");
const oCount = byId("o-count");

const rForm = byId<HTMLFormElement>("report-form");
const rFrom = byId<HTMLInputElement>("r-from");
const rTo = byId<HTMLInputElement>("r-to");
const rGroup = byId<HTMLSelectElement>("r-group");
const rError = byId("r-error");
const rStatus = byId("r-status");
const rBody = byId("report-body");
const dlStatus = byId("dl-status");

const units = new Map<string, string>();
let items: OverdueEntry[] = [];
let nextCursor: string | undefined;
let loadingOverdue = false;
let report: InspectionReport | null = null;
let reportState: "loading" | "ready" | "unavailable" | "failed" = "loading";
let download: { state: "busy" } | { state: "done"; file: string } | null = null;
let forbidden = false;

// ---- the URL ----

const params = () => new URLSearchParams(location.search);
const thisYear = todayInVietnam().slice(0, 4);

function overdueQuery(): OverdueQuery {
  const p = params();
  return { unitId: p.get("unitId") ?? "", kind: p.get("kind") ?? "", ...(p.get("prolonged") === "1" && { flag: "prolonged" as const }) };
}

function reportQuery(): ReportQuery {
  const p = params();
  const date = (name: string, fallback: string) => (/^\d{4}-\d{2}-\d{2}$/.test(p.get(name) ?? "") ? p.get(name)! : fallback);
  return { from: date("from", `${thisYear}-01-01`), to: date("to", `${thisYear}-12-31`), groupBy: p.get("groupBy") === "kind" ? "kind" : "unit" };
}

function writeUrl(): void {
  const p = new URLSearchParams();
  const o = overdueQuery();
  const r = reportQuery();
  const set = (k: string, v: string | undefined): void => {
    if (v) p.set(k, v);
  };
  set("unitId", oUnit.value || (o.unitId ?? ""));
  set("kind", oKind.value);
  if (oProlonged.checked) p.set("prolonged", "1");
  set("from", rFrom.value || r.from);
  set("to", rTo.value || r.to);
  set("groupBy", rGroup.value);
  history.replaceState(null, "", `?${p.toString()}`);
}

// ---- the overdue register ----

function fillUnitOptions(): void {
  const chosen = oUnit.value || (overdueQuery().unitId ?? "");
  const known = new Map(units);
  if (chosen && !known.has(chosen)) known.set(chosen, chosen);
  const options = [...known.entries()].sort(([, a], [, b]) => a.localeCompare(b, "vi")).map(([id, name]) => el("option", { value: id }, name === id ? id : `${name} (${id})`));
  oUnit.replaceChildren(el("option", { value: "" }, t("insp.allUnits")), ...options);
  oUnit.value = chosen;
}

function renderOverdue(): void {
  oList.replaceChildren(...items.map((c) => overdueItem(c, units)));
  oMore.hidden = !nextCursor || forbidden;
  oMore.disabled = loadingOverdue;
  oMore.firstElementChild!.textContent = t(loadingOverdue ? "queue.loading" : "queue.more");
  oCount.textContent = forbidden
    ? ""
    : loadingOverdue && items.length === 0
      ? t("queue.loading")
      : items.length === 0
        ? t("insp.o.empty")
        : t(nextCursor ? "insp.o.countMore" : "insp.o.count", { count: String(items.length) });
}

function showForbidden(): void {
  forbidden = true;
  for (const id of ["overdue", "report"]) byId(id).hidden = true;
  alert.show("insp.forbidden");
}

async function loadOverdue(append: boolean): Promise<void> {
  if (loadingOverdue || forbidden) return;
  loadingOverdue = true;
  if (!append) {
    items = [];
    nextCursor = undefined;
  }
  renderOverdue();
  const before = items.length;
  const result = await overdueRegister({ ...overdueQuery(), ...(append && nextCursor ? { cursor: nextCursor } : {}) });
  loadingOverdue = false;
  if (result.ok) {
    items = [...items, ...result.value.items];
    nextCursor = result.value.nextCursor;
    renderOverdue();
    if (append) (oList.children[before] as HTMLElement | undefined)?.focus();
    return;
  }
  renderOverdue();
  if (result.problem?.status === 403) return showForbidden();
  alert.show(problemKey(result.problem), {}, result.problem?.status === 400 ? result.problem.errors?.map((e) => `${e.path}: ${e.message}`).join("; ") : undefined);
}

// ---- the report ----

const nameOf = (groupBy: "unit" | "kind") => (row: ReportRow): string =>
  row.key === "total" ? t("insp.total") : groupBy === "kind" ? t(`kind.${row.key}` as "kind.complaint") : row.key === "-" ? t("insp.o.noUnit") : (units.get(row.key) ?? row.name);

function renderReport(): void {
  rStatus.textContent =
    reportState === "loading" ? t("insp.r.loading") : reportState === "unavailable" ? t("insp.r.unavailable") : "";
  rBody.hidden = !(reportState === "ready" && report);
  dlStatus.textContent = !download ? "" : download.state === "busy" ? t("insp.download.busy") : t("insp.download.done", { file: download.file });
  if (!report || reportState !== "ready") return;
  const r = report;
  const name = nameOf(r.groupBy);
  const language = lang();
  byId("r-period").textContent = t("insp.r.period", { from: formatLocalDate(r.from, language), to: formatLocalDate(r.to, language), asOf: formatInstant(r.asOf, language) });
  byId("summary").replaceChildren(...summaryFigures(r.totals));
  byId("r-reading").textContent = reading(r.totals);

  const rateTitle = t(r.groupBy === "unit" ? "insp.rate.unit" : "insp.rate.kind");
  byId("rate-title").textContent = rateTitle;
  const bars = [...r.rows, r.totals].map((row) => ({ label: name(row), rate: row.onTimeRate, valueText: formatRate(row.onTimeRate) }));
  const rateLabel = `${rateTitle}: ${bars.map((b) => `${b.label} ${b.valueText}`).join("; ")}.`;
  byId("rate-chart").replaceChildren(rateChart(bars, rateLabel), el("p", { className: "hint" }, t("figure.onTimeRateDefinition")));

  const columns = agingBands.map((b) => ({ label: t(`insp.band.${b}`), value: r.totals.agingBands[b] }));
  const agingLabel = `${t("insp.aging.title")}: ${columns.map((c) => `${c.label}: ${c.value}`).join("; ")}.`;
  byId("aging-chart").replaceChildren(columnChart(columns, agingLabel));

  byId("table-title").textContent = t(r.groupBy === "unit" ? "insp.table.unit" : "insp.table.kind");
  const table = byId<HTMLTableElement>("r-table");
  table.setAttribute("aria-labelledby", "table-title");
  figuresTable(table, r.rows, r.totals, name, t(r.groupBy === "unit" ? "insp.groupBy.unit" : "insp.groupBy.kind"));

  const oldest = byId<HTMLOListElement>("oldest");
  oldest.replaceChildren(...(r.oldestOpen.length ? r.oldestOpen.map((c) => oldestItem(c, units)) : [el("li", {}, t("insp.oldest.empty"))]));
}

function periodValid(): boolean {
  const ok = Boolean(rFrom.value && rTo.value && rTo.value >= rFrom.value);
  rError.hidden = ok;
  rError.textContent = ok ? "" : t("insp.err.period");
  for (const input of [rFrom, rTo]) {
    if (ok) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
    if (ok) input.removeAttribute("aria-describedby");
    else input.setAttribute("aria-describedby", "r-error");
  }
  return ok;
}

async function loadReport(): Promise<void> {
  if (forbidden) return;
  reportState = "loading";
  renderReport();
  const result = await inspectionReport(reportQuery());
  if (result.ok) {
    report = result.value;
    reportState = "ready";
    if (report.groupBy === "unit") {
      const before = units.size;
      for (const row of report.rows) if (row.key !== "-" && !units.has(row.key)) units.set(row.key, row.name);
      if (units.size !== before) {
        fillUnitOptions();
        renderOverdue();
      }
    }
    return renderReport();
  }
  if (result.problem?.status === 403) return showForbidden();
  reportState = result.problem?.status === 404 ? "unavailable" : "failed";
  renderReport();
  if (result.problem?.status === 400) {
    rError.hidden = false;
    rError.textContent = [t("insp.err.badPeriod"), ...(result.problem.errors?.map((e) => `${e.path}: ${e.message}`) ?? [])].join(" ");
  } else if (reportState === "failed") alert.show(problemKey(result.problem));
}

async function save(format: "csv" | "xlsx"): Promise<void> {
  if (!periodValid()) return rFrom.focus();
  download = { state: "busy" };
  renderReport();
  const result = await downloadReport({ from: rFrom.value, to: rTo.value, groupBy: rGroup.value === "kind" ? "kind" : "unit" }, format);
  if (result.ok) download = { state: "done", file: result.value.filename };
  else download = null;
  renderReport();
  if (result.ok) return;
  if (result.problem?.status === 404) dlStatus.textContent = t("insp.r.unavailable");
  else if (result.problem?.status === 403) showForbidden();
  else alert.show(problemKey(result.problem));
}

// ---- wiring ----

oForm.addEventListener("submit", (event) => {
  event.preventDefault();
  alert.clear();
  writeUrl();
  void loadOverdue(false).then(() => byId("overdue-title").focus());
});
oMore.addEventListener("click", () => void loadOverdue(true));

rForm.addEventListener("submit", (event) => {
  event.preventDefault();
  alert.clear();
  if (!periodValid()) return rFrom.focus();
  writeUrl();
  void loadReport().then(() => byId("report-title").focus());
});
byId("dl-csv").addEventListener("click", () => void save("csv"));
byId("dl-xlsx").addEventListener("click", () => void save("xlsx"));

onLangChange(() => {
  fillUnitOptions();
  renderOverdue();
  if (!rError.hidden) periodValid();
  renderReport();
});

const start = reportQuery();
rFrom.value = start.from;
rTo.value = start.to;
rGroup.value = start.groupBy;
oKind.value = overdueQuery().kind ?? "";
oProlonged.checked = overdueQuery().flag === "prolonged";
fillUnitOptions();
void loadOverdue(false);
void loadReport();
void listUnits().then((found) => {
  for (const u of found) units.set(u.unitId, u.name);
  fillUnitOptions();
  renderOverdue();
  renderReport();
});
