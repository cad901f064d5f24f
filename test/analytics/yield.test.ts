import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { CashFlows } from '../../src/analytics/cashflows';
import { findRoot } from '../../src/analytics/solve';
import { accruedInterest, cbeFromMonthly, monthlyFromCbe, priceFromYield, yieldFromPrice } from '../../src/analytics/yield';

/**
 * A level-payment pass-through per 100 of current face, with a plain loop (the amortization
 * module is written elsewhere): scheduled principal from the gross rate over the remaining
 * term, SMM on the balance after scheduled principal (SF §B.1, conventions.md §1), interest to
 * the investor at the net rate. `cpr(k)` is the CPR (%) of the k-th projected month.
 * Payment k is made `firstPayDays + 30(k − 1)` days (30/360) after settlement.
 */
function passThrough(o: {
  grossPct: number;
  netPct: number;
  remainingMonths: number;
  cpr: (k: number) => number;
  firstPayDays: number;
}): { face: number; t: Float64Array; amount: Float64Array; principal: Float64Array } {
  const n = o.remainingMonths;
  const t = new Float64Array(n);
  const amount = new Float64Array(n);
  const principal = new Float64Array(n);
  const r = o.grossPct / 1200;
  let balance = 100;
  for (let k = 1; k <= n; k++) {
    const remaining = n - k + 1;
    const scheduled = r === 0 ? balance / remaining : (balance * r) / (1 - Math.pow(1 + r, -remaining)) - balance * r;
    const smm = 1 - Math.pow(1 - o.cpr(k) / 100, 1 / 12);
    const prepaid = smm * (balance - scheduled);
    t[k - 1] = (o.firstPayDays + 30 * (k - 1)) / 360;
    principal[k - 1] = scheduled + prepaid;
    amount[k - 1] = (balance * o.netPct) / 1200 + scheduled + prepaid;
    balance -= scheduled + prepaid;
  }
  return { face: 100, t, amount, principal };
}

