/**
 * Issue 18 item 2, the charts: the WAL chart puts speeds on a true numeric axis (80% between 0%
 * and 100% where it belongs; one speed still shows), the waterfall sheet charts class balances
 * and cash flows by period, and the Excel writer adds each chart by its type and re-points it on
 * a refresh.
 */
import { listDeals } from '../../src/run/registry';
import { resetRunCache, runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { defaultAssumptions, parseAssumptions } from '../../taskpane/assumptions';
import { blockRect, type Block, type ChartSpec, FORMATS, rectsOverlap, type SheetLayout } from '../../taskpane/cells';
import { chartData, chartSvg } from '../../taskpane/chartSvg';
import { writeSheet } from '../../taskpane/excelWriter';
import { pricingSheet } from '../../taskpane/layout';
import { runPricing } from '../../taskpane/runPricing';
import { waterfallSheet } from '../../taskpane/waterfallLayout';
import { syntheticDeal } from '../support/syntheticDeal';
import { createFakeExcel } from './fakeExcel';

const synthetic = syntheticDeal();
const instant = { yieldToUi: () => Promise.resolve() };

async function pricing(speeds: string): Promise<SheetLayout> {
  const parsed = parseAssumptions(synthetic.description, { ...defaultAssumptions(synthetic.description), speeds });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return pricingSheet(await runPricing(synthetic, parsed.value, instant));
}

function chartAndData(layout: SheetLayout, name: string): { spec: ChartSpec; data: Block } {
  const spec = layout.charts?.find((c) => c.name === name);
  const data = layout.blocks.find((b) => b.id === spec?.dataBlockId);
  if (!spec || !data) throw new Error(`no chart ${name}`);
  return { spec, data };
}

/** The x positions of the markers of the first series, by x value. */
function markerXs(svg: string): Map<string, number> {
  const first = /<g class="series"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  return new Map([...first.matchAll(/<circle cx="([\d.]+)"[^>]*data-x="([^"]+)"/g)].map((m) => [m[2], Number(m[1])]));
}

beforeEach(() => resetRunCache());

describe('the WAL-by-speed chart', () => {
  it('puts the speeds on a true numeric axis', async () => {
    const { spec, data } = chartAndData(await pricing('0, 80, 100, 150'), 'WAL by speed');
    expect(spec.type).toBe('xyScatter');
    expect(chartData(spec, data)).toMatchObject({ numeric: true, xs: [0, 80, 100, 150] });
    const x = markerXs(chartSvg(spec, data));
    const at = (s: number) => x.get(String(s)) as number;
    // Distances proportional to the speeds: 80 → 100 is 20/50 of 100 → 150.
    expect((at(100) - at(80)) / (at(150) - at(100))).toBeCloseTo(20 / 50, 2);
    expect((at(80) - at(0)) / (at(100) - at(0))).toBeCloseTo(0.8, 2);
    expect(chartSvg(spec, data)).toContain('data-x-axis="numeric"');
  });

  it('shows a single speed as a marker on its axis', async () => {
    const { spec, data } = chartAndData(await pricing('100'), 'WAL by speed');
    const svg = chartSvg(spec, data);
    expect(markerXs(svg).size).toBe(1);
    expect(svg).toContain('>100%<');
    expect(svg).not.toContain('NaN');
  });

  it('falls back to labelled categories when a speed is a vector', async () => {
    const { spec, data } = chartAndData(await pricing('100, 8 12R 24'), 'WAL by speed');
    expect(spec.type).toBe('line');
    expect(chartData(spec, data)).toMatchObject({ numeric: false, xs: ['100%', '8 12R 24'] });
  });
});

describe.each(listDeals().map((d) => [d.description.id, d] as const))('%s waterfall charts', (_id, deal) => {
  const scenario = normaliseScenario({ speed: 100, horizon: 'call' });

  it('charts class balances and cash flows by period from data beside the table', () => {
    const run = runDeal(deal, scenario);
    const layout = waterfallSheet({ deal: deal.description, run, scenario, speedLabel: '100%', describe: [], ranAt: new Date() });
    expect(layout.charts?.map((c) => c.name)).toEqual(['Class balances', 'Cash flows']);
    const balances = chartAndData(layout, 'Class balances');
    const priced = deal.description.classes.filter((c) => c.kind !== 'interestOnly').map((c) => c.name);
    expect(balances.data.values[0]).toEqual([null, ...priced]);
    const periods = run.waterfall?.lastPeriod ?? 0;
    expect(balances.data.values).toHaveLength(periods + 1);
    const first = priced[0];
    expect(balances.data.values[1][1]).toBeCloseTo(run.classes.get(first)?.balance[0] ?? NaN, 6);
    expect(balances.data.formats[1][1]).toBe(FORMATS.wholeDollars);
    const svg = chartSvg(balances.spec, balances.data);
    expect(svg.match(/<polyline/g)).toHaveLength(priced.length);
    // No block overlaps another.
    const blocks = layout.blocks;
    for (let a = 0; a < blocks.length; a++) for (let b = a + 1; b < blocks.length; b++) expect([blocks[a].id, blocks[b].id, rectsOverlap(blockRect(blocks[a]), blockRect(blocks[b]))]).toEqual([blocks[a].id, blocks[b].id, false]);
  });

  it('are written into Excel by type, and a refresh re-points them without adding more', async () => {
    const xl = createFakeExcel();
    const run = runDeal(deal, scenario);
    const layout = waterfallSheet({ deal: deal.description, run, scenario, speedLabel: '100%', describe: [], ranAt: new Date() });
    const written = await writeSheet(xl.run, layout, { confirm: async () => true });
    const charts = () => xl.sheet(written.sheetName)?.charts.map((c) => ({ name: c.name, type: c.type, seriesBy: c.seriesBy })) ?? [];
    expect(charts()).toEqual([
      { name: 'Class balances', type: 'Line', seriesBy: 'Columns' },
      { name: 'Cash flows', type: 'Line', seriesBy: 'Columns' },
    ]);
    await writeSheet(xl.run, layout, { confirm: async () => true });
    expect(charts()).toHaveLength(2);
  });
});

it('writes the pricing sheet’s WAL chart as an XY scatter with lines', async () => {
  const xl = createFakeExcel();
  const written = await writeSheet(xl.run, await pricing('0, 100, 200'), { confirm: async () => true });
  expect(xl.sheet(written.sheetName)?.charts.map((c) => [c.name, c.type, c.seriesBy])).toEqual([['WAL by speed', 'XYScatterLines', 'Rows']]);
  // A vector among the speeds turns it into a line chart of categories, in place.
  await writeSheet(xl.run, await pricing('0, 8 12R 24'), { confirm: async () => true });
  expect(xl.sheet(written.sheetName)?.charts.map((c) => [c.name, c.type])).toEqual([['WAL by speed', 'Line']]);
});
