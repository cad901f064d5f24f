/**
 * Issue 17 item 2: the A-IO classes priced as the street does: yield, price and modified duration
 * from a price in points of notional (clean; accrued interest on the notional at 1.50% for 29 days
 * is added), WAL and window of the notional; in the pricing run (with a price of their own) and in
 * the sensitivity grid. The term-sheet tables do not move.
 */
import { parseAssumptions, defaultAssumptions } from '../../taskpane/assumptions';
import { runPricing } from '../../taskpane/runPricing';
import { computeGrid, defaultGridForm, measuresFor, parseGridForm } from '../../taskpane/sensitivity';
import { classDuration, classMeasures, classValue, priceFromMeasure } from '../../src/run/measures';
import { pricingTables } from '../../src/run/pricingTables';
import { resolveClass, resolveDeal } from '../../src/run/registry';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';

const J4 = resolveDeal('J4');

function io(className: string, price: string, speed = 100) {
  const scenario = normaliseScenario({ speed });
  const run = runDeal(J4, scenario);
  const cls = resolveClass(J4, className);
  return { cls, run, scenario, price, yieldPct: classValue(J4.description, cls, run, scenario, price) };
}

describe('A-IO classes: yield, price and duration from points of notional', () => {
  test.each(['1-A-IO', '2-A-IO'])('%s: yield from a price and price from that yield round-trip', (name) => {
    for (const price of ['0-24', '1-08', '1-16', '2-00', '4-16']) {
      const t = io(name, price);
      expect(Number.isFinite(t.yieldPct)).toBe(true);
      const back = priceFromMeasure(J4.description, t.cls, t.run, t.scenario, t.yieldPct);
      expect(back).toBeCloseTo(Number(price.split('-')[0]) + Number(price.split('-')[1]) / 32, 9);
    }
  });

  test('a cheaper IO yields more; the yield equals a hand discounting of the notional coupons', () => {
    const a = io('1-A-IO', '1-08');
    const b = io('1-A-IO', '1-16');
    expect(a.yieldPct).toBeGreaterThan(b.yieldPct);
    // Hand check: full price = 1.25 + 1.50 × 29/360 on 100 of notional; cash = interest / notional × 100,
    // discounted at CBE with 30/360 times from 2004-04-30 to each 25th.
    const flows = a.run.classes.get('1-A-IO');
    if (!flows) throw new Error('no 1-A-IO flows');
    const y = a.yieldPct / 200;
    let pv = 0;
    for (let k = 0; k < 21; k++) {
      const months = k + 1; // 2004-05-25 is 25 days after 2004-04-30 on 30/360
      const t = (25 + 30 * (months - 1)) / 360;
      pv += (flows.interest[k] / 300_000_000) * 100 * Math.pow(1 + y, -2 * t);
    }
    expect(pv).toBeCloseTo(1.25 + (1.5 * 29) / 360, 9);
  });

  test('modified duration is positive and shorter than the notional WAL; WAL and window are the notional\'s', () => {
    const t = io('1-A-IO', '1-16');
    const m = classMeasures(J4.description, t.cls, t.run, t.scenario, '1-16');
    expect(m.measure).toBe('Yield');
    expect(m.walYears).toBeGreaterThan(0.5);
    expect(m.walYears).toBeLessThan(1.5);
    expect(m.firstPrinPay).toBe('2004-05');
    expect(m.lastPrinPay).toBe('2006-01'); // the schedule's last period, 21
    expect(classDuration(J4.description, t.cls, t.run, t.scenario, '1-16')).toBeGreaterThan(0);
    expect(m.modifiedDuration).toBeLessThan(m.walYears);
  });

  test('the term-sheet tables are unchanged; IO classes join them only with a price of their own', () => {
    const plain = pricingTables(J4, { speeds: [100] });
    expect(plain.tables.some((t) => t.class.includes('IO'))).toBe(false);
    const withIo = pricingTables(J4, { speeds: [100], classPrices: { '1-A-IO': '1-16' } });
    expect(withIo.tables.filter((t) => !t.class.includes('IO'))).toEqual(plain.tables);
    const ioTable = withIo.tables.find((t) => t.class === '1-A-IO' && t.horizon === 'auction');
    expect(ioTable?.measure).toBe('Yield');
    expect(ioTable?.value[0]).toBe(io('1-A-IO', '1-16').yieldPct);
  });
});

describe('the pane prices the IO classes', () => {
  test('the pricing run with a price per class gives the IO rows their yield, MDUR and notional WAL', async () => {
    const parsed = parseAssumptions(J4.description, { ...defaultAssumptions(J4.description), speeds: '0, 100, 150' });
    if (!parsed.ok) throw new Error('assumptions did not parse');
    const run = await runPricing(J4, { ...parsed.value, classPrices: { '1-A-IO': '1-16', '2-A-IO': '1-08' } }, { yieldToUi: () => Promise.resolve() });
    const aio = run.tables.find((t) => t.class === '2-A-IO' && t.horizon === 'call');
    expect(aio?.value.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(aio?.value[1]).toBe(classValue(J4.description, resolveClass(J4, '2-A-IO'), runDeal(J4, normaliseScenario({ speed: 100 })), normaliseScenario({ speed: 100 }), '1-08'));
    expect(aio?.mdur.every((v) => typeof v === 'number' && v > 0)).toBe(true);
  });

  test('the sensitivity grid offers Yield for an IO class and prices it on a price axis', async () => {
    expect(measuresFor(J4, '1-A-IO')).toEqual(['Yield', 'WAL', 'MDUR']);
    const parsed = parseAssumptions(J4.description, defaultAssumptions(J4.description));
    if (!parsed.ok) throw new Error('assumptions did not parse');
    const form = { ...defaultGridForm(J4), className: '1-A-IO', measure: 'Yield', rowAxis: 'price', rowValues: '1-08, 1-16', colAxis: 'speed', colValues: '100, 200' };
    const grid = parseGridForm(J4, parsed.value, form);
    if (!grid.ok) throw new Error(JSON.stringify(grid.issues));
    const values = await computeGrid(J4, grid.spec, { yieldToUi: () => Promise.resolve() });
    expect(values[0][0]).toBe(io('1-A-IO', '1-08').yieldPct);
    expect(values[1][1]).toBe(io('1-A-IO', '1-16', 200).yieldPct);
  });
});
