import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import {
  addMonths,
  dateOf,
  dateParts,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  fromExcelSerial,
  monthsBetween,
  parseDate,
  parseIsoDate,
  payDate,
  toExcelSerial,
  weekdayOf,
  yearMonth,
  type PlainDate,
} from '../../src/time';

const iso = parseIsoDate;
const show = formatIsoDate;

/** Any date Excel can hold: 1900-01-01 to 9999-12-31. */
const anyDate = fc.integer({ min: dateOf(1900, 1, 1), max: dateOf(9999, 12, 31) }).map((n) => n as PlainDate);

function engineErrorOf(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError, nothing was thrown');
}

describe('ISO text', () => {
  it('reads and writes YYYY-MM-DD', () => {
    expect(show(iso('2004-04-30'))).toBe('2004-04-30');
    expect(show(iso(' 2004-02-29 '))).toBe('2004-02-29');
    expect(dateParts(iso('2004-04-30'))).toEqual({ year: 2004, month: 4, day: 30 });
    expect(yearMonth(iso('2004-05-25'))).toBe('2004-05');
  });

  it('orders dates as numbers and counts actual days by subtraction', () => {
    expect(iso('2004-04-30') < iso('2004-05-01')).toBe(true);
    expect(iso('2004-04-30') === iso('2004-04-30')).toBe(true);
    expect(daysBetween(iso('2004-04-30'), iso('2004-05-25'))).toBe(25);
    expect(daysBetween(iso('2004-01-29'), iso('2004-02-25'))).toBe(27);
    expect(daysBetween(iso('2004-02-28'), iso('2004-03-01'))).toBe(2); // 2004 is a leap year
    expect(daysBetween(iso('2005-02-28'), iso('2005-03-01'))).toBe(1);
    expect(daysBetween(iso('2004-01-01'), iso('2005-01-01'))).toBe(366);
    expect(daysBetween(iso('2004-05-25'), iso('2004-04-30'))).toBe(-25);
  });

  it.each(['2004-13-01', '2004-00-10', '2004-02-30', '2005-02-29', '2004-4-30', '04/30/2004', '1899-12-31', ''])(
    'refuses "%s" with a message saying what was expected',
    (text) => {
      const error = engineErrorOf(() => parseIsoDate(text, 'settlement'));
      expect(error.field).toBe('settlement');
      expect(error.kind).toBe('invalid');
      expect(error.message).toBe(`settlement: expected YYYY-MM-DD, got "${text}"`);
    },
  );

  it('round-trips every date', () => {
    fc.assert(fc.property(anyDate, (date) => iso(show(date)) === date));
  });
});

describe('parseDate (what a cell gives: ISO text or an Excel serial)', () => {
  it('accepts ISO text, serial numbers and serial text', () => {
    expect(show(parseDate('2004-04-30'))).toBe('2004-04-30');
    expect(show(parseDate(38107))).toBe('2004-04-30');
    expect(show(parseDate('38107'))).toBe('2004-04-30');
  });

  it('names the argument and both accepted forms', () => {
    expect(() => parseDate('2004-13-01')).toThrow(
      new EngineError('date', 'expected YYYY-MM-DD or an Excel serial number, got "2004-13-01"'),
    );
    expect(engineErrorOf(() => parseDate('next Tuesday', 'settle')).message).toBe(
      'settle: expected YYYY-MM-DD or an Excel serial number, got "next Tuesday"',
    );
  });
});

describe('Excel serial numbers (1900 date system)', () => {
  // Serials from Excel's own DATEVALUE; 2004-04-30 = 38107 also checked as days since 1899-12-30 in Python.
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'], // Excel's fictitious 1900-02-29 is serial 60
    [36526, '2000-01-01'],
    [38107, '2004-04-30'],
    [45000, '2023-03-15'],
    [2958465, '9999-12-31'],
  ])('serial %i is %s, both ways', (serial, text) => {
    expect(show(fromExcelSerial(serial))).toBe(text);
    expect(toExcelSerial(iso(text))).toBe(serial);
  });

  it('drops the time of day of a fractional serial', () => {
    expect(show(fromExcelSerial(45000.75))).toBe('2023-03-15');
  });

  it('refuses serial 60 (1900-02-29 does not exist)', () => {
    expect(engineErrorOf(() => fromExcelSerial(60)).message).toMatch(/serial 60 is Excel's 1900-02-29/);
  });

  it.each([0, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (serial) => {
    expect(engineErrorOf(() => fromExcelSerial(serial)).message).toMatch(/^date: expected YYYY-MM-DD or an Excel serial number from 1/);
  });

  it('round-trips every serial and every date', () => {
    const serial = fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60);
    fc.assert(fc.property(serial, (s) => toExcelSerial(fromExcelSerial(s)) === s));
    fc.assert(fc.property(anyDate, (date) => fromExcelSerial(toExcelSerial(date)) === date));
  });
});