describe('bond-equivalent yield with delay', () => {
  // conventions.md §6 check [D]: 5.5% 30-year level pay, 24% CPR, dated 4/1, settled 4/30,
  // first pay 5/25 (24-day delay): T_1 = 25/360, T_k = (25 + 30(k − 1))/360; par + 29 days accrued.
  it('conventions.md §6: 5.5% pool at 24% CPR yields 5.435 at par with the 24-day delay', () => {
    const pool = passThrough({ grossPct: 5.5, netPct: 5.5, remainingMonths: 360, cpr: () => 24, firstPayDays: 25 });
    const full = 100 + accruedInterest(5.5, 29);
    expect(accruedInterest(5.5, 29)).toBeCloseTo((5.5 * 29) / 360, 14);
    const y = yieldFromPrice(pool, full);
    expect(y.toFixed(3)).toBe('5.435');
    expect(Math.abs(priceFromYield(pool, y) - full)).toBeLessThan(1e-10);
  });

  it('conventions.md §6: without the delay the same pool yields 5.563 = CBE(5.5)', () => {
    // Paid on the 1st: 1 day (30/360) after a 4/30 settlement, then monthly.
    const pool = passThrough({ grossPct: 5.5, netPct: 5.5, remainingMonths: 360, cpr: () => 24, firstPayDays: 1 });
    const y = yieldFromPrice(pool, 100 + accruedInterest(5.5, 29));
    expect(y.toFixed(3)).toBe('5.563');
    expect(cbeFromMonthly(5.5).toFixed(3)).toBe('5.563');
    // Equal up to simple (accrued) vs compound interest over the 29 days: 1.2e-5.
    expect(Math.abs(y - cbeFromMonthly(5.5))).toBeLessThan(5e-5);
  });

  // BMA Uniform Practices/Standard Formulas (02/01/99) §G.1, SF-50/51: Ginnie Mae I 9.0%
  // (gross 9.5%), 360 months, 150% PSA, 14-day actual delay, settled on the issue date, at par:
  // P = CF1/(1+Y/200)^(2·44/360) + CF2/(1+Y/200)^(2·74/360) + …
  const gnma = passThrough({
    grossPct: 9.5,
    netPct: 9.0,
    remainingMonths: 360,
    cpr: (k) => Math.min(1.5 * 0.2 * Math.max(1, Math.min(k, 30)), 100),
    firstPayDays: 44,
  });

  it('BMA SF §G.1 (SF-51): GNMA I 9.0% at 150% PSA priced at par yields 9.10675%, mortgage yield 8.93863%', () => {
    expect(gnma.amount[0]).toBeCloseTo(0.8242, 4); // SF: CF1 = 0.8242
    expect(gnma.amount[1]).toBeCloseTo(0.8491, 4); // CF2 = 0.8491
    expect(gnma.amount[2]).toBeCloseTo(0.8738, 4); // CF3 = 0.8738
    expect(gnma.amount[359]).toBeCloseTo(0.0562, 4); // CF360 = 0.0562
    const y = yieldFromPrice(gnma, 100);
    expect(y.toFixed(5)).toBe('9.10675');
    expect(monthlyFromCbe(y).toFixed(5)).toBe('8.93863');
  });

  it('BMA SF §G.1 (SF-52): settled seven days after issue, full price 100.1750 yields 9.10644%', () => {
    const later: CashFlows = { face: 100, t: gnma.t.map((tk) => tk - 7 / 360), amount: gnma.amount };
    const full = 100 + accruedInterest(9.0, 7);
    expect(full.toFixed(4)).toBe('100.1750');
    expect(yieldFromPrice(later, full).toFixed(5)).toBe('9.10644');
  });

  // BMA SF §G.2 (SF-53/54), the FRCMO example: trades at 99 for settlement 3/17/89 with accrued
  // interest; two cash flows on 9/1/89 and 3/1/90.
  const frcmoPrice = 99 + 100 * ((28 / 365) * 0.09875 + (16 / 365) * 0.114375);
  const cf1 = 50 + 100 * ((28 / 365) * 0.09875 + (31 / 365) * 0.114375 + (122 / 365) * 0.106875);
  const cf2 = 50 + 50 * (184 / 365) * 0.106875;

  it('BMA SF §G.2 (SF-54): FRCMO yield 10.96675% on 30/360 and spread 50.44 bp over the index yield', () => {
    expect(frcmoPrice.toFixed(4)).toBe('100.2589');
    expect(cf1.toFixed(4)).toBe('55.3012');
    expect(cf2.toFixed(4)).toBe('52.6938');
    const y = yieldFromPrice({ face: 100, t: [164 / 360, 344 / 360], amount: [cf1, cf2] }, frcmoPrice);
    expect(y.toFixed(5)).toBe('10.96675');
    const indexYield = 200 * (Math.pow(1 + ((365 / 360) * 10.1875) / 400, 2) - 1);
    expect(indexYield.toFixed(5)).toBe('10.46235');
    expect(((y - indexYield) * 100).toFixed(2)).toBe('50.44');
  });

  it('BMA SF §G.2 (SF-54/55): FRCMO yield 10.76838% on act/360 and spread 45.11 bp', () => {
    const y = yieldFromPrice({ face: 100, t: [168 / 360, 349 / 360], amount: [cf1, cf2] }, frcmoPrice);
    expect(y.toFixed(5)).toBe('10.76838');
    const indexYield = 200 * (Math.pow(1 + 10.1875 / 400, 2) - 1);
    expect(indexYield.toFixed(5)).toBe('10.31723');
    expect(((y - indexYield) * 100).toFixed(2)).toBe('45.11');
  });

  // MATLAB Financial Instruments Toolbox help, mbsprice / mbsyield examples: settle 15-Apr-2002,
  // issue 1-Jan-2000, maturity 1-Jan-2030, gross 8.125%, coupon 7.5%, delay 14, 100% PSA.
  // Reconstructed: 333 remaining payments paid on the 15th (T_k = k/12 from the 4/15 settlement),
  // PSA month = 27 months of age + k, accrued 14 days from 4/1 (AccrInt 0.2917).
  const matlab = passThrough({
    grossPct: 8.125,
    netPct: 7.5,
    remainingMonths: 333,
    cpr: (k) => Math.min(0.2 * Math.max(1, Math.min(27 + k, 30)), 100),
    firstPayDays: 30,
  });
  const matlabAccrued = accruedInterest(7.5, 14);

  it('MATLAB mbsprice example: monthly yield 7.25% → clean price 101.3147, accrued 0.2917', () => {
    expect(matlabAccrued.toFixed(4)).toBe('0.2917');
    const clean = priceFromYield(matlab, cbeFromMonthly(7.25)) - matlabAccrued;
    expect(clean.toFixed(4)).toBe('101.3147');
  });

  it('MATLAB mbsyield example: clean price 102 → mortgage yield 0.0715, bond-equivalent 0.0725', () => {
    const y = yieldFromPrice(matlab, 102 + matlabAccrued);
    expect((monthlyFromCbe(y) / 100).toFixed(4)).toBe('0.0715');
    expect((y / 100).toFixed(4)).toBe('0.0725');
  });
});

