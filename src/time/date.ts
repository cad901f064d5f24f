import { EngineError } from '../errors';

/**
 * A calendar date with no time of day and no time zone ("plain date", as in TC39 Temporal),
 * held as its day number: whole days since 1970-01-01.
 *
 * Why a day number rather than a `Date`/`UTCDate` object:
 * - it is immutable and compares with `===` and `<`, so it can be a `Map` key, part of a
 *   hashed scenario, or stored in a `Float64Array` next to the cash flows;
 * - actual days between two dates are a subtraction (act/360, act/365F, delays);
 * - it has no time of day, so no local time zone can move it to the previous day.
 *
 * Calendar arithmetic (fields, months, weekdays, month lengths) is integer arithmetic on the day
 * number (`civilFromDays` / `daysFromCivil`, the proleptic Gregorian algorithms of H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms"), exact for every day 1900-9999 and checked
 * against the UTC fields of `Date` for each of them (test/time/date.test.ts): no `Date` object,
 * no time zone, and nothing allocated but the fields a caller asks for. (The first version used
 * date-fns in UTC; building a deal's calendars with it was most of a freshly loaded add-in's
 * first run.)
 * The brand stops a bare number (an Excel serial, a count of days) from being passed as a date.
 * Supported dates: 1900-01-01 to 9999-12-31, the range of Excel's 1900 date system.
 */
export type PlainDate = number & { readonly __brand: 'PlainDate' };

/** Day of the week as `Date.getUTCDay` numbers it: 0 = Sunday, 1 = Monday, ..., 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A date's calendar fields; `month` is 1-based (1 = January). */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const FIRST_YEAR = 1900;
const LAST_YEAR = 9999;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXPECTED_DATE = 'expected YYYY-MM-DD or an Excel serial number';

/**
 * Excel's 1900 date system: serial 1 = 1900-01-01. Excel (copying Lotus 1-2-3) counts a
 * 1900-02-29 that never existed as serial 60, so from serial 61 (= 1900-03-01) on,
 * date = 1899-12-30 + serial days; below 60, date = 1899-12-31 + serial days.
 * Source: Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year" (KB 214326).
 */
