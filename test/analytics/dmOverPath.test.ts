/**
 * Issue 17 item 1: the discount margin is a constant spread over the index path the run projects.
 * - an uncapped floater at par returns its margin under any path (shift, shift start, curve);
 * - a flat path gives the flat-index figures to the last bit (the term-sheet tables cannot move);
 * - price from DM and DM from price are inverse over a path.
 * Engine-level: the same through the deals' runs (SHIFT_BP, SHIFT_FROM, CURVE forward).
 */
import fc from 'fast-check';
import type { FloaterCashFlows } from '../../src/analytics/cashflows';
import { discountMarginFromPrice, priceFromDiscountMargin } from '../../src/analytics/discountMargin';
import { classValue, priceFromMeasure } from '../../src/run/measures';
import { resolveClass, resolveDeal } from '../../src/run/registry';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario, type ScenarioInput } from '../../src/run/scenario';
import { forwardCurves2004, forwardRateOn } from '../../src/market/forwardCurves2004';
import { cwaltForwardIndexPath } from '../../src/deals/cwalt-2004-j4';
import { parseIsoDate } from '../../src/time/date';

/** Uncapped floater per 100 of face: coupon (I_k + m)·τ_k on the opening balance, level-pay principal at a flat CPR. */
function floaterOverPath(index: readonly number[], marginPct: number, tau: readonly number[], cpr: number): FloaterCashFlows {
  const n = tau.length;
  const t = new Float64Array(n);
  const amount = new Float64Array(n);
  const smm = 1 - Math.pow(1 - cpr / 100, 1 / 12);
  let b = 100;
  let time = 0;
  for (let k = 0; k < n; k++) {
    const scheduled = b / (n - k);
    const principal = k === n - 1 ? b : scheduled + smm * (b - scheduled);
    time += tau[k];
    t[k] = time;
    amount[k] = (b * (index[k] + marginPct) * tau[k]) / 100 + principal;
    b -= principal;
  }
  return { face: 100, t, amount, tau: Float64Array.from(tau) };
}

/** A path: a start level, a parallel shift from a period on, and a monthly drift (a forward curve's slope). */
const pathArb = fc.record({
  start: fc.double({ min: 0.5, max: 6, noNaN: true }),
  shiftBp: fc.integer({ min: -200, max: 500 }),
  shiftFrom: fc.integer({ min: 1, max: 60 }),
  driftBpPerMonth: fc.double({ min: -2, max: 8, noNaN: true }),
  n: fc.integer({ min: 12, max: 120 }),
  marginBp: fc.integer({ min: 5, max: 150 }),
  cpr: fc.double({ min: 0, max: 40, noNaN: true }),
});

function pathOf(p: { start: number; shiftBp: number; shiftFrom: number; driftBpPerMonth: number; n: number }): number[] {
  return Array.from({ length: p.n }, (_, k) => p.start + (p.driftBpPerMonth * k) / 100 + (k + 1 >= p.shiftFrom ? p.shiftBp / 100 : 0));
}

describe('DM over a projected index path (analytics)', () => {
  test('an uncapped floater at par returns its margin under any shift, shift start and curve', () => {
    fc.assert(
      fc.property(pathArb, (p) => {
        const index = pathOf(p);
        const tau = Array.from({ length: p.n }, (_, k) => (k % 2 === 0 ? 31 : 30) / 360);
        const flows = floaterOverPath(index, p.marginBp / 100, tau, p.cpr);
        expect(discountMarginFromPrice(flows, index, 100)).toBeCloseTo(p.marginBp, 6);
        expect(priceFromDiscountMargin(flows, index, p.marginBp)).toBeCloseTo(100, 9);
      }),
      { numRuns: 200 },
    );
  });

  test('a flat path gives the flat-index figures exactly (bit for bit)', () => {
    fc.assert(
      fc.property(pathArb, fc.double({ min: 95, max: 102, noNaN: true }), (p, price) => {
        const tau = Array.from({ length: p.n }, () => 30 / 360);
        const index = Array.from({ length: p.n }, () => p.start);
        const flows = floaterOverPath(pathOf(p), p.marginBp / 100, tau, p.cpr);
        expect(discountMarginFromPrice(flows, Float64Array.from(index), price)).toBe(discountMarginFromPrice(flows, p.start, price));
        expect(priceFromDiscountMargin(flows, index, 40)).toBe(priceFromDiscountMargin(flows, p.start, 40));
      }),
      { numRuns: 100 },
    );
  });

  test('price from DM and DM from price are inverse over a path', () => {
    fc.assert(
      fc.property(pathArb, fc.integer({ min: -100, max: 400 }), (p, dm) => {
        const index = pathOf(p);
        const tau = Array.from({ length: p.n }, () => 30 / 360);
        const flows = floaterOverPath(index, p.marginBp / 100, tau, p.cpr);
        expect(discountMarginFromPrice(flows, index, priceFromDiscountMargin(flows, index, dm))).toBeCloseTo(dm, 6);
      }),
      { numRuns: 100 },
    );
  });

  test('a path shorter than the cash flows is an error, not a silent flat tail', () => {
    const flows = floaterOverPath([1, 1, 1], 0.3, [1 / 12, 1 / 12, 1 / 12], 0);
    expect(() => discountMarginFromPrice(flows, [1, 1], 100)).toThrow(/index level for each of 3/);
  });
});

