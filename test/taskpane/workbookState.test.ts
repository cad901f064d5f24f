/**
 * Issue 20: what the add-in reads back from a workbook is untrusted input. Each finding of the
 * review reproduced on the fake Excel (fakeExcel.ts), and now answered: a crafted writer record
 * leaves the user's data untouched and is reported, a stale sheet id asks before writing, and
 * every later write still works.
 */
import type { DealModel } from '../../src/deals/types';
import { resetRunCache } from '../../src/run/runner';
import { defaultAssumptions, parseAssumptions } from '../../taskpane/assumptions';
import type { SheetLayout } from '../../taskpane/cells';
import { hashCells, type Overwrite, STATE_KEY, writeSheet, type WriteOptions } from '../../taskpane/excelWriter';
import { pricingKey, pricingSheet } from '../../taskpane/layout';
import { runPricing } from '../../taskpane/runPricing';
import { canonicalRect, readWriterState } from '../../taskpane/workbookState';
import { syntheticDeal } from '../support/syntheticDeal';
import { createFakeExcel, type FakeWorkbook } from './fakeExcel';

const deal: DealModel = syntheticDeal();
const SHEET = 'Synthetic 2004-S1';
const KEY = pricingKey(deal.description);

async function layout(): Promise<SheetLayout> {
  const parsed = parseAssumptions(deal.description, defaultAssumptions(deal.description));
  if (!parsed.ok) throw new Error('defaults do not parse');
  return pricingSheet(await runPricing(deal, parsed.value, { yieldToUi: () => Promise.resolve() }));
}

function asking(answer: boolean) {
  const asked: Overwrite[][] = [];
  const options: WriteOptions = {
    confirm: async (o) => {
      asked.push([...o]);
      return answer;
    },
  };
  return { asked, options };
}

let xl: FakeWorkbook;
beforeEach(() => {
  xl = createFakeExcel();
  resetRunCache();
});

/** A "Data" sheet full of the user's figures, A1:Z200. */
function userData(name = 'Data'): ReturnType<FakeWorkbook['addSheet']> {
  const sheet = xl.addSheet(name);
  for (let r = 0; r < 200; r += 7) for (let c = 0; c < 26; c += 3) sheet.ensure(r, c).value = r * 100 + c;
  return sheet;
}

function snapshot(name: string): string {
  return JSON.stringify([...(xl.sheet(name)?.cells.entries() ?? [])]);
}

/** A writer record as a crafted workbook would hold it. */
function craft(record: Record<string, unknown>, key = KEY): void {
  xl.settings.set(STATE_KEY, JSON.stringify({ version: 1, sheets: { [key]: record } }));
}

const EMPTY_HASH = hashCells([]);

