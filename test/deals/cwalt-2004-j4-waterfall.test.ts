/**
 * CWALT 2004-J4 waterfall on small hand-made collateral flows, checked by hand against the term
 * sheet (shared/seeds/cwalt-2004-j4-term-sheet.txt: p.5-10).
 */
import type { PoolFlows } from '../../src/collateral/types';
import { cwaltEngineTerms, type TriggerMode } from '../../src/deals/cwalt-2004-j4/waterfall';
import { CWALT_READINGS, GROUP1_SENIORS, SUBORDINATES, TRIGGERS } from '../../src/deals/cwalt-2004-j4/terms';
import { classNamed, lastPeriodOf } from '../../src/engine/dealRun';
import { runEngine } from '../../src/engine/run';
import { EngineError } from '../../src/errors';
import type { LossTriggerBand } from '../../src/waterfall/triggers';

/**
 * A group that pays `rate` of its balance as principal each period (scheduled + prepaid), with
 * net interest at `netRatePct`, and optional realized losses (liquidations of defaulted loans).
 */
function flows(balance: number, n: number, rate: number, netRatePct: number, losses: Record<number, number> = {}): PoolFlows {
  const arr = () => new Float64Array(n);
  const f = {
    periods: n,
    beginBalance: arr(),
    scheduledPrincipal: arr(),
    prepayment: arr(),
    defaultedBalance: arr(),
    recovery: arr(),
    loss: arr(),
    grossInterest: arr(),
    netInterest: arr(),
    endBalance: arr(),
    netRate: arr(),
    grossRate: arr(),
    netMaxRate: arr(),
  };
  let b = balance;
  for (let i = 0; i < n; i++) {
    f.beginBalance[i] = b;
    const loss = Math.min(b, losses[i + 1] ?? 0);
    const principal = i === n - 1 ? b - loss : Math.min(b - loss, b * rate);
    f.scheduledPrincipal[i] = principal * 0.2;
    f.prepayment[i] = principal * 0.8;
    f.loss[i] = loss;
    f.defaultedBalance[i] = loss;
    f.netInterest[i] = (b * netRatePct) / 1200;
    f.grossInterest[i] = (b * (netRatePct + 0.3)) / 1200;
    f.netRate[i] = netRatePct;
    f.grossRate[i] = netRatePct + 0.3;
    f.netMaxRate[i] = netRatePct;
    b = b - principal - loss;
    f.endBalance[i] = b;
  }
  return f;
}

const N = 120;

interface Options {
  readonly horizon: 'auction' | 'maturity';
  readonly trigger: TriggerMode;
  readonly cumulativeLossBands: readonly LossTriggerBand[];
}

/** The deal's terms run by the engine over two groups' flows with 1M LIBOR at 1.10%; its classes by name. */
function runWaterfall(group1: PoolFlows, group2: PoolFlows, over: Partial<Options> = {}) {
  const o: Options = { horizon: 'maturity', trigger: 'terms', cumulativeLossBands: TRIGGERS.cumulativeLoss, ...over };
  const terms = cwaltEngineTerms(CWALT_READINGS, o.trigger, o.cumulativeLossBands, 'auction');
  const run = runEngine(terms, { pools: [group1, group2], indexPct: new Float64Array(N).fill(1.1), horizon: o.horizon === 'auction' ? 'call' : 'maturity', contracts: [] });
  return { ...run, terms, lastPeriod: lastPeriodOf(run, terms), class: (name: string) => classNamed(run, name) };
}

