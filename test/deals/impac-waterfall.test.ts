/**
 * Impac CMB Trust 2004-1 priority of payments (TS "Priority of Payments" 1-7, "Realized Losses",
 * "Credit Enhancement", "Optional Termination", "Bond Interest Rate") on hand-made pool flows,
 * plus a few checks of the full run on the sample pool.
 */
import fc from 'fast-check';
import type { PoolFlows } from '../../src/collateral/types';
import { IMPAC_DEFAULT_CONVENTIONS, IMPAC_TERMS, IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts, impacEngineTerms, runImpac, type SwapContract } from '../../src/deals/impac-cmb-2004-1';
import { runEngine } from '../../src/engine/run';
import type { EngineRun } from '../../src/engine/outputs';
import { EngineError } from '../../src/errors';
import { normaliseScenario } from '../../src/scenario/normalise';

interface PoolSpec {
  periods?: number;
  balance?: number;
  netRatePct?: number;
  cprPct?: number;
  /** Fraction of the beginning balance lost each period in periods lossFrom.. */
  lossFraction?: number;
  lossFrom?: number;
  /** Level-pay amortization over this many months (0: none). */
  amortMonths?: number;
}

/** A pool whose flows obey begin − sched − prepay − recovery − loss = end, interest at a flat net rate. */
function makePool(spec: PoolSpec = {}): PoolFlows {
  const n = spec.periods ?? 360;
  const rate = spec.netRatePct ?? 5.3;
  const smm = 1 - Math.pow(1 - (spec.cprPct ?? 30) / 100, 1 / 12);
  const arrays = () => new Float64Array(n);
  const p = {
    beginBalance: arrays(), scheduledPrincipal: arrays(), prepayment: arrays(), defaultedBalance: arrays(), recovery: arrays(), loss: arrays(),
    grossInterest: arrays(), netInterest: arrays(), endBalance: arrays(), netRate: arrays(), grossRate: arrays(), netMaxRate: arrays(),
  };
  let b = spec.balance ?? IMPAC_TERMS.cutoffBalance;
  const amort = spec.amortMonths ?? 0;
  for (let i = 0; i < n; i++) {
    p.beginBalance[i] = b;
    const loss = i + 1 >= (spec.lossFrom ?? Infinity) ? b * (spec.lossFraction ?? 0) : 0;
    const perf = b - loss;
    const left = amort > 0 ? Math.max(1, amort - i) : 0;
    const r = rate / 1200;
    const sched = amort > 0 ? (left === 1 ? perf : perf * (r / (Math.pow(1 + r, left) - 1))) : i === n - 1 ? perf : 0;
    const prepay = i === n - 1 ? 0 : (perf - sched) * smm;
    p.loss[i] = loss;
    p.defaultedBalance[i] = loss;
    p.scheduledPrincipal[i] = sched;
    p.prepayment[i] = prepay;
    p.netInterest[i] = (perf * rate) / 1200;
    p.grossInterest[i] = (perf * (rate + 0.46)) / 1200;
    p.netRate[i] = rate;
    p.grossRate[i] = rate + 0.46;
    p.netMaxRate[i] = rate + 6;
    b = Math.max(0, perf - sched - prepay);
    p.endBalance[i] = b;
  }
  return { periods: n, ...p };
}

const flat = (n: number, v: number) => new Float64Array(n).fill(v);

/** The deal's terms under the default readings, run by the engine over one pool. */
function runImpacWaterfall(input: { pool: PoolFlows; libor1mPct: ArrayLike<number>; horizon: 'call' | 'maturity'; derivatives: readonly SwapContract[] }): EngineRun {
  return runEngine(impacEngineTerms(IMPAC_TERMS, IMPAC_DEFAULT_CONVENTIONS), { pools: [input.pool], indexPct: input.libor1mPct, horizon: input.horizon, contracts: input.derivatives });
}

function totalBonds(run: EngineRun, i: number, which: 'beginBalance' | 'endBalance'): number {
  return run.classes.reduce((a, c) => a + c[which][i], 0);
}

