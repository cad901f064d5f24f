import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import {
  addDays,
  adjustFollowing,
  dateOf,
  easterSunday,
  formatIsoDate,
  holidayList,
  holidayName,
  isBusinessDay,
  nextBusinessDay,
  parseIsoDate,
  payDate,
  weekdayOf,
  type PlainDate,
} from '../../src/time';

const iso = parseIsoDate;
const show = formatIsoDate;

function holidaysOf(year: number): string[] {
  return holidayList(dateOf(year, 1, 1), dateOf(year, 12, 31)).map((h) => show(h.date));
}

describe('pay dates: the 25th, or the next business day', () => {
  // Impac CMB Trust Series 2004-1 remittance reports (conventions.md §4): paid on
  // 2004-07-26, 2004-09-27, 2004-11-26 and 2004-12-27.
  it.each([
    [6, '2004-07-26'], // 25th a Sunday
    [8, '2004-09-27'], // 25th a Saturday
    [10, '2004-11-26'], // 25th Thanksgiving
    [11, '2004-12-27'], // 25th a Saturday, Christmas observed Friday the 24th
  ])('Impac period %i (first pay 2004-02-25) is paid on %s', (period, paid) => {
    expect(show(adjustFollowing(payDate(iso('2004-02-25'), period)))).toBe(paid);
  });

  it('leaves a business day alone', () => {
    expect(show(adjustFollowing(iso('2004-05-25')))).toBe('2004-05-25');
    expect(show(adjustFollowing(iso('2004-04-30')))).toBe('2004-04-30');
  });

  it('nextBusinessDay is strictly after', () => {
    expect(show(nextBusinessDay(iso('2004-04-30')))).toBe('2004-05-03'); // Friday → Monday
    expect(show(nextBusinessDay(iso('2004-06-10')))).toBe('2004-06-14'); // over the Reagan funeral and a weekend
    expect(show(nextBusinessDay(iso('2005-03-24')))).toBe('2005-03-28'); // over Good Friday 2005-03-25
  });
});

describe('holiday lists', () => {
  it('2004 matches QuantLib test-suite/calendars.cpp testUSGovernmentBondMarket', () => {
    expect(holidaysOf(2004)).toEqual([
      '2004-01-01', '2004-01-19', '2004-02-16', '2004-04-09', '2004-05-31', '2004-06-11', // Reagan's funeral
      '2004-07-05', '2004-09-06', '2004-10-11', '2004-11-11', '2004-11-25', '2004-12-24',
    ]);
  });

  it('2022 matches SIFMA: New Year on a Saturday not observed, Juneteenth (Sunday) on Monday 6/20', () => {
    // SIFMA 2022 US schedule; pandas_market_calendars holidays/sifma.py notes the New Year rule.
    expect(holidaysOf(2022)).toEqual([
      '2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04',
      '2022-09-05', '2022-10-10', '2022-11-11', '2022-11-24', '2022-12-26',
    ]);
  });

  it('2023: Good Friday is not a settlement day, Veterans Day on a Saturday is not observed', () => {
    // SIFMA 2023: Good Friday 4/7 early close for trading but not a good settlement day (QuantLib
    // counts it open); bond market open Friday 11/10 (forexlive, Nasdaq, 2023-11-10).
    expect(holidaysOf(2023)).toEqual([
      '2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19',
      '2023-07-04', '2023-09-04', '2023-10-09', '2023-11-23', '2023-12-25',
    ]);
  });

  it('2040, projected from the standing rules (weekdays checked with Python datetime)', () => {
    // Jan 1 and Nov 11 are Sundays; Easter is April 1.
    expect(holidaysOf(2040)).toEqual([
      '2040-01-02', '2040-01-16', '2040-02-20', '2040-03-30', '2040-05-28', '2040-06-19',
      '2040-07-04', '2040-09-03', '2040-10-08', '2040-11-12', '2040-11-22', '2040-12-25',
    ]);
  });

  it('names each closing', () => {
    expect(holidayName(iso('2004-11-25'))).toBe('Thanksgiving Day');
    expect(holidayName(iso('2004-12-24'))).toBe('Christmas Day');
    expect(holidayName(iso('2018-12-05'))).toBe("President G. H. W. Bush's funeral");
    expect(holidayName(iso('2004-05-25'))).toBeUndefined();
  });
});

