/**
 * Writes a sheet layout into the workbook, and refreshes it in place on the next run.
 *
 * What the add-in owns: the sheet it created for a layout (found again by the sheet's id, so a
 * rename is fine) and, on it, the rectangles of the blocks it wrote. Both are recorded in the
 * workbook's settings (saved with the workbook) together with a hash of each block's cells as
 * Excel reported them right after the write. On refresh:
 *
 * 1. read what is in the recorded rectangles and in the new ones;
 * 2. a recorded block whose cells no longer hash the same was edited by the user; a new rectangle
 *    that reaches cells the add-in never wrote and that hold something is someone else's data;
 *    either way the user is asked before anything is written (declining writes nothing);
 * 3. input blocks (a grid's inputs) that the pane would write exactly as last time are left
 *    alone, so what the user typed there survives;
 * 4. stale rectangles are cleared, each block is written with one 2-D write (split by rows only
 *    when it would exceed the payload budget), tables are added or kept, the chart is added or
 *    re-pointed, and the new record saved.
 *
 * Nothing outside the old and new rectangles of the add-in's own sheet is written.
 */
import { type Block, blockAddress, blockRect, parseAddress, type Rect, rectAddress, rectContains, rectsOverlap, sameRect, type SheetLayout } from './cells';
import { literalText } from '../src/run/numberText';
import type { ExcelRunner, XlContext, XlRange, XlTable, XlWorksheet } from './excelApi';
import { placeCharts, probeCharts, recordedCharts } from './excelCharts';
import { applySheetView } from './sheetView';
import { type BlockRecord, canonicalRect, readWriterState, type SheetRecord, type WriterState } from './workbookState';

export { type BlockRecord, EMPTY_STATE, type SheetRecord, type WriterState } from './workbookState';

export const STATE_KEY = 'cwalt.addin.state';

/** Excel on the web refuses requests over 5 MB; stay well below it (excel.md §6). */
export const DEFAULT_CHUNK_BYTES = 1_000_000;

/** A range the write would overwrite, and why the user is asked. */
export interface Overwrite {
  readonly sheet: string;
  readonly address: string;
  /** edited: the user changed what the add-in wrote; foreign: cells the add-in never wrote; unverified: the recorded sheet may not be the add-in's. */
  readonly reason: 'edited' | 'foreign' | 'unverified';
  readonly what: string;
}

export interface WriteOptions {
  /** Asked once, with every range that would be overwritten; false writes nothing. */
  confirm(overwrites: readonly Overwrite[]): Promise<boolean>;
  onProgress?(done: number, total: number, what: string): void;
  chunkBytes?: number;
  now?(): Date;
}

