import fc from 'fast-check';
import { carryoverOutstanding, couponRate, netRateCap, toActual360, weightedCap } from '../../src/waterfall/interest';
import { cumulativeTarget, lockoutPercent, lockoutShare, paydownToTarget, sequentialToCumulativeTargets } from '../../src/waterfall/principal';
import { overcollateralization } from '../../src/waterfall/oc';
import { cumulativeLossLimitPct, cumulativeLossTriggered, delinquencyTriggered, stepdownTest } from '../../src/waterfall/triggers';
import { firstEligiblePeriod, redemptionEligible, steppedUp } from '../../src/waterfall/redemption';
import { appliedRealizedLoss } from '../../src/waterfall/losses';

describe('coupons, caps and carryover', () => {
  const floater = { kind: 'floater', marginPct: 0.25, stepUpMultiplier: 2, maximumRatePct: 11.25, floorPct: 0 } as const;
  it('floater: index + margin, doubled margin after the step-up, capped by the cap and the Maximum Rate', () => {
    expect(couponRate(floater, { indexPct: 1.1, steppedUp: false, capPct: Infinity }).ratePct).toBeCloseTo(1.35, 12);
    expect(couponRate(floater, { indexPct: 1.1, steppedUp: true, capPct: Infinity }).ratePct).toBeCloseTo(1.6, 12);
    const capped = couponRate(floater, { indexPct: 5, steppedUp: false, capPct: 4 });
    expect(capped).toEqual({ ratePct: 4, uncappedPct: 5.25, capped: true });
    expect(couponRate(floater, { indexPct: 20, steppedUp: false, capPct: 30 }).ratePct).toBe(11.25);
  });
  it('fixed: coupon plus step-up, capped', () => {
    const fixed = { kind: 'fixed', couponPct: 5.225, stepUpPct: 0.5 } as const;
    expect(couponRate(fixed, { indexPct: 0, steppedUp: true, capPct: 9 }).ratePct).toBeCloseTo(5.725, 12);
    expect(couponRate(fixed, { indexPct: 0, steppedUp: false, capPct: 4.8 })).toEqual({ ratePct: 4.8, uncappedPct: 5.225, capped: true });
  });
  it('carryover: this period’s shortfall plus earlier shortfalls with interest at the uncapped rate', () => {
    const rate = { ratePct: 4, uncappedPct: 5, capped: true };
    // $1,000,000 for a 30/360 month: shortfall 833.33; prior 100.00 earns 0.42.
    expect(carryoverOutstanding(10_000, 100_000_000, rate, 1 / 12)).toBe(10_000 + 42 + (416_667 - 333_333));
    expect(carryoverOutstanding(0, 100_000_000, { ratePct: 5, uncappedPct: 5, capped: false }, 1 / 12)).toBe(0);
  });
  it('Net Rate Cap: net rate less the IO strip over the collateral, restated for act/360', () => {
    expect(netRateCap({ netRatePct: 6, ioRatePct: 1.5, ioNotional: 300, collateralBalance: 300 })).toBeCloseTo(4.5, 12);
    expect(netRateCap({ netRatePct: 6, ioRatePct: 1.5, ioNotional: 150, collateralBalance: 300 })).toBeCloseTo(5.25, 12);
    expect(toActual360(6, 31)).toBeCloseTo((6 * 30) / 31, 12);
    expect(weightedCap([4, 6], [1, 3])).toBeCloseTo(5.5, 12);
    expect(weightedCap([4, 6], [0, 0])).toBe(0);
  });
});

