import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import {
  CWALT_J4_PPC,
  MAX_PERIODS,
  PSA_RAMP,
  cprToSmm,
  flatCprVector,
  psaCpr,
  rampCpr,
  rampCprVector,
  smmDecimalFromCprPct,
  smmToCpr,
} from '../../src/analytics/prepayment';

describe('CPR and SMM (BMA Standard Formulas §B.2b)', () => {
  it('converts 6% CPR to 0.5143% SMM and back', () => {
    expect(cprToSmm(6)).toBeCloseTo(0.51430, 5);
    expect(smmToCpr(0.5143)).toBeCloseTo(6, 3);
    expect(cprToSmm(0)).toBe(0);
    expect(cprToSmm(100)).toBe(100);
  });

  it('SMM → CPR inverts CPR → SMM (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (rate) => {
        expect(smmToCpr(cprToSmm(rate))).toBeCloseTo(rate, 9);
        // SMM → CPR → SMM is ill-conditioned near 100%: 1 − CPR = (1 − SMM)^12 keeps only the
        // absolute precision of a double (2.2e-16), which the 12th root turns into a relative error
        // of 2.2e-16 / (12·(1 − SMM)^12) on 1 − SMM. The bound is that, in percent, plus 5e-10.
        const oneMinus = 1 - rate / 100;
        const bound = 5e-10 + (oneMinus > 0 ? (100 * oneMinus * 2.3e-16) / (12 * Math.pow(oneMinus, 12)) : 0);
        expect(Math.abs(cprToSmm(smmToCpr(rate)) - rate)).toBeLessThanOrEqual(bound);
      }),
    );
  });

  it('is increasing and keeps SMM at or below CPR (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(cprToSmm(lo)).toBeLessThanOrEqual(cprToSmm(hi));
        expect(cprToSmm(lo)).toBeLessThanOrEqual(lo + 1e-12);
      }),
    );
  });

  it('builds decimal SMMs for the projection loop', () => {
    const smm = smmDecimalFromCprPct([0, 6, 24, 100]);
    expect(Array.from(smm)).toEqual([0, expect.closeTo(0.005143, 6), expect.closeTo(0.022610, 6), 1]);
  });

  it('rejects rates outside 0–100 and NaN', () => {
    expect(() => cprToSmm(-1)).toThrow(EngineError);
    expect(() => cprToSmm(100.5)).toThrow('cpr: expected a CPR from 0 to 100 (percent), got 100.5');
    expect(() => smmToCpr(Number.NaN)).toThrow('smm: expected a finite number, got NaN');
    expect(() => smmDecimalFromCprPct([5, Number.NaN])).toThrow(EngineError);
  });
});

describe('PSA (BMA Standard Formulas §B.2c)', () => {
  it('100% PSA is 0.2% CPR in month 1, 6% from month 30 on', () => {
    expect(psaCpr(100, 1)).toBeCloseTo(0.2, 12);
    expect(psaCpr(100, 15)).toBeCloseTo(3.0, 12);
    expect(psaCpr(100, 30)).toBeCloseTo(6, 12);
    expect(psaCpr(100, 31)).toBeCloseTo(6, 12);
    expect(psaCpr(100, 360)).toBeCloseTo(6, 12);
    expect(psaCpr(200, 30)).toBeCloseTo(12, 12);
    expect(psaCpr(50, 10)).toBeCloseTo(1, 12);
  });

  it('PSA_RAMP is the same curve as psaCpr', () => {
    for (let month = 1; month <= 400; month++) expect(rampCpr(PSA_RAMP, 150, month)).toBeCloseTo(psaCpr(150, month), 12);
  });
});

describe('CWALT 2004-J4 PPC (term sheet: 8% CPR in month 1, +16/11% a month, 24% from month 12)', () => {
  it.each([
    [1, 8],
    [2, 9.4545],
    [11, 22.5455],
    [12, 24],
    [13, 24],
    [360, 24],
  ])('100%% PPC month %s = %s%% CPR', (month, cpr) => {
    expect(rampCpr(CWALT_J4_PPC, 100, month)).toBeCloseTo(cpr, 4);
  });

  it('scales each month by the percent of pricing speed, capped at 100% CPR', () => {
    expect(rampCpr(CWALT_J4_PPC, 150, 12)).toBeCloseTo(36, 12);
    expect(rampCpr(CWALT_J4_PPC, 0, 12)).toBe(0);
    expect(rampCpr(CWALT_J4_PPC, 1000, 12)).toBe(100);
  });
});

