/**
 * Reading and writing ranges in requests of a bounded size: a rectangle split into row bands,
 * and the formulas and number formats of many rectangles loaded with a sync whenever the loaded
 * cells reach the budget.
 */
import { type Rect, rectAddress } from './cells';
import type { XlContext, XlRange, XlWorksheet } from './excelApi';

/** Excel on the web refuses requests over 5 MB; stay well below it (excel.md §6). */
export const DEFAULT_CHUNK_BYTES = 1_000_000;

/** Rough size of a 2-D array in a request, in bytes. */
export function estimateBytes(cells: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const row of cells) for (const v of row) n += typeof v === 'string' ? v.length + 3 : 12;
  return n;
}

/** Row bands of a rectangle small enough to read or write within `budget` bytes each. */
export function rowBands(rect: Rect, bytesPerRow: number, budget: number): Rect[] {
  const rowsPer = Math.max(1, Math.floor(budget / Math.max(1, bytesPerRow)));
  const bands: Rect[] = [];
  for (let r = 0; r < rect.rows; r += rowsPer) bands.push({ row: rect.row + r, col: rect.col, rows: Math.min(rowsPer, rect.rows - r), cols: rect.cols });
  return bands;
}

/** What a rectangle holds: its formulas (constants for constant cells) and number formats, row by row. */
export interface Contents {
  readonly formulas: unknown[][];
  readonly formats: unknown[][];
}

/** Unknown contents: assume 36 bytes a cell (a formula or value, and its number format). */
const READ_BYTES_PER_CELL = 36;

/** Loads formulas and number formats of every rectangle, syncing whenever the loaded cells reach the budget. */
export async function readRects(context: XlContext, sheet: XlWorksheet, rects: readonly Rect[], budget: number): Promise<Map<string, Contents>> {
  const out = new Map<string, Contents>();
  const unique = [...new Map(rects.map((r) => [rectAddress(r), r])).values()];
  let pending: { address: string; band: Rect; range: XlRange }[] = [];
  let bytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await context.sync();
    for (const p of pending) {
      const got = out.get(p.address) ?? { formulas: [], formats: [] };
      got.formulas.push(...(p.range.formulas as unknown[][]));
      got.formats.push(...(p.range.numberFormat as unknown[][]));
      out.set(p.address, got);
    }
    pending = [];
    bytes = 0;
  };
  for (const rect of unique) {
    for (const band of rowBands(rect, rect.cols * READ_BYTES_PER_CELL, budget)) {
      const range = sheet.getRange(rectAddress(band)).load('formulas,numberFormat');
      pending.push({ address: rectAddress(rect), band, range });
      bytes += band.rows * band.cols * READ_BYTES_PER_CELL;
      if (bytes >= budget) await flush();
    }
  }
  await flush();
  return out;
}
