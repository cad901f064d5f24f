/**
 * The standalone preview's picture of a sheet: the layout drawn as a small spreadsheet (column
 * letters, row numbers, every block at its address, formatted as Excel would show it), and the
 * chart as an inline SVG. Each cell carries its unformatted value in `data-value` (JSON), so
 * tests and curious users can see exactly what would be written.
 */
import { type Block, type CellValue, type ChartSpec, columnLetter, formatCell, type SheetLayout } from './cells';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

interface Placed {
  readonly block: Block;
  readonly i: number;
  readonly j: number;
}

function cellClass(block: Block, i: number, j: number, value: CellValue): string {
  const classes = [`role-${block.role}`];
  if (block.table && i === 0) classes.push('table-header');
  else if (block.table) classes.push(i % 2 === 0 ? 'band-even' : 'band-odd');
  if ((block.bold?.firstRow && i === 0) || (block.bold?.firstColumn && j === 0)) classes.push('bold');
  if (typeof value === 'number') classes.push('num');
  if (block.formulas?.[i]?.[j]) classes.push('formula');
  return classes.join(' ');
}

/** The sheet as an HTML string (a table with Excel-like row and column headings). */
export function sheetHtml(layout: SheetLayout): string {
  let rows = 0;
  let cols = 0;
  const at = new Map<number, Placed>();
  for (const block of layout.blocks) {
    block.values.forEach((row, i) =>
      row.forEach((_, j) => {
        const r = block.row + i;
        const c = block.col + j;
        at.set(r * 16384 + c, { block, i, j });
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }),
    );
  }
  const out: string[] = [];
  out.push('<table class="sheet-grid"><thead><tr><th class="corner"></th>');
  for (let c = 0; c < cols; c++) out.push(`<th>${columnLetter(c)}</th>`);
  out.push('</tr></thead><tbody>');
  for (let r = 0; r < rows; r++) {
    out.push(`<tr><th>${r + 1}</th>`);
    for (let c = 0; c < cols; c++) {
      const p = at.get(r * 16384 + c);
      if (!p) {
        out.push('<td></td>');
        continue;
      }
      const { block, i, j } = p;
      const value = block.values[i][j];
      const format = block.formats[i][j];
      const formula = block.formulas?.[i]?.[j];
      const title = formula ? ` title="${escapeHtml(formula)}"` : '';
      const text = value === null && formula ? '…' : formatCell(value, format);
      // Titles and header text spill over an empty right neighbour, as Excel shows them.
      const right = at.get(r * 16384 + c + 1);
      const spill = (block.role === 'title' || block.role === 'header') && typeof value === 'string' && (!right || right.block.values[right.i][right.j] === null);
      out.push(
        `<td class="${cellClass(block, i, j, value)}${spill ? ' spill' : ''}" data-block="${escapeHtml(block.id)}" data-i="${i}" data-j="${j}" data-value="${escapeHtml(JSON.stringify(value))}" data-format="${escapeHtml(format)}"${title}>${spill ? `<span>${escapeHtml(text)}</span>` : escapeHtml(text)}</td>`,
      );
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('');
}

const PALETTE = ['#1f6fb2', '#d9822b', '#2e9e5b', '#b8403a', '#7a5bb5', '#8c6d31', '#d36fb0', '#6b6b6b', '#17a2b8', '#a0a32a', '#3b3b98', '#e0525f'];

/** A line chart of a data block (first row: categories; first column: series names) as SVG. */
export function chartSvg(spec: ChartSpec, data: Block): string {
  const [header, ...series] = data.values;
  const categories = header.slice(1).map(String);
  const points = series.map((row) => ({ name: String(row[0]), ys: row.slice(1).map((v) => (typeof v === 'number' ? v : null)) }));
  const all = points.flatMap((p) => p.ys.filter((y): y is number => y !== null));
  // Axis up to a round number: steps of 1, 2 or 5 × 10^k, four or five of them.
  const rough = Math.max(1, ...all) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= rough) ?? rough;
  const maxY = Math.ceil(Math.max(1, ...all) / step) * step;
  const W = 560;
  const H = 280;
  const left = 44;
  const right = 130;
  const top = 28;
  const bottom = 40;
  const x = (k: number) => left + (categories.length <= 1 ? 0 : (k * (W - left - right)) / (categories.length - 1));
  const y = (v: number) => top + (H - top - bottom) * (1 - v / maxY);
  const out: string[] = [`<svg class="chart" role="img" aria-label="${escapeHtml(spec.title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">`];
  out.push(`<text x="${W / 2}" y="16" text-anchor="middle" class="chart-title">${escapeHtml(spec.title)}</text>`);
  out.push(`<line x1="${left}" y1="${y(0)}" x2="${W - right}" y2="${y(0)}" class="axis"/><line x1="${left}" y1="${top}" x2="${left}" y2="${y(0)}" class="axis"/>`);
  for (let v = 0; v <= maxY + step / 2; v += step) {
    out.push(`<text x="${left - 4}" y="${y(v) + 4}" text-anchor="end" class="tick">${Number(v.toFixed(6))}</text>`);
  }
  categories.forEach((c, k) => out.push(`<text x="${x(k)}" y="${y(0) + 14}" text-anchor="middle" class="tick">${escapeHtml(c)}</text>`));
  out.push(`<text x="${(left + W - right) / 2}" y="${H - 6}" text-anchor="middle" class="tick">${escapeHtml(spec.xTitle)}</text>`);
  points.forEach((p, n) => {
    const color = PALETTE[n % PALETTE.length];
    const path = p.ys.map((v, k) => (v === null ? null : `${x(k).toFixed(1)},${y(v).toFixed(1)}`)).filter((s): s is string => s !== null);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${path.join(' ')}"/>`);
    out.push(`<text x="${W - right + 8}" y="${top + 12 * n + 8}" class="legend" fill="${color}">${escapeHtml(p.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** One sheet's section: a heading, the grid, and the chart if it has one. */
export function renderSheet(doc: Document, layout: SheetLayout): HTMLElement {
  const section = doc.createElement('section');
  section.className = 'sheet';
  section.dataset.sheetKey = layout.key;
  section.dataset.sheetName = layout.sheetName;
  const scroller = doc.createElement('div');
  scroller.className = 'sheet-scroll';
  scroller.innerHTML = sheetHtml(layout);
  section.appendChild(scroller);
  const data = layout.chart ? layout.blocks.find((b) => b.id === layout.chart?.dataBlockId) : undefined;
  if (layout.chart && data) {
    const figure = doc.createElement('figure');
    figure.className = 'chart-figure';
    figure.innerHTML = chartSvg(layout.chart, data);
    section.appendChild(figure);
  }
  return section;
}
