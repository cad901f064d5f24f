/**
 * The standalone preview's picture of a sheet: the layout drawn as a small spreadsheet (column
 * letters, row numbers, every block at its address, formatted as Excel would show it), and the
 * charts as inline SVG (chartSvg.ts). Each cell carries its unformatted value in `data-value` (JSON), so
 * tests and curious users can see exactly what would be written.
 */
import { type Block, type CellValue, columnLetter, formatCell, type SheetLayout } from './cells';
import { chartSvg } from './chartSvg';
import { escapeHtml } from './escapeHtml';

export { escapeHtml };

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

/** One sheet's section: a heading, the grid, and its charts. */
export function renderSheet(doc: Document, layout: SheetLayout): HTMLElement {
  const section = doc.createElement('section');
  section.className = 'sheet';
  section.dataset.sheetKey = layout.key;
  section.dataset.sheetName = layout.sheetName;
  const scroller = doc.createElement('div');
  scroller.className = 'sheet-scroll';
  scroller.innerHTML = sheetHtml(layout);
  section.appendChild(scroller);
  for (const chart of layout.charts ?? []) {
    const data = layout.blocks.find((b) => b.id === chart.dataBlockId);
    if (!data) continue;
    const figure = doc.createElement('figure');
    figure.className = 'chart-figure';
    figure.innerHTML = chartSvg(chart, data);
    section.appendChild(figure);
  }
  return section;
}
