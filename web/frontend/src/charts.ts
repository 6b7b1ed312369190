// Small hand-made SVG charts: what people would rather look at than read. Every label is a text node.
import { h, s, num } from "./dom";

const PALETTE = ["#3b82f6", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#14b8a6", "#ec4899", "#64748b"];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length];
}

function empty(text: string): HTMLElement {
  return h("p", { class: "empty" }, text);
}

/** Stacked columns: one per x value, one segment per series. */
export function stackedColumns(xs: string[], series: Array<{ name: string; values: number[] }>, unit: string): Element {
  const totals = xs.map((_, i) => series.reduce((a, se) => a + (se.values[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  if (xs.length === 0 || max === 0) return empty(`no ${unit} in this period`);
  const W = 560, H = 200, left = 48, bottom = 24, top = 8;
  const step = (W - left) / xs.length;
  const bar = Math.min(40, step * 0.7);
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": `${unit} per day` });
  for (const t of [0, 0.5, 1]) {
    svg.append(s("line", { x1: left, x2: W, y1: y(max * t), y2: y(max * t), class: "grid" }),
      s("text", { x: left - 6, y: y(max * t) + 4, class: "axis", "text-anchor": "end" }, short(max * t)));
  }
  xs.forEach((x, i) => {
    let base = 0;
    const cx = left + step * i + (step - bar) / 2;
    series.forEach((se, k) => {
      const v = se.values[i] ?? 0;
      if (v <= 0) return;
      svg.append(s("rect", { x: cx, y: y(base + v), width: bar, height: y(base) - y(base + v), fill: color(k) },
        s("title", {}, `${se.name} ${x}: ${num(v)} ${unit}`)));
      base += v;
    });
    svg.append(s("text", { x: cx + bar / 2, y: H - 6, class: "axis", "text-anchor": "middle" }, x.slice(5)));
  });
  return h("figure", {}, svg, legend(series.map((se) => se.name)));
}

/** Horizontal bars, labelled, for counts by name. */
export function hbars(rows: Array<{ label: string; value: number }>, unit: string): Element {
  if (rows.length === 0) return empty(`no ${unit}`);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const W = 560, row = 26, left = 180;
  const svg = s("svg", { viewBox: `0 0 ${W} ${rows.length * row + 4}`, class: "chart", role: "img", "aria-label": unit });
  rows.forEach((r, i) => {
    const w = ((W - left - 60) * r.value) / max;
    svg.append(s("text", { x: left - 8, y: i * row + 18, class: "label", "text-anchor": "end" }, r.label),
      s("rect", { x: left, y: i * row + 5, width: Math.max(1, w), height: row - 10, fill: color(i) }),
      s("text", { x: left + w + 6, y: i * row + 18, class: "value" }, num(r.value)));
  });
  return svg;
}

/** Paired bars per name (p50 and p99 latency, say). */
export function pairedBars(rows: Array<{ label: string; a: number; b: number }>, names: [string, string], unit: string): Element {
  if (rows.length === 0) return empty("no turns in this period");
  const max = Math.max(1, ...rows.flatMap((r) => [r.a, r.b]));
  const W = 560, row = 40, left = 180;
  const svg = s("svg", { viewBox: `0 0 ${W} ${rows.length * row + 4}`, class: "chart", role: "img", "aria-label": names.join(" and ") });
  rows.forEach((r, i) => {
    const y0 = i * row + 4;
    svg.append(s("text", { x: left - 8, y: y0 + 20, class: "label", "text-anchor": "end" }, r.label));
    [r.a, r.b].forEach((v, k) => {
      const w = ((W - left - 80) * v) / max;
      svg.append(s("rect", { x: left, y: y0 + k * 16, width: Math.max(1, w), height: 13, fill: color(k) },
          s("title", {}, `${names[k]}: ${num(v)} ${unit}`)),
        s("text", { x: left + w + 6, y: y0 + k * 16 + 11, class: "value" }, `${num(Math.round(v))} ${unit}`));
    });
  });
  return h("figure", {}, svg, legend(names));
}

/** A meter: how much of a limit is used (an SVG bar, so no inline style is needed under the CSP). */
export function meter(label: string, used: number, limit: number): Element {
  const frac = limit > 0 ? Math.min(1, used / limit) : 0;
  const level = frac >= 0.9 ? "high" : frac >= 0.7 ? "mid" : "low";
  return h("div", { class: "meter" },
    h("div", { class: "meter-label" }, label),
    s("svg", { viewBox: "0 0 100 6", preserveAspectRatio: "none", class: "meter-track" },
      s("rect", { width: 100, height: 6, class: "meter-bg" }),
      s("rect", { width: (100 * frac).toFixed(2), height: 6, class: `meter-fill ${level}` })),
    h("div", { class: "meter-text" }, `${num(used)} of ${num(limit)} used`));
}

function legend(names: string[]): Element {
  return h("figcaption", { class: "legend" }, ...names.map((n, i) =>
    h("span", {}, svgSwatch(i), n)));
}

function svgSwatch(i: number): SVGElement {
  return s("svg", { viewBox: "0 0 10 10", class: "swatch" }, s("rect", { width: 10, height: 10, fill: color(i) }));
}

function short(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return String(Math.round(v));
}
