// The dashboard's two charts as inline SVG: on-time rate per row (horizontal bars) and open cases by
// aging band (columns). Each is role="img" with a label that says every figure; the page puts a table
// of the same figures next to it. Widths are percentages of the SVG's own width, so the text keeps
// its size and the chart fits a 360 px phone and a desktop alike.

const svgNs = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface RateBar {
  readonly label: string;
  /** 0–1, or null when there is nothing to rate. */
  readonly rate: number | null;
  /** The value as written next to the bar ("80 %", "không có số liệu"). */
  readonly valueText: string;
}

/** One bar per row under its label, a track for the whole 100 %, and ticks at 50 % and 100 %. */
export function rateChart(bars: readonly RateBar[], label: string): SVGSVGElement {
  const rowHeight = 46;
  const top = 4;
  const height = top + bars.length * rowHeight + 20;
  const root = svg("svg", { class: "chart chart-rate", width: "100%", height, role: "img", "aria-label": label, focusable: "false" });
  root.append(svg("title", {}, label));
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    root.append(svg("text", { x: 0, y: y + 15, class: "chart-label" }, bar.label));
    root.append(svg("text", { x: "100%", y: y + 15, "text-anchor": "end", class: "chart-value" }, bar.valueText));
    root.append(svg("rect", { x: 0, y: y + 22, width: "100%", height: 16, class: "chart-track" }));
    if (bar.rate !== null && bar.rate > 0) root.append(svg("rect", { x: 0, y: y + 22, width: `${(bar.rate * 100).toFixed(2)}%`, height: 16, class: "chart-bar" }));
  });
  const axisY = top + bars.length * rowHeight;
  for (const [x, text, anchor] of [["0", "0 %", "start"], ["50%", "50 %", "middle"], ["100%", "100 %", "end"]] as const) {
    root.append(svg("line", { x1: x, x2: x, y1: top + 20, y2: axisY, class: "chart-tick" }));
    root.append(svg("text", { x, y: axisY + 15, "text-anchor": anchor, class: "chart-axis" }, text));
  }
  return root;
}

export interface Column {
  readonly label: string;
  readonly value: number;
}

/** Columns of counts (the aging bands), the count above each column and its band below. */
export function columnChart(columns: readonly Column[], label: string): SVGSVGElement {
  const plot = 150;
  const top = 22;
  const height = top + plot + 26;
  const max = Math.max(1, ...columns.map((c) => c.value));
  const slot = 100 / Math.max(1, columns.length);
  const root = svg("svg", { class: "chart chart-columns", width: "100%", height, role: "img", "aria-label": label, focusable: "false" });
  root.append(svg("title", {}, label));
  root.append(svg("line", { x1: 0, x2: "100%", y1: top + plot, y2: top + plot, class: "chart-baseline" }));
  columns.forEach((c, i) => {
    const h = Math.round((c.value / max) * plot);
    const center = `${(slot * i + slot / 2).toFixed(2)}%`;
    if (h > 0) root.append(svg("rect", { x: `${(slot * i + slot * 0.15).toFixed(2)}%`, y: top + plot - h, width: `${(slot * 0.7).toFixed(2)}%`, height: h, class: "chart-bar" }));
    root.append(svg("text", { x: center, y: top + plot - h - 6, "text-anchor": "middle", class: "chart-value" }, String(c.value)));
    root.append(svg("text", { x: center, y: top + plot + 18, "text-anchor": "middle", class: "chart-label" }, c.label));
  });
  return root;
}
