/**
 * The pane's pricing run and the sheet laid out from it, on the synthetic deal (known answers,
 * no real waterfall): the figures are the engine's (`pricingTables`), column for column; formats
 * are the term sheets' (DM whole bp, yield/WAL/MDUR two decimals, windows mmm-yy); progress,
 * cancel and vector speeds work.
 */
import { pricingTables } from '../../src/run/pricingTables';
import { resetRunCache } from '../../src/run/runner';
import { classMeasures } from '../../src/run/measures';
import { normaliseScenario } from '../../src/run/scenario';
import { runDeal } from '../../src/run/runner';
import { defaultAssumptions, parseAssumptions, type Assumptions } from '../../taskpane/assumptions';
import { blockAddress, FORMATS, formatCell, serialFromIso } from '../../taskpane/cells';
import { PRICING_LEAD_COLUMNS, pricingSheet, ROW_LABELS } from '../../taskpane/layout';
import { Cancelled, runPricing } from '../../taskpane/runPricing';
import { squash } from '../../src/run/registry';
import { syntheticDeal } from '../support/syntheticDeal';

const deal = syntheticDeal();
/** Table names start with the deal id squashed: PX_<id>_<horizon>. */
const PX = `PX_${squash(deal.description.id)}`;
const instant = { yieldToUi: () => Promise.resolve() };

function assumptions(overrides: Partial<ReturnType<typeof defaultAssumptions>> = {}): Assumptions {
  const parsed = parseAssumptions(deal.description, { ...defaultAssumptions(deal.description), ...overrides });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.value;
}

beforeEach(() => resetRunCache());

describe('runPricing', () => {
  it('gives, column for column, the figures of pricingTables for the same deal and scenario', async () => {
    const a = assumptions({ speeds: '0, 100, 150, 200', price: '99-16+', cdr: '1', severity: '30' });
    const run = await runPricing(deal, a, instant);
    const engine = pricingTables(deal, { speeds: [0, 100, 150, 200], price: '99-16+', horizons: ['call', 'maturity'], scenario: a.scenario });
    expect(run.tables).toHaveLength(engine.tables.length);
    run.tables.forEach((t, i) => {
      const e = engine.tables[i];
      expect([t.class, t.horizonWord, t.measure]).toEqual([e.class, e.horizon, e.measure]);
      expect(t.value).toEqual(e.value);
      expect(t.wal).toEqual(e.wal);
      expect(t.mdur).toEqual(e.mdur);
      expect(t.firstPrinPay).toEqual(e.firstPrinPay);
      expect(t.lastPrinPay).toEqual(e.lastPrinPay);
    });
  });

  it('reports progress after every column and stops when cancelled', async () => {
    const seen: [number, number][] = [];
    await runPricing(deal, assumptions(), { ...instant, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 6]));

    let columns = 0;
    const cancelled = runPricing(deal, assumptions(), { ...instant, onProgress: () => columns++, isCancelled: () => columns >= 2 });
    await expect(cancelled).rejects.toBeInstanceOf(Cancelled);
    expect(columns).toBe(2);
  });

  it('yields to the event loop between columns', async () => {
    let yields = 0;
    await runPricing(deal, assumptions({ speeds: '0, 100' }), { yieldToUi: async () => void yields++ });
    expect(yields).toBe(4);
  });

  it('runs a CPR-vector column as the engine runs that vector scenario', async () => {
    const run = await runPricing(deal, assumptions({ speeds: '100, 24', maturity: false }), instant);
    // The synthetic deal reads a vector's first CPR: "24" as a vector is its pricing speed (24% CPR).
    const a = await runPricing(deal, assumptions({ speeds: '100, 12 6R 24', maturity: false }), instant);
    const scenario = normaliseScenario({ speed: '12 6R 24', horizon: 'call' });
    const fix = deal.description.classes[1];
    const m = classMeasures(deal.description, fix, runDeal(deal, scenario), scenario, '100-00');
    const t = a.tables.find((x) => x.class === 'FIX');
    expect(a.speeds.map((s) => s.label)).toEqual(['100%', '12 6R 24']);
    expect(t?.value[1]).toBe(m.value);
    expect(t?.wal[1]).toBe(m.walYears);
    expect(run.speeds.map((s) => s.label)).toEqual(['100%', '24%']);
  });
});