describe('principal amounts', () => {
  const schedule = [
    { fromPeriod: 1, toPeriod: 36, pct: 0 },
    { fromPeriod: 37, toPeriod: 60, pct: 45 },
    { fromPeriod: 85, toPeriod: null, pct: 300 },
  ];
  it('lockout percentage by period, 0 outside the bands', () => {
    expect([1, 36, 37, 60, 61, 85, 400].map((k) => lockoutPercent(schedule, k))).toEqual([0, 0, 45, 45, 0, 300, 300]);
  });
  it('lockout share: pct × (lockout balance / denominator) × principal, at most the balance and the principal', () => {
    expect(lockoutShare({ pct: 45, lockoutBalance: 1000, denominator: 10_000, principal: 10_000 })).toBe(450);
    expect(lockoutShare({ pct: 300, lockoutBalance: 100, denominator: 200, principal: 1000 })).toBe(100);
    expect(lockoutShare({ pct: 300, lockoutBalance: 900, denominator: 1000, principal: 200 })).toBe(200);
    expect(lockoutShare({ pct: 0, lockoutBalance: 900, denominator: 1000, principal: 200 })).toBe(0);
  });
  it('cumulative targets: min((1 − sub) × pool, pool − OC target)', () => {
    expect(cumulativeTarget(1000, 11.6, 10)).toBeCloseTo(884, 9);
    expect(cumulativeTarget(50, 11.6, 10)).toBe(40);
    expect(cumulativeTarget(5, 11.6, 10)).toBe(0);
    expect(paydownToTarget(100, 80)).toBe(20);
    expect(paydownToTarget(100, 120)).toBe(0);
  });
  it('sequential to cumulative targets pays each class down to its target in order', () => {
    // seniors 880 after payment; M 50, B 30; pool 1000; targets through M 931, through B 993.
    expect(sequentialToCumulativeTargets({ available: 100, seniorBalanceAfter: 880, balances: [50, 30], targets: [931, 993] })).toEqual([0, 0]);
    expect(sequentialToCumulativeTargets({ available: 100, seniorBalanceAfter: 900, balances: [50, 60], targets: [931, 993] })).toEqual([19, 0]);
    expect(sequentialToCumulativeTargets({ available: 100, seniorBalanceAfter: 900, balances: [50, 80], targets: [931, 993] })).toEqual([19, 18]);
    expect(sequentialToCumulativeTargets({ available: 10, seniorBalanceAfter: 900, balances: [50, 60], targets: [931, 993] })).toEqual([10, 0]);
  });
  it('never pays more than available or a balance', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.array(fc.nat(1e6), { minLength: 3, maxLength: 3 }), fc.array(fc.nat(3e6), { minLength: 3, maxLength: 3 }), (available, senior, balances, targets) => {
        const paid = sequentialToCumulativeTargets({ available, seniorBalanceAfter: senior, balances, targets });
        expect(paid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(available);
        paid.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(balances[i]);
        });
      }),
    );
  });
});

describe('overcollateralization', () => {
  it('builds OC from excess up to the deficiency once building is allowed', () => {
    const oc = overcollateralization({ collateralBalance: 990, certificateBalance: 1000, principalRemittance: 10, target: 5, excess: 3, buildAllowed: true });
    expect(oc).toEqual({ ocAfterRemittance: 0, deficiency: 5, extraPrincipal: 3, release: 0, principalDistributionAmount: 13 });
    expect(overcollateralization({ collateralBalance: 990, certificateBalance: 1000, principalRemittance: 10, target: 5, excess: 3, buildAllowed: false }).extraPrincipal).toBe(0);
  });
  it('releases principal above the target', () => {
    const oc = overcollateralization({ collateralBalance: 990, certificateBalance: 990, principalRemittance: 10, target: 5, excess: 100, buildAllowed: true });
    expect(oc.release).toBe(5);
    expect(oc.principalDistributionAmount).toBe(5);
  });
  it('a realized loss shows as deficiency, made good from excess', () => {
    // OC at its target of 5 (collateral 995, certificates 990); 10 remitted and 4 lost: 981 left.
    const oc = overcollateralization({ collateralBalance: 981, certificateBalance: 990, principalRemittance: 10, target: 5, excess: 100, buildAllowed: true });
    expect(oc.deficiency).toBe(4);
    expect(oc.extraPrincipal).toBe(4);
    expect(oc.principalDistributionAmount).toBe(14);
  });
  it('with the collateral below the target, the certificates are paid off', () => {
    const oc = overcollateralization({ collateralBalance: 3, certificateBalance: 10, principalRemittance: 4, target: 5, excess: 100, buildAllowed: true });
    expect(oc.principalDistributionAmount).toBe(10);
  });
});