describe('a crafted writer record never reaches the user data', () => {
  const record = (sheetId: string, address: string, extra: Record<string, unknown> = {}) => ({
    sheetId,
    sheetName: 'Data',
    blocks: { 'table-call': { address, hash: EMPTY_HASH, source: 'x', ...extra } },
    writtenAt: '2024-01-01T00:00:00.000Z',
  });

  it.each([
    ['the sheet id is a sheet name, the address absolute', () => record('Data', '$A$1:$Z$200')],
    ["the sheet's real id, the address absolute", () => record(xl.sheet('Data')?.id ?? '', '$A$1:$Z$200')],
    ["the sheet's real id, the address with the sheet name", () => record(xl.sheet('Data')?.id ?? '', 'Data!A1:Z200')],
    ['the sheet id in braces, the name of a sheet called so', () => (xl.addSheet('{Data}'), record('{Data}', 'A1:Z200'))],
    ['blocks: null', () => ({ ...record(xl.sheet('Data')?.id ?? '', 'A1:Z200'), blocks: null })],
    ['a whole-sheet address', () => record(xl.sheet('Data')?.id ?? '', 'A1:XFD1048576')],
    ['a table name that is not one the add-in writes', () => record(xl.sheet('Data')?.id ?? '', 'A1:Z200', { table: 'x y' })],
    ['a hash of the wrong type', () => record(xl.sheet('Data')?.id ?? '', 'A1:Z200', { hash: { length: 1 } })],
    ['column groups to ungroup that are not the first-row ranges the writer records', () => ({ ...record(xl.sheet('Data')?.id ?? '', 'A1:Z200'), columnGroups: ['A1:Z200'] })],
    ['chart names that are not a list of names', () => ({ ...record(xl.sheet('Data')?.id ?? '', 'A1:Z200'), charts: 'Chart 1' })],
  ])('%s: Data untouched, a new sheet written, the user told, and the next write works', async (_, make) => {
    userData();
    craft(make());
    const before = snapshot('Data');
    const { asked, options } = asking(true);
    const syncsBefore = xl.syncs;
    const result = await writeSheet(xl.run, await layout(), options);
    expect(snapshot('Data')).toBe(before);
    expect(xl.writesTo('Data')).toEqual([]);
    expect(result.status).toBe('written');
    expect(result.sheetName).toBe(SHEET);
    expect(asked).toEqual([]);
    expect(result.notices.join(' ')).toMatch(/could not be trusted/);
    expect(xl.syncs - syncsBefore).toBeLessThan(20); // no half-million range loads
    // The record is clean now: the next write refreshes in place, silently.
    const again = await writeSheet(xl.run, await layout(), options);
    expect(again.sheetName).toBe(SHEET);
    expect(again.notices).toEqual([]);
    expect(asked).toEqual([]);
    expect(xl.sheets.map((s) => s.name).sort()).toEqual([SHEET, 'Data', ...(xl.sheet('{Data}') ? ['{Data}'] : [])].sort());
  });

  it("a canonical record of the user's sheet, under its own name: the user's cells count as edits and are asked about", async () => {
    const data = userData();
    craft(record(data.id, 'A1:Z200'));
    const before = snapshot('Data');
    const { asked, options } = asking(false);
    const result = await writeSheet(xl.run, await layout(), options);
    expect(result.status).toBe('declined');
    expect(asked[0]).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: 'Data', address: 'A1:Z200', reason: 'edited' })]));
    expect(snapshot('Data')).toBe(before);
    expect(xl.log.filter((w) => w.op !== 'setting')).toEqual([]);
  });

  it("a recorded table name never converts the user's table elsewhere to a range", async () => {
    const { options } = asking(true);
    await writeSheet(xl.run, await layout(), options);
    const mine = xl.addSheet('Mine');
    xl.tables.push({ name: 'Budget', sheetId: mine.id, rect: { row: 0, col: 0, rows: 3, cols: 2 }, style: 'x' });
    const state = JSON.parse(xl.settings.get(STATE_KEY) ?? '{}');
    state.sheets[KEY].blocks['table-call'].table = 'Budget';
    xl.settings.set(STATE_KEY, JSON.stringify(state));
    await writeSheet(xl.run, await layout(), options);
    expect(xl.tables.map((t) => t.name)).toContain('Budget');
    expect(xl.log.filter((w) => w.op === 'convertToRange' && w.sheet === 'Mine')).toEqual([]);
    expect(xl.writesTo('Mine')).toEqual([]);
  });

  it.each([
    ['text that is not JSON', '{"version":1,'],
    ['a number', '42'],
    ['another version', JSON.stringify({ version: 2, sheets: {} })],
    ['sheets as an array', JSON.stringify({ version: 1, sheets: [] })],
    ['a __proto__ key', `{"version":1,"sheets":{"__proto__":{"sheetId":"{x}"}}}`],
  ])('a setting holding %s is set aside; the write still works', async (_, raw) => {
    xl.settings.set(STATE_KEY, raw);
    const result = await writeSheet(xl.run, await layout(), asking(true).options);
    expect(result.status).toBe('written');
    expect(readWriterState(JSON.parse(xl.settings.get(STATE_KEY) ?? 'null')).rejected.size).toBe(0);
    expect(({} as Record<string, unknown>).sheetId).toBeUndefined();
  });
});