function checkInvariants(run: EngineRun, pool: PoolFlows): void {
  for (let i = 0; i < run.periods; i++) {
    // Cash in (net interest − derivative payments + principal + call proceeds + derivative receipts) = paid + released, to the cent.
    expect(run.cashInCents[i]).toBe(run.paidCents[i] + run.releasedCents[i]);
    const paid = run.classes.reduce((a, c) => a + c.cashFlow[i], 0);
    expect(paid + run.released[i]).toBeCloseTo(run.cashInCents[i] / 100, 6);
    const inflow = pool.netInterest[i] + pool.scheduledPrincipal[i] + pool.prepayment[i] + pool.recovery[i] + run.redemptionProceeds[i] + run.derivativeReceipts[i] - run.derivativePayments[i];
    expect(Math.abs(inflow - run.cashInCents[i] / 100)).toBeLessThanOrEqual(0.03);
    for (const c of run.classes) {
      expect(c.endBalance[i]).toBeGreaterThanOrEqual(0);
      expect(c.principal[i]).toBeGreaterThanOrEqual(0);
      expect(c.interest[i]).toBeGreaterThanOrEqual(0);
      // Bond Interest Rate = least of LIBOR + margin, the Available Funds Rate, 11.50%.
      expect(c.couponPct[i]).toBeLessThanOrEqual(IMPAC_TERMS.bondRateCapPct + 1e-12);
      expect(c.couponPct[i]).toBeLessThanOrEqual(Math.max(0, run.series.availableFundsRatePct[i]) + 1e-12);
      expect(c.couponPct[i]).toBeLessThanOrEqual(c.uncappedCouponPct[i] + 1e-12);
      expect(c.endBalance[i]).toBeCloseTo(c.beginBalance[i] - c.principal[i] - c.writedown[i], 6);
    }
  }
}

