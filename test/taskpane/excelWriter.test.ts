/**
 * The Excel path through a fake Excel object model that records every write (fakeExcel.ts): one
 * sheet per deal, idempotent refresh, nothing written outside the add-in's ranges, the user asked
 * before their edits are overwritten, payloads under Excel on the web's 5 MB, and live formulas
 * in sensitivity grids.
 */
import type { DealModel } from '../../src/deals/types';
import { resetRunCache } from '../../src/run/runner';
import { defaultAssumptions, parseAssumptions, type Assumptions, type AssumptionsForm } from '../../taskpane/assumptions';
import { blockAddress, type Block, FORMATS, type SheetLayout } from '../../taskpane/cells';
import { type Overwrite, STATE_KEY, writeSheet, type WriteOptions } from '../../taskpane/excelWriter';
import { pricingSheet } from '../../taskpane/layout';
import { runPricing } from '../../taskpane/runPricing';
import { defaultGridForm, gridsSheet, parseGridForm, type GridForm, type PlacedGrid, withGrid } from '../../taskpane/sensitivity';
import { createFakeExcel, type FakeWorkbook, writesOutside } from './fakeExcel';
import { squash } from '../../src/run/registry';
import { syntheticDeal } from '../support/syntheticDeal';

const dealA = syntheticDeal();
/** Table names start with the deal id squashed: PX_<id>_<horizon>. */
const PX = `PX_${squash(dealA.description.id)}`;
const base = syntheticDeal();
/** A second deal: the synthetic deal under another id and name. */
const dealB: DealModel = { ...base, description: { ...base.description, id: 'impac-cmb-2004-1', name: 'Synthetic 2004-S2', callWord: 'call' }, run: (s) => base.run(s) };

function assumptions(deal: DealModel, overrides: Partial<AssumptionsForm> = {}): Assumptions {
  const parsed = parseAssumptions(deal.description, { ...defaultAssumptions(deal.description), ...overrides });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.value;
}

async function pricingLayout(deal: DealModel, overrides: Partial<AssumptionsForm> = {}): Promise<SheetLayout> {
  return pricingSheet(await runPricing(deal, assumptions(deal, overrides), { yieldToUi: () => Promise.resolve() }));
}

/** Options that record what the user was asked and answer as told. */
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

function rects(layout: SheetLayout): string[] {
  return layout.blocks.map(blockAddress);
}

function tableOf(layout: SheetLayout, id: string): Block {
  const b = layout.blocks.find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
}

/** The cell address of row i, column j of a block. */
function at(block: Block, i: number, j: number): string {
  return blockAddress({ ...block, row: block.row + i, col: block.col + j, values: [[null]], formats: [['']] });
}

let xl: FakeWorkbook;
beforeEach(() => {
  xl = createFakeExcel();
  resetRunCache();
});

