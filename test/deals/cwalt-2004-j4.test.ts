/**
 * CWALT 2004-J4: terms against the printed tables, the reference columns at the pricing speed,
 * and the waterfall's invariants over random scenarios.
 * Source: Computational Materials dated April 6, 2004 (shared/seeds/cwalt-2004-j4-term-sheet.txt),
 * tables transcribed in test/fixtures/cwalt-2004-j4/cwalt-2004-j4.json (copy of shared/reference).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCwalt, type CwaltRun } from '../../src/deals/cwalt-2004-j4';
import { classNamed } from '../../src/engine/dealRun';
import { normaliseScenario } from '../../src/scenario/normalise';
import { AIO, CLASSES, GROUPS, LOCKOUT, OVERCOLLATERALIZATION, STEPDOWN, SUBORDINATION, TOTAL_PRINCIPAL, aioNotional } from '../../src/deals/cwalt-2004-j4/terms';
import { EngineError } from '../../src/errors';

interface Fixture {
  classes: { name: string; principal: number; walAuction: number | null; walMaturity: number | null; windowAuction: [number, number] | null; windowMaturity: [number, number] | null }[];
  aioNotional: { period: number; notional1AIO: number; rate1AIO: number; notional2AIO: number; rate2AIO: number }[];
  lockout: { fromMonth: number; toMonth: number | null; pct: number }[];
  subordination: { class: string; initialSubordination: number; targetSubordinationAtStepdown: number }[];
  pricingTables: { class: string; horizon: 'auction' | 'maturity'; margin?: number; coupon?: number; speeds: number[]; wal: number[]; firstPrinPay: string[]; lastPrinPay: string[] }[];
  keyTerms: { maximumRatePct: number; overcollateralizationTargetPct: number; stepdownSeniorPctOfPool: number; mandatoryAuctionPoolFactorPct: number; cleanUpCallPoolFactorPct: number };
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'cwalt-2004-j4', 'cwalt-2004-j4.json'), 'utf8')) as Fixture;

describe('terms.ts against the printed tables', () => {
  it('class sizes (p.3) add to $615,000,000 and each group’s seniors are 94.55% of its collateral', () => {
    for (const row of fixture.classes) expect(CLASSES.find((c) => c.name === row.name)?.principal).toBe(row.principal);
    const offered = CLASSES.filter((c) => c.coupon.kind !== 'interestOnly');
    expect(offered.reduce((a, c) => a + c.principal, 0)).toBe(TOTAL_PRINCIPAL);
    const g1 = offered.filter((c) => c.group === 1).reduce((a, c) => a + c.principal, 0);
    const g2 = offered.filter((c) => c.group === 2).reduce((a, c) => a + c.principal, 0);
    expect(g1 / GROUPS.group1CutoffBalance).toBeCloseTo(0.9455, 5);
    expect(g2 / GROUPS.group2CutoffBalance).toBeCloseTo(0.9455, 5);
  });
  it('coupons and margins as printed in the DM/Yield tables (p.11-15)', () => {
    for (const t of fixture.pricingTables) {
      const c = CLASSES.find((x) => x.name === t.class);
      if (c?.coupon.kind === 'fixed') expect(c.coupon.couponPct).toBe(t.coupon);
      else if (c?.coupon.kind === 'floater') expect(c.coupon.marginPct).toBe(t.margin);
      else throw new Error(`no terms for ${t.class}`);
    }
  });
  it('A-IO schedules and rates (p.6), lockout (p.10), subordination (p.7), key terms', () => {
    for (const r of fixture.aioNotional) {
      expect(aioNotional(1, r.period)).toBe(r.notional1AIO);
      expect(aioNotional(2, r.period)).toBe(r.notional2AIO);
      expect(r.period <= AIO.lastPeriod ? AIO.ratePct : 0).toBe(r.rate1AIO);
    }
    expect(LOCKOUT.schedule.map((b) => [b.fromPeriod, b.toPeriod, b.pct])).toEqual(fixture.lockout.map((b) => [b.fromMonth, b.toMonth, b.pct]));
    const senior = fixture.subordination.find((s) => s.class === '1-A');
    expect(SUBORDINATION.initialPct.senior).toBe(senior?.initialSubordination);
    expect(SUBORDINATION.targetAtStepdownPct.senior).toBe(senior?.targetSubordinationAtStepdown);
    expect(100 - SUBORDINATION.targetAtStepdownPct.senior).toBeCloseTo(STEPDOWN.seniorPctOfPool, 10);
    expect(OVERCOLLATERALIZATION.targetPctOfCutoff).toBe(fixture.keyTerms.overcollateralizationTargetPct);
    // Initial subordination = subordinates + OC target: (33,518,000 + 2,152,500) / 615,000,000 = 5.80%.
    expect((100 * (33_518_000 + 2_152_500)) / 615_000_000).toBeCloseTo(5.8, 2);
  });
});

describe('the calibrated pool against the A-IO schedules (p.6)', () => {
  // Calibration evidence 1 (src/deals/cwalt-2004-j4/README.md): each printed notional is its
  // group's balance at 60% CPR. Group 1's three lines reproduce it to the cent-level fit the
  // README states; group 2's products to within 2e-6 of the notional.
  it('each group’s balance at 60% CPR is the printed notional, periods 1-21', () => {
    const run = runCwalt(normaliseScenario({ speed: [60], horizon: 'maturity' }));
    let worst1 = 0;
    let worst2 = 0;
    for (const r of fixture.aioNotional.filter((x) => x.notional1AIO > 0)) {
      worst1 = Math.max(worst1, Math.abs(run.collateral[0].beginBalance[r.period - 1] - r.notional1AIO));
      worst2 = Math.max(worst2, Math.abs(run.collateral[1].beginBalance[r.period - 1] / r.notional2AIO - 1));
    }
    expect(worst1).toBeLessThan(1); // dollars, on $300,000,000
    expect(worst2).toBeLessThan(2e-6);
  });
});

function walOf(principal: Float64Array): { wal: number; first: number; last: number } {
  let w = 0;
  let t = 0;
  let first = 0;
  let last = 0;
  principal.forEach((p, i) => {
    if (p <= 0) return;
    w += ((25 + 30 * i) / 360) * p;
    t += p;
    if (!first) first = i + 1;
    last = i + 1;
  });
  return { wal: w / t, first, last };
}

describe('reference: the class table at 100% of the pricing speed (p.3)', () => {
  const runs = { auction: runCwalt(normaliseScenario({ speed: 100, horizon: 'auction' })), maturity: runCwalt(normaliseScenario({ speed: 100, horizon: 'maturity' })) };
  it('reproduces every WAL and window to the auction', () => {
    for (const row of fixture.classes) {
      if (row.walAuction === null || row.windowAuction === null) continue;
      const m = walOf(classNamed(runs.auction, row.name).principal);
      expect([row.name, m.wal.toFixed(2), m.first, m.last]).toEqual([row.name, row.walAuction.toFixed(2), ...row.windowAuction]);
    }
  });
  it('reproduces every window to maturity and the WALs within 0.01 years', () => {
    for (const row of fixture.classes) {
      if (row.walMaturity === null || row.windowMaturity === null) continue;
      const m = walOf(classNamed(runs.maturity, row.name).principal);
      expect([row.name, m.first, m.last]).toEqual([row.name, ...row.windowMaturity]);
      expect(Math.abs(m.wal - row.walMaturity)).toBeLessThan(0.0151);
    }
  });
  it('the auction happens in period 67 (Nov-09), when the pool first ends at or below 20% of $615,000,000', () => {
    expect(runs.auction.redemptionPeriod).toBe(67);
    const end = runs.auction.collateral[0].endBalance[66] + runs.auction.collateral[1].endBalance[66];
    expect(end).toBeLessThanOrEqual(123_000_000);
  });
});

describe('invariants over random scenarios', () => {
  const arbScenario = fc.record({
    speed: fc.integer({ min: 0, max: 400 }),
    horizon: fc.constantFrom('auction' as const, 'maturity' as const, 'cleanUpCall' as const),
    cdrPct: fc.constantFrom(0, 0, 1, 3, 8),
    severityPct: fc.constantFrom(0, 25, 45, 80),
    lagMonths: fc.constantFrom(0, 0, 6, 12),
    libor1mPct: fc.constantFrom(1.1, 3, 7, 12),
    trigger: fc.constantFrom('terms' as const, 'breached' as const),
  });

  const check = (run: CwaltRun) => {
    const principalClasses = run.terms.classes.filter((c) => c.coupon.kind !== 'interestOnly');
    const c = (name: string) => classNamed(run, name);
    // Every period of the projection (the run's series cover them all, zero after its last).
    for (let i = 0; i < run.collateral[0].periods; i++) {
      // Cash conservation (also asserted inside the waterfall every period).
      expect(run.cashInCents[i]).toBe(run.paidCents[i] + run.releasedCents[i]);
      for (const f of run.classes) expect(f.endBalance[i]).toBeGreaterThanOrEqual(0);
      // The A-IO notional never exceeds the schedule.
      expect(run.series.aio1[i]).toBeLessThanOrEqual(aioNotional(1, i + 1) + 1e-6);
      expect(run.series.aio2[i]).toBeLessThanOrEqual(aioNotional(2, i + 1) + 1e-6);
      // Sequential 1-A-1 → 1-A-5: a class is paid only once the one ahead of it is retired.
      const order = ['1-A-1', '1-A-2', '1-A-3', '1-A-4', '1-A-5'] as const;
      for (let j = 1; j < order.length; j++) {
        if (c(order[j]).principal[i] > 0) expect(c(order[j - 1]).endBalance[i]).toBe(0);
      }
      // No subordinate principal before the stepdown while seniors are outstanding.
      if (!run.series.stepdown[i]) {
        const seniorsLeft = ['1-A-1', '1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6', '2-A'].some((name) => c(name).endBalance[i] > 0);
        if (seniorsLeft) for (const name of ['M-1', 'M-2', 'B'] as const) expect(c(name).principal[i]).toBe(0);
      }
    }
    // Every dollar of principal is either paid or written down once the pool is gone or redeemed.
    const last = run.lastPeriod;
    const poolLeft = run.redemptionPeriod ? 0 : run.collateral[0].endBalance[last - 1] + run.collateral[1].endBalance[last - 1];
    if (poolLeft < 0.01) {
      for (const terms of principalClasses) {
        const f = c(terms.name);
        const paid = f.principal.reduce((a, b) => a + b, 0) + f.writedown.reduce((a, b) => a + b, 0);
        expect(Math.round(paid * 100)).toBe(Math.round(terms.originalBalance * 100));
      }
    }
  };

  it('conserve cash, keep balances non-negative, retire 1-A-1..1-A-5 in order and respect the A-IO schedule', () => {
    fc.assert(
      fc.property(arbScenario, (sc) =>
        check(
          runCwalt(normaliseScenario({ speed: sc.speed, horizon: sc.horizon === 'maturity' ? 'maturity' : 'call', cdr: sc.cdrPct, severity: sc.severityPct, lagMonths: sc.lagMonths, indices: { libor1m: sc.libor1mPct } }), {
            trigger: sc.trigger,
            redemption: sc.horizon === 'cleanUpCall' ? 'cleanUpCall' : 'auction',
          }),
        ),
      ),
      { numRuns: 25 },
    );
  });

  it('hold under CPR vectors too', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }), (cpr) => check(runCwalt(normaliseScenario({ speed: cpr, horizon: 'maturity' })))),
      { numRuns: 10 },
    );
  });
});

describe('runCwalt', () => {
  it('defaults to the pricing speed to the auction, with the pricing-date LIBOR', () => {
    const run = runCwalt(normaliseScenario());
    expect(run.horizon).toBe('auction');
    expect(run.libor1mPct[0]).toBe(1.1);
  });
  it('gives per-period interest, principal and balance, the last payment in period 50', () => {
    const run = runCwalt(normaliseScenario({ speed: 100, horizon: 'auction' }));
    const cf = classNamed(run, '1-A-3');
    const last = Array.from(cf.principal).reduce((at, p, i) => (p > 0 ? i + 1 : at), 0);
    expect(last).toBe(50);
    expect(cf.principal.reduce((a, b) => a + b, 0)).toBeCloseTo(64_219_000, 2);
    expect(cf.endBalance[last - 1]).toBe(0);
    expect(cf.interest[0]).toBeCloseTo((64_219_000 * 3.8) / 1200, 2);
    expect(run.payDates[0]).toBe('2004-05-25');
  });
  it('rejects bad input with one EngineError listing every problem', () => {
    expect(() => normaliseScenario({ speed: -5, cdr: 200 })).toThrow(/speed.*cdr/);
    expect(() => runCwalt(normaliseScenario(), { trigger: 'never' as 'terms' })).toThrow(EngineError);
  });
  it('accepts speeds up to 100% CPR in the faster group (400% of pricing: group 2 at 25% CPR) and names the speed beyond', () => {
    const run = runCwalt(normaliseScenario({ speed: 400, horizon: 'maturity' }));
    expect(classNamed(run, '2-A').principal[0]).toBeGreaterThan(0);
    expect(classNamed(run, '2-A').endBalance[0]).toBe(0); // 100% CPR: group 2 prepaid in full in month 1
    expect(() => runCwalt(normaliseScenario({ speed: 10_000 }))).toThrow(/speed: expected at most 400% of the pricing speed \(10000% would be 2500% CPR/);
    expect(() => runCwalt(normaliseScenario({ speed: 401 }))).toThrow(/speed: expected at most 400%/);
  });
});
