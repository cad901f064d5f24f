import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { times30360, walAndWindow, walOfFlows, walTimes, walTimesFromDates, weightedAverageLife } from '../../src/analytics/wal';
import { principalWindow } from '../../src/analytics/window';
import { parseIsoDate } from '../../src/time';

const CWALT = { settlement: '2004-04-30', firstPayment: '2004-05-25' };

function bullet(period: number): Float64Array {
  const principal = new Float64Array(period);
  principal[period - 1] = 1_000_000;
  return principal;
}

describe('weightedAverageLife (BMA Standard Formulas §G.1c; conventions.md §8)', () => {
  it('CWALT 2004-J4 1-A-5 to auction at 100%: one payment in month 67 (Nov-09), 30/360 from 4/30 to the 25th → 2005/360 = 5.569, printed 5.57', () => {
    const times = walTimes({ basis: '30/360', ...CWALT, periods: 67 });
    const wal = weightedAverageLife(times, bullet(67));
    expect(wal).toBeCloseTo(2005 / 360, 12);
    expect(wal.toFixed(2)).toBe('5.57');
  });

  it('the same bullet counted in months prints 5.58, which the term sheet does not (cwalt-readings.md §1)', () => {
    const wal = weightedAverageLife(walTimes({ basis: 'months/12', ...CWALT, periods: 67 }), bullet(67));
    expect(wal).toBeCloseTo(67 / 12, 12);
    expect(wal.toFixed(2)).toBe('5.58');
  });

  it('weights times by principal', () => {
    expect(weightedAverageLife([1, 2, 3], [100, 0, 300])).toBeCloseTo(2.5, 12);
    expect(weightedAverageLife([1, 2, 3], [100, -50, 100])).toBeCloseTo(2, 12); // non-positive principal is left out
  });

  it('lies between the first and last time with principal (property)', () => {
    fc.assert(
      fc.property(
        // Amounts below a millionth of a dollar are 0: a subnormal principal (5e-324) times a time
        // underflows to 0, a float artefact rather than a property of WAL.
        fc.array(fc.tuple(fc.double({ min: 0, max: 40, noNaN: true }), fc.double({ min: -1000, max: 1e7, noNaN: true }).map((p) => (Math.abs(p) < 1e-6 ? 0 : p))), { minLength: 1, maxLength: 400 }),
        (rows) => {
          const times = rows.map(([t]) => t);
          const principal = rows.map(([, p]) => p);
          const paying = rows.filter(([, p]) => p > 0).map(([t]) => t);
          if (paying.length === 0) {
            expect(() => weightedAverageLife(times, principal)).toThrow(EngineError);
            return;
          }
          const wal = weightedAverageLife(times, principal);
          expect(wal).toBeGreaterThanOrEqual(Math.min(...paying) - 1e-9);
          expect(wal).toBeLessThanOrEqual(Math.max(...paying) + 1e-9);
        },
      ),
    );
  });

  it('is undefined without principal (an IO class prints NA): EngineError, kind notAvailable', () => {
    let caught: unknown;
    try {
      weightedAverageLife([1, 2], [0, 0]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).kind).toBe('notAvailable');
    expect((caught as EngineError).message).toBe('principal: expected some positive principal: with none paid, the WAL is undefined');
    expect(() => weightedAverageLife([], [])).toThrow(EngineError);
  });

  it('rejects mismatched lengths and non-finite input', () => {
    expect(() => weightedAverageLife([1, 2], [1])).toThrow('timesYears: expected one time for each of the 1 principal payments, got 2');
    expect(() => weightedAverageLife([1, Number.NaN], [1, 1])).toThrow('timesYears[1]: expected a finite number');
    expect(() => weightedAverageLife([1, 2], [1, Number.POSITIVE_INFINITY])).toThrow('principal[1]: expected a finite number');
  });
});