describe('dateOf', () => {
  it('builds a date from a 1-based month', () => {
    expect(show(dateOf(2004, 2, 29))).toBe('2004-02-29');
    expect(weekdayOf(dateOf(2004, 4, 30))).toBe(5); // a Friday
    expect(daysInMonth(dateOf(2004, 2, 1))).toBe(29);
    expect(daysInMonth(dateOf(2100, 2, 1))).toBe(28); // centuries are leap only every 400 years
  });

  it.each([
    [2004, 0, 1],
    [2004, 13, 1],
    [2005, 2, 29],
    [2004, 4, 31],
    [2004, 4, 0],
    [2004, 4.5, 1],
    [1899, 12, 31],
    [10000, 1, 1],
  ])('refuses %i-%p-%p', (year, month, day) => {
    expect(engineErrorOf(() => dateOf(year, month, day)).message).toBe(
      `date: expected a real calendar date in 1900-9999, got year ${year}, month ${month}, day ${day}`,
    );
  });
});

describe('addMonths and monthsBetween', () => {
  it.each([
    ['2004-05-25', 1, '2004-06-25'],
    ['2004-05-25', 359, '2034-04-25'],
    ['2004-01-31', 1, '2004-02-29'], // clamped to the end of a leap February
    ['2005-01-31', 1, '2005-02-28'],
    ['2004-03-31', -1, '2004-02-29'],
    ['2004-01-31', 2, '2004-03-31'], // from the original day, not via February
    ['2004-04-30', 12, '2005-04-30'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(show(addMonths(iso(from), months))).toBe(to);
  });

  it('counts calendar months, ignoring the day of month', () => {
    expect(monthsBetween(iso('2004-04-30'), iso('2004-05-01'))).toBe(1);
    expect(monthsBetween(iso('2004-05-01'), iso('2004-05-31'))).toBe(0);
    expect(monthsBetween(iso('2004-05-25'), iso('2034-04-25'))).toBe(359);
    expect(monthsBetween(iso('2004-05-25'), iso('2004-02-25'))).toBe(-3);
  });

  it('refuses fractional months', () => {
    expect(engineErrorOf(() => addMonths(iso('2004-05-25'), 1.5)).message).toBe('months: expected a whole number of months, got 1.5');
  });

  const nearDate = fc.integer({ min: dateOf(1950, 1, 1), max: dateOf(2150, 12, 31) }).map((n) => n as PlainDate);
  const months = fc.integer({ min: -600, max: 600 });

  it('monthsBetween undoes addMonths', () => {
    fc.assert(fc.property(nearDate, months, (date, n) => monthsBetween(date, addMonths(date, n)) === n));
  });

  it('keeps the day of month unless the target month is shorter, then takes its last day', () => {
    fc.assert(
      fc.property(nearDate, months, (date, n) => {
        const moved = addMonths(date, n);
        return dateParts(moved).day === Math.min(dateParts(date).day, daysInMonth(moved));
      }),
    );
  });
});

describe('payDate', () => {
  it('is the first pay date moved period − 1 months, unadjusted', () => {
    expect(show(payDate(iso('2004-05-25'), 1))).toBe('2004-05-25'); // CWALT 2004-J4: first pay 5/25/2004
    expect(show(payDate(iso('2004-05-25'), 360))).toBe('2034-04-25');
    expect(show(payDate(iso('2004-02-25'), 6))).toBe('2004-07-25'); // Impac: a Sunday, paid 2004-07-26
  });

  it.each([0, -1, 1.5])('refuses period %p', (period) => {
    expect(engineErrorOf(() => payDate(iso('2004-05-25'), period)).message).toBe(
      `period: expected a whole number of periods from 1, got ${period}`,
    );
  });
});
