/**
 * Issue 18 item 2: the full waterfall sheet on both deals. Every fund and test the priority uses
 * is a column group; the sheet ends when the deal ends (J4 at 100% to auction: the auction in
 * period 67, not 290 rows of collateral after it); the cash check columns conserve cash; and the
 * Excel writer freezes the header rows and groups the columns, refreshing without nesting them.
 */
import type { DealModel } from '../../src/deals/types';
import { listDeals } from '../../src/run/registry';
import { resetRunCache, runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import type { SheetLayout } from '../../taskpane/cells';
import { writeSheet } from '../../taskpane/excelWriter';
import { activePeriods, WATERFALL_TABLE_ROW, waterfallSheet } from '../../taskpane/waterfallLayout';
import { createFakeExcel, sheetView } from './fakeExcel';

const deal = (id: string): DealModel => {
  const d = listDeals().find((x) => x.description.id === id);
  if (!d) throw new Error(`no deal ${id}`);
  return d;
};

function sheetOf(d: DealModel, speed: number, horizon: 'call' | 'maturity'): { layout: SheetLayout; header: string[]; rows: (string | number | boolean | null)[][] } {
  const scenario = normaliseScenario({ speed, horizon });
  const run = runDeal(d, scenario);
  const layout = waterfallSheet({ deal: d.description, run, scenario, speedLabel: `${speed}%`, describe: [], ranAt: new Date('2026-12-02T12:00:00Z') });
  const table = layout.blocks.find((b) => b.id === 'waterfall');
  if (!table) throw new Error('no waterfall table');
  return { layout, header: table.values[0].map(String), rows: table.values.slice(1) };
}

const GROUPS: Record<string, string[]> = {
  'cwalt-2004-j4': ['Period', 'Group 1 collateral', 'Group 2 collateral', 'Excess Cashflow', 'Overcollateralization', 'Tests', 'Net Rate Cap', 'Cash check', 'Class 1-A-1', 'Class M-1', 'Class B', 'All classes'],
  'impac-cmb-2004-1': ['Period', 'Collateral', 'Excess Cash Flow', 'Overcollateralization', 'Tests', 'Available Funds Rate', 'Derivative Contracts', 'Cash check', 'Class A-1', 'Class M-4', 'All classes'],
};

const COLUMNS: Record<string, string[]> = {
  'cwalt-2004-j4': [
    'Group 1 Fees',
    'Excess Cashflow',
    'Excess spread %',
    'OC target',
    'OC actual',
    'OC release',
    'Extra principal (OC build)',
    'Stepdown Date passed',
    'Trigger Event',
    'Mandatory Auction',
    'Net Rate Cap group 1 (30/360) %',
    'Net Rate Cap subordinates (act/360) %',
    '1-A-1 Net Rate Carryover paid',
    '1-A-1 Net Rate Carryover unpaid',
    '1-A-1 Interest',
    '1-A-1 Principal',
    '1-A-1 Balance',
  ],
  'impac-cmb-2004-1': [
    'Pool Fees',
    'Excess Cash Flow',
    'Excess spread %',
    'OC target',
    'OC actual',
    'OC release',
    'Clean-up call',
    'Available Funds Rate %',
    'Derivative receipts',
    'Net Derivative Fees paid',
    'A-1 Basis Risk paid',
    'A-1 Basis Risk unpaid',
    'A-1 Interest',
    'A-1 Principal',
    'A-1 Balance',
  ],
};

beforeEach(() => resetRunCache());

describe.each(listDeals().map((d) => [d.description.id] as const))('%s waterfall sheet', (id) => {
  const d = deal(id);

  it('has every fund and test of the priority, in named column groups, with the header rows frozen', () => {
    const { layout, header } = sheetOf(d, 100, 'call');
    expect(header).toEqual(expect.arrayContaining(COLUMNS[id]));
    expect(new Set(header).size).toBe(header.length);
    const groupRow = layout.blocks.find((b) => b.id === 'groups');
    expect(groupRow?.row).toBe(WATERFALL_TABLE_ROW - 1);
    expect(groupRow?.values[0].filter((v) => v !== null)).toEqual(expect.arrayContaining(GROUPS[id]));
    expect(layout.freeze).toEqual({ rows: WATERFALL_TABLE_ROW + 1, cols: 2 });
    // Outline groups leave each group's first column in view and never touch each other.
    const groups = layout.columnGroups ?? [];
    expect(groups.length).toBeGreaterThan(8);
    for (let g = 1; g < groups.length; g++) expect(groups[g].col).toBeGreaterThan(groups[g - 1].col + groups[g - 1].cols);
  });

  it('ends when the deal ends: the redemption to call, the last bond paid to maturity', () => {
    for (const horizon of ['call', 'maturity'] as const) {
      const scenario = normaliseScenario({ speed: 100, horizon });
      const run = runDeal(d, scenario);
      const { header, rows } = sheetOf(d, 100, horizon);
      const last = rows[rows.length - 1];
      const col = (name: string) => header.indexOf(name);
      expect(rows.length).toBe(activePeriods(run));
      expect(last[col('Period')]).toBe(rows.length);
      // Every bond is retired in the last row, and something was still owed in the row before it.
      const balances = header.filter((h) => / Balance$/.test(h) && !/IO Balance$/.test(h));
      for (const b of balances) expect(last[col(b)]).toBeCloseTo(0, 2);
      expect(balances.some((b) => (rows[rows.length - 2][col(b)] as number) > 1)).toBe(true);
      if (horizon === 'call') {
        const flag = id === 'cwalt-2004-j4' ? 'Mandatory Auction' : 'Clean-up call';
        expect(last[col(flag)]).toBe(1);
        expect(rows.slice(0, -1).every((r) => r[col(flag)] === 0)).toBe(true);
      }
    }
  });

  it('conserves cash in every row: deposited = paid + released, to the cent', () => {
    const { header, rows } = sheetOf(d, 100, 'call');
    const col = (name: string) => header.indexOf(name);
    for (const r of rows) expect(Math.round(((r[col('Cash deposited')] as number) - (r[col('Cash paid')] as number) - (r[col('Cash released')] as number)) * 100) + 0).toBe(0);
  });
});

it('J4 at 100% to auction stops at the auction in period 67, not at the collateral’s last period', () => {
  const { rows, layout } = sheetOf(deal('cwalt-2004-j4'), 100, 'call');
  expect(rows).toHaveLength(67);
  const summary = String(layout.blocks.find((b) => b.id === 'summary')?.values[0][0]);
  expect(summary).toMatch(/^The deal ends with the auction in period 67 \(2009-11-25\)\. Tie-out: 328\/348/);
});

it('is written with its header rows frozen and its columns grouped, and a refresh regroups without nesting', async () => {
  const xl = createFakeExcel();
  const { layout } = sheetOf(deal('impac-cmb-2004-1'), 100, 'call');
  const options = { confirm: async () => true };
  const first = await writeSheet(xl.run, layout, options);
  expect(first.status).toBe('written');
  expect(first.notes).toBeUndefined();
  const view = sheetView(xl, first.sheetName);
  expect(view?.freeze).toBe(`A1:B${WATERFALL_TABLE_ROW + 1}`);
  expect(view?.columnGroups).toHaveLength(layout.columnGroups?.length ?? -1);
  expect(view?.columnGroups[0]).toBe('D:O');
  const again = await writeSheet(xl.run, layout, options);
  expect(again.status).toBe('written');
  expect(sheetView(xl, again.sheetName)?.columnGroups).toEqual(view?.columnGroups);
});
