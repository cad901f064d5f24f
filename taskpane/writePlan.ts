/**
 * Planning a write, before anything is written: which sheet the layout goes to (the recorded
 * one, confirmed by its id and name, or a new one under a free name), which input blocks are
 * kept as the user left them, and every range the write would overwrite that the add-in did not
 * leave as it is: blocks the user edited, cells the add-in never wrote, notes the user added.
 */
import { blockAddress, blockRect, parseAddress, type Rect, rectAddress, rectContains, rectsOverlap, sameRect, type SheetLayout } from './cells';
import { hashCells, sourceHash } from './cellHashes';
import type { ExcelRunner, XlContext, XlWorksheet } from './excelApi';
import { type Contents, readRects } from './rangeChunks';
import { type BlockRecord, canonicalRect, readWriterState, type SheetRecord } from './workbookState';

/** A range the write would overwrite, and why the user is asked. */
export interface Overwrite {
  readonly sheet: string;
  readonly address: string;
  /** edited: the user changed what the add-in wrote; foreign: cells the add-in never wrote; unverified: the recorded sheet may not be the add-in's. */
  readonly reason: 'edited' | 'foreign' | 'unverified';
  readonly what: string;
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** True when a recorded block no longer holds what the add-in left there (values, formulas or number formats). */
function edited(rec: BlockRecord, now: Contents | undefined): boolean {
  if (hashCells(now?.formulas ?? []) !== rec.hash) return true;
  // Records written before formats were tracked carry no format hash: nothing to compare.
  return rec.formats !== undefined && hashCells(now?.formats ?? []) !== rec.formats;
}

export interface Plan {
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

export async function plan(context: XlContext, layout: SheetLayout, stateRead: ReturnType<typeof readWriterState>, budget: number): Promise<Plan> {
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

/**
 * Where the notes of a sheet are, or null where Excel has no notes API (before ExcelApi 1.18).
 * Its own batch, so that an older Excel only loses this check.
 */
export async function readNotes(run: ExcelRunner, sheetId: string): Promise<Rect[] | null> {
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
export function noteOverwrites(layout: SheetLayout, p: Plan, notes: readonly Rect[]): Overwrite[] {
  const touched = [
    ...Object.entries(p.record?.blocks ?? {}).flatMap(([id, rec]) => (p.keep.has(id) ? [] : [canonicalRect(rec.address) as Rect])),
    ...layout.blocks.filter((b) => !p.keep.has(b.id)).map(blockRect),
  ];
  return notes
    .filter((n) => touched.some((r) => rectContains(r, n.row, n.col)))
    .map((n) => ({ sheet: p.sheetName, address: rectAddress(n), reason: 'edited' as const, what: 'a note you added (the write would clear it or leave it beside other figures)' }));
}