describe('stepdown and triggers', () => {
  const base = { earliestPeriod: 37, seniorPctLimit: 88.4, seniorTestFirstPassed: null };
  it('needs both the earliest date and the senior test, or the seniors retired', () => {
    expect(stepdownTest({ ...base, period: 36, seniorBalance: 800, collateralBalance: 1000 })).toEqual({ reached: false, seniorTestFirstPassed: 36 });
    expect(stepdownTest({ ...base, period: 37, seniorBalance: 900, collateralBalance: 1000 }).reached).toBe(false);
    expect(stepdownTest({ ...base, period: 37, seniorBalance: 884, collateralBalance: 1000 }).reached).toBe(true);
    expect(stepdownTest({ ...base, period: 37, seniorBalance: 900, collateralBalance: 1000, seniorTestFirstPassed: 30 }).reached).toBe(true);
    expect(stepdownTest({ ...base, period: 12, seniorBalance: 0, collateralBalance: 1000 }).reached).toBe(true);
  });
  it('cumulative loss limits: start plus 1/12 of the increment a month; TBD never trips', () => {
    const bands = [
      { fromPeriod: 37, toPeriod: 48, startPct: 0.5, annualIncrementPct: 0.25 },
      { fromPeriod: 49, toPeriod: null, startPct: null, annualIncrementPct: null },
    ];
    expect(cumulativeLossLimitPct(bands, 36)).toBeNull();
    expect(cumulativeLossLimitPct(bands, 37)).toBeCloseTo(0.5, 12);
    expect(cumulativeLossLimitPct(bands, 43)).toBeCloseTo(0.625, 12);
    expect(cumulativeLossLimitPct(bands, 60)).toBeNull();
    expect(cumulativeLossTriggered(6_000_000, 1_000_000_000, 0.5)).toBe(true);
    expect(cumulativeLossTriggered(5_000_000, 1_000_000_000, 0.5)).toBe(false);
    expect(cumulativeLossTriggered(5e8, 1e9, null)).toBe(false);
    expect(delinquencyTriggered({ multiplier: null, rollingDelinquencyPct: 50, requiredPct: 1 })).toBe(false);
    expect(delinquencyTriggered({ multiplier: 2, rollingDelinquencyPct: 5, requiredPct: 10 })).toBe(true);
  });
});

describe('redemption and losses', () => {
  it('first period whose (ending) balance is at or below the threshold', () => {
    const begin = [100, 90, 80, 70];
    const end = [90, 80, 70, 60];
    expect(firstEligiblePeriod({ beginBalance: begin, endBalance: end, cutoffBalance: 100, thresholdPct: 80, basis: 'ending' })).toBe(2);
    expect(firstEligiblePeriod({ beginBalance: begin, endBalance: end, cutoffBalance: 100, thresholdPct: 80, basis: 'beginning' })).toBe(3);
    expect(firstEligiblePeriod({ beginBalance: begin, endBalance: end, cutoffBalance: 100, thresholdPct: 10, basis: 'ending' })).toBeNull();
    expect(redemptionEligible(123_000_000, 615_000_000, 20)).toBe(true);
  });
  it('step-up from the period after the first eligible one', () => {
    expect([66, 67, 68].map((k) => steppedUp(k, 67, 'afterEligible'))).toEqual([false, false, true]);
    expect(steppedUp(67, 67, 'atEligible')).toBe(true);
    expect(steppedUp(400, null, 'afterEligible')).toBe(false);
  });
  it('applied realized loss: certificates above the collateral', () => {
    expect(appliedRealizedLoss(105, 100)).toBe(5);
    expect(appliedRealizedLoss(95, 100)).toBe(0);
  });
});
