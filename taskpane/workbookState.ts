/**
 * What the add-in reads back from a workbook, checked before it is used.
 *
 * A workbook may come from anyone, and its settings are part of it: the writer's record of the
 * sheets it owns (excelWriter.ts) and the pane's remembered inputs and grids (store.ts) are
 * untrusted input. Each is read against a schema here: types, canonical A1 addresses, bounded
 * sizes, and names of the forms the layouts generate. A record that fails is treated as absent
 * (never trusted, never thrown on every later write) and the reason is returned so the user can be
 * told; the next save writes a clean record over it.
 */
import { parseAddress, type Rect, rectAddress } from './cells';

// ---------------------------------------------------------------------------------------------
// The writer's record

export interface BlockRecord {
  /** Canonical A1 address of the block on its sheet ("B2:F9", or "A1" for one cell). */
  readonly address: string;
  /** Hash of the cells as Excel reported them after the write (formulas, or constants). */
  readonly hash: string;
  /** Hash of the number formats Excel reported after the write; absent in records written before formats were tracked. */
  readonly formats?: string;
  /** Hash of what the pane meant to write (cells and formats), to spot unchanged input blocks. */
  readonly source: string;
  readonly table?: string;
}

export interface SheetRecord {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly blocks: Readonly<Record<string, BlockRecord>>;
  /** The chart the add-in made (records written before a sheet could hold several). */
  readonly chart?: string;
  /** The charts the add-in made on the sheet, by name. */
  readonly charts?: readonly string[];
  /** Column groups the write made (sheetView.ts), as the first-row address of each ("B1:F1"). */
  readonly columnGroups?: readonly string[];
  readonly writtenAt: string;
}

export interface WriterState {
  readonly version: 1;
  readonly sheets: Readonly<Record<string, SheetRecord>>;
}

export const EMPTY_STATE: WriterState = { version: 1, sheets: {} };

/** Excel's grid: 1,048,576 rows by 16,384 columns (A to XFD). */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLS = 16_384;

/**
 * Bounds on a record, far above what the layouts write (a pricing sheet is about 1,000 cells, a
 * waterfall about 20,000, a full grids sheet about 100,000) and low enough that reading back a
 * crafted record costs a few requests, not half a million.
 */
export const LIMITS = {
  sheets: 200,
  blocksPerSheet: 2_000,
  /** Cells of all the blocks of one sheet record together. */
  cellsPerSheet: 1_000_000,
  idLength: 120,
  hashLength: 16,
  /** Sheet names: Excel allows 31 characters. */
  sheetName: 31,
  /** Table names: Excel allows 255 characters. */
  tableName: 255,
  chartName: 255,
  chartsPerSheet: 50,
  columnGroups: 100,
  /** "XFD1048576:XFD1048576" is 21 characters. */
  address: 21,
} as const;

const A1 = /^([A-Z]{1,3})([1-9][0-9]{0,6})(?::([A-Z]{1,3})([1-9][0-9]{0,6}))?$/;

/**
 * The rectangle of a stored address, only when the address is canonical: no sheet name, no `$`,
 * upper case, top-left before bottom-right, a single cell written as "A1", inside Excel's grid.
 * Anything else (`$A$1:$Z$200`, `Data!A1`, `A:A`, `Z9:A1`) is refused, so a block is always
 * looked up under the one address it was recorded with.
 */
export function canonicalRect(address: unknown): Rect | null {
  if (typeof address !== 'string' || address.length > LIMITS.address || !A1.test(address)) return null;
  const rect = parseAddress(address);
  if (rect.row + rect.rows > EXCEL_ROWS || rect.col + rect.cols > EXCEL_COLS) return null;
  return rectAddress(rect) === address ? rect : null;
}