describe('writing the pricing sheets', () => {
  it('writes one sheet per deal, each block with one 2-D write, tables named and formatted, one chart', async () => {
    const layoutA = await pricingLayout(dealA);
    const layoutB = await pricingLayout(dealB);
    const { asked, options } = asking(true);
    await writeSheet(xl.run, layoutA, options);
    await writeSheet(xl.run, layoutB, options);
    expect(asked).toEqual([]);
    expect(xl.sheets.map((s) => s.name)).toEqual(['Synthetic 2004-S1', 'Synthetic 2004-S2']);
    expect(xl.tables.map((t) => t.name).sort()).toEqual([`${PX}_auction`, `${PX}_maturity`, 'PX_impaccmb20041_call', 'PX_impaccmb20041_maturity'].sort());
    for (const [layout, name] of [
      [layoutA, 'Synthetic 2004-S1'],
      [layoutB, 'Synthetic 2004-S2'],
    ] as const) {
      const writes = xl.writesTo(name);
      // One values write and one number-format write per block, each exactly the block's rectangle.
      expect(writes.filter((w) => w.op === 'values').map((w) => w.address)).toEqual(rects(layout));
      expect(writes.filter((w) => w.op === 'numberFormat').map((w) => w.address)).toEqual(rects(layout));
      expect(writesOutside(xl, name, rects(layout))).toEqual([]);
      expect(xl.sheet(name)?.charts.map((c) => c.name)).toEqual(['WAL by speed']);
    }
    // The figures and formats landed where the layout put them.
    const table = tableOf(layoutA, 'table-call');
    expect(xl.value('Synthetic 2004-S1', at(table, 1, 4))).toBe(Number((table.values[1][4] as number).toPrecision(15)));
    expect(xl.format('Synthetic 2004-S1', at(table, 1, 4))).toBe(FORMATS.bp);
    expect(xl.format('Synthetic 2004-S1', at(table, 4, 4))).toBe(FORMATS.monthYear);
    expect(xl.value('Synthetic 2004-S1', at(table, 0, 4))).toBe('0%');
    expect(JSON.parse(xl.settings.get(STATE_KEY) ?? '{}').sheets).toHaveProperty([`pricing:${dealA.description.id}`]);
  });

  it('refreshes in place: same sheets, same tables, one chart, no question when nothing was edited', async () => {
    const { asked, options } = asking(true);
    await writeSheet(xl.run, await pricingLayout(dealA), options);
    await writeSheet(xl.run, await pricingLayout(dealB), options);
    const before = { sheets: xl.sheets.length, tables: xl.tables.length };
    const firstLog = xl.log.length;
    const again = await pricingLayout(dealA);
    const result = await writeSheet(xl.run, again, options);
    expect(result.status).toBe('written');
    expect(asked).toEqual([]);
    expect({ sheets: xl.sheets.length, tables: xl.tables.length }).toEqual(before);
    expect(xl.sheet('Synthetic 2004-S1')?.charts).toHaveLength(1);
    const refresh = xl.log.slice(firstLog);
    expect(refresh.filter((w) => w.op === 'addSheet' || w.op === 'addTable' || w.op === 'addChart' || w.op === 'convertToRange')).toEqual([]);
    expect(refresh.filter((w) => w.sheet === 'Synthetic 2004-S2')).toEqual([]);
    expect(writesOutside(xl, 'Synthetic 2004-S1', rects(again))).toEqual([]);
  });

  it('keeps what the user added outside the add-in ranges, and writes nothing there', async () => {
    const { options } = asking(true);
    const layout = await pricingLayout(dealA);
    await writeSheet(xl.run, layout, options);
    xl.type('Synthetic 2004-S1', 'A60', 'my note under the tables');
    xl.type('Synthetic 2004-S1', 'Z3', '=SUM(E15:G15)');
    xl.type('Synthetic 2004-S1', 'D2', 'beside the title');
    const mark = xl.log.length;
    await writeSheet(xl.run, await pricingLayout(dealA), options);
    expect(xl.value('Synthetic 2004-S1', 'A60')).toBe('my note under the tables');
    expect(xl.value('Synthetic 2004-S1', 'Z3')).toBe('=SUM(E15:G15)');
    expect(xl.value('Synthetic 2004-S1', 'D2')).toBe('beside the title');
    const touched = xl.log.slice(mark).filter((w) => w.sheet === 'Synthetic 2004-S1' && w.address);
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.map((w) => w.address)).not.toContain('A60');
  });

  it('asks before overwriting a cell the user edited; declining writes nothing, accepting restores the figure', async () => {
    const layout = await pricingLayout(dealA);
    await writeSheet(xl.run, layout, asking(true).options);
    const table = tableOf(layout, 'table-call');
    const cell = at(table, 2, 5);
    const figure = xl.value('Synthetic 2004-S1', cell);
    xl.type('Synthetic 2004-S1', cell, 99);

    const declined = asking(false);
    const mark = xl.log.length;
    const result = await writeSheet(xl.run, await pricingLayout(dealA), declined.options);
    expect(result.status).toBe('declined');
    expect(declined.asked).toHaveLength(1);
    expect(declined.asked[0]).toEqual([expect.objectContaining({ sheet: 'Synthetic 2004-S1', address: blockAddress(table), reason: 'edited', what: 'a table' })]);
    expect(xl.log.slice(mark).filter((w) => w.op !== 'setting')).toEqual([]);
    expect(xl.value('Synthetic 2004-S1', cell)).toBe(99);

    const accepted = asking(true);
    await writeSheet(xl.run, await pricingLayout(dealA), accepted.options);
    expect(accepted.asked).toHaveLength(1);
    expect(xl.value('Synthetic 2004-S1', cell)).toBe(figure);
    // Once overwritten, the next refresh has nothing to ask.
    const calm = asking(true);
    await writeSheet(xl.run, await pricingLayout(dealA), calm.options);
    expect(calm.asked).toEqual([]);
  });

  it('re-lays out when the speeds change: the old table is replaced, stale cells cleared, no duplicates', async () => {
    const { options } = asking(true);
    const wide = await pricingLayout(dealA, { speeds: '0, 50, 100, 150, 200' });
    await writeSheet(xl.run, wide, options);
    const narrow = await pricingLayout(dealA, { speeds: '0, 100' });
    await writeSheet(xl.run, narrow, options);
    expect(xl.tables.filter((t) => t.sheetId === xl.sheet('Synthetic 2004-S1')?.id).map((t) => t.name).sort()).toEqual([`${PX}_auction`, `${PX}_maturity`]);
    const wideTable = tableOf(wide, 'table-maturity');
    // The last speed column of the wide table (200%) is gone.
    expect(xl.value('Synthetic 2004-S1', at(wideTable, 1, 8))).toBe('');
    expect(xl.value('Synthetic 2004-S1', at(wideTable, 1, 5))).toBe(Number((tableOf(narrow, 'table-maturity').values[1][5] as number).toPrecision(15)));
    expect(xl.sheet('Synthetic 2004-S1')?.charts).toHaveLength(1);
    expect(writesOutside(xl, 'Synthetic 2004-S1', [...rects(wide), ...rects(narrow)])).toEqual([]);
  });

  it("asks before writing over the user's own data where a bigger layout now reaches", async () => {
    await writeSheet(xl.run, await pricingLayout(dealA, { speeds: '0, 100' }), asking(true).options);
    const wider = await pricingLayout(dealA, { speeds: '0, 100, 200' });
    const table = tableOf(wider, 'table-call');
    xl.type('Synthetic 2004-S1', at(table, 3, 6), 'user data');
    const { asked, options } = asking(false);
    const result = await writeSheet(xl.run, wider, options);
    expect(result.status).toBe('declined');
    expect(asked[0]).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'foreign', address: at(table, 3, 6) })]));
    expect(xl.value('Synthetic 2004-S1', at(table, 3, 6))).toBe('user data');
  });

  it('finds its sheet again after the user renames it, and makes a new one after the user deletes it', async () => {
    const { options } = asking(true);
    await writeSheet(xl.run, await pricingLayout(dealA), options);
    const sheet = xl.sheet('Synthetic 2004-S1');
    if (!sheet) throw new Error('no sheet');
    sheet.name = 'My J4 pricing';
    await writeSheet(xl.run, await pricingLayout(dealA), options);
    expect(xl.sheets.map((s) => s.name)).toEqual(['My J4 pricing']);
    xl.sheets = [];
    xl.tables = [];
    await writeSheet(xl.run, await pricingLayout(dealA), options);
    expect(xl.sheets.map((s) => s.name)).toEqual(['Synthetic 2004-S1']);
  });

  it("does not take over a sheet or a table name the user already has", async () => {
    xl.addSheet('Synthetic 2004-S1');
    const mine = xl.addSheet('Mine');
    xl.tables.push({ name: `${PX}_auction`, sheetId: mine.id, rect: { row: 0, col: 0, rows: 2, cols: 2 }, style: 'x' });
    await writeSheet(xl.run, await pricingLayout(dealA), asking(true).options);
    expect(xl.sheets.map((s) => s.name)).toEqual(['Synthetic 2004-S1', 'Mine', 'Synthetic 2004-S1 (2)']);
    expect(xl.tables.map((t) => t.name).sort()).toEqual([`${PX}_auction`, `${PX}_auction_2`, `${PX}_maturity`].sort());
    expect(xl.writesTo('Synthetic 2004-S1')).toEqual([]);
  });
});

