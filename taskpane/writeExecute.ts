/**
 * Carrying out a planned write in one batch: tables that are not where the layout puts them are
 * converted back to ranges, stale rectangles cleared, each block written with one 2-D write (split
 * by rows only when it would exceed the payload budget), tables added or kept, charts added or
 * re-pointed, the sheet's view applied; then what Excel now holds is hashed into the new record.
 */
import { blockAddress, blockRect, parseAddress, rectAddress, sameRect, type SheetLayout } from './cells';
import { cellsToWrite, hashCells, sourceHash } from './cellHashes';
import type { XlContext, XlTable } from './excelApi';
import { placeCharts, probeCharts, recordedCharts } from './excelCharts';
import { DEFAULT_CHUNK_BYTES, estimateBytes, readRects, rowBands } from './rangeChunks';
import { applySheetView } from './sheetView';
import { saveSetting, STATE_KEY } from './workbookSettings';
import { type BlockRecord, canonicalRect, type SheetRecord, type WriterState } from './workbookState';
import type { Plan } from './writePlan';

/** How a write reports its progress, how large its requests may be, and its clock. */
export interface ExecuteOptions {
  onProgress?(done: number, total: number, what: string): void;
  chunkBytes?: number;
  now?(): Date;
}

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

export async function execute(context: XlContext, layout: SheetLayout, p: Plan, state: WriterState, options: ExecuteOptions): Promise<{ record: SheetRecord; written: number; notes: string[] }> {
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