/** Keys of the layouts ("pricing:cwalt-2004-j4", "grids:impac-cmb-2004-1") and ids of their blocks. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9:_.-]*$/;
/** Excel's worksheet ids are GUIDs in braces; only the form is checked, the sheet's own id is compared after the lookup. */
const SHEET_ID = /^\{[0-9A-Za-z-]+\}$/;
const HASH = /^[0-9a-z]+$/;
/** What safeTableName produces: letters, digits and underscores, not starting with a digit. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

export function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const text = (v: unknown, max: number, pattern?: RegExp): v is string => typeof v === 'string' && v.length > 0 && v.length <= max && (pattern === undefined || pattern.test(v));

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function checkBlock(raw: unknown): Checked<{ record: BlockRecord; rect: Rect }> {
  if (!isPlainRecord(raw)) return { ok: false, problem: 'a block is not a record' };
  const rect = canonicalRect(raw.address);
  if (!rect) return { ok: false, problem: 'a block address is not a canonical A1 address' };
  if (!text(raw.hash, LIMITS.hashLength, HASH) || !text(raw.source, LIMITS.hashLength, HASH)) return { ok: false, problem: 'a block hash is malformed' };
  if (raw.formats !== undefined && !text(raw.formats, LIMITS.hashLength, HASH)) return { ok: false, problem: 'a block format hash is malformed' };
  if (raw.table !== undefined && !text(raw.table, LIMITS.tableName, TABLE_NAME)) return { ok: false, problem: 'a table name is not one the add-in writes' };
  const record: BlockRecord = {
    address: raw.address as string,
    hash: raw.hash,
    source: raw.source,
    ...(raw.formats !== undefined ? { formats: raw.formats as string } : {}),
    ...(raw.table !== undefined ? { table: raw.table as string } : {}),
  };
  return { ok: true, value: { record, rect } };
}

/** One sheet's record, checked field by field; the first problem found is reported. */
export function checkSheetRecord(raw: unknown): Checked<SheetRecord> {
  if (!isPlainRecord(raw)) return { ok: false, problem: 'the record is not an object' };
  if (!text(raw.sheetId, LIMITS.idLength, SHEET_ID)) return { ok: false, problem: 'the sheet id is malformed' };
  if (!text(raw.sheetName, LIMITS.sheetName) || SHEET_NAME_FORBIDDEN.test(raw.sheetName)) return { ok: false, problem: 'the sheet name is malformed' };
  if (!text(raw.writtenAt, 40) || Number.isNaN(Date.parse(raw.writtenAt))) return { ok: false, problem: 'the time of writing is malformed' };
  if (raw.chart !== undefined && !text(raw.chart, LIMITS.chartName)) return { ok: false, problem: 'the chart name is malformed' };
  if (raw.charts !== undefined && !(Array.isArray(raw.charts) && raw.charts.length <= LIMITS.chartsPerSheet && raw.charts.every((c) => text(c, LIMITS.chartName)))) {
    return { ok: false, problem: 'the chart names are malformed' };
  }
  // Column groups are ungrouped before the next write: only first-row ranges of the form the writer records.
  const isGroup = (g: unknown) => {
    const r = canonicalRect(g);
    return r !== null && r.row === 0 && r.rows === 1;
  };
  if (raw.columnGroups !== undefined && !(Array.isArray(raw.columnGroups) && raw.columnGroups.length <= LIMITS.columnGroups && raw.columnGroups.every(isGroup))) {
    return { ok: false, problem: 'the column groups are malformed' };
  }
  if (!isPlainRecord(raw.blocks)) return { ok: false, problem: 'the blocks are not a record' };
  const entries = Object.entries(raw.blocks);
  if (entries.length > LIMITS.blocksPerSheet) return { ok: false, problem: `more than ${LIMITS.blocksPerSheet} blocks` };
  const blocks: Record<string, BlockRecord> = {};
  let cells = 0;
  for (const [id, rawBlock] of entries) {
    if (!text(id, LIMITS.idLength, KEY)) return { ok: false, problem: 'a block id is malformed' };
    const block = checkBlock(rawBlock);
    if (!block.ok) return block;
    cells += block.value.rect.rows * block.value.rect.cols;
    if (cells > LIMITS.cellsPerSheet) return { ok: false, problem: `the blocks cover more than ${LIMITS.cellsPerSheet.toLocaleString('en-US')} cells` };
    blocks[id] = block.value.record;
  }
  return {
    ok: true,
    value: {
      sheetId: raw.sheetId,
      sheetName: raw.sheetName,
      blocks,
      ...(raw.chart !== undefined ? { chart: raw.chart as string } : {}),
      ...(raw.charts !== undefined ? { charts: raw.charts as string[] } : {}),
      ...(raw.columnGroups !== undefined ? { columnGroups: raw.columnGroups as string[] } : {}),
      writtenAt: raw.writtenAt,
    },
  };
}

export interface ReadState {
  /** Only the records that passed. */
  readonly state: WriterState;
  /** Layout key → why its record was set aside; '*' when the whole setting was unreadable. */
  readonly rejected: ReadonlyMap<string, string>;
}

/** The writer's record as read from the workbook's settings (already JSON-parsed; undefined when absent). */
export function readWriterState(raw: unknown): ReadState {
  const rejected = new Map<string, string>();
  if (raw === undefined || raw === null) return { state: EMPTY_STATE, rejected };
  if (!isPlainRecord(raw) || raw.version !== 1 || !isPlainRecord(raw.sheets)) {
    rejected.set('*', 'the record is not one this version of the add-in writes');
    return { state: EMPTY_STATE, rejected };
  }
  const entries = Object.entries(raw.sheets);
  if (entries.length > LIMITS.sheets) {
    rejected.set('*', `the record lists more than ${LIMITS.sheets} sheets`);
    return { state: EMPTY_STATE, rejected };
  }
  const sheets: Record<string, SheetRecord> = {};
  for (const [key, rawRecord] of entries) {
    if (!text(key, LIMITS.idLength, KEY)) {
      rejected.set('*', 'a layout key is malformed');
      continue;
    }
    const record = checkSheetRecord(rawRecord);
    if (record.ok) sheets[key] = record.value;
    else rejected.set(key, record.problem);
  }
  return { state: { version: 1, sheets }, rejected };
}