describe('walTimes (conventions.md §8: settle 4/30, pay 5/25 → T_1 = 0.0694 / 0.0685 / 0.0833)', () => {
  it.each([
    ['30/360', 25 / 360, 0.0694],
    ['act/365', 25 / 365, 0.0685],
    ['months/12', 1 / 12, 0.0833],
  ] as const)('%s: T_1 = %s', (basis, exact, printed) => {
    const t = walTimes({ basis, ...CWALT, periods: 3 });
    expect(t[0]).toBeCloseTo(exact, 12);
    expect(t[0].toFixed(4)).toBe(printed.toFixed(4));
  });

  it('30/360 gives (25 + 30(k − 1))/360 for CWALT, as times30360(30, 25)', () => {
    const t = walTimes({ basis: '30/360', ...CWALT, periods: 360 });
    const helper = times30360(30, 25, 360);
    for (let k = 1; k <= 360; k++) {
      expect(t[k - 1]).toBeCloseTo((25 + 30 * (k - 1)) / 360, 12);
      expect(helper[k - 1]).toBeCloseTo(t[k - 1], 12);
    }
  });

  it('act/365 counts actual days across month ends and leap years', () => {
    // Impac CMB 2004-1: settle 01/29/04, first distribution 2004-02-25 (unadjusted).
    const t = walTimes({ basis: 'act/365', settlement: '2004-01-29', firstPayment: '2004-02-25', periods: 13 });
    expect(t[0]).toBeCloseTo(27 / 365, 12);
    expect(t[1]).toBeCloseTo(56 / 365, 12); // Feb 2004 has 29 days
    expect(t[12]).toBeCloseTo(393 / 365, 12); // 2005-02-25
  });

  it('puts a pay day past a short month\'s end on its last day, and applies the 30/360 day-31 rules', () => {
    const t = walTimes({ basis: 'act/365', settlement: '2004-01-15', firstPayment: '2004-01-31', periods: 3 });
    expect(t[1] * 365).toBeCloseTo(45, 9); // 2004-02-29
    expect(t[2] * 365).toBeCloseTo(76, 9); // 2004-03-31
    const u = walTimes({ basis: '30/360', settlement: '2004-03-31', firstPayment: '2004-04-30', periods: 2 });
    expect(u[0] * 360).toBeCloseTo(30, 9);
    expect(times30360(31, 31, 1)[0] * 360).toBeCloseTo(30, 9);
  });

  it('takes explicit (business-day rolled) pay dates: Impac pays Mon 2004-07-26 for Sun the 25th', () => {
    const dates = ['2004-06-25', '2004-07-26'].map((d) => parseIsoDate(d));
    const t = walTimesFromDates('act/365', '2004-01-29', dates);
    expect(t[1] * 365).toBeCloseTo(179, 9);
    expect(walTimesFromDates('30/360', '2004-01-29', dates)[1] * 360).toBeCloseTo(177, 9);
    expect(() => walTimesFromDates('30/360', '2004-01-29', [dates[1], dates[0]])).toThrow('payDates: expected pay dates in increasing order');
    expect(() => walTimesFromDates('30/360', '2004-01-29', [])).toThrow('periods:');
  });

  it('rejects bad dates, bases and lengths', () => {
    expect(() => walTimes({ basis: '30/360', settlement: '2004-02-30', firstPayment: '2004-05-25', periods: 2 })).toThrow(
      'settlement: expected YYYY-MM-DD, got "2004-02-30"',
    );
    expect(() => walTimes({ basis: '30/360', settlement: '2004-05-25', firstPayment: '2004-05-25', periods: 2 })).toThrow(
      'firstPayment: expected a date after settlement',
    );
    expect(() => walTimes({ basis: 'act/360' as '30/360', ...CWALT, periods: 2 })).toThrow("basis: expected '30/360', 'act/365' or 'months/12'");
    expect(() => walTimes({ basis: '30/360', ...CWALT, periods: 0 })).toThrow('periods:');
    expect(() => times30360(0, 25, 2)).toThrow('settleDay: expected a day of the month from 1 to 31, got 0');
  });
});

describe('walOfFlows', () => {
  it('is weightedAverageLife over the first n periods, to the bit', () => {
    const times = walTimes({ basis: '30/360', ...CWALT, periods: 120 });
    const principal = Float64Array.from({ length: 120 }, (_, k) => (k % 7 === 3 ? 0 : 1000 / (k + 1)));
    for (const n of [1, 4, 67, 120]) expect(walOfFlows(times, principal, n)).toBe(weightedAverageLife(times.subarray(0, n), principal.subarray(0, n)));
  });
});

describe('walAndWindow', () => {
  const times = walTimes({ basis: '30/360', ...CWALT, periods: 120 });
  const out = new Float64Array(3);
  const both = (t: ArrayLike<number>, principal: ArrayLike<number>, n: number) => {
    try {
      const window = principalWindow(principal, 0.005, n);
      return [walOfFlows(t, principal, n), window.firstPeriod, window.lastPeriod];
    } catch (error) {
      return String(error);
    }
  };
  const fused = (t: ArrayLike<number>, principal: ArrayLike<number>, n: number) => {
    try {
      walAndWindow(t, principal, n, 0.005, out);
      return [...out];
    } catch (error) {
      return String(error);
    }
  };

  it('gives the WAL and the window of the first n periods, to the bit, in one pass', () => {
    const principal = Float64Array.from({ length: 120 }, (_, k) => (k < 3 || k % 7 === 3 ? 0.001 * (k % 2) : 1000 / (k + 1)));
    for (const n of [1, 4, 67, 120]) expect(fused(times, principal, n)).toEqual(both(times, principal, n));
  });

  it('throws what the window, then the WAL, would throw', () => {
    const badTime = Float64Array.from(times);
    badTime[5] = Number.NaN;
    const cases: [ArrayLike<number>, number[]][] = [
      [times, [0, 0.001, 0]], // no principal above half a cent
      [times, [0, 5, Number.POSITIVE_INFINITY]], // a principal that is not finite
      [badTime, [0, 0, 0, 0, 0, 7, 9]], // a time that is not finite
      [badTime, [0, 0, 0, 0, 0, 7, Number.NaN]], // both: the principal's error first
    ];
    for (const [t, principal] of cases) {
      const expected = both(t, principal, principal.length);
      expect(typeof expected).toBe('string');
      expect(fused(t, principal, principal.length)).toBe(expected);
    }
  });
});