describe('CWALT 2004-J4 waterfall on hand-made flows', () => {
  const g1 = flows(300_000_000, N, 0.02, 6.0);
  const g2 = flows(315_000_000, N, 0.02, 5.5);
  const run = runWaterfall(g1, g2);

  it('period 1 interest: fixed 30/360 on the calendar month, floaters act/360 from closing (25 days), A-IO on its notional', () => {
    // p.4 "Interest Accrual Period"; p.6 A-IO table period 1: 300,000,000 and 315,000,000 at 1.50%.
    // The floaters accrue between the unadjusted 25ths (reading accrualDates).
    expect(run.unadjustedDays[0]).toBe(25);
    expect(run.unadjustedDays[1]).toBe(31); // May 25 - Jun 25
    expect(run.class('1-A-2').interest[0]).toBeCloseTo(37_218.3, 2); // 14,370,000 × 3.108% / 12
    expect(run.class('1-A-3').interest[0]).toBeCloseTo(203_360.17, 2); // 64,219,000 × 3.8% / 12
    expect(run.class('2-A').interest[0]).toBeCloseTo(279_217.5, 2); // 297,832,000 × 1.35% × 25/360
    expect(run.class('1-A-1').interest[0]).toBeCloseTo(104_349.88, 2); // 119,257,000 × 1.26% × 25/360
    expect(run.class('M-1').interest[0]).toBeCloseTo(17_061.39, 2); // 14,452,000 × 1.70% × 25/360
    expect(run.class('1-A-IO').interest[0]).toBeCloseTo(375_000, 2);
    expect(run.class('2-A-IO').interest[0]).toBeCloseTo(393_750, 2);
  });

  it('the Net Rate Cap takes the A-IO strip off the net rate (p.6)', () => {
    // Group 1: 6.00 − 1.50 × 300/300 = 4.50; 1-A-4 (4.924%) and 1-A-5 (5.225%) are capped.
    expect(run.series.netRateCap1[0]).toBeCloseTo(4.5, 10);
    expect(run.class('1-A-5').couponPct[0]).toBeCloseTo(4.5, 10);
    expect(run.class('1-A-5').uncappedCouponPct[0]).toBeCloseTo(5.225, 10);
    // The carryover is paid from Excess Cashflow the same period (priority 5).
    expect(run.class('1-A-5').carryoverPaid[0]).toBeCloseTo((27_954_000 * (5.225 - 4.5)) / 1200, 1);
    expect(run.class('1-A-5').carryoverAfter[0]).toBe(0);
    // After period 21 the strip ends: the cap is the net rate.
    expect(run.series.netRateCap1[21]).toBeCloseTo(6.0, 10);
    expect(run.class('1-A-IO').interest[21]).toBe(0);
  });

  it('before the stepdown each group’s principal goes to its own seniors: 1-A-1 first, 2-A; nothing to the subordinates', () => {
    expect(run.class('1-A-1').principal[0]).toBeCloseTo(6_000_000, 2);
    expect(run.class('2-A').principal[0]).toBeCloseTo(6_300_000, 2);
    for (const c of ['1-A-2', '1-A-3', '1-A-6', 'M-1', 'M-2', 'B'] as const) expect(run.class(c).principal[0]).toBe(0);
  });

  it('builds OC from November 2004 (period 7) to 0.35% of the cut-off balance (p.8)', () => {
    expect(run.series.ocTarget[5]).toBe(0);
    expect(run.series.ocAmount[5]).toBeCloseTo(0, 2);
    expect(run.series.ocTarget[6]).toBe(2_152_500);
    expect(run.series.ocExtra[6]).toBeGreaterThan(0);
    const reached = Array.from(run.series.ocAmount).findIndex((x) => Math.abs(x - 2_152_500) < 0.01);
    expect(reached).toBeGreaterThanOrEqual(6);
    expect(reached).toBeLessThan(10);
  });

  it('the 1-A-6 lockout starts in period 37 at 45% of its pro rata share (p.10)', () => {
    const p = run.class('1-A-6').principal;
    expect(p.slice(0, 36).every((x) => x === 0)).toBe(true);
    expect(p[36]).toBeGreaterThan(0);
    expect(run.series.lockoutPct[36]).toBe(45);
  });

  it('conserves cash every period and never leaves a negative balance', () => {
    for (let i = 0; i < N; i++) {
      expect(run.cashInCents[i]).toBe(run.paidCents[i] + run.releasedCents[i]);
      for (const c of run.classes) expect(c.endBalance[i]).toBeGreaterThanOrEqual(0);
    }
  });

  it('losses before OC exists are written down B, then M-2, then M-1 (p.9 "Allocation of Losses")', () => {
    const lossy = runWaterfall(flows(300_000_000, N, 0.02, 6.0, { 2: 5_000_000, 3: 6_000_000 }), g2);
    expect(lossy.class('B').writedown[1]).toBeCloseTo(5_000_000, 2);
    expect(lossy.class('M-2').writedown[1]).toBe(0);
    // Period 3: B has 2,381,000 left, M-2 takes the remaining 3,619,000.
    expect(lossy.class('B').writedown[2]).toBeCloseTo(2_381_000, 2);
    expect(lossy.class('M-2').writedown[2]).toBeCloseTo(3_619_000, 2);
    expect(lossy.class('M-1').writedown[2]).toBe(0);
    for (const c of GROUP1_SENIORS) expect(lossy.class(c).writedown[2]).toBe(0);
  });

  it('after OC is built, excess interest covers a loss instead of a writedown', () => {
    const lossy = runWaterfall(flows(300_000_000, N, 0.02, 6.0, { 20: 500_000 }), g2);
    for (const c of SUBORDINATES) expect(lossy.class(c).writedown[19]).toBe(0);
    expect(lossy.series.ocExtra[19]).toBeGreaterThanOrEqual(500_000);
  });

  it('the Mandatory Auction retires every class at par on the first period the collateral is at or below 20% (reading 3)', () => {
    const auction = runWaterfall(g1, g2, { horizon: 'auction' });
    const e = auction.firstRedemptionPeriod as number;
    expect(e).toBeGreaterThan(0);
    const poolEnd = g1.endBalance[e - 1] + g2.endBalance[e - 1];
    expect(poolEnd).toBeLessThanOrEqual(0.2 * 615_000_000);
    expect(g1.endBalance[e - 2] + g2.endBalance[e - 2]).toBeGreaterThan(0.2 * 615_000_000);
    for (const [k, c] of auction.classes.entries()) {
      if (auction.terms.classes[k].coupon.kind !== 'interestOnly') expect(c.endBalance[e - 1]).toBe(0);
      expect(c.principal.slice(e).every((x) => x === 0)).toBe(true);
    }
    expect(auction.lastPeriod).toBe(e);
  });

  it('to maturity the coupons step up after the auction date (p.3 note 2)', () => {
    const e = run.firstRedemptionPeriod as number;
    expect(run.stepUpFromPeriod).toBe(e + 1);
    const m1 = run.class('M-1');
    const k = e; // period e + 1 at index e
    if (m1.endBalance[k - 1] > 0) expect(m1.uncappedCouponPct[k]).toBeCloseTo(1.1 + 0.6 * 1.5, 10);
    const a6 = run.class('1-A-6');
    if (a6.endBalance[k - 1] > 0) expect(a6.uncappedCouponPct[k]).toBeCloseTo(4.93, 10);
  });

  it('a Trigger Event after the stepdown sends all principal back to the seniors; not breached, the subordinates are paid from period 37', () => {
    const breached = runWaterfall(g1, g2, { trigger: 'breached' });
    const notBreached = runWaterfall(g1, g2, { trigger: 'notBreached' });
    expect(notBreached.series.stepdown[36]).toBe(1);
    expect(notBreached.class('M-1').principal[36]).toBeGreaterThan(0);
    expect(breached.series.trigger[36]).toBe(1);
    const seniorsRetired = (r: typeof breached) => {
      for (let i = 0; i < N; i++) if ([...GROUP1_SENIORS, '2-A'].every((c) => r.class(c).endBalance[i] === 0)) return i + 1;
      return N + 1;
    };
    const retired = seniorsRetired(breached);
    for (let i = 0; i < retired - 1; i++) expect(breached.class('M-1').principal[i]).toBe(0);
  });

  it('a cumulative-loss trigger with the [TBD] figures filled in trips on losses', () => {
    const bands = [{ fromPeriod: 37, toPeriod: null, startPct: 0.1, annualIncrementPct: 0 }];
    const lossy = runWaterfall(flows(300_000_000, N, 0.02, 6.0, { 10: 1_000_000 }), g2, { cumulativeLossBands: bands });
    expect(lossy.series.trigger[36]).toBe(1);
    const clean = runWaterfall(g1, g2, { cumulativeLossBands: bands });
    expect(clean.series.trigger[36]).toBe(0);
  });

  it('rejects groups of different lengths', () => {
    expect(() => runWaterfall(flows(1e6, 10, 0.1, 6), flows(1e6, 11, 0.1, 6))).toThrow(EngineError);
  });
});