describe('rampCprVector (conventions.md §1: MONTH = WALA + k)', () => {
  it('indexes by loan age by default: period 1 of a 6-month-old pool is month 7', () => {
    const cpr = rampCprVector({ curve: CWALT_J4_PPC, pctOfPricing: 100, periods: 10, loanAgeAtCutoff: 6 });
    expect(cpr[0]).toBeCloseTo(8 + (16 / 11) * 6, 12);
    expect(cpr[4]).toBeCloseTo(22.5455, 4);
    expect(cpr[5]).toBeCloseTo(24, 12);
    expect(cpr[9]).toBeCloseTo(24, 12);
  });

  it('restarts the ramp at the first distribution with deal-period indexing', () => {
    const cpr = rampCprVector({ curve: CWALT_J4_PPC, pctOfPricing: 100, periods: 13, loanAgeAtCutoff: 6, indexing: 'dealPeriod' });
    expect(cpr[0]).toBe(8);
    expect(cpr[1]).toBeCloseTo(9.4545, 4);
    expect(cpr[11]).toBeCloseTo(24, 12);
    expect(cpr[12]).toBeCloseTo(24, 12);
  });

  it('gives the same vector either way for a new pool (WALA 0), and agrees with rampCpr at every period (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 500, noNaN: true }), fc.integer({ min: 1, max: 60 }), (age, pct, periods) => {
        const byAge = rampCprVector({ curve: CWALT_J4_PPC, pctOfPricing: pct, periods, loanAgeAtCutoff: age });
        const byPeriod = rampCprVector({ curve: CWALT_J4_PPC, pctOfPricing: pct, periods, indexing: 'dealPeriod' });
        const newPool = rampCprVector({ curve: CWALT_J4_PPC, pctOfPricing: pct, periods, loanAgeAtCutoff: 0 });
        expect(Array.from(newPool)).toEqual(Array.from(byPeriod));
        for (let k = 1; k <= periods; k++) {
          expect(byAge[k - 1]).toBe(rampCpr(CWALT_J4_PPC, pct, age + k));
          expect(byAge[k - 1]).toBeGreaterThanOrEqual(byPeriod[k - 1]);
        }
      }),
    );
  });

  it('rejects bad arguments with the field named', () => {
    const base = { curve: CWALT_J4_PPC, pctOfPricing: 100, periods: 12 };
    expect(() => rampCprVector({ ...base, periods: 0 })).toThrow('periods: expected a whole number of periods from 1 to 1200, got 0');
    expect(() => rampCprVector({ ...base, periods: MAX_PERIODS + 1 })).toThrow(EngineError);
    expect(() => rampCprVector({ ...base, periods: 2.5 })).toThrow(EngineError);
    expect(() => rampCprVector({ ...base, pctOfPricing: -5 })).toThrow('speed: expected a speed of 0 or more, got -5');
    expect(() => rampCprVector({ ...base, loanAgeAtCutoff: 1.5 })).toThrow('loanAgeAtCutoff:');
    expect(() => rampCprVector({ ...base, indexing: 'calendar' as 'loanAge' })).toThrow("indexing: expected 'loanAge' or 'dealPeriod'");
  });
});

describe('flatCprVector', () => {
  it('scales a flat pricing speed (CWALT group 2: 25% CPR; Impac: 30% CPR)', () => {
    expect(Array.from(flatCprVector(25, 100, 3))).toEqual([25, 25, 25]);
    expect(Array.from(flatCprVector(30, 50, 2))).toEqual([15, 15]);
    expect(Array.from(flatCprVector(30, 400, 1))).toEqual([100]);
    expect(() => flatCprVector(30, 100, 0)).toThrow(EngineError);
  });
});