describe('monthly ↔ bond-equivalent conversions (conventions.md §6, SF §G.1b)', () => {
  it('MATLAB mbsdury example: monthly 7.298413% is CBE 7.4103%, so 1 + Y/200 = 1.037051', () => {
    const y = cbeFromMonthly(7.298413);
    expect(y.toFixed(4)).toBe('7.4103');
    expect((1 + y / 200).toFixed(6)).toBe('1.037051');
  });

  it('i_m = 1200[(1 + Y/200)^(1/6) − 1] and Y = 200[(1 + i_m/1200)^6 − 1] invert each other', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 60, noNaN: true }), (y) => {
        expect(Math.abs(cbeFromMonthly(monthlyFromCbe(y)) - y)).toBeLessThan(1e-11);
        expect(monthlyFromCbe(y)).toBeCloseTo(1200 * (Math.pow(1 + y / 200, 1 / 6) - 1), 10);
      }),
    );
  });
});

/**
 * A random level-pay pool: coupon, term, flat CPR and settlement stub. At least two years, so a
 * price from 60 to 140 is within the yields the solver accepts (−198.7% to ~29,500%).
 */
const arbPool = fc
  .record({
    couponPct: fc.double({ min: 0.5, max: 12, noNaN: true }),
    months: fc.integer({ min: 24, max: 360 }),
    cpr: fc.double({ min: 0, max: 60, noNaN: true }),
    firstPayDays: fc.integer({ min: 1, max: 55 }),
  })
  .map((p) => passThrough({ grossPct: p.couponPct + 0.5, netPct: p.couponPct, remainingMonths: p.months, cpr: () => p.cpr, firstPayDays: p.firstPayDays }));

describe('price ↔ yield round trips (property)', () => {
  it('price → yield → price returns the price to 1e-9', () => {
    fc.assert(
      fc.property(arbPool, fc.double({ min: 60, max: 140, noNaN: true }), (pool, price) => {
        const y = yieldFromPrice(pool, price);
        expect(Number.isFinite(y)).toBe(true);
        expect(Math.abs(priceFromYield(pool, y) - price)).toBeLessThan(1e-9);
      }),
    );
  });

  it('yield → price → yield returns the yield to 1e-9', () => {
    fc.assert(
      fc.property(arbPool, fc.double({ min: -5, max: 30, noNaN: true }), (pool, y) => {
        expect(Math.abs(yieldFromPrice(pool, priceFromYield(pool, y)) - y)).toBeLessThan(1e-9);
      }),
    );
  });

  it('yield is strictly decreasing in price', () => {
    fc.assert(
      fc.property(arbPool, fc.double({ min: 60, max: 140, noNaN: true }), fc.double({ min: 1e-6, max: 20, noNaN: true }), (pool, price, bump) => {
        expect(yieldFromPrice(pool, price + bump)).toBeLessThan(yieldFromPrice(pool, price));
      }),
    );
  });

  it('solves deep discounts and premiums (negative yields) without losing the round trip', () => {
    const pool = passThrough({ grossPct: 5.5, netPct: 5, remainingMonths: 360, cpr: () => 6, firstPayDays: 25 });
    for (const price of [5, 20, 150, 400]) {
      const y = yieldFromPrice(pool, price);
      expect(Math.abs(priceFromYield(pool, y) - price)).toBeLessThan(1e-9);
    }
    expect(yieldFromPrice(pool, 400)).toBeLessThan(0);
  });

  it('prices per 100 of face whatever the unit of the amounts (dollars or per 100)', () => {
    const pool = passThrough({ grossPct: 6, netPct: 5.5, remainingMonths: 120, cpr: () => 10, firstPayDays: 25 });
    const dollars: CashFlows = { face: 2_500_000, t: pool.t, amount: pool.amount.map((a) => a * 25_000) };
    expect(priceFromYield(dollars, 6)).toBeCloseTo(priceFromYield(pool, 6), 10);
    expect(yieldFromPrice(dollars, 99)).toBeCloseTo(yieldFromPrice(pool, 99), 10);
  });
});

