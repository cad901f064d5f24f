/**
 * The preview's picture of a chart (SheetLayout.charts): an inline SVG drawn from the same data
 * block Excel's chart reads. Numeric x values (speeds, periods) sit on a true numeric axis, so 80%
 * falls between 0% and 100% where it belongs and a single speed is a visible marker; text x
 * values are evenly spaced categories. No charting library: a few lines of SVG are enough.
 */
import { type Block, type CellValue, type ChartSpec, formatCell } from './cells';
import { escapeHtml } from './escapeHtml';

export interface ChartData {
  /** x values: numbers on a numeric axis, or category labels. */
  readonly xs: readonly (number | string)[];
  readonly numeric: boolean;
  readonly series: readonly { readonly name: string; readonly ys: readonly (number | null)[] }[];
}

const num = (v: CellValue): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The chart's series from its data block, read as Excel reads it (empty top-left cell; see ChartSpec.seriesBy). */
export function chartData(spec: ChartSpec, data: Block): ChartData {
  const [header, ...rows] = data.values;
  const label = (v: CellValue, format: string) => (typeof v === 'number' ? formatCell(v, format) : String(v ?? ''));
  let xCells: CellValue[];
  let xFormats: string[];
  let series: { name: string; ys: (number | null)[] }[];
  if (spec.seriesBy === 'rows') {
    xCells = header.slice(1);
    xFormats = data.formats[0].slice(1);
    series = rows.map((r) => ({ name: String(r[0] ?? ''), ys: r.slice(1).map(num) }));
  } else {
    xCells = rows.map((r) => r[0]);
    xFormats = data.formats.slice(1).map((f) => f[0]);
    series = header.slice(1).map((name, j) => ({ name: String(name ?? ''), ys: rows.map((r) => num(r[j + 1])) }));
  }
  const numeric = xCells.length > 0 && xCells.every((v) => num(v) !== null);
  return { xs: numeric ? xCells.map((v) => v as number) : xCells.map((v, i) => label(v, xFormats[i])), numeric, series };
}

/** Round tick steps: 1, 2 or 5 × 10^k, about `count` of them over the span. */
function ticks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const rough = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= rough) ?? rough;
  // From a round step at or below the minimum to one at or above the maximum: the data stays inside.
  const first = Math.floor(min / step + 1e-9);
  const last = Math.max(first + 1, Math.ceil(max / step - 1e-9));
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** Axis labels: millions as '250M', thousands as '40K', else the number. */
function tickText(v: number, max: number): string {
  if (Math.abs(max) >= 1e6) return `${Number((v / 1e6).toPrecision(6))}M`;
  if (Math.abs(max) >= 1e4) return `${Number((v / 1e3).toPrecision(6))}K`;
  return String(Number(v.toPrecision(6)));
}

const PALETTE = ['#1f6fb2', '#d9822b', '#2e9e5b', '#b8403a', '#7a5bb5', '#8c6d31', '#d36fb0', '#6b6b6b', '#17a2b8', '#a0a32a', '#3b3b98', '#e0525f'];

/** The chart as SVG markup. */
export function chartSvg(spec: ChartSpec, data: Block): string {
  const { xs, numeric, series } = chartData(spec, data);
  const W = 560;
  const H = 300;
  const left = 64;
  const right = 130;
  const top = 28;
  const bottom = 46;
  const ys = series.flatMap((s) => s.ys.filter((y): y is number => y !== null));
  const yTicks = ticks(Math.min(0, ...ys), Math.max(0, ...ys, 1e-9), 4);
  const yMin = yTicks[0];
  const yMax = yTicks[yTicks.length - 1] > yMin ? yTicks[yTicks.length - 1] : yMin + 1;
  const y = (v: number) => top + (H - top - bottom) * (1 - (v - yMin) / (yMax - yMin));
  let x: (k: number) => number;
  let xTicks: { at: number; text: string }[];
  if (numeric) {
    const values = xs as number[];
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (lo === hi) {
      // One x value: a true axis around it, the point in the middle.
      const pad = Math.abs(lo) > 0 ? Math.abs(lo) / 2 : 1;
      lo -= pad;
      hi += pad;
    }
    const t = ticks(lo, hi, 6).filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9);
    const sx = (v: number) => left + ((v - lo) * (W - left - right)) / (hi - lo);
    x = (k) => sx(values[k]);
    const format = data.formats[0]?.[1] ?? 'General';
    xTicks = t.map((v) => ({ at: sx(v), text: spec.seriesBy === 'rows' ? formatCell(v, format) : String(v) }));
  } else {
    const n = xs.length;
    x = (k) => left + (n <= 1 ? (W - left - right) / 2 : (k * (W - left - right)) / (n - 1));
    const every = Math.max(1, Math.ceil(n / 8));
    xTicks = xs.map((text, k) => ({ at: x(k), text: String(text) })).filter((_, k) => k % every === 0);
  }
  const markers = spec.type === 'xyScatter' || xs.length <= 1;
  const out: string[] = [
    `<svg class="chart" role="img" data-chart="${escapeHtml(spec.name)}" data-x-axis="${numeric ? 'numeric' : 'category'}" aria-label="${escapeHtml(spec.title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">`,
    `<text x="${W / 2}" y="16" text-anchor="middle" class="chart-title">${escapeHtml(spec.title)}</text>`,
    `<line x1="${left}" y1="${y(yMin)}" x2="${W - right}" y2="${y(yMin)}" class="axis"/><line x1="${left}" y1="${top}" x2="${left}" y2="${y(yMin)}" class="axis"/>`,
  ];
  for (const v of yTicks) out.push(`<text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(tickText(v, yMax))}</text>`);
  for (const t of xTicks) out.push(`<text x="${t.at.toFixed(1)}" y="${(y(yMin) + 14).toFixed(1)}" text-anchor="middle" class="tick">${escapeHtml(t.text)}</text>`);
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 8}" text-anchor="middle" class="tick">${escapeHtml(spec.xTitle)}</text>`);
  out.push(`<text transform="translate(12 ${(top + H - bottom) / 2}) rotate(-90)" text-anchor="middle" class="tick">${escapeHtml(spec.yTitle)}</text>`);
  series.forEach((s, n) => {
    const color = PALETTE[n % PALETTE.length];
    const points = s.ys.flatMap((v, k) => (v === null ? [] : [{ k, v }]));
    out.push(`<g class="series" data-series="${escapeHtml(s.name)}">`);
    if (points.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${x(p.k).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}"/>`);
    if (markers) for (const p of points) out.push(`<circle cx="${x(p.k).toFixed(2)}" cy="${y(p.v).toFixed(2)}" r="3" fill="${color}" data-x="${escapeHtml(String(xs[p.k]))}" data-y="${p.v}"/>`);
    out.push('</g>');
    out.push(`<text x="${W - right + 8}" y="${top + 12 * n + 8}" class="legend" fill="${color}">${escapeHtml(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