describe('Impac waterfall on hand-made flows', () => {
  const pool = makePool();
  const libor = flat(pool.periods, 1.1);

  it('pays each class LIBOR + margin on act/360 over business-day-adjusted dates when no cap binds', () => {
    const run = runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'call', derivatives: [] });
    const a1 = run.classes[0];
    // Period 1: closing 2004-01-29 to 2004-02-25 = 27 days; period 3: 2004-03-25 to Monday 2004-04-26 = 32 days.
    expect(run.accrualDays[0]).toBe(27);
    expect(run.payDates[2]).toBe('2004-04-26');
    expect(run.accrualDays[2]).toBe(32);
    expect(a1.couponPct[0]).toBeCloseTo(1.44, 12);
    expect(a1.interest[0]).toBeCloseTo(Math.round(869_000_000 * 100 * 0.0144 * (27 / 360)) / 100, 2);
    checkInvariants(run, pool);
  });

  it('pays principal pro rata, keeps OC at zero through July 2004 and builds it to 0.50% of the cut-off balance after', () => {
    const run = runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'call', derivatives: [] });
    for (let i = 0; i < 12; i++) {
      const total = run.classes.reduce((a, c) => a + c.principal[i], 0);
      for (const c of run.classes) expect(c.principal[i] / total).toBeCloseTo(c.beginBalance[i] / totalBonds(run, i, 'beginBalance'), 6);
    }
    for (let i = 0; i < 6; i++) expect(Math.abs(run.series.overcollateralization[i])).toBeLessThan(50);
    const target = 0.005 * IMPAC_TERMS.cutoffBalance;
    const built = Array.from(run.series.overcollateralization).findIndex((oc) => Math.abs(oc - target) < 0.02);
    expect(built).toBeGreaterThan(6);
    for (let i = built; i < run.periods - 1; i++) expect(run.series.overcollateralization[i]).toBeCloseTo(target, 1);
  });

  it('calls on the first payment date whose ending pool balance is at most 25% of the cut-off balance, paying the bonds in full', () => {
    const run = runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'call', derivatives: [] });
    const expected = Array.from(pool.endBalance).findIndex((b) => b <= 0.25 * IMPAC_TERMS.cutoffBalance) + 1;
    expect(run.redemptionPeriod).toBe(expected);
    expect(run.periods).toBe(expected);
    expect(totalBonds(run, run.periods - 1, 'endBalance')).toBe(0);
    expect(run.redemptionProceeds[run.periods - 1]).toBeCloseTo(pool.endBalance[run.periods - 1], 2);
    checkInvariants(run, pool);
  });

  it('calls in February 2014 (period 121) when the pool is still above 25%', () => {
    const slow = makePool({ cprPct: 0, amortMonths: 359 });
    const run = runImpacWaterfall({ pool: slow, libor1mPct: flat(slow.periods, 1.1), horizon: 'call', derivatives: [] });
    expect(run.redemptionPeriod).toBe(121);
    expect(run.payDates[120]).toBe('2014-02-25');
  });

  it('steps up margins (A ×2, M ×1.5) from the period after the first call date when the call is not exercised', () => {
    const run = runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'maturity', derivatives: [] });
    const first = run.firstRedemptionPeriod;
    expect(first).not.toBeNull();
    const k = (first as number) - 1;
    expect(run.stepUpFromPeriod).toBe((first as number) + 1);
    expect(run.classes[0].couponPct[k]).toBeCloseTo(1.44, 12);
    expect(run.classes[0].couponPct[k + 1]).toBeCloseTo(1.1 + 0.68, 12);
    expect(run.classes[5].couponPct[k + 1]).toBeCloseTo(1.1 + 1.8, 12);
    checkInvariants(run, pool);
  });

  it('caps the coupon at 11.50% and at the Available Funds Rate, and carries the Basis Risk Shortfall', () => {
    const run = runImpacWaterfall({ pool, libor1mPct: flat(pool.periods, 11.0), horizon: 'call', derivatives: [] });
    for (const c of run.classes) expect(c.couponPct[1]).toBeCloseTo(Math.min(11.5, run.series.availableFundsRatePct[1]), 12);
    expect(run.series.availableFundsRatePct[1]).toBeCloseTo(5.3 * (30 / 29), 6);
    expect(run.classes[0].carryoverAfter[1]).toBeGreaterThan(0);
    checkInvariants(run, pool);
  });

  it('takes Net Derivative Fees out of the Net Mortgage Rate and pays derivative receipts to Basis Risk Amounts, A-1 first', () => {
    const contracts = impacDerivativeContracts();
    const low = runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'call', derivatives: contracts });
    expect(low.derivativePayments[3]).toBeGreaterThan(0);
    expect(low.series.netMortgageRatePct[3]).toBeLessThan(pool.netRate[3]);
    checkInvariants(low, pool);
    const high = runImpacWaterfall({ pool, libor1mPct: flat(pool.periods, 11.0), horizon: 'call', derivatives: contracts });
    expect(high.derivativeReceipts[3]).toBeGreaterThan(0);
    // Receipts cover the A-1 shortfall before any other class.
    const a1 = high.classes[0];
    expect(a1.carryoverPaid[3]).toBeGreaterThan(0);
    checkInvariants(high, pool);
  });

  it('limits the derivative notional to the bonds', () => {
    const contract: SwapContract = { name: 'big', kind: 'payFixedReceiveLibor', index: 'libor1m', dayCount: 'act/360', strikePct: 2, notionalByPeriod: flat(10, 5e9), firstPeriod: 1, lastPeriod: 10 };
    const run = runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'call', derivatives: [contract] });
    for (let i = 0; i < 10; i++) expect(run.derivativeNotional[i]).toBeCloseTo(run.bondBeginBalance[i], 2);
  });

  it('writes losses down M-4, M-3, M-2, M-1, then A-2, and never A-1', () => {
    const lossy = makePool({ lossFraction: 0.02, lossFrom: 3, cprPct: 10 });
    const run = runImpacWaterfall({ pool: lossy, libor1mPct: libor, horizon: 'maturity', derivatives: [] });
    checkInvariants(run, lossy);
    const order = ['M-4', 'M-3', 'M-2', 'M-1', 'A-2'];
    const byName = new Map(run.classes.map((c) => [c.name as string, c]));
    for (let i = 0; i < run.periods; i++) {
      order.forEach((name, j) => {
        if ((byName.get(name)?.writedown[i] ?? 0) > 0) {
          for (const junior of order.slice(0, j)) expect(byName.get(junior)?.endBalance[i]).toBe(0);
        }
      });
      expect(byName.get('A-1')?.writedown[i]).toBe(0);
    }
    expect(order.every((name) => Array.from(byName.get(name)?.writedown ?? []).some((w) => w > 0))).toBe(true);
  });

  it('rejects malformed input with an EngineError', () => {
    expect(() => runImpacWaterfall({ pool, libor1mPct: flat(3, 1.1), horizon: 'call', derivatives: [] })).toThrow(EngineError);
    expect(() => runImpacWaterfall({ pool: { ...pool, netInterest: new Float64Array(pool.periods).fill(NaN) }, libor1mPct: libor, horizon: 'call', derivatives: [] })).toThrow(EngineError);
    expect(() => runImpacWaterfall({ pool, libor1mPct: libor, horizon: 'never' as 'call', derivatives: [] })).toThrow(EngineError);
  });
});

