import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { FloaterCashFlows } from '../../src/analytics/cashflows';
import { discountMarginFromPrice, flatLevel, flatPrefix, priceFromDiscountMargin } from '../../src/analytics/discountMargin';

/**
 * An uncapped floater per 100 of current face, with a plain loop: coupon (I + m_k)·τ_k on the
 * balance at the start of period k, principal from a level-pay collateral at a flat CPR (SMM on
 * the balance after scheduled principal). No settlement stub: τ_1 is the first coupon period,
 * and coupon and discount share one τ (conventions.md §7).
 */
function floater(o: {
  indexPct: number;
  marginBp: (k: number) => number;
  tau: readonly number[];
  wacPct: number;
  cpr: number;
}): FloaterCashFlows & { balance: Float64Array; marginPct: Float64Array } {
  const n = o.tau.length;
  const t = new Float64Array(n);
  const amount = new Float64Array(n);
  const tau = Float64Array.from(o.tau);
  const balance = new Float64Array(n);
  const marginPct = new Float64Array(n);
  const r = o.wacPct / 1200;
  const smm = 1 - Math.pow(1 - o.cpr / 100, 1 / 12);
  let b = 100;
  let time = 0;
  for (let k = 1; k <= n; k++) {
    const remaining = n - k + 1;
    const scheduled = r === 0 ? b / remaining : (b * r) / (1 - Math.pow(1 + r, -remaining)) - b * r;
    const principal = k === n ? b : scheduled + smm * (b - scheduled);
    marginPct[k - 1] = o.marginBp(k) / 100;
    balance[k - 1] = b;
    time += tau[k - 1];
    t[k - 1] = time;
    amount[k - 1] = (b * (o.indexPct + marginPct[k - 1]) * tau[k - 1]) / 100 + principal;
    b -= principal;
  }
  return { face: 100, t, amount, tau, balance, marginPct };
}

describe('discount margin, product form', () => {
  // BMA Uniform Practices/Standard Formulas (02/01/99) §G.2b, SF-53/54: a hypothetical FRCMO at 99
  // for settlement 3/17/89, 3-month LIBOR 10-3/16%, half the principal repaid 9/1/89, half 3/1/90.
  const price = 99 + 100 * ((28 / 365) * 0.09875 + (16 / 365) * 0.114375); // 100.2589 with accrued
  const cf1 = 50 + 100 * ((28 / 365) * 0.09875 + (31 / 365) * 0.114375 + (122 / 365) * 0.106875);
  const cf2 = 50 + 50 * (184 / 365) * 0.106875;

  it('BMA SF §G.2 (SF-54): FRCMO at 99 has DM 62.05 bp on the 30/360 basis (I = 365/360 · 10.1875)', () => {
    const cashFlows: FloaterCashFlows = { face: 100, t: [164 / 360, 344 / 360], amount: [cf1, cf2], tau: [164 / 360, 180 / 360] };
    const index = (365 / 360) * 10.1875;
    const dm = discountMarginFromPrice(cashFlows, index, price);
    expect(dm.toFixed(2)).toBe('62.05');
    expect(Math.abs(priceFromDiscountMargin(cashFlows, index, dm) - price)).toBeLessThan(1e-10);
  });

  it('BMA SF §G.2 (SF-55): FRCMO at 99 has DM 56.89 bp on the act/360 basis (I = 10.1875)', () => {
    const cashFlows: FloaterCashFlows = { face: 100, t: [168 / 360, 349 / 360], amount: [cf1, cf2], tau: [168 / 360, 181 / 360] };
    expect(discountMarginFromPrice(cashFlows, 10.1875, price).toFixed(2)).toBe('56.89');
  });

  it('prices a single flow exactly: 100 + I·τ over 1 + (I + DM)·τ', () => {
    const cashFlows: FloaterCashFlows = { face: 100, t: [0.25], amount: [101.25], tau: [0.25] };
    expect(priceFromDiscountMargin(cashFlows, 4, 100)).toBeCloseTo((100 * 101.25) / (100 * (1 + 0.05 * 0.25)), 12);
  });
});

/** Act/360 month lengths (28–31 days) or a constant 30/360 month, 1 to 360 periods. */
const arbTau = fc.oneof(
  fc.array(fc.integer({ min: 28, max: 31 }), { minLength: 1, maxLength: 360 }).map((days) => days.map((d) => d / 360)),
  fc.integer({ min: 1, max: 360 }).map((n) => new Array<number>(n).fill(30 / 360)),
);

const arbFloater = fc
  .record({
    indexPct: fc.double({ min: 0, max: 12, noNaN: true }),
    marginBp: fc.double({ min: 0, max: 400, noNaN: true }),
    tau: arbTau,
    wacPct: fc.double({ min: 1, max: 12, noNaN: true }),
    cpr: fc.double({ min: 0, max: 70, noNaN: true }),
  })
  .map((p) => ({ ...p, cashFlows: floater({ ...p, marginBp: () => p.marginBp }) }));