describe('payloads', () => {
  it('splits a block too large for one request by rows, keeping every request under 5 MB', async () => {
    // 2,500 rows × 20 columns of 120-character text: 6 MB in one request, more than Excel on the web takes.
    const rows = 2_500;
    const cols = 20;
    const filler = 'x'.repeat(100);
    const values = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? `Column ${j}` : j === 0 ? i * 1000.123456789 : `${filler} ${i}-${j}`)));
    const layout: SheetLayout = {
      key: 'big',
      sheetName: 'Big',
      blocks: [{ id: 'big', role: 'table', row: 0, col: 0, values, formats: values.map((r, i) => r.map(() => (i === 0 ? '@' : '#,##0.00'))), table: { name: 'BIG', style: 'TableStyleLight9' } }],
    };
    await writeSheet(xl.run, layout, asking(true).options);
    const writes = xl.writesTo('Big').filter((w) => w.op === 'values');
    expect(writes.length).toBeGreaterThan(3);
    expect(xl.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(xl.value('Big', `A${rows}`)).toBe(Number(((rows - 1) * 1000.123456789).toPrecision(15)));
    // A refresh reads it all back in chunks too, and finds nothing edited.
    const { asked, options } = asking(true);
    await writeSheet(xl.run, layout, options);
    expect(asked).toEqual([]);
  });
});

