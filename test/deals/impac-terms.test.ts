/**
 * Impac CMB Trust 2004-1 terms against the term sheet (Impac TS dated January 13, 2004), via
 * test/fixtures/impac-cmb-2004-1/terms-reference.json (copied from shared/reference/impac-cmb-2004-1.json).
 */
import reference from '../fixtures/impac-cmb-2004-1/terms-reference.json';
import { IMPAC_CLASSES, IMPAC_TERMS, IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts, runImpac } from '../../src/deals/impac-cmb-2004-1';
import { normaliseScenario } from '../../src/scenario/normalise';
import { impacPeriodOf } from '../../src/deals/impac-cmb-2004-1/derivatives';

describe('Impac CMB 2004-1 terms (TS class table, Price-DM reports, narrative)', () => {
  it('has the printed classes, balances and pre-step-up margins', () => {
    expect(IMPAC_CLASSES.map((c) => c.name)).toEqual(reference.classes.map((c) => c.name));
    for (const c of reference.classes) expect(IMPAC_CLASSES.find((x) => x.name === c.name)?.principal).toBe(c.principal);
    for (const m of reference.margins) expect(IMPAC_CLASSES.find((x) => x.name === m.class)?.marginPct).toBe(m.marginPct);
    expect(IMPAC_CLASSES.reduce((a, c) => a + c.principal, 0)).toBe(reference.classesTotal);
    expect(IMPAC_TERMS.bondTotal).toBe(reference.classesTotal);
  });

  it('reproduces the printed subordination from the class sizes and the 0.50% OC target (TS Credit Enhancement)', () => {
    const names = IMPAC_CLASSES.map((c) => c.name);
    for (const row of reference.subordination) {
      const below = IMPAC_CLASSES.slice(names.indexOf(row.class as (typeof names)[number]) + 1).reduce((a, c) => a + c.principal, 0);
      const pct = (100 * below) / IMPAC_TERMS.bondTotal + IMPAC_TERMS.overcollateralization.targetPctOfCutoff;
      expect(pct).toBeCloseTo(row.subordination, 2);
    }
  });

  it('carries the narrative key terms as printed', () => {
    const k = reference.keyTerms;
    expect(IMPAC_TERMS.bondRateCapPct).toBe(k.bondRateCapPct);
    expect(IMPAC_TERMS.pricingSpeedCprPct).toBe(k.pricingSpeedCprPct);
    expect(IMPAC_TERMS.cleanUpCall.poolFractionOfCutoff * 100).toBe(k.cleanUpCallPoolFactorPct);
    expect(IMPAC_TERMS.cleanUpCall.latestPaymentDate.slice(0, 7)).toBe(k.cleanUpCallLatestDate);
    expect(IMPAC_TERMS.overcollateralization.targetPctOfCutoff).toBe(k.overcollateralizationTargetPct);
    expect(IMPAC_TERMS.overcollateralization.zeroThroughPaymentMonth).toBe(k.overcollateralizationZeroThrough);
    expect(IMPAC_TERMS.dates.closing).toBe(k.expectedClosingDate);
    expect(IMPAC_TERMS.dates.firstPayment).toBe(k.firstPaymentDate);
    expect(IMPAC_TERMS.dates.cutoff).toBe(k.cutoffDate);
    expect(IMPAC_TERMS.cutoffBalance).toBe(reference.samplePoolBalance);
    expect(IMPAC_TERMS.fees.masterServicingPct).toBe(k.masterServicingFeeRatePct);
    expect(IMPAC_TERMS.fees.trusteePctApprox).toBe(k.trusteeFeeRatePctApprox);
    expect(IMPAC_TERMS.fees.premiumRatePct).toBe(k.waPremiumRatePct);
    expect(IMPAC_TERMS.fees.servicing).toEqual(k.servicingFees);
    expect(IMPAC_TERMS.derivatives.printedNotionals).toEqual(k.derivativeNotional);
    expect(IMPAC_TERMS.derivatives.maxRemainingTermMonths).toBe(k.derivativeMaxRemainingTermMonths);
    for (const c of IMPAC_CLASSES) expect(c.stepUpMultiple).toBe(c.name.startsWith('A') ? k.postCallMarginMultiplier.classA : k.postCallMarginMultiplier.classM);
  });

  it('hits losses M-4, M-3, M-2, M-1, then A-2, never A-1 (TS Realized Losses)', () => {
    expect(IMPAC_TERMS.lossOrder).toEqual(['M-4', 'M-3', 'M-2', 'M-1', 'A-2']);
    const ranked = [...IMPAC_CLASSES].filter((c) => c.lossRank !== null).sort((a, b) => (a.lossRank ?? 0) - (b.lossRank ?? 0));
    expect(ranked.map((c) => c.name)).toEqual(IMPAC_TERMS.lossOrder);
    expect(IMPAC_CLASSES.find((c) => c.name === 'A-1')?.lossRank).toBeNull();
  });

  it('keeps the OC target at zero through July 2004, then 0.50% of the cut-off balance', () => {
    expect(impacPeriodOf(IMPAC_TERMS, '2004-07-25')).toBe(6);
    // The target the run records (formulas.ts), at 0% speed to maturity so period 300 is reached.
    const ocTarget = runImpac(normaliseScenario({ speed: 0, horizon: 'maturity' })).waterfall.series.ocTarget;
    expect(ocTarget[5]).toBe(0);
    expect(ocTarget[6]).toBeCloseTo(5_000_000.2, 6);
    expect(ocTarget[299]).toBeCloseTo(5_000_000.2, 6);
  });

  describe('Derivative Contracts as terms', () => {
    const contracts = impacDerivativeContracts();
    const aggregate = (t: number) => contracts.reduce((a, c) => a + (c.notionalByPeriod[t - 1] ?? 0), 0);

    it('reproduces the printed aggregate notionals on April 25 and May 25, 2004 (periods 3 and 4)', () => {
      expect(aggregate(3)).toBeCloseTo(18_566_100, 4);
      expect(aggregate(4)).toBeCloseTo(479_659_400, 4);
      expect(aggregate(2)).toBe(0);
    });

    it('declines after May 2004 and runs no longer than 55 months after closing (period 55 = August 2008)', () => {
      for (let t = 5; t <= 60; t++) expect(aggregate(t)).toBeLessThan(aggregate(t - 1) + 1e-6);
      expect(Math.max(...contracts.map((c) => c.lastPeriod))).toBeLessThanOrEqual(55);
      expect(contracts.map((c) => c.lastPeriod)).toEqual([21, 33, 55]);
    });

    it('strikes are at market on the January 13, 2004 curve plus the stated spread, increasing with tenor', () => {
      const atMarket = impacDerivativeContracts({ ...IMPAC_DERIVATIVE_ASSUMPTION, strikeSpreadBp: 0 });
      contracts.forEach((c, i) => expect(c.strikePct - atMarket[i].strikePct).toBeCloseTo(IMPAC_DERIVATIVE_ASSUMPTION.strikeSpreadBp / 100, 10));
      expect(atMarket[0].strikePct).toBeGreaterThan(1.1);
      expect(atMarket[0].strikePct).toBeLessThan(atMarket[1].strikePct);
      expect(atMarket[1].strikePct).toBeLessThan(atMarket[2].strikePct);
      expect(atMarket[2].strikePct).toBeLessThan(3.39); // below the 5-year par swap rate
    });
  });
});
