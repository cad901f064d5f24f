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
 *
 * Steps 1–3 are writePlan.ts, step 4 writeExecute.ts; both read and write in bounded requests
 * (rangeChunks.ts), hash cells with cellHashes.ts and keep the record in the workbook's settings
 * (workbookSettings.ts). This module runs them in order, with the user's answer in between.
 */
import type { SheetLayout } from './cells';
import type { ExcelRunner } from './excelApi';
import { DEFAULT_CHUNK_BYTES } from './rangeChunks';
import { loadSetting, parseState, STATE_KEY } from './workbookSettings';
import { readWriterState } from './workbookState';
import { execute, type ExecuteOptions } from './writeExecute';
import { noteOverwrites, type Overwrite, plan, type Plan, readNotes } from './writePlan';

export { cellsToWrite, hashCells, hashText, sourceHash } from './cellHashes';
export { DEFAULT_CHUNK_BYTES, estimateBytes } from './rangeChunks';
export { loadSetting, parseState, saveSetting, STATE_KEY } from './workbookSettings';
export { type BlockRecord, EMPTY_STATE, type SheetRecord, type WriterState } from './workbookState';
export type { Overwrite } from './writePlan';

export interface WriteOptions extends ExecuteOptions {
  /** Asked once, with every range that would be overwritten; false writes nothing. */
  confirm(overwrites: readonly Overwrite[]): Promise<boolean>;
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