describe('discount margin properties', () => {
  it('conventions.md §7 identity: an uncapped floater at par has DM = margin at every speed', () => {
    fc.assert(
      fc.property(arbFloater, ({ cashFlows, indexPct, marginBp }) => {
        expect(Math.abs(discountMarginFromPrice(cashFlows, indexPct, 100) - marginBp)).toBeLessThan(1e-7);
        expect(Math.abs(priceFromDiscountMargin(cashFlows, indexPct, marginBp) - 100)).toBeLessThan(1e-10);
      }),
    );
  });

  it('conventions.md §7 identity: P − B_0 = Σ B_{k−1} τ_k (m_k − DM) D_k with stepped margins', () => {
    fc.assert(
      fc.property(
        arbFloater,
        fc.integer({ min: 1, max: 360 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: -100, max: 300, noNaN: true }),
        ({ indexPct, marginBp, tau, wacPct, cpr }, stepAt, stepBp, dmBp) => {
          // A step-up after period `stepAt` (the 30 → 60 bp shape of the to-maturity tables).
          const cashFlows = floater({ indexPct, tau, wacPct, cpr, marginBp: (k) => (k > stepAt ? marginBp + stepBp : marginBp) });
          const rate = (indexPct + dmBp / 100) / 100;
          let discount = 1;
          let rhs = 0;
          for (let k = 0; k < tau.length; k++) {
            discount /= 1 + rate * tau[k];
            rhs += (cashFlows.balance[k] * tau[k] * (cashFlows.marginPct[k] - dmBp / 100) * discount) / 100;
          }
          expect(priceFromDiscountMargin(cashFlows, indexPct, dmBp) - 100).toBeCloseTo(rhs, 9);
          // At par the DM is the discount-weighted margin Σ B τ m D / Σ B τ D (D at that DM).
          const dmAtPar = discountMarginFromPrice(cashFlows, indexPct, 100);
          const parRate = (indexPct + dmAtPar / 100) / 100;
          let weight = 0;
          let weighted = 0;
          discount = 1;
          for (let k = 0; k < tau.length; k++) {
            discount /= 1 + parRate * tau[k];
            weight += cashFlows.balance[k] * tau[k] * discount;
            weighted += cashFlows.balance[k] * tau[k] * cashFlows.marginPct[k] * 100 * discount;
          }
          expect(Math.abs(dmAtPar - weighted / weight)).toBeLessThan(1e-7);
        },
      ),
    );
  });

  it('price → DM → price returns the price to 1e-9', () => {
    fc.assert(
      fc.property(arbFloater, fc.double({ min: 80, max: 110, noNaN: true }), ({ cashFlows, indexPct }, price) => {
        const dm = discountMarginFromPrice(cashFlows, indexPct, price);
        expect(Number.isFinite(dm)).toBe(true);
        expect(Math.abs(priceFromDiscountMargin(cashFlows, indexPct, dm) - price)).toBeLessThan(1e-9);
      }),
    );
  });

  it('DM → price → DM returns the DM to 1e-7 bp', () => {
    fc.assert(
      fc.property(arbFloater, fc.double({ min: -200, max: 1000, noNaN: true }), ({ cashFlows, indexPct }, dm) => {
        expect(Math.abs(discountMarginFromPrice(cashFlows, indexPct, priceFromDiscountMargin(cashFlows, indexPct, dm)) - dm)).toBeLessThan(1e-7);
      }),
    );
  });

  it('DM is strictly decreasing in price', () => {
    fc.assert(
      fc.property(arbFloater, fc.double({ min: 80, max: 110, noNaN: true }), fc.double({ min: 1e-5, max: 5, noNaN: true }), ({ cashFlows, indexPct }, price, bump) => {
        expect(discountMarginFromPrice(cashFlows, indexPct, price + bump)).toBeLessThan(discountMarginFromPrice(cashFlows, indexPct, price));
      }),
    );
  });
});

describe('discount margin: bad input throws EngineError, never NaN', () => {
  const ok: FloaterCashFlows = { face: 100, t: [0.25, 0.5], amount: [1, 101], tau: [0.25, 0.25] };
  it('rejects malformed streams', () => {
    expect(() => discountMarginFromPrice({ ...ok, tau: [0.25] }, 1, 100)).toThrow(EngineError);
    expect(() => discountMarginFromPrice({ ...ok, tau: [0.25, -0.1] }, 1, 100)).toThrow(EngineError);
    expect(() => discountMarginFromPrice({ ...ok, tau: [0, 0] }, 1, 100)).toThrow(EngineError);
    expect(() => priceFromDiscountMargin({ ...ok, amount: [1, Number.NaN] }, 1, 50)).toThrow(EngineError);
  });

  it('rejects bad index, margin and price', () => {
    expect(() => discountMarginFromPrice(ok, Number.NaN, 100)).toThrow(EngineError);
    expect(() => discountMarginFromPrice(ok, 1, -5)).toThrow(EngineError);
    expect(() => priceFromDiscountMargin(ok, 1, Number.POSITIVE_INFINITY)).toThrow(EngineError);
    // I + DM = −500% with τ = 0.25 makes 1 + (I + DM)τ negative.
    expect(() => priceFromDiscountMargin(ok, 0, -50_000)).toThrow(EngineError);
  });

  it('throws when no margin reaches the price', () => {
    // A flow paid with τ = 0 is not discounted: no DM brings the price below it.
    expect(() => discountMarginFromPrice({ face: 100, t: [0, 1], amount: [60, 50], tau: [0, 1] }, 1, 50)).toThrow(EngineError);
  });
});

describe('flatPrefix', () => {
  it('tells flatLevel of every length from one read of the path', () => {
    const paths = [[1.1, 1.1, 1.1], [1.1, 1.1, 1.2, 1.1], [Number.NaN, 1], [1, 1, Number.POSITIVE_INFINITY, 1], [-0, 0, 2], [3]];
    for (const path of paths) {
      const prefix = flatPrefix(path);
      for (let n = 1; n <= path.length; n++) {
        const level = (p: number[]) => {
          try {
            return flatLevel(p, n);
          } catch (error) {
            return String(error);
          }
        };
        const fromPrefix = n <= prefix ? path[0] : Number.isFinite(path[prefix]) ? null : String(new EngineError('index', `expected a finite number, got ${String(path[prefix])}`));
        expect(fromPrefix).toBe(level(path));
      }
    }
  });
});
