/**
 * The built pane in Excel mode, in a real headless Chromium: office.js is replaced by a stub that
 * reports an Excel host and installs the fake Excel object model of fakeExcel.ts, so the pane's
 * own bundle does the writing. One sheet per deal with the engine's figures, an idempotent
 * refresh, the user asked before their edit is overwritten, no write outside the add-in's ranges,
 * live formulas in a sensitivity grid, and the waterfall sheet.
 */
import path from 'path';
import { listDeals } from '../../src/run/registry';
import { pricingTables } from '../../src/run/pricingTables';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { fakeOfficeStub, OFFICE_JS, previewSuite, screenshotDir } from './browser';
import { compareTable } from './engineFigures';

jest.setTimeout(180_000);

const stub = `${fakeOfficeStub()}
window.__associated = [];
window.CustomFunctions = { associate: function (id) { window.__associated.push(id); }, Error: Error, ErrorCode: {} };`;
const pane = previewSuite({ officeStub: stub, viewport: { width: 420, height: 1200 } });

interface SheetState {
  sheetName: string;
  blocks: Record<string, { address: string; table?: string }>;
}

/** What the fake workbook holds, seen from the page. */
async function workbook(): Promise<{ sheets: string[]; tables: string[]; charts: Record<string, number>; state: Record<string, SheetState> }> {
  return pane.session.page.evaluate(() => {
    const wb = (window as unknown as { __fakeExcel: { sheets: { name: string; charts: unknown[] }[]; tables: { name: string }[]; settings: Map<string, string> } }).__fakeExcel;
    return {
      sheets: wb.sheets.map((s) => s.name),
      tables: wb.tables.map((t) => t.name),
      charts: Object.fromEntries(wb.sheets.map((s) => [s.name, s.charts.length])),
      state: (JSON.parse(wb.settings.get('cwalt.addin.state') ?? '{"sheets":{}}') as { sheets: Record<string, SheetState> }).sheets,
    };
  });
}

async function grid(sheet: string, address: string): Promise<unknown[][]> {
  return pane.session.page.evaluate(({ sheet, address }) => (window as unknown as { __fakeExcel: { grid(s: string, a: string): unknown[][] } }).__fakeExcel.grid(sheet, address), { sheet, address });
}

async function run(button = '#run'): Promise<string> {
  await pane.session.page.click(button);
  await pane.session.page.waitForSelector('body[data-state="idle"], body[data-state="confirm"]');
  return (await pane.session.page.textContent('#notice')) ?? '';
}

async function idle(): Promise<string> {
  await pane.session.page.waitForSelector('body[data-state="idle"]');
  return (await pane.session.page.textContent('#notice')) ?? '';
}

