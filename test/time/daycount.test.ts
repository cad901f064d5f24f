import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { DAY_COUNTS, addMonths, dateOf, dateParts, dayCount, daysBetween, parseIsoDate, payDate, yearFraction, type DayCount, type PlainDate } from '../../src/time';

const iso = parseIsoDate;

describe('30/360 (SIA 30/360 for non-EOM securities = QuantLib Thirty360::BondBasis)', () => {
  it('gives T_1 = 25/360 from settlement 2004-04-30 to the first pay date 2004-05-25 (conventions.md §6)', () => {
    // D1 = 30 stays 30; 30·1 + (25 − 30) = 25 days.
    expect(dayCount('30/360', iso('2004-04-30'), iso('2004-05-25'))).toBe(25);
    expect(yearFraction('30/360', iso('2004-04-30'), iso('2004-05-25'))).toBeCloseTo(0.069444, 6);
  });

  it('gives T_k = (25 + 30(k − 1))/360 to every unadjusted 25th (cwalt-readings.md §1)', () => {
    for (let k = 1; k <= 360; k++) {
      expect(dayCount('30/360', iso('2004-04-30'), payDate(iso('2004-05-25'), k))).toBe(25 + 30 * (k - 1));
    }
  });

  it('counts the Impac stub from settlement 2004-01-29 to 2004-02-25 as 26 days', () => {
    expect(dayCount('30/360', iso('2004-01-29'), iso('2004-02-25'))).toBe(26);
  });

  // Each case from the rules: D1 = 31 → 30; D2 = 31 → 30 only when D1 is then 30.
  it.each([
    ['2004-04-01', '2004-05-01', 30, 'a calendar month is 30 days (accrual "prior calendar month")'],
    ['2004-02-01', '2004-03-01', 30, 'February is 30 days too'],
    ['2004-04-30', '2005-04-30', 360, 'a year is 360 days'],
    ['2004-01-31', '2004-03-31', 60, 'D1 31 → 30, then D2 31 → 30'],
    ['2004-05-31', '2004-06-30', 30, 'D1 31 → 30'],
    ['2004-03-30', '2004-03-31', 0, 'D2 31 → 30 because D1 is 30'],
    ['2004-03-15', '2004-03-31', 16, 'D2 stays 31 because D1 is 15'],
    ['2004-04-30', '2004-05-31', 30, 'D2 31 → 30 because D1 is 30'],
    ['2005-01-31', '2005-02-28', 28, 'to the end of February: D2 is not moved'],
    ['2005-02-28', '2005-03-28', 30, 'from the end of February to the same day'],
    // The February end-of-month rules are off (non-EOM securities): on QuantLib's USA variant
    // both of these would be 30 (D1 = last of February → 30).
    ['2005-02-28', '2005-03-31', 33, 'D1 = last of February is not moved, so D2 stays 31'],
    ['2004-02-29', '2004-03-30', 31, 'leap-year February end: D1 stays 29'],
    ['2004-02-29', '2005-02-28', 359, 'last of February to last of February: D2 is not moved'],
  ])('%s to %s = %i days: %s', (from, to, days) => {
    expect(dayCount('30/360', iso(from), iso(to))).toBe(days);
    expect(yearFraction('30/360', iso(from), iso(to))).toBe(days / 360);
  });

  it('counts 30 days a month whenever the day of month is at most 28', () => {
    const start = fc.integer({ min: dateOf(2004, 1, 1), max: dateOf(2040, 12, 31) }).map((n) => n as PlainDate);
    fc.assert(
      fc.property(start.filter((d) => dateParts(d).day <= 28), fc.integer({ min: 0, max: 480 }), (from, months) => {
        return dayCount('30/360', from, addMonths(from, months)) === 30 * months;
      }),
    );
  });
});

describe('actual bases', () => {
  it('act/360 counts actual days over 360', () => {
    expect(dayCount('act/360', iso('2004-04-30'), iso('2004-05-25'))).toBe(25);
    expect(dayCount('act/360', iso('2004-01-29'), iso('2004-02-25'))).toBe(27);
    expect(yearFraction('act/360', iso('2004-01-01'), iso('2005-01-01'))).toBe(366 / 360);
    expect(yearFraction('act/360', iso('2004-03-25'), iso('2004-04-26'))).toBe(32 / 360);
  });

  it('act/365F divides by 365 in leap years too', () => {
    expect(yearFraction('act/365F', iso('2004-01-01'), iso('2005-01-01'))).toBe(366 / 365);
    expect(yearFraction('act/365F', iso('2005-01-01'), iso('2006-01-01'))).toBe(1);
    expect(yearFraction('act/365F', iso('2004-04-30'), iso('2004-05-25'))).toBe(25 / 365); // 0.0685, conventions.md §8
  });

  it('both count what daysBetween counts', () => {
    const date = fc.integer({ min: dateOf(2004, 1, 1), max: dateOf(2040, 12, 31) }).map((n) => n as PlainDate);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 20000 }), (from, days) => {
        const to = (from + days) as PlainDate;
        return (
          dayCount('act/360', from, to) === daysBetween(from, to) &&
          yearFraction('act/360', from, to) === days / 360 &&
          yearFraction('act/365F', from, to) === days / 365
        );
      }),
    );
  });
});

describe('validation', () => {
  it('refuses an end before the start', () => {
    expect(() => dayCount('30/360', iso('2004-05-25'), iso('2004-04-30'))).toThrow(
      new EngineError('dayCount', 'expected an end date on or after the start 2004-05-25, got 2004-04-30'),
    );
  });

  it('refuses an unknown basis, listing the known ones', () => {
    const basis = 'act/365' as DayCount; // e.g. text from outside the type system
    expect(() => yearFraction(basis, iso('2004-04-30'), iso('2004-05-25'))).toThrow(
      new EngineError('dayCount', 'expected one of 30/360, act/360, act/365F, got "act/365"'),
    );
    expect(DAY_COUNTS).toEqual(['30/360', 'act/360', 'act/365F']);
  });
});
