/**
 * The waterfall sheet (every period's collateral and class flows, caps, and whatever else a deal's
 * run reports) and the preview's .xlsx export read back with ExcelJS in Node.
 */
import ExcelJS from 'exceljs';
import type { DealRun } from '../../src/deals/types';
import type { PoolFlows } from '../../src/collateral/types';
import { resetRunCache, runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { defaultAssumptions, parseAssumptions } from '../../taskpane/assumptions';
import { type CellValue, FORMATS, serialFromIso } from '../../taskpane/cells';
import { pricingSheet } from '../../taskpane/layout';
import { runPricing } from '../../taskpane/runPricing';
import { gridsSheet, parseGridForm, defaultGridForm, computeGrid } from '../../taskpane/sensitivity';
import { activePeriods, humanise, waterfallColumns, waterfallSheet } from '../../taskpane/waterfallLayout';
import { workbookBytes } from '../../taskpane/xlsx';
import { squash } from '../../src/run/registry';
import { syntheticDeal } from '../support/syntheticDeal';

const deal = syntheticDeal();
/** Table names start with the deal id squashed: PX_<id>_<horizon>. */
const PX = `PX_${squash(deal.description.id)}`;
const d = deal.description;

function pool(periods: number): PoolFlows {
  const series = (f: (k: number) => number) => Float64Array.from({ length: periods }, (_, k) => f(k));
  return {
    periods,
    beginBalance: series((k) => Math.max(0, 1000 - 10 * k)),
    scheduledPrincipal: series(() => 5),
    prepayment: series(() => 5),
    defaultedBalance: series(() => 0),
    recovery: series(() => 0),
    loss: series(() => 0),
    grossInterest: series(() => 4),
    netInterest: series(() => 3.5),
    endBalance: series((k) => Math.max(0, 990 - 10 * k)),
    netRate: series(() => 5.25),
    grossRate: series(() => 5.5),
    netMaxRate: series(() => 11),
  };
}

describe('the waterfall sheet', () => {
  beforeEach(() => resetRunCache());

  it('has a column for every collateral, class, cap and extra series, and a row for every period with cash', () => {
    const scenario = normaliseScenario({ speed: 100, horizon: 'call' });
    const base = runDeal(deal, scenario);
    // A run as a deal may report it: with collateral groups, caps, OC and trigger states.
    const run: DealRun & { ocTargetDollars: Float64Array; triggerEvent: boolean[]; notes: Map<string, Float64Array> } = {
      ...base,
      collateral: [pool(base.periods), pool(base.periods)],
      rateCapPct: new Map([['FLT', Float64Array.from({ length: base.periods }, () => 6.1)]]),
      ocTargetDollars: Float64Array.from({ length: base.periods }, (_, k) => 100 + k),
      triggerEvent: Array.from({ length: base.periods }, (_, k) => k > 10),
      notes: new Map([['A', Float64Array.from({ length: base.periods }, () => 1)]]),
    };
    const names = waterfallColumns(run).map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(['Period', 'Pay date', 'Group 1 Begin balance', 'Group 1 Scheduled principal']);
    expect(names).toEqual(
      expect.arrayContaining([
        'Group 2 Net max rate %',
        'FLT Interest',
        'FLT Principal',
        'FLT Writedown',
        'FLT Balance',
        'FLT Coupon %',
        'FLT Rate cap %',
        'FIX Coupon %',
        'All classes principal',
        'OC target dollars',
        'Trigger event',
        'Notes A',
      ]),
    );
    expect(names).not.toContain('FIX Rate cap %');
    expect(new Set(names).size).toBe(names.length);

    const sheet = waterfallSheet({ deal: d, run, scenario, speedLabel: '100%', describe: [], ranAt: new Date() });
    const table = sheet.blocks.find((b) => b.role === 'table');
    if (!table) throw new Error('no table');
    const rows = activePeriods(run);
    expect(table.values).toHaveLength(rows + 1);
    // The synthetic pool calls at 20%: the table stops a period after the last cash, well before 360.
    expect(rows).toBeLessThan(200);
    const col = (name: string) => names.indexOf(name);
    const flt = run.classes.get('FLT');
    expect(table.values.slice(1).map((r) => r[col('FLT Principal')])).toEqual(Array.from(flt?.principal.slice(0, rows) ?? []));
    expect(table.values[1][col('Pay date')]).toBe(serialFromIso('2004-05-25'));
    expect(table.values[12][col('Trigger event')]).toBe(true);
    expect(table.formats[1][col('FLT Coupon %')]).toBe(FORMATS.rate);
    expect(table.formats[1][col('FLT Balance')]).toBe(FORMATS.dollars);
    expect(table.table?.name).toBe(`WF_${squash(deal.description.id)}`);
    expect(sheet.sheetName).toBe('Synthetic 2004-S1 Waterfall');
  });

  it('names extra fields readably', () => {
    expect(humanise('ocTargetDollars')).toBe('OC target dollars');
    expect(humanise('overcollateralization')).toBe('Overcollateralization');
    expect(humanise('stepdown_date')).toBe('Stepdown date');
  });
});

/** A cell as ExcelJS reads it back: dates come back as Date, which we turn into serials. */
function readBack(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569;
  if (v === null || v === undefined) return null;
  // A formula cell: its cached result is the figure.
  if (typeof v === 'object' && 'formula' in v) return (v.result ?? null) as CellValue;
  if (typeof v === 'object') return 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v);
  return v as CellValue;
}