describe('weekend observance (QuantLib GovernmentBond, SIFMA)', () => {
  it.each([
    ['2004-12-31', true, "New Year's Day 2005 on a Saturday: not moved back"],
    ['2010-12-31', true, 'SIFMA 2010 release: full trading on Friday 2010-12-31'],
    ['2017-11-10', true, 'Veterans Day on a Saturday: not moved back'],
    ['2023-11-10', true, 'Veterans Day on a Saturday: not moved back'],
    ['2021-06-18', true, 'Juneteenth before 2022'],
    ['2020-07-03', false, 'July 4th on a Saturday: Friday closed'],
    ['2021-12-24', false, 'Christmas on a Saturday: Friday closed'],
    ['2027-06-18', false, 'Juneteenth on a Saturday: Friday closed'],
    ['2023-01-02', false, "New Year's Day on a Sunday: Monday closed"],
    ['2032-07-05', false, 'July 4th on a Sunday: Monday closed'],
  ])('%s business day = %p (%s)', (text, open) => {
    expect(isBusinessDay(iso(text))).toBe(open);
  });
});

describe('special closings and Good Friday', () => {
  it.each(['2004-06-11', '2012-10-30', '2018-12-05'])('%s is a special full close', (text) => {
    expect(isBusinessDay(iso(text))).toBe(false);
  });

  it.each([
    ['2012-10-29', 'Hurricane Sandy: noon early close only'],
    ['2025-01-09', 'Carter funeral: 2 pm early close only'],
    ['2007-01-02', 'Ford funeral: NYSE closed, not in the GovernmentBond calendar'],
  ])('%s stays a business day (%s)', (text) => {
    expect(isBusinessDay(iso(text))).toBe(true);
  });

  // SIFMA press releases 2012-03-21, 2015-03-09, 2026-03-20: early close for trading, but Good
  // Friday is "not ... a good settlement day" for MBS. QuantLib counts 2015, 2021, 2023 as open.
  it.each(['2005-03-25', '2012-04-06', '2015-04-03', '2021-04-02', '2023-04-07', '2026-04-03'])('Good Friday %s is not a business day', (text) => {
    expect(holidayName(iso(text))).toBe('Good Friday');
  });

  it.each([
    [2004, '2004-04-11'],
    [2005, '2005-03-27'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2038, '2038-04-25'],
    [2040, '2040-04-01'],
  ])('Easter %i is %s (python-dateutil easter)', (year, text) => {
    expect(show(easterSunday(year))).toBe(text);
  });
});

describe('coverage', () => {
  it('refuses dates outside 2004-2099', () => {
    expect(() => isBusinessDay(iso('2003-12-31'))).toThrow(
      new EngineError('date', 'expected a date in 2004-2099, the years the business-day calendar covers, got 2003-12-31'),
    );
    expect(() => adjustFollowing(iso('2100-01-01'))).toThrow(EngineError);
  });
});

describe('properties, 2004-2099', () => {
  const covered = fc.integer({ min: dateOf(2004, 1, 1), max: dateOf(2099, 12, 20) }).map((n) => n as PlainDate);

  it('adjustFollowing lands on the first business day on or after the date, within 5 days', () => {
    fc.assert(
      fc.property(covered, (date) => {
        const adjusted = adjustFollowing(date);
        if (!isBusinessDay(adjusted) || adjusted < date || adjusted - date > 5) return false;
        for (let d = date; d < adjusted; d = addDays(d, 1)) if (isBusinessDay(d)) return false;
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('weekends are never business days; nextBusinessDay is later than the date', () => {
    fc.assert(
      fc.property(covered, (date) => {
        const weekend = weekdayOf(date) === 0 || weekdayOf(date) === 6;
        return (!weekend || !isBusinessDay(date)) && nextBusinessDay(date) > date;
      }),
    );
  });

  it('every year has 10 to 13 weekday closings, all distinct weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2004, max: 2099 }), (year) => {
        const list = holidayList(dateOf(year, 1, 1), dateOf(year, 12, 31));
        const dates = list.map((h) => h.date);
        return (
          list.length >= 10 &&
          list.length <= 13 &&
          new Set(dates).size === dates.length &&
          dates.every((d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6 && !isBusinessDay(d))
        );
      }),
    );
  });
});
