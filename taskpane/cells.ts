/**
 * The pane's picture of a sheet, shared by the Excel writer, the in-page preview and the .xlsx
 * export: a sheet is a list of rectangular blocks, each a 2-D array of values with a 2-D array of
 * Excel number formats (and, for sensitivity grids, formulas). Layout modules (layout.ts,
 * waterfallLayout.ts, sensitivity.ts) build these from engine results; nothing here knows Excel.
 */
import { type DateParts, dateParts, fromExcelSerial, parseIsoDate, toExcelSerial } from '../src/run';

/** One cell: a number, text, a boolean, or `null` for an empty cell. Dates are Excel serials. */
export type CellValue = number | string | boolean | null;

export type BlockRole =
  /** A one-cell heading. */
  | 'title'
  /** Label/value pairs describing the run (deal, scenario, time). */
  | 'header'
  /** An Excel table: the first row holds the column names. */
  | 'table'
  /** Cells the user is invited to edit (a sensitivity grid's inputs). */
  | 'inputs'
  /** A sensitivity grid: axis values around live formulas (or values). */
  | 'grid'
  /** Plain data, such as the series behind a chart. */
  | 'data';

export interface Block {
  /** Unique within its sheet; the writer records what it wrote under this id. */
  readonly id: string;
  readonly role: BlockRole;
  /** Top-left cell, 0-based. */
  readonly row: number;
  readonly col: number;
  /** Values to write, or the engine's values shown beside a formula (preview, xlsx). */
  readonly values: CellValue[][];
  /** Excel number formats, same shape as `values`. */
  readonly formats: string[][];
  /** Formula text (`=CWALT.WAL(...)`) where a cell holds a formula, else null; same shape. */
  readonly formulas?: (string | null)[][];
  /** For `table` blocks: the Excel table's name (workbook-unique) and style. */
  readonly table?: { readonly name: string; readonly style: string };
  /**
   * Cells meant for the user to change (grid inputs): when the pane would write the same content
   * as last time, the writer keeps whatever the user typed there instead of asking.
   */
  readonly userInputs?: boolean;
  /** Presentation: bold first row and/or first column. */
  readonly bold?: { readonly firstRow?: boolean; readonly firstColumn?: boolean };
}

export interface ChartSpec {
  /** Chart name on its sheet (the writer finds it again by this name on refresh). */
  readonly name: string;
  readonly title: string;
  /** The `data` block holding the series, with their names and x values (see `seriesBy`); its top-left cell is empty. */
  readonly dataBlockId: string;
  /** 'line': x values as evenly spaced categories; 'xyScatter': x values on a true numeric axis, with markers (so one point shows). */
  readonly type: 'line' | 'xyScatter';
  /** 'rows': a series a row (first row: the x values; first column: the names); 'columns': a series a column. */
  readonly seriesBy: 'rows' | 'columns';
  /** Where the chart sits, in cells (0-based, inclusive start, exclusive end). */
  readonly anchor: { readonly row: number; readonly col: number; readonly rows: number; readonly cols: number };
  readonly xTitle: string;
  readonly yTitle: string;
}

export interface SheetLayout {
  /** Stable identity across runs: 'pricing:cwalt-2004-j4', 'waterfall:…', 'grids:…'. */
  readonly key: string;
  /** The sheet's name in the workbook (≤ 31 characters, none of []:*?/\). */
  readonly sheetName: string;
  readonly blocks: readonly Block[];
  /** Charts over the sheet's data blocks (the writer finds each again by its name). */
  readonly charts?: readonly ChartSpec[];
  /** Rows and columns kept in view while scrolling (Excel's freeze panes), counted from A1. */
  readonly freeze?: { readonly rows: number; readonly cols: number };
  /** Outline groups of columns (0-based) a trader can collapse, each with its name. */
  readonly columnGroups?: readonly ColumnGroup[];
}

export interface ColumnGroup {
  readonly name: string;
  readonly col: number;
  readonly cols: number;
}

/** Excel column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 reference of a cell, optionally absolute in row and/or column. */
export function cellRef(row: number, col: number, absolute: { row?: boolean; col?: boolean } = {}): string {
  return `${absolute.col ? '$' : ''}${columnLetter(col)}${absolute.row ? '$' : ''}${row + 1}`;
}

