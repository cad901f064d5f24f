import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { amortize, balanceFactor, levelPayment, scheduledBalanceFactor } from '../../src/analytics/amortization';
import { cprToSmm } from '../../src/analytics/prepayment';

describe('levelPayment (conventions.md §2)', () => {
  it('$100,000 at 6% over 360 months pays $599.55 a month (standard mortgage table)', () => {
    expect(levelPayment(100_000, 6, 360)).toBeCloseTo(599.55, 2);
  });

  it('$200,000 at 5.5% over 180 months pays $1,634.17', () => {
    expect(levelPayment(200_000, 5.5, 180)).toBeCloseTo(1634.17, 2);
  });

  it('at 0% pays B/n, and one payment pays B·(1 + r)', () => {
    expect(levelPayment(1200, 0, 12)).toBe(100);
    expect(levelPayment(1000, 12, 1)).toBeCloseTo(1010, 9);
  });

  it('rejects bad input', () => {
    expect(() => levelPayment(1000, -1, 12)).toThrow('grossRatePct: expected an annual rate from 0 to 100');
    expect(() => levelPayment(1000, 5, 0)).toThrow('months: expected a whole number of months, 1 or more, got 0');
    expect(() => levelPayment(Number.NaN, 5, 12)).toThrow(EngineError);
  });
});

describe('balanceFactor: BAL(M)/BAL(M0) = [1 − (1+r)^−M] / [1 − (1+r)^−M0] (conventions.md §2)', () => {
  it('is 1 at the start, 0 at maturity, M/M0 at 0%', () => {
    expect(balanceFactor(6, 360, 360)).toBe(1);
    expect(balanceFactor(6, 360, 0)).toBe(0);
    expect(balanceFactor(0, 360, 90)).toBe(0.25);
    expect(() => balanceFactor(6, 360, 361)).toThrow(EngineError);
  });

  it('$100,000 at 6% over 30 years owes $98,772.00 after 12 payments (standard amortization table)', () => {
    expect(100_000 * balanceFactor(6, 360, 348)).toBeCloseTo(98_771.99, 1);
  });
});

// Integers scaled to rates and cents: fc.double leans on edge cases (0, subnormals), which would
// leave most runs without interest or IO months.
const arbLoan = fc.integer({ min: 1, max: 360 }).chain((remainingTermMonths) =>
  fc.record({
    balance: fc.integer({ min: 100_000, max: 200_000_000 }).map((cents) => cents / 100),
    grossRatePct: fc.integer({ min: 0, max: 1500 }).map((bp) => bp / 100),
    remainingTermMonths: fc.constant(remainingTermMonths),
    ioMonthsRemaining: fc.integer({ min: 0, max: remainingTermMonths }),
  }),
);

