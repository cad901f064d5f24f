/**
 * Copying a table out of the preview as a trader pastes it: tab-separated rows of the cells as
 * the sheet shows them, with none of the preview's column letters or row numbers. The Copy
 * button copies the table the user last clicked in (a pricing table; a grid with its axes; the
 * waterfall), else the sheet's first table; a selection copied with Ctrl+C gets the same
 * treatment. Dates are written as Excel reads them back unambiguously (`May 2005`,
 * `25-Jun-2004`), not `May-05`, which Excel would take for the 5th of May.
 */
import { type Block, type CellValue, dateFromSerial, FORMATS, formatCell, type Rect, type SheetLayout } from './cells';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The parts of a sensitivity grid, which copy as one table. */
const GRID_PARTS = ['-corner', '-cols', '-rows', '-body'];

function rectOf(blocks: readonly Block[]): Rect {
  const top = Math.min(...blocks.map((b) => b.row));
  const left = Math.min(...blocks.map((b) => b.col));
  const bottom = Math.max(...blocks.map((b) => b.row + b.values.length));
  const right = Math.max(...blocks.map((b) => b.col + (b.values[0]?.length ?? 0)));
  return { row: top, col: left, rows: bottom - top, cols: right - left };
}

/** The blocks that copy as one table with `blockId`: a grid's corner, axes and body together. */
export function tableBlocks(layout: SheetLayout, blockId: string | null): Block[] {
  const pick = blockId ? layout.blocks.find((b) => b.id === blockId) : undefined;
  const block = pick ?? layout.blocks.find((b) => b.role === 'table') ?? [...layout.blocks].reverse().find((b) => b.role === 'grid') ?? layout.blocks.find((b) => b.role !== 'title');
  if (!block) return [];
  const part = GRID_PARTS.find((p) => block.id.endsWith(p));
  if (!part) return [block];
  const key = block.id.slice(0, -part.length);
  return layout.blocks.filter((b) => GRID_PARTS.some((p) => b.id === `${key}${p}`));
}

/** One cell as pasted text. */
export function pasteText(value: CellValue, format: string): string {
  if (typeof value === 'number' && (format === FORMATS.monthYear || format === FORMATS.date)) {
    const d = dateFromSerial(value);
    return format === FORMATS.monthYear ? `${MONTHS[d.month - 1]} ${d.year}` : `${d.day}-${MONTHS[d.month - 1]}-${d.year}`;
  }
  return formatCell(value, format).replace(/[\t\r\n]+/g, ' ');
}

/** The cells of `rect` as tab-separated lines (empty cells empty), trailing empty cells dropped. */
export function rectTsv(layout: SheetLayout, rect: Rect, only?: readonly Block[]): string {
  const rows: string[][] = Array.from({ length: rect.rows }, () => Array.from({ length: rect.cols }, () => ''));
  for (const b of only ?? layout.blocks) {
    b.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = b.row + i - rect.row;
        const c = b.col + j - rect.col;
        if (r >= 0 && r < rect.rows && c >= 0 && c < rect.cols) rows[r][c] = pasteText(v, b.formats[i][j]);
      }),
    );
  }
  return rows.map((r) => r.join('\t').replace(/\t+$/, '')).join('\n');
}

/** The table around `blockId` (see `tableBlocks`) as pasted text, with its size. */
export function tableTsv(layout: SheetLayout, blockId: string | null): { text: string; rows: number; cols: number } | null {
  const blocks = tableBlocks(layout, blockId);
  if (blocks.length === 0) return null;
  const rect = rectOf(blocks);
  return { text: rectTsv(layout, rect, blocks), rows: rect.rows, cols: rect.cols };
}

/** Puts text on the clipboard: the async clipboard where allowed, else a hidden textarea and execCommand. */
export async function writeClipboard(doc: Document, text: string): Promise<void> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return;
    } catch {
      // Not allowed here (an iframe without clipboard permission): fall back.
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy; select the cells and press Ctrl+C');
}

/**
 * Ctrl+C on a selection in the preview's sheet: the rectangle from the cell where the selection
 * starts to the cell where it ends (as a drag across a spreadsheet means), as tab-separated text
 * without the column letters or row numbers.
 */
export function copySelection(event: ClipboardEvent, layout: SheetLayout, root: HTMLElement): boolean {
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !event.clipboardData) return false;
  const range = selection.getRangeAt(0);
  const cells = Array.from(root.querySelectorAll<HTMLTableCellElement>('td[data-block]')).filter((td) => range.intersectsNode(td));
  const at = (td: HTMLTableCellElement | undefined) => {
    const block = td && layout.blocks.find((b) => b.id === td.dataset.block);
    return block && td ? { row: block.row + Number(td.dataset.i), col: block.col + Number(td.dataset.j) } : null;
  };
  const first = at(cells[0]);
  const last = at(cells[cells.length - 1]);
  if (!first || !last) return false;
  const rect = { row: Math.min(first.row, last.row), col: Math.min(first.col, last.col), rows: Math.abs(last.row - first.row) + 1, cols: Math.abs(last.col - first.col) + 1 };
  event.clipboardData.setData('text/plain', rectTsv(layout, rect));
  event.preventDefault();
  return true;
}