describe('pricingSheet', () => {
  it('lays out one table per horizon: class blocks of five rows, the speeds across, with term-sheet formats', async () => {
    const a = assumptions({ speeds: '0, 100, 200' });
    const run = await runPricing(deal, a, instant);
    const sheet = pricingSheet(run);
    expect(sheet.key).toBe(`pricing:${deal.description.id}`);
    expect(sheet.sheetName).toBe('Synthetic 2004-S1');
    const tables = sheet.blocks.filter((b) => b.role === 'table');
    expect(tables.map((t) => t.table?.name)).toEqual([`${PX}_auction`, `${PX}_maturity`]);
    const call = tables[0];
    expect(call.values[0]).toEqual([...PRICING_LEAD_COLUMNS, '0%', '100%', '200%']);
    expect(call.values.slice(1).map((r) => r[3])).toEqual([ROW_LABELS.DM, ROW_LABELS.wal, ROW_LABELS.mdur, ROW_LABELS.first, ROW_LABELS.last, ROW_LABELS.Yield, ROW_LABELS.wal, ROW_LABELS.mdur, ROW_LABELS.first, ROW_LABELS.last]);
    // Values are the engine's, unrounded; the formats do the rounding.
    const flt = run.tables.find((t) => t.class === 'FLT' && t.horizon === 'call');
    expect(call.values[1].slice(4)).toEqual(flt?.value);
    expect(call.formats[1].slice(4)).toEqual([FORMATS.bp, FORMATS.bp, FORMATS.bp]);
    expect(call.formats[6].slice(4)).toEqual([FORMATS.twoDecimals, FORMATS.twoDecimals, FORMATS.twoDecimals]);
    expect(call.values[4].slice(4)).toEqual(flt?.firstPrinPay.map((m) => serialFromIso(m as string)));
    expect(call.formats[4][4]).toBe(FORMATS.monthYear);
    expect(formatCell(call.values[4][4], call.formats[4][4])).toBe('May-04');
    // Margin and coupon in percent units.
    expect(formatCell(call.values[1][1], call.formats[1][1])).toBe('0.40%');
    expect(formatCell(call.values[6][1], call.formats[6][1])).toBe('5.50%');
    expect(call.values[1][2]).toBe('100-00');
  });

  it('names the deal, the scenario and the time of the run in its header', async () => {
    const a = assumptions({ shiftBp: '25', cdr: '2' });
    const run = await runPricing(deal, a, instant);
    const header = pricingSheet(run).blocks.find((b) => b.role === 'header');
    const text = header?.values.map((r) => `${r[0]}: ${formatCell(r[1], header.formats[header.values.indexOf(r)][1])}`).join('\n') ?? '';
    expect(text).toContain(`Deal: Synthetic 2004-S1 (${deal.description.id})`);
    expect(text).toContain('Settlement: 30-Apr-04');
    expect(text).toContain('Speeds: 0%, 100%, 200% (100% = 24% CPR)');
    expect(text).toContain('Shift: 25 bp');
    expect(text).toContain('Credit: CDR 2%, severity 0%, lag 0 months');
    expect(text).toMatch(/Run at: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(text).toContain('Engine: cwalt-excel-addin');
  });

  it('puts the WAL-by-speed series beside the tables and a chart over it, without overlapping any block', async () => {
    const sheet = pricingSheet(await runPricing(deal, assumptions(), instant));
    const chart = sheet.charts?.[0];
    const data = sheet.blocks.find((b) => b.id === chart?.dataBlockId);
    // Numeric speeds (shown as 0%, 100%, 200%) on a true numeric axis.
    expect(data?.values[0]).toEqual([null, 0, 100, 200]);
    expect(data?.formats[0].slice(1)).toEqual([FORMATS.speedPct, FORMATS.speedPct, FORMATS.speedPct]);
    expect(chart?.type).toBe('xyScatter');
    expect(data?.values.map((r) => r[0]).slice(1)).toEqual(['FLT', 'FIX']);
    const cells = new Set<string>();
    for (const b of sheet.blocks) {
      for (let i = 0; i < b.values.length; i++)
        for (let j = 0; j < b.values[0].length; j++) {
          const key = `${b.row + i},${b.col + j}`;
          expect(cells.has(key)).toBe(false);
          cells.add(key);
        }
      expect(b.formats.map((r) => r.length)).toEqual(b.values.map((r) => r.length));
      expect(blockAddress(b)).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
    }
  });

  it('shows NA, not 0, where the engine has no figure (a class with no cash in a scenario)', async () => {
    const run = await runPricing(deal, assumptions({ speeds: '0' }), instant);
    // The engine reports such a class as null in every row; the synthetic deal always pays, so set it so.
    const broken = { ...run, tables: run.tables.map((t) => (t.class === 'FIX' ? { ...t, value: [null], wal: [null], mdur: [null], firstPrinPay: [null], lastPrinPay: [null] } : t)) };
    const table = pricingSheet(broken).blocks.find((b) => b.role === 'table');
    const fixRows = table?.values.filter((r) => r[0] === 'FIX') ?? [];
    expect(fixRows.map((r) => r[4])).toEqual(['NA', 'NA', 'NA', 'NA', 'NA']);
  });
});