export interface WriteResult {
  readonly status: 'written' | 'declined';
  readonly sheetName: string;
  readonly blocksWritten: number;
  readonly blocksKept: number;
  readonly overwrites: readonly Overwrite[];
  /** What the user should know about the workbook's record (set aside as untrustworthy, say). */
  readonly notices: readonly string[];
  /** What the write could not do, in words (an Excel without frozen panes, ...). */
  readonly notes?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Hashing what a range holds

/** Excel keeps 15 significant digits; compare numbers as it stores them. */
function normaliseCell(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(15)) + 0 : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Held locally: a global looked up in a hot loop is slow in sandboxed contexts (jest's vm). */
const imul = Math.imul;

/** cyrb53, fed piece by piece: a fast 53-bit hash, enough to tell "changed" from "unchanged". */
class Hasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  update(text: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = imul(h1 ^ ch, 2654435761);
      h2 = imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }
}

export function hashText(text: string): string {
  return new Hasher().update(text).digest();
}

/** Hash of a 2-D array as Excel holds it, row by row (no giant intermediate string). */
export function hashCells(cells: readonly (readonly unknown[])[]): string {
  const h = new Hasher().update(`${cells.length}:`);
  for (const row of cells) h.update(JSON.stringify(row.map(normaliseCell))).update('\n');
  return h.digest();
}

/**
 * What the pane writes into a block's cells: formulas where it has them, else values; "" clears.
 * Text goes in as text whatever it starts with: "=…", "+…", "-…" or "@…" gets Excel's quote
 * prefix, so no text the add-in writes is ever read as a formula.
 */
export function cellsToWrite(block: Block): (string | number | boolean)[][] {
  return block.values.map((row, i) => row.map((v, j) => block.formulas?.[i]?.[j] ?? (v === null ? '' : typeof v === 'string' ? literalText(v) : v)));
}

export function sourceHash(block: Block): string {
  const h = new Hasher();
  for (const row of cellsToWrite(block)) h.update(JSON.stringify(row)).update('\n');
  for (const row of block.formats) h.update(JSON.stringify(row)).update('\n');
  return h.digest();
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

// ---------------------------------------------------------------------------------------------
// Settings

export async function loadSetting(context: XlContext, key: string): Promise<unknown> {
  const setting = context.workbook.settings.getItemOrNullObject(key);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject || typeof setting.value !== 'string') return undefined;
  try {
    return JSON.parse(setting.value) as unknown;
  } catch {
    return undefined;
  }
}

export function saveSetting(context: XlContext, key: string, value: unknown): void {
  context.workbook.settings.add(key, JSON.stringify(value));
}

/** The writer's record, only what passes its schema (workbookState.ts). */
export function parseState(raw: unknown): WriterState {
  return readWriterState(raw).state;
}

// ---------------------------------------------------------------------------------------------
// Reading and writing in chunks

/** Rough size of a 2-D array in a request, in bytes. */
export function estimateBytes(cells: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const row of cells) for (const v of row) n += typeof v === 'string' ? v.length + 3 : 12;
  return n;
}

/** Row bands of a rectangle small enough to read or write within `budget` bytes each. */
function rowBands(rect: Rect, bytesPerRow: number, budget: number): Rect[] {
  const rowsPer = Math.max(1, Math.floor(budget / Math.max(1, bytesPerRow)));
  const bands: Rect[] = [];
  for (let r = 0; r < rect.rows; r += rowsPer) bands.push({ row: rect.row + r, col: rect.col, rows: Math.min(rowsPer, rect.rows - r), cols: rect.cols });
  return bands;
}

/** What a rectangle holds: its formulas (constants for constant cells) and number formats, row by row. */
interface Contents {
  readonly formulas: unknown[][];
  readonly formats: unknown[][];
}

/** Unknown contents: assume 36 bytes a cell (a formula or value, and its number format). */
const READ_BYTES_PER_CELL = 36;