describe('Impac waterfall properties (fast-check)', () => {
  const contracts = impacDerivativeContracts();
  const arbitrary = fc.record({
    cprPct: fc.double({ min: 0, max: 60, noNaN: true }),
    netRatePct: fc.double({ min: 2, max: 9, noNaN: true }),
    liborPct: fc.double({ min: 0.5, max: 14, noNaN: true }),
    lossFraction: fc.double({ min: 0, max: 0.03, noNaN: true }),
    lossFrom: fc.integer({ min: 1, max: 60 }),
    horizon: fc.constantFrom<'call' | 'maturity'>('call', 'maturity'),
    derivatives: fc.boolean(),
  });

  it('conserves cash each period, keeps balances non-negative, caps coupons and follows the loss order', () => {
    fc.assert(
      fc.property(arbitrary, (x) => {
        const pool = makePool({ periods: 120, cprPct: x.cprPct, netRatePct: x.netRatePct, lossFraction: x.lossFraction, lossFrom: x.lossFrom, amortMonths: 359 });
        const run = runImpacWaterfall({ pool, libor1mPct: flat(pool.periods, x.liborPct), horizon: x.horizon, derivatives: x.derivatives ? contracts : [] });
        checkInvariants(run, pool);
        const order = IMPAC_TERMS.lossOrder;
        for (let i = 0; i < run.periods; i++) {
          const down = (name: string) => run.classes.find((c) => c.name === name);
          order.forEach((name, j) => {
            if ((down(name)?.writedown[i] ?? 0) > 0) for (const junior of order.slice(0, j)) expect(down(junior)?.endBalance[i]).toBe(0);
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('runImpac on the sample pool', () => {
  it('calls at 0% speed on the February 2014 payment date, as the printed 0% windows (Last Prin Pay Feb14)', () => {
    const run = runImpac(normaliseScenario({ speed: 0 }));
    expect(run.waterfall.redemptionPeriod).toBe(121);
  });

  it('runs with derivatives on and off, forward curves and a shift, to call and maturity', () => {
    const on = runImpac(normaliseScenario({ curve: 'forward' }));
    const off = runImpac(normaliseScenario({ curve: 'forward', derivatives: false }));
    expect(on.waterfall.derivativeNotional[3]).toBeCloseTo(479_659_400, 0);
    expect(Array.from(off.waterfall.derivativeNotional).every((n) => n === 0)).toBe(true);
    const shocked = runImpac(normaliseScenario({ curve: 'forward', shiftBp: 1000, shiftFromPeriod: 2, horizon: 'maturity' }));
    expect(shocked.waterfall.indexPct[1] - on.waterfall.indexPct[1]).toBeCloseTo(10, 10);
    expect(shocked.waterfall.indexPct[0]).toBeCloseTo(on.waterfall.indexPct[0], 12);
    for (const r of [on, off, shocked]) checkInvariants(r.waterfall, r.pool);
  });

  it('accepts a CPR vector and credit assumptions', () => {
    const run = runImpac(normaliseScenario({ speed: [10, 20, 30], cdr: 2, severity: 40, lagMonths: 6, horizon: 'maturity' }));
    checkInvariants(run.waterfall, run.pool);
    // CDR 2 / severity 40 loses about 22.4M from period 7 (a 6-month lag); TS "Realized Losses": absorbed
    // first by Excess Cash Flow, which here covers every one, so no bond is written down and OC holds its target.
    const w = run.waterfall;
    expect(run.pool.loss.findIndex((x) => x > 0)).toBe(6);
    expect(run.pool.loss.reduce((a, b) => a + b, 0)).toBeGreaterThan(20_000_000);
    expect(w.classes.map((c) => c.writedown.reduce((a, b) => a + b, 0))).toEqual([0, 0, 0, 0, 0, 0]);
    for (let i = 12; i < w.periods - 1; i++) expect({ period: i + 1, oc: w.series.overcollateralization[i] }).toEqual({ period: i + 1, oc: expect.closeTo(w.series.ocTarget[i], 1) });
  });

  it('uses the derivative assumption it is given', () => {
    const run = runImpac(normaliseScenario({ curve: 'forward' }), { derivativeAssumption: { ...IMPAC_DERIVATIVE_ASSUMPTION, strikeSpreadBp: 0 } });
    expect(run.contracts[0].strikePct).toBeLessThan(impacDerivativeContracts()[0].strikePct);
  });

  it('rejects a bad scenario with an EngineError', () => {
    expect(() => runImpac(normaliseScenario({ speed: -5 }))).toThrow(EngineError);
    // 30% CPR at 100%: 333% is the fastest speed that stays at or below 100% CPR.
    expect(() => runImpac(normaliseScenario({ speed: 10_000 }))).toThrow(/^speed: expected at most 333% of the pricing speed \(10000% would be 3000% CPR/);
    expect(runImpac(normaliseScenario({ speed: 333 })).waterfall.periods).toBeGreaterThan(0);
    expect(() => normaliseScenario({ horizon: 'later' })).toThrow(EngineError);
    expect(() => normaliseScenario({ curve: 'curvy' })).toThrow(EngineError);
  });
});

describe("Impac prepaymentBase 'totalPaydown' (terms.ts; impac-readings.md, the pool's amortization shape)", () => {
  it('is the default, and the pool then decays at exactly 30% CPR: the call falls in Dec-07 (period 47) as printed', () => {
    expect(IMPAC_TERMS.conventions.prepaymentBase).toBe('totalPaydown');
    const run = runImpac(normaliseScenario({ speed: 100 }));
    const b0 = run.pool.beginBalance[0];
    for (const k of [1, 24, 46, 47]) expect(run.pool.endBalance[k - 1] / (b0 * 0.7 ** (k / 12))).toBeCloseTo(1, 9);
    expect(run.waterfall.redemptionPeriod).toBe(47);
    const sf = runImpac(normaliseScenario({ speed: 100 }), { conventions: { prepaymentBase: 'afterScheduled' } });
    expect(sf.waterfall.redemptionPeriod).toBe(45);
  });

  it('leaves the 0% runs unchanged', () => {
    const a = runImpac(normaliseScenario({ speed: 0, horizon: 'maturity' }));
    const b = runImpac(normaliseScenario({ speed: 0, horizon: 'maturity' }), { conventions: { prepaymentBase: 'afterScheduled' } });
    for (const k of [1, 60, 121, 300]) expect(a.pool.endBalance[k - 1]).toBeCloseTo(b.pool.endBalance[k - 1], 4);
  });
});

describe('deep credit stress (found by the function fuzz)', () => {
  it('runs at CDR 100 / severity 100: the trust pays the swaps what it has and records the rest', () => {
    const run = runImpac(normaliseScenario({ cdr: 100, severity: 100, lagMonths: 0, horizon: 'maturity' }));
    const w = run.waterfall;
    const shortfall = w.derivativeShortfall.reduce((a, b) => a + b, 0);
    expect(shortfall).toBeGreaterThan(0);
    for (let i = 0; i < w.periods; i++) {
      expect(w.cashInCents[i]).toBe(w.paidCents[i] + w.releasedCents[i]);
      expect(w.derivativePayments[i]).toBeGreaterThanOrEqual(0);
    }
  });
});