describe('amortize', () => {
  it('pays exactly the balance: scheduled principal + prepayments = starting balance, ending at 0 (property)', () => {
    fc.assert(
      fc.property(arbLoan, fc.integer({ min: 0, max: 6000 }), (loan, cprBp) => {
        const { balance } = loan;
        const path = amortize(loan, cprToSmm(cprBp / 100));
        let paid = 0;
        let smallest = 0;
        let worstRoll = 0;
        for (let i = 0; i < path.periods; i++) {
          paid += path.scheduledPrincipal[i] + path.prepayment[i];
          smallest = Math.min(smallest, path.scheduledPrincipal[i], path.prepayment[i], path.endBalance[i]);
          if (i > 0 && path.beginBalance[i] !== path.endBalance[i - 1]) worstRoll = Infinity;
          const roll = path.beginBalance[i] - path.scheduledPrincipal[i] - path.prepayment[i] - path.endBalance[i];
          worstRoll = Math.max(worstRoll, Math.abs(roll));
        }
        expect(smallest).toBe(0);
        expect(worstRoll).toBeLessThan(1e-6);
        expect(Math.abs(paid - balance)).toBeLessThan(balance * 1e-12 + 1e-9);
        expect(path.endBalance[path.periods - 1]).toBe(0);
      }),
    );
  });

  it('matches the closed-form balance factor to the cent at zero prepayment, IO periods included (property)', () => {
    fc.assert(
      fc.property(arbLoan, (loan) => {
        const { balance } = loan;
        const path = amortize(loan, 0);
        let worst = 0;
        for (let k = 1; k <= path.periods; k++) {
          worst = Math.max(worst, Math.abs(path.endBalance[k - 1] - balance * scheduledBalanceFactor(loan, k)));
        }
        expect(worst).toBeLessThan(0.005);
      }),
    );
  });

  it('keeps the original payment at zero prepayment: recomputing monthly changes nothing', () => {
    const path = amortize({ balance: 100_000, grossRatePct: 6, remainingTermMonths: 360 }, 0);
    for (let i = 0; i < 360; i++) expect(path.scheduledPayment[i]).toBeCloseTo(599.55, 2);
    expect(path.endBalance[11]).toBeCloseTo(98_771.99, 1);
  });

  it('pays interest only through the IO months, then recasts over the payments left', () => {
    const path = amortize({ balance: 500_000, grossRatePct: 5, remainingTermMonths: 360, ioMonthsRemaining: 120 }, 0);
    for (let i = 0; i < 120; i++) {
      expect(path.scheduledPrincipal[i]).toBe(0);
      expect(path.scheduledPayment[i]).toBeCloseTo(500_000 * 0.05 / 12, 9);
    }
    const recast = levelPayment(500_000, 5, 240);
    for (let i = 120; i < 360; i++) expect(path.scheduledPayment[i]).toBeCloseTo(recast, 6);
    expect(recast).toBeCloseTo(3299.78, 2);
  });

  it('applies the SMM after scheduled principal (SF §B.1): a 100% SMM prepays all the rest', () => {
    const path = amortize({ balance: 100_000, grossRatePct: 6, remainingTermMonths: 360 }, [100, ...Array<number>(359).fill(0)]);
    const sched = 599.55 - 500;
    expect(path.scheduledPrincipal[0]).toBeCloseTo(sched, 2);
    expect(path.prepayment[0]).toBeCloseTo(100_000 - sched, 2);
    expect(path.endBalance[0]).toBe(0);
    expect(path.scheduledPrincipal[1]).toBe(0);
    expect(path.interest[1]).toBe(0);
  });

  it('lets the payment fall with prepayments while the term stays (recast on the current balance)', () => {
    const smm = cprToSmm(24);
    const path = amortize({ balance: 100_000, grossRatePct: 6, remainingTermMonths: 360 }, smm);
    expect(path.scheduledPayment[1]).toBeCloseTo(levelPayment(path.beginBalance[1], 6, 359), 9);
    expect(path.scheduledPayment[1]).toBeLessThan(path.scheduledPayment[0]);
    expect(path.prepayment[0]).toBeCloseTo((smm / 100) * (100_000 - path.scheduledPrincipal[0]), 9);
  });

  it('recasts on a rate change (an ARM reset after 60 months)', () => {
    const rates = [...Array<number>(60).fill(4), ...Array<number>(300).fill(6)];
    const path = amortize({ balance: 300_000, grossRatePct: rates, remainingTermMonths: 360 }, 0);
    expect(path.scheduledPayment[0]).toBeCloseTo(levelPayment(300_000, 4, 360), 9);
    expect(path.scheduledPayment[60]).toBeCloseTo(levelPayment(path.beginBalance[60], 6, 300), 9);
    expect(path.interest[60]).toBeCloseTo(path.beginBalance[60] * 0.005, 9);
    expect(path.endBalance[359]).toBe(0);
  });

  it('retires an interest-only balloon at maturity', () => {
    const path = amortize({ balance: 1000, grossRatePct: 6, remainingTermMonths: 3, ioMonthsRemaining: 3 }, 0);
    expect(Array.from(path.scheduledPrincipal)).toEqual([0, 0, 1000]);
  });

  it('rejects bad loans and SMMs with the field named', () => {
    const loan = { balance: 1000, grossRatePct: 6, remainingTermMonths: 12 };
    expect(() => amortize({ ...loan, balance: -1 }, 0)).toThrow('balance: expected a balance of 0 or more');
    expect(() => amortize({ ...loan, ioMonthsRemaining: 13 }, 0)).toThrow('ioMonthsRemaining: expected at most the 12 payments left');
    expect(() => amortize({ ...loan, remainingTermMonths: 0 }, 0)).toThrow('remainingTermMonths:');
    expect(() => amortize({ ...loan, remainingTermMonths: 1201 }, 0)).toThrow('remainingTermMonths: expected at most 1200 months');
    expect(() => amortize(loan, [1, 2, 3])).toThrow('smm: expected one value for each of the 12 periods, got 3');
    expect(() => amortize(loan, 101)).toThrow('smm: expected an SMM from 0 to 100');
    expect(() => amortize(loan, [...Array<number>(11).fill(1), Number.NaN])).toThrow('smm[11]: expected a finite number');
    expect(() => amortize({ ...loan, grossRatePct: [6, 6] }, 0)).toThrow('grossRatePct: expected one value for each of the 12 periods');
    expect(() => scheduledBalanceFactor({ grossRatePct: 6, remainingTermMonths: 12 }, 13)).toThrow('period: expected a period from 0 to 12');
  });
});