/** Loads formulas and number formats of every rectangle, syncing whenever the loaded cells reach the budget. */
async function readRects(context: XlContext, sheet: XlWorksheet, rects: readonly Rect[], budget: number): Promise<Map<string, Contents>> {
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

/** True when a recorded block no longer holds what the add-in left there (values, formulas or number formats). */
function edited(rec: BlockRecord, now: Contents | undefined): boolean {
  if (hashCells(now?.formulas ?? []) !== rec.hash) return true;
  // Records written before formats were tracked carry no format hash: nothing to compare.
  return rec.formats !== undefined && hashCells(now?.formats ?? []) !== rec.formats;
}

// ---------------------------------------------------------------------------------------------
// Planning a write: what is there, what the user changed

interface Plan {
  readonly sheetId: string | null;
  readonly sheetName: string;
  readonly record: SheetRecord | null;
  readonly keep: ReadonlySet<string>;
  readonly overwrites: readonly Overwrite[];
  readonly notices: readonly string[];
}

function describeBlock(layout: SheetLayout, id: string): string {
  const b = layout.blocks.find((x) => x.id === id);
  if (b?.role === 'table') return 'a table';
  if (b?.role === 'header') return 'the header';
  if (b?.role === 'inputs') return 'grid inputs';
  if (b?.role === 'grid') return 'a grid';
  if (b?.role === 'title') return 'a title';
  if (b?.role === 'data') return 'chart data';
  return 'a range the add-in wrote before';
}

/** A free sheet name: the layout's, or with " (2)", " (3)"... when a sheet the add-in did not create has it. */
async function freeSheetName(context: XlContext, wanted: string): Promise<string> {
  const candidates = [wanted, ...Array.from({ length: 8 }, (_, i) => `${wanted.slice(0, 31 - 4)} (${i + 2})`)];
  const sheets = candidates.map((name) => context.workbook.worksheets.getItemOrNullObject(name).load('name'));
  await context.sync();
  const free = candidates.find((_, i) => sheets[i].isNullObject);
  if (!free) throw new Error(`no free sheet name near "${wanted}"; rename or delete one of the sheets called so`);
  return free;
}

/** Why a layout's record is not used, in words for the notice. */
function setAside(layout: SheetLayout, why: string): string {
  return `The add-in's record of where it wrote “${layout.sheetName}” could not be trusted (${why}), so nothing it points at was touched and a new sheet was written.`;
}

/**
 * The recorded sheet, looked up by its id and confirmed: the lookup also accepts a sheet *name*,
 * so the sheet found must carry exactly the recorded id ('mismatch' otherwise; 'missing' when the
 * user deleted it).
 */
async function recordedSheet(context: XlContext, sheetId: string): Promise<XlWorksheet | 'missing' | 'mismatch'> {
  const s = context.workbook.worksheets.getItemOrNullObject(sheetId).load('id,name');
  await context.sync();
  if (s.isNullObject) return 'missing';
  return s.id === sheetId ? s : 'mismatch';
}

/** The smallest rectangle around all of `rects`. */
function boundingRect(rects: readonly Rect[]): Rect {
  const r1 = Math.min(...rects.map((r) => r.row));
  const c1 = Math.min(...rects.map((r) => r.col));
  const r2 = Math.max(...rects.map((r) => r.row + r.rows));
  const c2 = Math.max(...rects.map((r) => r.col + r.cols));
  return { row: r1, col: c1, rows: r2 - r1, cols: c2 - c1 };
}

async function plan(context: XlContext, layout: SheetLayout, stateRead: ReturnType<typeof readWriterState>, budget: number): Promise<Plan> {
  const { state, rejected } = stateRead;
  const notices: string[] = [];
  const problem = rejected.get(layout.key) ?? rejected.get('*');
  if (problem) notices.push(setAside(layout, problem));
  let record: SheetRecord | null = state.sheets[layout.key] ?? null;
  let sheet: XlWorksheet | null = null;
  if (record) {
    const found = await recordedSheet(context, record.sheetId);
    // 'missing': the user deleted the sheet, start afresh; 'mismatch': the id is another sheet's name.
    if (found === 'mismatch') notices.push(setAside(layout, 'the sheet id is the name of a sheet'));
    if (typeof found === 'string') record = null;
    else sheet = found;
  }
  const sheetName = sheet ? sheet.name : await freeSheetName(context, layout.sheetName);
  if (!sheet || !record) return { sheetId: null, sheetName, record: null, keep: new Set(), overwrites: [], notices };

  const oldBlocks = Object.entries(record.blocks).map(([id, rec]) => ({ id, rec, rect: canonicalRect(rec.address) as Rect }));
  const current = await readRects(context, sheet, [...oldBlocks.map((b) => b.rect), ...layout.blocks.map(blockRect)], budget);

  const overwrites: Overwrite[] = [];
  // Worksheet ids do not always survive a reopen: the id may now name another sheet. The
  // recorded name is the confirmation; a sheet under another name (renamed, or not ours) is
  // only written after the user says so.
  if (sheet.name !== record.sheetName) {
    overwrites.push({
      sheet: sheet.name,
      address: rectAddress(boundingRect([...oldBlocks.map((b) => b.rect), ...layout.blocks.map(blockRect)])),
      reason: 'unverified',
      what: `the add-in recorded writing “${record.sheetName}” on this sheet, but it is now called “${sheet.name}”: it may be another sheet`,
    });
  }

  const keep = new Set<string>();
  for (const b of layout.blocks) {
    const old = record.blocks[b.id];
    if (b.userInputs && old && old.address === blockAddress(b) && old.source === sourceHash(b)) keep.add(b.id);
  }
  // A cleared stale rectangle must not cut through a block we meant to keep.
  for (const old of oldBlocks) {
    const now = layout.blocks.find((b) => b.id === old.id);
    if (now && sameRect(blockRect(now), old.rect)) continue;
    for (const b of layout.blocks) if (keep.has(b.id) && rectsOverlap(blockRect(b), old.rect)) keep.delete(b.id);
  }

  for (const old of oldBlocks) {
    if (keep.has(old.id)) continue;
    if (edited(old.rec, current.get(rectAddress(old.rect)))) overwrites.push({ sheet: sheetName, address: rectAddress(old.rect), reason: 'edited', what: describeBlock(layout, old.id) });
  }
  for (const b of layout.blocks) {
    if (keep.has(b.id)) continue;
    const rect = blockRect(b);
    const cells = current.get(rectAddress(rect))?.formulas ?? [];
    let box: { r1: number; c1: number; r2: number; c2: number } | null = null;
    cells.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = rect.row + i;
        const c = rect.col + j;
        if (isBlank(v) || oldBlocks.some((o) => rectContains(o.rect, r, c))) return;
        box = box ? { r1: Math.min(box.r1, r), c1: Math.min(box.c1, c), r2: Math.max(box.r2, r), c2: Math.max(box.c2, c) } : { r1: r, c1: c, r2: r, c2: c };
      }),
    );
    const found = box as { r1: number; c1: number; r2: number; c2: number } | null;
    if (found) {
      overwrites.push({
        sheet: sheetName,
        address: rectAddress({ row: found.r1, col: found.c1, rows: found.r2 - found.r1 + 1, cols: found.c2 - found.c1 + 1 }),
        reason: 'foreign',
        what: `cells the add-in did not write, where ${describeBlock(layout, b.id)} now goes`,
      });
    }
  }
  return { sheetId: record.sheetId, sheetName, record, keep, overwrites, notices };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The names a layout's table may get: its own, or `_2` … `_9` when a table of the user's has it. */