describe('the pane inside Excel (a fake Excel object model)', () => {
  it('knows it runs in Excel, and the functions bundle registered the custom functions on the same page', async () => {
    await expect(pane.session.page.getAttribute('body', 'data-host')).resolves.toBe('excel');
    await expect(pane.session.page.textContent('#mode')).resolves.toMatch(/Connected to Excel/);
    await expect(pane.session.page.isHidden('#preview')).resolves.toBe(true);
    const associated = await pane.session.page.evaluate(() => (window as unknown as { __associated: string[] }).__associated);
    expect(associated).toEqual(expect.arrayContaining(['DMARGIN', 'YIELD', 'WAL', 'MDUR']));
  });

  it("writes one sheet per deal whose tables hold the engine's figures", async () => {
    const deals = await pane.session.page.$$eval('#deal option', (o) => o.map((x) => (x as HTMLOptionElement).value));
    if (deals.length === 0) throw new Error('The pane lists no deal: src/deals/index.ts registers none in this build.');
    for (const id of deals) {
      const deal = listDeals().find((d) => d.description.id === id);
      if (!deal) throw new Error(`the page lists ${id}, which this engine does not have: rebuild dist/`);
      await pane.session.page.selectOption('#deal', id);
      await pane.session.page.click('#reset');
      expect(await run()).toMatch(new RegExp(`^Wrote “${deal.description.name}”`));
      const wb = await workbook();
      const state = wb.state[`pricing:${id}`];
      expect(state.sheetName).toBe(deal.description.name);
      const engine = pricingTables(deal, { price: '100-00', horizons: ['call', 'maturity'] });
      for (const horizon of ['call', 'maturity'] as const) {
        const block = state.blocks[`table-${horizon}`];
        const word = horizon === 'call' ? deal.description.callWord : 'maturity';
        expect(wb.tables).toContain(block.table);
        const c = compareTable(await grid(state.sheetName, block.address), engine.tables.filter((t) => t.horizon === word), { digits15: true });
        expect(c.mismatches).toEqual([]);
      }
      expect(wb.charts[deal.description.name]).toBe(1);
    }
    const wb = await workbook();
    expect(wb.sheets).toEqual(listDeals().map((d) => d.description.name));
  });

  it('refreshes in place: no new sheet, table or chart, and no write outside its ranges', async () => {
    const before = await workbook();
    const id = listDeals()[0].description.id;
    await pane.session.page.selectOption('#deal', id);
    const mark = await pane.session.page.evaluate(() => (window as unknown as { __fakeExcel: { log: unknown[] } }).__fakeExcel.log.length);
    expect(await run()).toMatch(/^Wrote/);
    const after = await workbook();
    expect(after.sheets).toEqual(before.sheets);
    expect(after.tables.sort()).toEqual(before.tables.sort());
    expect(after.charts).toEqual(before.charts);
    const allowed = Object.values(after.state[`pricing:${id}`].blocks).map((b) => b.address);
    const outside = await pane.session.page.evaluate(
      ({ mark, allowed }) => {
        const w = window as unknown as { __fakeExcel: { log: { op: string; sheet?: string; address?: string }[] }; __fakeExcelModule: { parseA1(a: string): { row: number; col: number; rows: number; cols: number } } };
        const rects = allowed.map((a) => w.__fakeExcelModule.parseA1(a));
        return w.__fakeExcel.log.slice(mark).filter((op) => {
          if (!op.address || !op.sheet || op.op === 'autofit') return false;
          const r = w.__fakeExcelModule.parseA1(op.address);
          return !rects.some((o) => r.row >= o.row && r.col >= o.col && r.row + r.rows <= o.row + o.rows && r.col + r.cols <= o.col + o.cols);
        });
      },
      { mark, allowed },
    );
    expect(outside).toEqual([]);
  });

  it('asks before overwriting a figure the user changed; "keep mine" writes nothing, "overwrite" restores it', async () => {
    const deal = listDeals()[0].description;
    await pane.session.page.selectOption('#deal', deal.id);
    const state = (await workbook()).state[`pricing:${deal.id}`];
    const table = state.blocks['table-call'].address;
    const cell = table.split(':')[0].replace(/^A/, 'E').replace(/\d+$/, (n) => String(Number(n) + 2)); // first speed, WAL of the first class
    const figure = (await grid(state.sheetName, cell))[0][0];
    await pane.session.page.evaluate(({ sheet, cell }) => (window as unknown as { __fakeExcel: { type(s: string, a: string, v: number): void } }).__fakeExcel.type(sheet, cell, 42), { sheet: state.sheetName, cell });

    await pane.session.page.click('#run');
    await pane.session.page.waitForSelector('#confirm:not([hidden])');
    await expect(pane.session.page.textContent('#confirm-list')).resolves.toContain(table);
    await pane.session.page.screenshot({ path: path.join(screenshotDir(), 'confirm-overwrite.png'), fullPage: true });
    await pane.session.page.click('#confirm-no');
    expect(await idle()).toMatch(/^Nothing written/);
    expect((await grid(state.sheetName, cell))[0][0]).toBe(42);

    await pane.session.page.click('#run');
    await pane.session.page.waitForSelector('#confirm:not([hidden])');
    await pane.session.page.click('#confirm-yes');
    expect(await idle()).toMatch(/^Wrote/);
    expect((await grid(state.sheetName, cell))[0][0]).toBe(figure);
  });

  it('builds a sensitivity grid of live =CWALT formulas that reference its input cells', async () => {
    const deal = listDeals()[0].description;
    await pane.session.page.selectOption('#deal', deal.id);
    await pane.session.page.click('#grid-section summary');
    await pane.session.page.check('#g-mode-formulas');
    expect(await run('#grid')).toMatch(/live formulas/);
    const wb = await workbook();
    const state = wb.state[`grids:${deal.id}`];
    const body = Object.entries(state.blocks).find(([id]) => id.endsWith('-body'));
    if (!body) throw new Error('no grid body written');
    const formulas = (await grid(state.sheetName, body[1].address)).flat();
    expect(formulas.length).toBeGreaterThan(1);
    for (const f of formulas) expect(String(f)).toMatch(/^=CWALT\.(DMARGIN|YIELD)\(\$B\$2,\$B\$3,\$A\d+,[A-Z]+\$\d+,\$B\$4,\$D\$2:\$E\$10\)$/);
    expect((await grid(state.sheetName, 'A2:B4')).map((r) => r[1])).toEqual([deal.name, deal.classes.find((c) => c.measure)?.name, deal.callWord]);
  });

  it('writes the waterfall sheet of one scenario, with the engine’s class flows period by period', async () => {
    const deal = listDeals()[0];
    await pane.session.page.selectOption('#deal', deal.description.id);
    await pane.session.page.click('#waterfall-section summary');
    await pane.session.page.fill('#w-speed', '100');
    expect(await run('#waterfall')).toMatch(/^Wrote “.*Waterfall”/);
    const state = (await workbook()).state[`waterfall:${deal.description.id}`];
    const rows = await grid(state.sheetName, state.blocks.waterfall.address);
    const header = rows[0].map(String);
    const levels = deal.description.pricingIndexLevels;
    const scenario = normaliseScenario({ speed: 100, horizon: 'call', indices: { ...levels }, curve: 'flat', shiftBp: 0, cdr: 0, severity: 0, lagMonths: 0 });
    const engine = runDeal(deal, scenario);
    const [name, flows] = [...engine.classes.entries()][0];
    const col = header.indexOf(`${name} Principal`);
    expect(col).toBeGreaterThan(1);
    const shown = rows.slice(1).map((r) => r[col] as number);
    shown.forEach((v, k) => expect(v).toBeCloseTo(flows.principal[k], 6));
    expect(header).toEqual(expect.arrayContaining(['Period', 'Pay date', `${name} Interest`, `${name} Balance`, `${name} Coupon %`]));
  });

  it('made no network request beyond office.js, and had no page errors', () => {
    expect(pane.session.external.filter((u) => !u.startsWith(OFFICE_JS))).toEqual([]);
    expect(pane.session.errors).toEqual([]);
  });
});
