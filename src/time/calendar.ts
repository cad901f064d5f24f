import { EngineError } from '../errors';
import { addDays, dateOf, dateParts, daysInMonth, formatIsoDate, parseIsoDate, weekdayOf, type PlainDate, type Weekday } from './date';

/**
 * The US bond-market settlement calendar: days on which SIFMA recommends a full close, or that
 * it says are not good settlement days for MBS, are not business days. Pay dates roll to the
 * next business day ("the 25th day of each month (or, if such day is not a business day, the
 * next succeeding business day)", Impac term sheet; CWALT the same).
 *
 * Rules and source: QuantLib `UnitedStates::GovernmentBond`, file `ql/time/calendars/unitedstates.cpp`,
 * which follows https://www.sifma.org/resources/general/holiday-schedule/ (QuantLib issue #1635).
 * Observance differs by holiday: New Year's Day and Veterans Day on a Saturday are not moved
 * back to Friday (SIFMA kept 2010-12-31 and 2017-11-10 open); July 4th, Juneteenth and
 * Christmas on a Saturday close the Friday before; any of them on a Sunday closes the Monday after.
 *
 * One deliberate difference from QuantLib: Good Friday is never a business day here. QuantLib
 * treats 2015, 2021 and 2023 as open because SIFMA recommended only a noon early close for
 * trading when the BLS employment report fell on Good Friday; but in those years SIFMA also
 * recommended that Good Friday "not be treated as a good settlement day for ... mortgage-backed
 * securities" (SIFMA press releases of 2012-03-21, 2015-03-09, 2026-03-20), and this calendar
 * is for settlement and payment dates.
 *
 * Covered: 2004-2099. The rules are checked against sources up to 2026; later years apply the
 * standing rules and cannot know unscheduled closings (storms, state funerals).
 */

/** How a fixed-date holiday falling on a weekend is observed. */
export type Observance =
  /** Saturday → the Friday before; Sunday → the Monday after. */
  | 'nearestWeekday'
  /** Sunday → the Monday after; on a Saturday there is no closing. */
  | 'sundayToMonday';

export type HolidayRule =
  | { readonly name: string; readonly kind: 'fixedDate'; readonly month: number; readonly day: number; readonly observance: Observance; readonly fromYear?: number }
  | { readonly name: string; readonly kind: 'nthWeekday'; readonly month: number; readonly weekday: Weekday; readonly nth: 1 | 2 | 3 | 4 | 'last' }
  | { readonly name: string; readonly kind: 'easter'; readonly daysFromEaster: number };

export interface Holiday {
  readonly date: PlainDate;
  readonly name: string;
}

const MONDAY: Weekday = 1;
const THURSDAY: Weekday = 4;

/** SIFMA US recommended full closes, as QuantLib's GovernmentBond calendar encodes them. Months are 1-based. */
export const SIFMA_US_HOLIDAYS: readonly HolidayRule[] = [
  { name: "New Year's Day", kind: 'fixedDate', month: 1, day: 1, observance: 'sundayToMonday' },
  { name: 'Martin Luther King Jr. Day', kind: 'nthWeekday', month: 1, weekday: MONDAY, nth: 3 },
  { name: "Presidents' Day (Washington's Birthday)", kind: 'nthWeekday', month: 2, weekday: MONDAY, nth: 3 },
  { name: 'Good Friday', kind: 'easter', daysFromEaster: -2 },
  { name: 'Memorial Day', kind: 'nthWeekday', month: 5, weekday: MONDAY, nth: 'last' },
  // Federal holiday from 2021; SIFMA and the exchanges first closed for it in 2022.
  { name: 'Juneteenth', kind: 'fixedDate', month: 6, day: 19, observance: 'nearestWeekday', fromYear: 2022 },
  { name: 'Independence Day', kind: 'fixedDate', month: 7, day: 4, observance: 'nearestWeekday' },
  { name: 'Labor Day', kind: 'nthWeekday', month: 9, weekday: MONDAY, nth: 1 },
  { name: 'Columbus Day', kind: 'nthWeekday', month: 10, weekday: MONDAY, nth: 2 },
  { name: 'Veterans Day', kind: 'fixedDate', month: 11, day: 11, observance: 'sundayToMonday' },
  { name: 'Thanksgiving Day', kind: 'nthWeekday', month: 11, weekday: THURSDAY, nth: 4 },
  { name: 'Christmas Day', kind: 'fixedDate', month: 12, day: 25, observance: 'nearestWeekday' },
];

/**
 * Unscheduled full closes from 2004 (QuantLib GovernmentBond "special closings"; SIFMA press
 * release of 2018-12-01 for the Bush funeral). Early closes stay business days: 2012-10-29
 * (Sandy, noon close) and 2025-01-09 (Carter funeral, 2 pm close).
 */
export const SIFMA_US_SPECIAL_CLOSINGS: readonly { readonly date: string; readonly name: string }[] = [
  { date: '2004-06-11', name: "President Reagan's funeral" },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: "President G. H. W. Bush's funeral" },
];

export const CALENDAR_FIRST_YEAR = 2004;
export const CALENDAR_LAST_YEAR = 2099;