describe('the .xlsx export', () => {
  it('holds every block of every sheet, at its address, with its figures and number formats', async () => {
    resetRunCache();
    const parsed = parseAssumptions(d, defaultAssumptions(d));
    if (!parsed.ok) throw new Error('bad');
    const pricing = pricingSheet(await runPricing(deal, parsed.value, { yieldToUi: () => Promise.resolve() }));
    const gridParsed = parseGridForm(deal, parsed.value, defaultGridForm(deal));
    if (!gridParsed.ok) throw new Error('bad grid');
    const values = await computeGrid(deal, gridParsed.spec, { yieldToUi: () => Promise.resolve() });
    const grids = gridsSheet(deal, [{ spec: gridParsed.spec, values, builtAt: new Date() }]);
    const bytes = await workbookBytes([pricing, grids], 'test');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthetic 2004-S1', 'Synthetic 2004-S1 Grids']);
    for (const layout of [pricing, grids]) {
      const ws = wb.getWorksheet(layout.sheetName);
      if (!ws) throw new Error(`missing ${layout.sheetName}`);
      for (const block of layout.blocks) {
        block.values.forEach((row, i) =>
          row.forEach((v, j) => {
            const cell = ws.getCell(block.row + i + 1, block.col + j + 1);
            const got = readBack(cell);
            if (typeof v === 'number' && typeof got === 'number') expect(got).toBeCloseTo(v, 9);
            else expect(got).toEqual(v);
            if (block.formats[i][j] !== 'General') expect(cell.numFmt).toBe(block.formats[i][j]);
          }),
        );
      }
    }
    const ws = wb.getWorksheet(pricing.sheetName);
    const tables = (ws as unknown as { tables: Record<string, unknown> } | undefined)?.tables ?? {};
    expect(Object.keys(tables).sort()).toEqual([`${PX}_auction`, `${PX}_maturity`]);
    // Grid cells hold the live formula the add-in writes in Excel (as Excel saves a custom function), its value cached.
    const body = grids.blocks.find((b) => b.role === 'grid');
    const formula = wb.getWorksheet(grids.sheetName)?.getCell((body?.row ?? 0) + 1, (body?.col ?? 0) + 1).value as { formula?: string };
    expect(formula.formula).toMatch(/^_xldudf_CWALT_DMARGIN\(/);
  });
});