describe('DM over the run\'s index path (engine)', () => {
  const cases: [deal: string, cls: string, marginBp: number, inputs: ScenarioInput[]][] = [
    ['impac-cmb-2004-1', 'A-1', 34, [{ shiftBp: 100 }, { shiftBp: -75 }, { shiftBp: 250, shiftFromPeriod: 13 }, { curve: 'forward' }, { curve: 'forward', shiftBp: 50, shiftFromPeriod: 7 }]],
    ['cwalt-2004-j4', '1-A-1', 16, [{ shiftBp: 100 }, { shiftBp: -50 }, { shiftBp: 200, shiftFromPeriod: 6 }, { curve: 'forward' }, { curve: 'forward', shiftBp: 100 }]],
    ['cwalt-2004-j4', '2-A', 25, [{ shiftBp: 100 }, { shiftBp: 150, shiftFromPeriod: 24 }, { curve: 'forward' }]],
  ];
  test.each(cases)('%s %s at par returns its margin (%d bp) on shifted and forward paths', (dealId, className, marginBp, inputs) => {
    const deal = resolveDeal(dealId);
    const cls = resolveClass(deal, className);
    for (const input of inputs) {
      const scenario = normaliseScenario(input);
      const run = runDeal(deal, scenario);
      expect(run.floaterIndexPct).toBeDefined();
      expect(classValue(deal.description, cls, run, scenario, '100-00')).toBeCloseTo(marginBp, 1);
      // PRICE from DM is the inverse on the same path.
      expect(priceFromMeasure(deal.description, cls, run, scenario, marginBp)).toBeCloseTo(100, 3);
    }
  });

  test('SHIFT_BP 100 and LIBOR_1M +1% give one DM: the path, not the base level, is what the DM is over', () => {
    const deal = resolveDeal('impac-cmb-2004-1');
    const cls = resolveClass(deal, 'A-1');
    const dm = (input: ScenarioInput) => {
      const scenario = normaliseScenario(input);
      return classValue(deal.description, cls, runDeal(deal, scenario), scenario, '99-16');
    };
    expect(dm({ shiftBp: 100 })).toBeCloseTo(dm({ indices: { libor1m: 2.1 } }), 2);
  });
});

describe('CWALT 1M LIBOR forward curve (issue 17 item 3)', () => {
  test('built from the April 2004 quotes as Impac\'s from January: spot values give back the day\'s fixings', () => {
    const curves = forwardCurves2004({ curveDate: '2004-04-06' });
    expect(curves.spotDate).toBe('2004-04-08');
    expect(curves.libor1m[0]).toBeCloseTo(1.1, 3);
    expect(curves.libor6m[0]).toBeCloseTo(1.23, 3);
    expect(curves.libor12m[0]).toBeCloseTo(1.51, 3);
    expect(curves.cmt1y[0]).toBeCloseTo(1.31, 3);
    // upward sloping in April 2004: 1M forward above 2% in a year, above 4% in five
    expect(curves.libor1m[12]).toBeGreaterThan(2);
    expect(curves.libor1m[60]).toBeGreaterThan(4);
  });

  test('CURVE forward runs on J4: period p reads the forward fixed when its accrual starts', () => {
    const deal = resolveDeal('J4');
    const path = cwaltForwardIndexPath();
    const run = runDeal(deal, normaliseScenario({ curve: 'forward' }));
    const curves = forwardCurves2004({ curveDate: '2004-04-06' });
    expect(run.floaterIndexPct?.[0]).toBe(path.rate('libor1m', 1));
    expect(path.rate('libor1m', 1)).toBe(forwardRateOn(curves, 'libor1m', parseIsoDate('2004-04-30')));
    expect(path.rate('libor1m', 13)).toBe(forwardRateOn(curves, 'libor1m', parseIsoDate('2005-04-25')));
    // the forward curve moves the ARM group too: a different run from the flat one
    const flat = runDeal(deal, normaliseScenario({}));
    expect(run.classes.get('2-A')?.interest[20]).not.toBe(flat.classes.get('2-A')?.interest[20]);
  });
});