/** A rectangle of cells, 0-based. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export function rectAddress(r: Rect): string {
  const a = cellRef(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? a : `${a}:${cellRef(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

export function blockRect(b: Block): Rect {
  return { row: b.row, col: b.col, rows: b.values.length, cols: b.values[0]?.length ?? 0 };
}

export function blockAddress(b: Block): string {
  return rectAddress(blockRect(b));
}

/** Parses `A1` or `B2:F9` (no sheet name, no `$`) into a rectangle. */
export function parseAddress(address: string): Rect {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address.replace(/\$/g, '').replace(/^.*!/, '').toUpperCase());
  if (!m) throw new Error(`not an A1 address: ${address}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function rectContains(outer: Rect, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && col >= outer.col && col < outer.col + outer.cols;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

/** 'YYYY-MM' (a principal-window month) → the serial of its first day; 'YYYY-MM-DD' → that day. */
export function serialFromIso(text: string): number {
  return toExcelSerial(parseIsoDate(/^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text));
}

/** The calendar date of a serial (its day; a time of day is dropped). */
export function dateFromSerial(serial: number): DateParts {
  return dateParts(fromExcelSerial(serial));
}

/** Number formats the layouts use, named once so the preview and the tests agree with Excel. */
export const FORMATS = {
  text: '@',
  general: 'General',
  /** Discount margin, whole basis points, as the term sheets print it. */
  bp: '0',
  /** Yield, WAL, modified duration: two decimals. */
  twoDecimals: '0.00',
  /** A rate in percent units (0.35 means 0.35%): coupons print three decimals, margins two. */
  percentUnits: '0.00#"%"',
  /** Rates of the waterfall sheet, percent units, four decimals. */
  rate: '0.0000',
  dollars: '#,##0.00',
  wholeDollars: '#,##0',
  /** A speed in percent of the pricing speed, as a number (a chart's numeric axis): 100 shows 100%. */
  speedPct: '0"%"',
  monthYear: 'mmm-yy',
  date: 'dd-mmm-yy',
  integer: '0',
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The text Excel would show for a value under one of the formats the layouts use: fixed decimals
 * with optional digits (`0.00#`), thousands separators, a quoted literal suffix, and the date
 * formats above. Other formats fall back to the plain value.
 */
export function formatCell(value: CellValue, format: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  switch (format) {
    case FORMATS.monthYear: {
      const d = dateFromSerial(value);
      return `${MONTHS[d.month - 1]}-${pad2(d.year % 100)}`;
    }
    case FORMATS.date: {
      const d = dateFromSerial(value);
      return `${pad2(d.day)}-${MONTHS[d.month - 1]}-${pad2(d.year % 100)}`;
    }
    case FORMATS.text:
    case FORMATS.general:
      return String(Number(value.toPrecision(10)));
    default:
      return formatNumber(value, format);
  }
}

function formatNumber(value: number, format: string): string {
  const m = /^(#,##)?(0+)(?:\.(0*)(#*))?(?:"([^"]*)")?$/.exec(format);
  if (!m) return String(value);
  const minDecimals = m[3]?.length ?? 0;
  const maxDecimals = minDecimals + (m[4]?.length ?? 0);
  let text = Math.abs(value).toFixed(maxDecimals);
  if (maxDecimals > minDecimals) {
    const [whole, frac] = text.split('.');
    let f = frac;
    while (f.length > minDecimals && f.endsWith('0')) f = f.slice(0, -1);
    text = f.length > 0 ? `${whole}.${f}` : whole;
  }
  const [whole, frac] = text.split('.');
  const shown = (m[1] ? groupThousands(whole) : whole) + (frac !== undefined ? `.${frac}` : '');
  const negative = value < 0 && /[1-9]/.test(shown);
  return `${negative ? '-' : ''}${shown}${m[5] ?? ''}`;
}

/** A block from rows of cells with one format per column. */
export function uniformFormats(rows: number, cols: number, format: string): string[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => format));
}

/** Pads ragged rows with empty cells so a block is rectangular. */
export function rectangular<T>(rows: T[][], fill: T): T[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => fill)]);
}

/** Excel sheet names: at most 31 characters, none of [ ] : * ? / \ . */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.slice(0, 31).trim() || 'Sheet';
}

/** Excel table names: letters, digits and underscores, starting with a letter. */
export function safeTableName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `T_${cleaned}`;
}
