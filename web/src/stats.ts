// The public statistics page (served at /thong-ke; the API is GET /stats): a year's figures per unit as
// an accessible table and a simple bar chart (inline SVG with a text alternative). Counts only.
import type { Answer } from "#http/contract.ts";
import type { PublicStats } from "#routes/public-stats.ts";
import { initI18n, lang, onLangChange, t } from "./i18n/index.ts";
import { byId, el } from "./lib/dom.ts";

type Stats = Answer<typeof PublicStats, 200>;

const form = byId<HTMLFormElement>("year-form");
const yearInput = byId<HTMLInputElement>("year");
const status = byId("status");
const result = byId("result");
let shown: Stats | null = null;

const number = (n: number) => new Intl.NumberFormat(lang() === "vi" ? "vi-VN" : "en-GB").format(n);
const percent = (r: number | null) =>
  r === null ? t("stats.noRate") : new Intl.NumberFormat(lang() === "vi" ? "vi-VN" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(r);

const SVG = "http://www.w3.org/2000/svg";
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Two bars per unit (received, resolved); the figure's caption and the table say the same in words. */
function chart(stats: Stats): Node[] {
  const rows = stats.units;
  const max = Math.max(1, ...rows.map((r) => r.received));
  const barH = 14;
  const rowH = barH * 2 + 16;
  const label = 220;
  const width = 640;
  const scale = (n: number) => ((width - label - 60) * n) / max;
  const title = t("stats.chartTitle", { year: String(stats.year) });
  const root = svg("svg", { viewBox: `0 0 ${width} ${rows.length * rowH + 10}`, role: "img", "aria-labelledby": "chart-title chart-desc", width: "100%" });
  root.append(svg("title", { id: "chart-title" }, title), svg("desc", { id: "chart-desc" }, rows.map((r) => t("stats.chartSummary", { unit: r.name, received: number(r.received), resolved: number(r.resolved) })).join(" ")));
  rows.forEach((r, i) => {
    const y = i * rowH + 5;
    root.append(svg("text", { x: 0, y: y + barH + 4, "font-size": 12 }, r.name.length > 32 ? `${r.name.slice(0, 31)}…` : r.name));
    root.append(svg("rect", { x: label, y, width: scale(r.received), height: barH, fill: "#1d4f91" }));
    root.append(svg("text", { x: label + scale(r.received) + 4, y: y + barH - 2, "font-size": 11 }, number(r.received)));
    root.append(svg("rect", { x: label, y: y + barH + 2, width: scale(r.resolved), height: barH, fill: "#2e7d32" }));
    root.append(svg("text", { x: label + scale(r.resolved) + 4, y: y + 2 * barH, "font-size": 11 }, number(r.resolved)));
  });
  return [root, el("figcaption", {}, `${title}. ${t("stats.received")} / ${t("stats.resolved")}.`)];
}

function render(): void {
  if (!shown) return;
  const stats = shown;
  result.hidden = stats.units.length === 0;
  status.textContent = stats.units.length === 0 ? t("stats.empty") : "";
  byId("caption").textContent = t("stats.caption", { year: String(stats.year) });
  byId("chart").replaceChildren(...chart(stats));
  // The figures the on-time rate is made of stand beside it, so a reader can check it by hand.
  const cells = (r: Stats["totals"]) =>
    [number(r.received), number(r.resolvedOnTime), number(r.resolvedLate), number(r.openOverdue), percent(r.onTimeRate)].map((v) => el("td", {}, v));
  byId("rows").replaceChildren(...stats.units.map((r) => el("tr", {}, el("th", { scope: "row" }, r.name), ...cells(r))));
  byId("totals").replaceChildren(el("tr", {}, el("th", { scope: "row" }, t("stats.total")), ...cells(stats.totals)));
}

async function load(year: number): Promise<void> {
  status.textContent = t("stats.loading");
  try {
    const res = await fetch(`/stats?year=${year}`, { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(String(res.status));
    shown = (await res.json()) as Stats;
    status.textContent = "";
    render();
  } catch {
    shown = null;
    result.hidden = true;
    status.textContent = t("stats.error");
  }
}

initI18n();
const requested = Number(new URLSearchParams(location.search).get("year"));
const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : new Date().getFullYear();
yearInput.value = String(year);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const chosen = Number(yearInput.value);
  if (!Number.isInteger(chosen) || chosen < 2000 || chosen > 2100) return yearInput.focus();
  history.replaceState(null, "", `?year=${chosen}`);
  void load(chosen);
});
onLangChange(render);
void load(year);