const EXCEL_FAKE_LEAP_DAY = 60;
const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31
const DAY_OF_SERIAL_ZERO = -25_569; // 1899-12-30 as a day number, valid for serials >= 61

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-based) of `year`. */
function monthLength(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a proleptic Gregorian date (Hinnant's days_from_civil; eras of 400 years). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month and day of a day number (Hinnant's civil_from_days), the inverse of `daysFromCivil`. */
function civilFromDays(days: number): DateParts {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The date `year-month-day` if it exists in 1900-9999 (month 1-based), else undefined. */
function tryDateOf(year: number, month: number, day: number): PlainDate | undefined {
  if (!isIntegerIn(year, FIRST_YEAR, LAST_YEAR) || !isIntegerIn(month, 1, 12)) return undefined;
  if (!isIntegerIn(day, 1, monthLength(year, month))) return undefined;
  return daysFromCivil(year, month, day) as PlainDate;
}

/** The date with these fields; `month` is 1-based (1 = January). Throws unless the date exists in 1900-9999. */
export function dateOf(year: number, month: number, day: number, field = 'date'): PlainDate {
  const date = tryDateOf(year, month, day);
  if (date === undefined) {
    throw new EngineError(field, `expected a real calendar date in ${FIRST_YEAR}-${LAST_YEAR}, got year ${year}, month ${month}, day ${day}`);
  }
  return date;
}

function tryParseIso(text: string): PlainDate | undefined {
  // The usual case, ten characters 'YYYY-MM-DD', read digit by digit (the pay dates of every run
  // come this way); anything else goes through the pattern.
  if (text.length === 10 && text.charCodeAt(4) === DASH && text.charCodeAt(7) === DASH) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (year >= 0 && month >= 0 && day >= 0) return tryDateOf(year, month, day);
  }
  const m = ISO_DATE.exec(text.trim());
  return m ? tryDateOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

const DASH = 45; // '-'
const ZERO = 48; // '0'

/** The decimal number of `text` from `from` to `to` (exclusive), all ASCII digits; −1 if any is not one. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Parses ISO text 'YYYY-MM-DD' (surrounding blanks ignored). Throws unless the date exists in 1900-9999. */
export function parseIsoDate(text: string, field = 'date'): PlainDate {
  const date = typeof text === 'string' ? tryParseIso(text) : undefined;
  if (date === undefined) throw new EngineError(field, `expected YYYY-MM-DD, got "${String(text)}"`);
  return date;
}

/**
 * A date as a user gives it: ISO text 'YYYY-MM-DD', or an Excel serial number (a number, or
 * text of digits). A fractional serial carries a time of day, which is dropped.
 */
export function parseDate(value: string | number, field = 'date'): PlainDate {
  if (typeof value === 'number') return fromExcelSerial(value, field);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return fromExcelSerial(Number(text), field);
    const date = tryParseIso(text);
    if (date !== undefined) return date;
  }
  throw new EngineError(field, `${EXPECTED_DATE}, got "${String(value)}"`);
}

/** ISO text 'YYYY-MM-DD'. */
export function formatIsoDate(date: PlainDate): string {
  const d = civilFromDays(date);
  return `${yearMonthOf(d)}-${TWO_DIGITS[d.day]}`;
}

/** 'YYYY-MM', the form of first/last principal payment dates in the pricing tables. */
export function yearMonth(date: PlainDate): string {
  return yearMonthOf(civilFromDays(date));
}

// Formatting reads the fields directly: the measures format a date for every class of every run,
// and date-fns `format` (a pattern parser) cost 5% of a pricing grid. Years are 1900-9999 (four
// digits), so the fixed-width pieces need no further padding.
function yearMonthOf(d: DateParts): string {
  return `${d.year}-${TWO_DIGITS[d.month]}`;
}

/** '00' … '31': months and days as two digits. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, n) => (n < 10 ? `0${n}` : String(n)));

/** Year, 1-based month and day of month. */
export function dateParts(date: PlainDate): DateParts {
  return civilFromDays(date);
}

/** Day of the week: 0 = Sunday ... 6 = Saturday (day 0, 1970-01-01, was a Thursday). */
export function weekdayOf(date: PlainDate): Weekday {
  return (((date + 4) % 7) + 7) % 7 as Weekday;
}

/** Number of days in the date's month (28-31). */
export function daysInMonth(date: PlainDate): number {
  const { year, month } = civilFromDays(date);
  return monthLength(year, month);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: PlainDate, days: number): PlainDate {
  if (!Number.isInteger(days)) throw new EngineError('days', `expected a whole number of days, got ${String(days)}`);
  return (date + days) as PlainDate;
}

/**
 * `date` moved by `months` calendar months, end-of-month clamped: the day of month is kept
 * when the target month has it, otherwise the target month's last day
 * (2004-01-31 + 1 month = 2004-02-29; 2004-03-31 − 1 month = 2004-02-29), as date-fns `addMonths`.
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  if (!Number.isInteger(months)) throw new EngineError('months', `expected a whole number of months, got ${String(months)}`);
  const { year, month, day } = civilFromDays(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - 12 * y + 1;
  return daysFromCivil(y, m, Math.min(day, monthLength(y, m))) as PlainDate;
}

/**
 * Calendar months from `from`'s month to `to`'s month: (y2 − y1)·12 + (m2 − m1); the days of
 * month are ignored (2004-04-30 to 2004-05-01 is 1). The inverse of `addMonths`:
 * monthsBetween(d, addMonths(d, n)) = n. Negative when `to` is in an earlier month.
 */
export function monthsBetween(from: PlainDate, to: PlainDate): number {
  const a = civilFromDays(from);
  const b = civilFromDays(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** Actual calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return to - from;
}

/**
 * Excel serial number (1900 date system) to date; a fractional part (time of day) is dropped.
 * Serial 61 = 1900-03-01, 45000 = 2023-03-15. Serial 60, Excel's fictitious 1900-02-29, is refused.
 */
export function fromExcelSerial(serial: number, field = 'date'): PlainDate {
  if (typeof serial !== 'number' || !Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) {
    throw new EngineError(field, `${EXPECTED_DATE} from 1 (1900-01-01) to ${EXCEL_MAX_SERIAL} (9999-12-31), got ${String(serial)}`);
  }
  const whole = Math.floor(serial);
  if (whole === EXCEL_FAKE_LEAP_DAY) {
    throw new EngineError(field, `${EXPECTED_DATE}; serial 60 is Excel's 1900-02-29, a day that does not exist`);
  }
  const offset = whole > EXCEL_FAKE_LEAP_DAY ? DAY_OF_SERIAL_ZERO : DAY_OF_SERIAL_ZERO + 1;
  return (whole + offset) as PlainDate;
}

/** Date to its Excel serial number (1900 date system); the inverse of `fromExcelSerial`. */
export function toExcelSerial(date: PlainDate): number {
  const serial = date - DAY_OF_SERIAL_ZERO;
  const result = serial > EXCEL_FAKE_LEAP_DAY ? serial : serial - 1;
  if (!isIntegerIn(result, 1, EXCEL_MAX_SERIAL)) {
    throw new EngineError('date', `expected a date from 1900-01-01 to 9999-12-31, got day number ${date}`);
  }
  return result;
}

/**
 * The scheduled (unadjusted) payment date of distribution period `period` (1 = the first):
 * the first payment date moved `period − 1` months, keeping its day of month
 * (the 25th for both deals: "the 25th day of each month ... commencing in February 2004",
 * Impac term sheet). Roll it to a business day with `adjustFollowing` (calendar.ts).
 */
export function payDate(firstPayDate: PlainDate, period: number): PlainDate {
  if (!Number.isInteger(period) || period < 1) {
    throw new EngineError('period', `expected a whole number of periods from 1, got ${String(period)}`);
  }
  return addMonths(firstPayDate, period - 1);
}

/**
 * The unadjusted pay dates of periods 1 … `count` (element t − 1 = `payDate(firstPayDate, t)`),
 * stepping the year and month instead of re-reading the first date's fields for each period.
 */
export function payDates(firstPayDate: PlainDate, count: number): PlainDate[] {
  const { year: firstYear, month: firstMonth, day } = civilFromDays(firstPayDate);
  const out: PlainDate[] = [];
  let year = firstYear;
  let month = firstMonth;
  for (let t = 1; t <= count; t++) {
    const length = monthLength(year, month);
    out.push(daysFromCivil(year, month, day < length ? day : length) as PlainDate);
    if (month === 12) {
      month = 1;
      year++;
    } else month++;
  }
  return out;
}
