/**
 * The third deal (dataOnlyDeal.ts) runs through the same engine as CWALT and Impac, from terms
 * alone; its invariants hold over random scenarios: cash conserved every period, no balance
 * below zero, and every dollar of principal owed either paid or written down.
 */
import fc from 'fast-check';
import { projectPool } from '../../src/collateral/project';
import { runEngine } from '../../src/engine/run';
import type { EngineRun } from '../../src/engine/outputs';
import { DATA_ONLY_DEAL, POOL_LINES } from './dataOnlyDeal';

function run(x: { cpr: number; cdr: number; severity: number; lag: number; libor: number; horizon: 'call' | 'maturity' }): EngineRun {
  const pool = projectPool(POOL_LINES, { prepayment: { kind: 'cpr', cprPct: x.cpr }, cdrPct: x.cdr, severityPct: x.severity, lagMonths: x.lag });
  return runEngine(DATA_ONLY_DEAL, { pools: [pool], indexPct: new Float64Array(pool.periods).fill(x.libor), horizon: x.horizon, contracts: [] });
}

const arbScenario = fc.record({
  cpr: fc.integer({ min: 0, max: 60 }),
  cdr: fc.constantFrom(0, 0, 1, 4, 12),
  severity: fc.constantFrom(0, 30, 60),
  lag: fc.constantFrom(0, 6),
  libor: fc.constantFrom(1.1, 4, 9),
  horizon: fc.constantFrom('call' as const, 'maturity' as const),
});

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe('a deal written as data only', () => {
  it('names the field of a collection or contract whose fund the terms do not list', () => {
    const pool = projectPool(POOL_LINES, { prepayment: { kind: 'cpr', cprPct: 20 }, cdrPct: 0, severityPct: 0, lagMonths: 0 });
    const input = { pools: [pool], indexPct: new Float64Array(pool.periods).fill(1.1), horizon: 'maturity' as const, contracts: [] };
    const typo = { ...DATA_ONLY_DEAL, collections: DATA_ONLY_DEAL.collections.map((c, k) => (k === 0 ? { ...c, fund: 'intrest' } : c)) };
    expect(() => runEngine(typo, input)).toThrow(/terms\.collections\[0\]\.fund: no fund "intrest"; expected one of /);
    const contracts = { ...DATA_ONLY_DEAL, derivatives: { days: 'accrualDays' as const, notionalTiming: 'paymentDate' as const, payFrom: [DATA_ONLY_DEAL.funds[0]], receiptsTo: 'swap' } };
    expect(() => runEngine(contracts, input)).toThrow(/terms\.derivatives\.receiptsTo: no fund "swap"/);
  });

  it('pays interest and principal at the pricing speed, builds OC to its target and is called at 10%', () => {
    const r = run({ cpr: 20, cdr: 0, severity: 0, lag: 0, libor: 1.1, horizon: 'call' });
    expect(r.redemptionPeriod).toBe(r.periods);
    expect(r.classes.map((c) => c.endBalance[r.periods - 1])).toEqual([0, 0, 0]);
    expect(r.classes[0].couponPct[0]).toBe(4.5);
    expect(r.classes[1].couponPct[0]).toBeCloseTo(1.5, 12);
    const oc = r.series.overcollateralization;
    expect(oc[0]).toBeGreaterThan(1_000_000);
    expect(oc[30]).toBeCloseTo(1_500_000, -1);
  });

  it('conserves cash, keeps balances non-negative and pays or writes down every dollar owed', () => {
    fc.assert(
      fc.property(arbScenario, (x) => {
        const r = run(x);
        for (let i = 0; i < r.periods; i++) {
          expect(r.cashInCents[i]).toBe(r.paidCents[i] + r.releasedCents[i]);
          for (const c of r.classes) expect(c.endBalance[i]).toBeGreaterThanOrEqual(0);
        }
        for (const [k, c] of r.classes.entries()) {
          const owed = DATA_ONLY_DEAL.classes[k].originalBalance;
          expect(Math.round((sum(c.principal) + sum(c.writedown) + c.endBalance[r.periods - 1]) * 100)).toBe(Math.round(owed * 100));
          if (r.periods > 0 && r.collateralEnd[r.periods - 1] < 0.005) expect(c.endBalance[r.periods - 1]).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('pays the seniors sequentially once the loss trigger trips, pro rata before', () => {
    const r = run({ cpr: 10, cdr: 6, severity: 50, lag: 0, libor: 1.1, horizon: 'maturity' });
    const trip = r.series.trigger.findIndex((v) => v === 1);
    expect(trip).toBeGreaterThan(0);
    expect(r.classes[1].principal[trip - 1]).toBeGreaterThan(0);
    for (let i = trip; i < trip + 12; i++) if (r.classes[0].endBalance[i - 1] > 0) expect(r.classes[1].principal[i]).toBe(0);
  });
});