describe('bad input throws EngineError, never NaN', () => {
  const pool: CashFlows = { face: 100, t: [0.5, 1], amount: [3, 103] };
  it.each([
    ['empty stream', { face: 100, t: [], amount: [] }],
    ['length mismatch', { face: 100, t: [0.5], amount: [1, 2] }],
    ['NaN amount', { face: 100, t: [0.5], amount: [Number.NaN] }],
    ['negative time', { face: 100, t: [-0.5], amount: [100] }],
    ['zero face', { face: 0, t: [0.5], amount: [100] }],
  ])('%s', (_name, cashFlows) => {
    expect(() => yieldFromPrice(cashFlows as CashFlows, 100)).toThrow(EngineError);
    expect(() => priceFromYield(cashFlows as CashFlows, 5)).toThrow(EngineError);
  });

  it('rejects non-positive or non-finite prices and yields at or below −200%', () => {
    expect(() => yieldFromPrice(pool, 0)).toThrow(EngineError);
    expect(() => yieldFromPrice(pool, Number.POSITIVE_INFINITY)).toThrow(EngineError);
    expect(() => priceFromYield(pool, -200)).toThrow(EngineError);
    expect(() => priceFromYield(pool, Number.NaN)).toThrow(EngineError);
    expect(() => cbeFromMonthly(-1300)).toThrow(EngineError);
    expect(() => accruedInterest(5.5, -1)).toThrow(EngineError);
  });

  it('throws when no yield reaches the price', () => {
    // 50 paid at settlement: no yield makes the stream worth less than 50.
    expect(() => yieldFromPrice({ face: 100, t: [0, 1], amount: [50, 50] }, 40)).toThrow(EngineError);
    // Every flow at settlement: the price does not depend on yield.
    expect(() => yieldFromPrice({ face: 100, t: [0], amount: [100] }, 100)).toThrow(EngineError);
  });
});

describe('root finder (solve.ts): Newton with bisection fallback', () => {
  it('converges with and without a derivative, increasing or decreasing', () => {
    const cube = (x: number): number => x * x * x - 2;
    expect(Math.abs(cube(findRoot(cube, 0, 3, { field: 'x' }, (x) => 3 * x * x)))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(cube(findRoot(cube, 0, 3, { field: 'x' })))).toBeLessThanOrEqual(1e-12);
    const falling = (x: number): number => Math.exp(-x) - 0.25;
    expect(findRoot(falling, -1, 10, { field: 'x' }, (x) => -Math.exp(-x))).toBeCloseTo(Math.log(4), 11);
  });

  it('survives a derivative that points out of the bracket (bisection takes over)', () => {
    const f = (x: number): number => Math.atan(x - 1);
    expect(findRoot(f, -50, 60, { field: 'x' }, (x) => 1 / (1 + (x - 1) * (x - 1)))).toBeCloseTo(1, 11);
  });

  it('throws EngineError when the bracket has no sign change or the iterations run out', () => {
    expect(() => findRoot((x) => x * x + 1, -1, 1, { field: 'x' })).toThrow(EngineError);
    expect(() => findRoot((x) => Math.exp(x) - 2, 0, 5, { field: 'x', maxIterations: 3 })).toThrow(EngineError);
    const pool = passThrough({ grossPct: 6, netPct: 5.5, remainingMonths: 360, cpr: () => 10, firstPayDays: 25 });
    expect(() => yieldFromPrice(pool, 97.3, { maxIterations: 1 })).toThrow(/did not converge/);
  });
});
