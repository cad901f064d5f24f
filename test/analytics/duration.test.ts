import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { priceFromDiscountMargin } from '../../src/analytics/discountMargin';
import {
  cashFlowConvexity,
  durationsFromPrice,
  macaulayDuration,
  modifiedDuration,
  modifiedDurationFromPrice,
} from '../../src/analytics/duration';
import { accruedInterest, cbeFromMonthly, priceFromYield, yieldFromPrice } from '../../src/analytics/yield';

/**
 * A level-payment pass-through per 100 of current face, with a plain loop: scheduled principal
 * from the gross rate over the remaining term, SMM on the balance after scheduled principal,
 * interest at the net rate. Payment k is made `firstPayDays + 30(k − 1)` days (30/360) after
 * settlement. `cpr(k)` is the CPR (%) of the k-th projected month.
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
    const prepaid = (1 - Math.pow(1 - o.cpr(k) / 100, 1 / 12)) * (balance - scheduled);
    t[k - 1] = (o.firstPayDays + 30 * (k - 1)) / 360;
    principal[k - 1] = scheduled + prepaid;
    amount[k - 1] = (balance * o.netPct) / 1200 + scheduled + prepaid;
    balance -= scheduled + prepaid;
  }
  return { face: 100, t, amount, principal };
}

describe('Macaulay and modified duration on the CBE yield', () => {
  // MATLAB Financial Instruments Toolbox help, mbsdury example (https://ww2.mathworks.cn/help/fininst/mbsdury.html):
  // Yield 0.07298413 (monthly), Settle 15-Apr-2002, Maturity 1-Jan-2030, IssueDate 1-Jan-2000,
  // GrossRate 0.08125, CouponRate 0.075, Delay 14, Speed 100 (PSA) → YearDuration 6.4380,
  // ModDuration 6.2080. Reconstructed: 333 remaining payments on the 15th (T_k = k/12 from the
  // 4/15 settlement), PSA month = 27 months of age + k, accrued 14 days from 4/1.
  const matlab = passThrough({
    grossPct: 8.125,
    netPct: 7.5,
    remainingMonths: 333,
    cpr: (k) => Math.min(0.2 * Math.max(1, Math.min(27 + k, 30)), 100),
    firstPayDays: 30,
  });
  const cbe = cbeFromMonthly(7.298413);

  it('MATLAB mbsdury example: monthly yield 7.298413% → Macaulay 6.4380, modified 6.2080', () => {
    expect(macaulayDuration(matlab, cbe).toFixed(4)).toBe('6.4380');
    expect(modifiedDuration(matlab, cbe).toFixed(4)).toBe('6.2080');
    // conventions.md §9: the ratio is 1 + BEY/200 = 1.037051; dividing by 1 + i_m/1200 would give 6.399.
    expect((macaulayDuration(matlab, cbe) / modifiedDuration(matlab, cbe)).toFixed(6)).toBe('1.037051');
    expect((macaulayDuration(matlab, cbe) / (1 + 7.298413 / 1200)).toFixed(3)).toBe('6.399');
  });

  it('MATLAB mbsdurp example: clean price 101 gives the same 6.4380 / 6.2080 (price 101 ↔ yield 7.298413%)', () => {
    const full = 101 + accruedInterest(7.5, 14);
    expect((priceFromYield(matlab, cbe) - accruedInterest(7.5, 14)).toFixed(4)).toBe('101.0000');
    const d = durationsFromPrice(matlab, full);
    expect(d.macaulayYears.toFixed(4)).toBe('6.4380');
    expect(d.modifiedYears.toFixed(4)).toBe('6.2080');
    expect(modifiedDurationFromPrice(matlab, full)).toBe(d.modifiedYears);
  });

  // BMA Uniform Practices/Standard Formulas (02/01/99) §G.1, SF-51: Ginnie Mae I 9.0% (gross 9.5%),
  // 360 months, 150% PSA, 14-day delay, settled on the issue date, priced at par.
  const gnma = passThrough({
    grossPct: 9.5,
    netPct: 9.0,
    remainingMonths: 360,
    cpr: (k) => Math.min(1.5 * 0.2 * Math.max(1, Math.min(k, 30)), 100),
    firstPayDays: 44,
  });

  it('BMA SF §G.1 (SF-51): GNMA I at par: average life 9.77844, duration 5.73147, modified 5.48186, convexity 54.4326', () => {
    const y = yieldFromPrice(gnma, 100);
    let timeWeighted = 0;
    let principal = 0;
    for (let k = 0; k < gnma.principal.length; k++) {
      timeWeighted += gnma.t[k] * gnma.principal[k];
      principal += gnma.principal[k];
    }
    expect((timeWeighted / principal).toFixed(5)).toBe('9.77844');
    expect(macaulayDuration(gnma, y).toFixed(5)).toBe('5.73147');
    expect(modifiedDuration(gnma, y).toFixed(5)).toBe('5.48186');
    expect(cashFlowConvexity(gnma, y).toFixed(4)).toBe('54.4326');
  });

  it('a single flow has Macaulay duration equal to its time', () => {
    expect(macaulayDuration({ face: 100, t: [7.25], amount: [150] }, 6)).toBeCloseTo(7.25, 13);
    expect(modifiedDuration({ face: 100, t: [7.25], amount: [150] }, 6)).toBeCloseTo(7.25 / 1.03, 13);
  });
});

describe('duration properties', () => {
  const arbPool = fc
    .record({
      couponPct: fc.double({ min: 0.5, max: 12, noNaN: true }),
      months: fc.integer({ min: 1, max: 360 }),
      cpr: fc.double({ min: 0, max: 60, noNaN: true }),
      firstPayDays: fc.integer({ min: 1, max: 55 }),
    })
    .map((p) => passThrough({ grossPct: p.couponPct + 0.5, netPct: p.couponPct, remainingMonths: p.months, cpr: () => p.cpr, firstPayDays: p.firstPayDays }));

  it('modified duration = −(1/P) dP/dY (per 100 bp), by central difference', () => {
    fc.assert(
      fc.property(arbPool, fc.double({ min: -2, max: 25, noNaN: true }), (pool, y) => {
        const h = 1e-4;
        const slope = (priceFromYield(pool, y + h) - priceFromYield(pool, y - h)) / (2 * h);
        const fromSlope = (-100 * slope) / priceFromYield(pool, y);
        expect(Math.abs(modifiedDuration(pool, y) - fromSlope)).toBeLessThan(1e-6 * Math.max(1, fromSlope));
      }),
    );
  });

  it('Macaulay duration lies between the first and last payment times', () => {
    fc.assert(
      fc.property(arbPool, fc.double({ min: -2, max: 25, noNaN: true }), (pool, y) => {
        const d = macaulayDuration(pool, y);
        expect(d).toBeGreaterThanOrEqual(pool.t[0] - 1e-12);
        expect(d).toBeLessThanOrEqual(pool.t[pool.t.length - 1] + 1e-12);
      }),
    );
  });

  it('floaters: the same formula on flat-index cash flows at the yield implied by the DM price (conventions.md §9)', () => {
    // A 1M LIBOR floater (1.10 + 0.25), act/360 months, 25% CPR collateral, priced at DM 40 bp.
    const n = 120;
    const tau = new Float64Array(n);
    const t = new Float64Array(n);
    const amount = new Float64Array(n);
    const smm = 1 - Math.pow(0.75, 1 / 12);
    let balance = 100;
    let time = 0;
    for (let k = 0; k < n; k++) {
      tau[k] = [31, 30, 31, 30][k % 4] / 360;
      time += tau[k];
      t[k] = time;
      const principal = k === n - 1 ? balance : balance * smm;
      amount[k] = balance * 0.0135 * tau[k] + principal;
      balance -= principal;
    }
    const price = priceFromDiscountMargin({ face: 100, t, amount, tau }, 1.1, 40);
    const d = durationsFromPrice({ face: 100, t, amount }, price);
    expect(d.modifiedYears).toBeCloseTo(modifiedDuration({ face: 100, t, amount }, yieldFromPrice({ face: 100, t, amount }, price)), 12);
    expect(d.modifiedYears).toBeGreaterThan(2);
    expect(d.modifiedYears).toBeLessThan(4);
  });
});

describe('duration: bad input throws EngineError', () => {
  it('rejects a non-positive present value, bad yields and malformed streams', () => {
    expect(() => macaulayDuration({ face: 100, t: [1, 2], amount: [-5, 2] }, 5)).toThrow(EngineError);
    expect(() => modifiedDuration({ face: 100, t: [1], amount: [100] }, -250)).toThrow(EngineError);
    expect(() => cashFlowConvexity({ face: 100, t: [1], amount: [] }, 5)).toThrow(EngineError);
    expect(() => durationsFromPrice({ face: 100, t: [1], amount: [100] }, Number.NaN)).toThrow(EngineError);
  });
});