/**
 * Easter Sunday in the Gregorian calendar: the anonymous Gregorian algorithm
 * (Meeus, Astronomical Algorithms, ch. 8; date-fns has no Easter).
 */
export function easterSunday(year: number): PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return dateOf(year, Math.floor(n / 31), (n % 31) + 1);
}

function nthWeekday(year: number, month: number, weekday: Weekday, nth: 1 | 2 | 3 | 4 | 'last'): PlainDate {
  const first = dateOf(year, month, 1);
  if (nth === 'last') {
    const last = addDays(first, daysInMonth(first) - 1);
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1));
}

function observe(date: PlainDate, observance: Observance): PlainDate | undefined {
  switch (weekdayOf(date)) {
    case 6:
      return observance === 'nearestWeekday' ? addDays(date, -1) : undefined;
    case 0:
      return addDays(date, 1);
    default:
      return date;
  }
}

/** The weekday on which `rule` closes the market for its `year` holiday, if it does (may fall in another year). */
function closingDate(rule: HolidayRule, year: number): PlainDate | undefined {
  switch (rule.kind) {
    case 'fixedDate':
      if (rule.fromYear !== undefined && year < rule.fromYear) return undefined;
      return observe(dateOf(year, rule.month, rule.day), rule.observance);
    case 'nthWeekday':
      return nthWeekday(year, rule.month, rule.weekday, rule.nth);
    case 'easter':
      return addDays(easterSunday(year), rule.daysFromEaster);
  }
}

const specialClosings: readonly Holiday[] = SIFMA_US_SPECIAL_CLOSINGS.map((s) => ({ date: parseIsoDate(s.date), name: s.name }));

/** Pure memo: what each rule gives for a year (the date may fall in the next or previous year). */
const closingsByRuleYear = new Map<number, readonly Holiday[]>();

function ruleClosings(ruleYear: number): readonly Holiday[] {
  let list = closingsByRuleYear.get(ruleYear);
  if (list === undefined) {
    const found: Holiday[] = [];
    for (const rule of SIFMA_US_HOLIDAYS) {
      const date = closingDate(rule, ruleYear);
      if (date !== undefined) found.push({ date, name: rule.name });
    }
    closingsByRuleYear.set(ruleYear, (list = found));
  }
  return list;
}

/** Pure memo: a year's closings depend on nothing but the year. */
const closingsByYear = new Map<number, ReadonlyMap<PlainDate, string>>();

function closingsOf(year: number): ReadonlyMap<PlainDate, string> {
  let closings = closingsByYear.get(year);
  if (closings === undefined) {
    const start = dateOf(year, 1, 1);
    const end = dateOf(year + 1, 1, 1);
    // A holiday observed a day early or late can change year (Jan 1 on a Saturday, under a
    // Saturday-to-Friday rule, would close Dec 31), so look at the neighbouring years' rules too.
    const list = [...specialClosings, ...ruleClosings(year - 1), ...ruleClosings(year), ...ruleClosings(year + 1)];
    const inYear = list.filter((h) => h.date >= start && h.date < end).sort((x, y) => x.date - y.date);
    closings = new Map(inYear.map((h) => [h.date, h.name]));
    closingsByYear.set(year, closings);
  }
  return closings;
}

/** The year `coveredYear` found last and its first and last-plus-one day: dates come in runs of a year. */
let lastYear = 0;
let lastYearStart = 0;
let lastYearEnd = 0;

function coveredYear(date: PlainDate): number {
  if (date >= lastYearStart && date < lastYearEnd) return lastYear;
  const { year } = dateParts(date);
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new EngineError(
      'date',
      `expected a date in ${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}, the years the business-day calendar covers, got ${formatIsoDate(date)}`,
    );
  }
  lastYearStart = dateOf(year, 1, 1);
  lastYearEnd = dateOf(year + 1, 1, 1);
  lastYear = year;
  return year;
}

/** The holiday closing the market on `date`, if any (weekends are not listed). */
export function holidayName(date: PlainDate): string | undefined {
  return closingsOf(coveredYear(date)).get(date);
}

/** A weekday that is not a SIFMA full close (see the rules above). */
export function isBusinessDay(date: PlainDate): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && holidayName(date) === undefined;
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: PlainDate): PlainDate {
  let next = addDays(date, 1);
  while (!isBusinessDay(next)) next = addDays(next, 1);
  return next;
}

/** "Following" adjustment: `date` if it is a business day, else the next business day. */
export function adjustFollowing(date: PlainDate): PlainDate {
  return isBusinessDay(date) ? date : nextBusinessDay(date);
}

/** Weekday closings from `from` to `to`, both included, in date order (like QuantLib's `holidayList`). */
export function holidayList(from: PlainDate, to: PlainDate): readonly Holiday[] {
  const list: Holiday[] = [];
  const lastYear = coveredYear(to);
  for (let year = coveredYear(from); year <= lastYear; year++) {
    for (const [date, name] of closingsOf(year)) {
      if (date >= from && date <= to) list.push({ date, name });
    }
  }
  return list;
}