function tableCandidates(name: string): string[] {
  return [name, ...Array.from({ length: 8 }, (_, i) => `${name}_${i + 2}`)];
}

/** Workbook-unique names for the layout's tables: the first candidate that is ours or free. */
function pickTableNames(layout: SheetLayout, ours: ReadonlySet<string>, taken: ReadonlySet<string>): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const b of layout.blocks) {
    if (!b.table) continue;
    const name = tableCandidates(b.table.name).find((n) => !used.has(n.toLowerCase()) && (ours.has(n.toLowerCase()) || !taken.has(n.toLowerCase())));
    if (!name) throw new Error(`no free table name near "${b.table.name}"`);
    used.add(name.toLowerCase());
    names.set(b.id, name);
  }
  return names;
}

async function execute(context: XlContext, layout: SheetLayout, p: Plan, state: WriterState, options: WriteOptions): Promise<{ record: SheetRecord; written: number; notes: string[] }> {
  const budget = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const sheet = (p.sheetId ? context.workbook.worksheets.getItemOrNullObject(p.sheetId) : context.workbook.worksheets.add(p.sheetName)).load('id,name');
  const record = p.record;

  // Every table name in play (those the record names, those the layout would take), and the
  // charts (ours from before, and the layout's).
  const names = new Set<string>();
  for (const rec of Object.values(record?.blocks ?? {})) if (rec.table) names.add(rec.table.toLowerCase());
  for (const b of layout.blocks) if (b.table) for (const n of tableCandidates(b.table.name)) names.add(n.toLowerCase());
  const probes = [...names].map((name) => ({ name, table: context.workbook.tables.getItemOrNullObject(name).load('name') }));
  const charts = probeCharts(sheet, layout, recordedCharts(record));
  await context.sync();
  if (sheet.isNullObject || (p.sheetId !== null && sheet.id !== p.sheetId)) throw new Error(`the sheet "${p.sheetName}" disappeared while writing; run again`);
  // Where those tables are (the user may have grown one by typing below it) and on which sheet:
  // only a table on the add-in's own sheet is ever reused or converted; a name alone could be
  // the user's table elsewhere.
  const located = probes.filter((t) => !t.table.isNullObject).map((t) => ({ ...t, range: t.table.getRange().load('address'), on: t.table.worksheet.load('id') }));
  if (located.length > 0) await context.sync();
  const ours = located.filter((t) => t.on.id === sheet.id);
  const tableNames = pickTableNames(layout, new Set(ours.map((t) => t.name)), new Set(located.map((t) => t.name)));

  const newById = new Map(layout.blocks.map((b) => [b.id, b]));
  const blockByTable = new Map(layout.blocks.flatMap((b) => (tableNames.has(b.id) ? [[(tableNames.get(b.id) as string).toLowerCase(), b] as const] : [])));
  const reusedTables = new Set<string>();
  for (const t of ours) {
    const b = blockByTable.get(t.name);
    if (b && sameRect(parseAddress(t.range.address), blockRect(b))) reusedTables.add(b.id);
    else t.table.convertToRange();
  }
  // Clear what we wrote before and no longer write in the same place.
  for (const [id, rec] of Object.entries(record?.blocks ?? {})) {
    const b = newById.get(id);
    const rect = canonicalRect(rec.address);
    if (!rect || (b && sameRect(blockRect(b), rect))) continue;
    sheet.getRange(rectAddress(rect)).clear('All');
  }

  // The blocks, each one 2-D write (split by rows only past the budget).
  const toWrite = layout.blocks.filter((b) => !p.keep.has(b.id));
  const total = toWrite.length + 2;
  let done = 0;
  let bytes = 0;
  for (const b of toWrite) {
    const rect = blockRect(b);
    const cells = cellsToWrite(b);
    const blockBytes = estimateBytes(cells) + estimateBytes(b.formats);
    const bands = blockBytes <= budget ? [rect] : rowBands(rect, Math.ceil(blockBytes / rect.rows), budget);
    for (const band of bands) {
      const from = band.row - rect.row;
      const range = sheet.getRange(rectAddress(band));
      range.numberFormat = b.formats.slice(from, from + band.rows);
      const slice = cells.slice(from, from + band.rows);
      if (b.formulas) range.formulas = slice;
      else range.values = slice;
      bytes += estimateBytes(slice) + estimateBytes(b.formats.slice(from, from + band.rows));
      if (bytes >= budget) {
        await context.sync();
        bytes = 0;
      }
    }
    if (b.bold?.firstRow) sheet.getRange(rectAddress({ ...rect, rows: 1 })).format.font.bold = true;
    if (b.bold?.firstColumn) sheet.getRange(rectAddress({ ...rect, cols: 1 })).format.font.bold = true;
    done++;
    options.onProgress?.(done, total, `writing ${layout.sheetName}`);
  }

  // Tables: keep ours where they are, add the others.
  for (const b of layout.blocks) {
    if (!b.table || reusedTables.has(b.id)) continue;
    const table: XlTable = sheet.tables.add(blockAddress(b), true);
    table.name = tableNames.get(b.id) ?? b.table.name;
    table.style = b.table.style;
  }
  // Fit the tables' columns, and the header's labels; the header's long values spill over empty cells instead.
  for (const b of toWrite) {
    if (b.role === 'table') sheet.getRange(blockAddress(b)).format.autofitColumns();
    if (b.role === 'header') sheet.getRange(rectAddress({ ...blockRect(b), cols: 1 })).format.autofitColumns();
  }

  // The charts: re-point ours at the new data, add the new ones, delete those the layout dropped.
  const chartNames = placeCharts(sheet, layout, charts, (id) => {
    const b = newById.get(id);
    return b ? blockAddress(b) : undefined;
  });
  await context.sync();
  const view = await applySheetView(context, sheet, layout, record?.columnGroups ?? []);
  done++;
  options.onProgress?.(done, total, `checking ${layout.sheetName}`);

  // Hash what Excel now holds, so the next refresh can tell the user's edits from ours.
  const written = await readRects(context, sheet, toWrite.map(blockRect), budget);
  const blocks: Record<string, BlockRecord> = {};
  for (const b of layout.blocks) {
    const address = blockAddress(b);
    const table = b.table ? tableNames.get(b.id) : undefined;
    const old = record?.blocks[b.id];
    const kept = p.keep.has(b.id) && old;
    const now = written.get(address);
    const hash = kept ? old.hash : hashCells(now?.formulas ?? []);
    const formats = kept ? old.formats : hashCells(now?.formats ?? []);
    blocks[b.id] = { address, hash, ...(formats !== undefined ? { formats } : {}), source: sourceHash(b), ...(table ? { table } : {}) };
  }
  const now = options.now?.() ?? new Date();
  const sheetRecord: SheetRecord = {
    sheetId: sheet.id,
    sheetName: sheet.name,
    blocks,
    ...(chartNames.length ? { charts: chartNames } : {}),
    ...(view.columnGroups.length ? { columnGroups: view.columnGroups } : {}),
    writtenAt: now.toISOString(),
  };
  saveSetting(context, STATE_KEY, { ...state, sheets: { ...state.sheets, [layout.key]: sheetRecord } } satisfies WriterState);
  sheet.activate();
  await context.sync();
  done++;
  options.onProgress?.(done, total, `wrote ${layout.sheetName}`);
  return { record: sheetRecord, written: toWrite.length, notes: view.problem ? [view.problem] : [] };
}