describe('sensitivity grids', () => {
  const a = () => assumptions(dealA);
  function grid(form: Partial<GridForm>): PlacedGrid {
    const parsed = parseGridForm(dealA, a(), { ...defaultGridForm(dealA), ...form });
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    return { spec: parsed.spec, values: null, builtAt: new Date('2025-01-02T03:04:05Z') };
  }

  it('writes live =CWALT formulas that reference the input cells', async () => {
    const grids = withGrid([], grid({ className: 'FLT', measure: 'DM', rowAxis: 'price', rowValues: '99-16, 100-00', colAxis: 'speed', colValues: '0, 100, 200' }));
    const layout = gridsSheet(dealA, grids);
    await writeSheet(xl.run, layout, asking(true).options);
    const sheet = 'Synthetic 2004-S1 Grids';
    const body = layout.blocks.find((b) => b.role === 'grid');
    if (!body) throw new Error('no grid');
    expect(xl.writesTo(sheet).filter((w) => w.op === 'formulas').map((w) => w.address)).toEqual([blockAddress(body)]);
    // Rows: prices in column A; columns: speeds in the row above; deal, class, horizon and the scenario range absolute.
    expect(xl.value(sheet, 'B13')).toBe('=CWALT.DMARGIN($B$2,$B$3,$A13,B$12,$B$4,$D$2:$E$10)');
    expect(xl.value(sheet, 'D14')).toBe('=CWALT.DMARGIN($B$2,$B$3,$A14,D$12,$B$4,$D$2:$E$10)');
    expect(xl.grid(sheet, 'A2:B6')).toEqual([
      ['Deal', 'Synthetic 2004-S1'],
      ['Class', 'FLT'],
      ['Horizon', 'auction'],
      ['Price', '100-00'],
      ['Speed', 100],
    ]);
    expect(xl.grid(sheet, 'D2:E10').map((r) => r[0])).toEqual(['LIBOR_1M', 'LIBOR_6M', 'LIBOR_12M', 'CMT_1Y', 'CURVE', 'SHIFT_BP', 'CDR', 'SEVERITY', 'LAG']);
    expect(xl.grid(sheet, 'A13:A14')).toEqual([['99-16'], ['100-00']]);
    expect(xl.grid(sheet, 'B12:D12')).toEqual([[0, 100, 200]]);
    expect(xl.value(sheet, 'A12')).toBe('Price ↓ Speed →');
  });

  it('passes each cell its own scenario when an axis is the shift or the CDR', async () => {
    const layout = gridsSheet(dealA, [grid({ className: 'FIX', measure: 'WAL', rowAxis: 'cdr', rowValues: '0, 5', colAxis: 'shift', colValues: '-100, 0, 100' })]);
    await writeSheet(xl.run, layout, asking(true).options);
    expect(xl.value('Synthetic 2004-S1 Grids', 'C13')).toBe(
      '=CWALT.WAL($B$2,$B$3,$B$6,$B$4,CHOOSE({1,2},$D$2:$D$10,CHOOSE({1;2;3;4;5;6;7;8;9},$E$2,$E$3,$E$4,$E$5,$E$6,C$12,$A13,$E$9,$E$10)))',
    );
  });

  it("keeps the user's edited inputs when another grid is added, and asks when the same grid is rebuilt differently", async () => {
    const sheet = 'Synthetic 2004-S1 Grids';
    const first = grid({ className: 'FLT', measure: 'DM', rowAxis: 'price', rowValues: '99-16, 100-00', colAxis: 'speed', colValues: '0, 100' });
    let grids = withGrid([], first);
    await writeSheet(xl.run, gridsSheet(dealA, grids), asking(true).options);
    xl.type(sheet, 'E2', 1.5); // LIBOR_1M, as a trader would
    xl.type(sheet, 'A13', '99-00'); // the first row's price
    xl.type(sheet, 'C12', 150); // the second column's speed

    grids = withGrid(grids, grid({ className: 'FIX', measure: 'Yield', rowAxis: 'price', rowValues: '99-16', colAxis: 'speed', colValues: '0, 100' }));
    const add = asking(true);
    const result = await writeSheet(xl.run, gridsSheet(dealA, grids), add.options);
    expect(add.asked).toEqual([]);
    expect(result.blocksKept).toBeGreaterThan(0);
    expect(xl.value(sheet, 'E2')).toBe(1.5);
    expect(xl.value(sheet, 'A13')).toBe('99-00');
    expect(xl.value(sheet, 'C12')).toBe(150);
    expect(xl.value(sheet, 'A17')).toMatch(/^Yield of FIX/);

    grids = withGrid(grids, grid({ className: 'FLT', measure: 'DM', rowAxis: 'price', rowValues: '99-16, 100-00', colAxis: 'speed', colValues: '0, 100, 200' }));
    const rebuild = asking(true);
    await writeSheet(xl.run, gridsSheet(dealA, grids), rebuild.options);
    // The columns changed in the pane, and the user had edited them: asked, then replaced.
    expect(rebuild.asked).toHaveLength(1);
    expect(rebuild.asked[0]).toEqual([expect.objectContaining({ address: 'B12:C12', reason: 'edited', what: 'grid inputs' })]);
    expect(xl.grid(sheet, 'B12:D12')).toEqual([[0, 100, 200]]);
    // The rows did not change in the pane: the user's price stays.
    expect(xl.value(sheet, 'A13')).toBe('99-00');
  });

  it('writes values instead of formulas when asked', async () => {
    const g = grid({ className: 'FIX', measure: 'WAL', rowAxis: 'speed', rowValues: '0, 100', colAxis: 'cdr', colValues: '0, 2', mode: 'values' });
    const layout = gridsSheet(dealA, [{ ...g, values: [[10.5, 10.4], [3.1, 3.0]] }]);
    await writeSheet(xl.run, layout, asking(true).options);
    const sheet = 'Synthetic 2004-S1 Grids';
    expect(xl.writesTo(sheet).filter((w) => w.op === 'formulas')).toEqual([]);
    expect(xl.grid(sheet, 'B13:C14')).toEqual([
      [10.5, 10.4],
      [3.1, 3.0],
    ]);
  });
});