describe('the recorded sheet is confirmed before it is trusted', () => {
  it('a stale sheet id that now names another sheet: asked first; declining writes nothing', async () => {
    const { options } = asking(true);
    await writeSheet(xl.run, await layout(), options);
    const ours = xl.sheet(SHEET);
    if (!ours) throw new Error('no sheet');
    // Reopened in a build that renumbers sheets: ours is gone, the user's Budget has its old id.
    const oldId = ours.id;
    xl.sheets = xl.sheets.filter((s) => s !== ours);
    xl.tables = [];
    const budget = userData('Budget');
    budget.id = oldId;
    const before = snapshot('Budget');
    const declined = asking(false);
    const result = await writeSheet(xl.run, await layout(), declined.options);
    expect(result.status).toBe('declined');
    expect(declined.asked).toHaveLength(1);
    expect(declined.asked[0][0]).toEqual(expect.objectContaining({ sheet: 'Budget', reason: 'unverified' }));
    expect(declined.asked[0][0].what).toMatch(/recorded writing “Synthetic 2004-S1” on this sheet, but it is now called “Budget”/);
    expect(snapshot('Budget')).toBe(before);
    expect(xl.log.filter((w) => w.sheet === 'Budget')).toEqual([]);
  });

  it('a sheet the user renamed: asked once, then refreshed silently under its new name', async () => {
    await writeSheet(xl.run, await layout(), asking(true).options);
    const sheet = xl.sheet(SHEET);
    if (!sheet) throw new Error('no sheet');
    sheet.name = 'My pricing';
    const first = asking(true);
    await writeSheet(xl.run, await layout(), first.options);
    expect(first.asked).toHaveLength(1);
    expect(first.asked[0].map((o) => o.reason)).toEqual(['unverified']);
    const second = asking(true);
    const result = await writeSheet(xl.run, await layout(), second.options);
    expect(second.asked).toEqual([]);
    expect(result.sheetName).toBe('My pricing');
    expect(xl.sheets.map((s) => s.name)).toEqual(['My pricing']);
  });
});

describe('edit detection includes number formats', () => {
  it('a number format the user changed inside a table is asked about', async () => {
    const l = await layout();
    await writeSheet(xl.run, l, asking(true).options);
    const table = l.blocks.find((b) => b.id === 'table-call');
    if (!table) throw new Error('no table');
    const cell = canonicalRect(`${String.fromCharCode(65 + table.col + 2)}${table.row + 3}`);
    if (!cell) throw new Error('bad cell');
    xl.setFormat(SHEET, `${String.fromCharCode(65 + cell.col)}${cell.row + 1}`, '0.000000');
    const { asked, options } = asking(false);
    const result = await writeSheet(xl.run, await layout(), options);
    expect(result.status).toBe('declined');
    expect(asked[0]).toEqual([expect.objectContaining({ reason: 'edited', what: 'a table' })]);
  });

  it('records written before formats were tracked are compared by values only (no question after the upgrade)', async () => {
    await writeSheet(xl.run, await layout(), asking(true).options);
    const state = JSON.parse(xl.settings.get(STATE_KEY) ?? '{}');
    for (const b of Object.values(state.sheets[KEY].blocks) as Record<string, unknown>[]) delete b.formats;
    xl.settings.set(STATE_KEY, JSON.stringify(state));
    const { asked, options } = asking(true);
    await writeSheet(xl.run, await layout(), options);
    expect(asked).toEqual([]);
  });
});

describe('edit detection includes notes the user adds', () => {
  it('a note inside a table is asked about; one outside the add-in ranges is not', async () => {
    const l = await layout();
    await writeSheet(xl.run, l, asking(true).options);
    const table = l.blocks.find((b) => b.id === 'table-call');
    if (!table) throw new Error('no table');
    const inside = `${String.fromCharCode(65 + table.col + 1)}${table.row + 2}`;
    xl.addNote(SHEET, 'Z90', 'far away');
    const calm = asking(true);
    await writeSheet(xl.run, await layout(), calm.options);
    expect(calm.asked).toEqual([]);
    xl.addNote(SHEET, inside, 'check this figure');
    const { asked, options } = asking(false);
    const result = await writeSheet(xl.run, await layout(), options);
    expect(result.status).toBe('declined');
    expect(asked[0]).toEqual([expect.objectContaining({ address: inside, reason: 'edited', what: expect.stringMatching(/a note you added/) })]);
  });

  it('an Excel without the notes API (before ExcelApi 1.18) only loses this check', async () => {
    xl.notesSupported = false;
    await writeSheet(xl.run, await layout(), asking(true).options);
    const { asked, options } = asking(true);
    const result = await writeSheet(xl.run, await layout(), options);
    expect(result.status).toBe('written');
    expect(asked).toEqual([]);
  });
});

describe('canonical addresses', () => {
  it.each(['A1', 'B2:F9', 'XFD1048576', 'AA10:AB11'])('%s is canonical', (a) => expect(canonicalRect(a)).not.toBeNull());
  it.each(['$A$1', 'a1', 'Data!A1', 'A:A', '1:1', 'B9:A1', 'A1:A1', 'XFE1', 'A1048577', 'A0', 'A01', ' A1', 'A1:', '', 'A1:B2:C3'])('%j is refused', (a) => {
    expect(canonicalRect(a)).toBeNull();
  });
});