/**
 * Where the notes of a sheet are, or null where Excel has no notes API (before ExcelApi 1.18).
 * Its own batch, so that an older Excel only loses this check.
 */
async function readNotes(run: ExcelRunner, sheetId: string): Promise<Rect[] | null> {
  try {
    return await run(async (context) => {
      const notes = context.workbook.worksheets.getItemOrNullObject(sheetId).notes.load('items');
      await context.sync();
      const where = notes.items.map((n) => n.getLocation().load('address'));
      if (where.length > 0) await context.sync();
      return where.map((r) => parseAddress(r.address));
    });
  } catch {
    return null;
  }
}

/** Notes the user put inside ranges the write will clear or rewrite (the add-in writes no notes). */
function noteOverwrites(layout: SheetLayout, p: Plan, notes: readonly Rect[]): Overwrite[] {
  const touched = [
    ...Object.entries(p.record?.blocks ?? {}).flatMap(([id, rec]) => (p.keep.has(id) ? [] : [canonicalRect(rec.address) as Rect])),
    ...layout.blocks.filter((b) => !p.keep.has(b.id)).map(blockRect),
  ];
  return notes
    .filter((n) => touched.some((r) => rectContains(r, n.row, n.col)))
    .map((n) => ({ sheet: p.sheetName, address: rectAddress(n), reason: 'edited' as const, what: 'a note you added (the write would clear it or leave it beside other figures)' }));
}

/**
 * Writes (or refreshes) one sheet: one batch to look (and one for the sheet's notes), the user's
 * answer if anything of theirs would be overwritten, then one batch to write.
 */
export async function writeSheet(run: ExcelRunner, layout: SheetLayout, options: WriteOptions): Promise<WriteResult> {
  const budget = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const planned = await run(async (context) => plan(context, layout, readWriterState(await loadSetting(context, STATE_KEY)), budget));
  const notes = planned.sheetId ? await readNotes(run, planned.sheetId) : null;
  const looked: Plan = notes ? { ...planned, overwrites: [...planned.overwrites, ...noteOverwrites(layout, planned, notes)] } : planned;
  if (looked.overwrites.length > 0 && !(await options.confirm(looked.overwrites))) {
    return { status: 'declined', sheetName: looked.sheetName, blocksWritten: 0, blocksKept: 0, overwrites: looked.overwrites, notices: looked.notices };
  }
  return run(async (context) => {
    // Re-read the state: another write may have landed while the user was deciding.
    const state = parseState(await loadSetting(context, STATE_KEY));
    const { record, written, notes: done } = await execute(context, layout, looked, state, options);
    return { status: 'written', sheetName: record.sheetName, blocksWritten: written, blocksKept: looked.keep.size, overwrites: looked.overwrites, notices: looked.notices, ...(done.length ? { notes: done } : {}) } as const;
  });
}
