/**
 * The payment calendar of a deal: pay dates on the first payment's day of month, rolled to the
 * next business day, and the days of each period both between adjusted pay dates (the bonds'
 * accrual period, first from the closing date) and between unadjusted ones.
 */
import { adjustFollowing, formatIsoDate, parseIsoDate, payDate, type PlainDate } from '../time';

export interface PeriodCalendar {
  /** Adjusted pay dates of periods 1..n. */
  readonly dates: readonly PlainDate[];
  readonly isoDates: readonly string[];
  /** Unadjusted pay dates (the day of the month of the first payment). */
  readonly unadjustedIsoDates: readonly string[];
  /** Days from the prior adjusted pay date (period 1: the closing date). */
  readonly accrualDays: Int32Array;
  /** Days between unadjusted pay dates (period 1: from the closing date). */
  readonly unadjustedDays: Int32Array;
}

const calendars = new Map<string, PeriodCalendar>();

/** At least `n` periods (480 at least, so most runs share one), memoised per pair of dates. */
export function periodCalendar(closing: string, firstPayment: string, n: number): PeriodCalendar {
  const key = `${closing}|${firstPayment}`;
  const known = calendars.get(key);
  if (known && known.dates.length >= n) return known;
  const size = Math.max(n, 480);
  const close = parseIsoDate(closing);
  const first = parseIsoDate(firstPayment);
  const dateOf = (period: number, adjusted: boolean): PlainDate => {
    if (period === 0) return close;
    const d = payDate(first, period);
    return adjusted ? adjustFollowing(d) : d;
  };
  const dates: PlainDate[] = [];
  const unadjusted: string[] = [];
  const accrualDays = new Int32Array(size);
  const unadjustedDays = new Int32Array(size);
  for (let t = 1; t <= size; t++) {
    const d = dateOf(t, true);
    dates.push(d);
    unadjusted.push(formatIsoDate(dateOf(t, false)));
    accrualDays[t - 1] = d - dateOf(t - 1, true);
    unadjustedDays[t - 1] = dateOf(t, false) - dateOf(t - 1, false);
  }
  const calendar = { dates, isoDates: dates.map(formatIsoDate), unadjustedIsoDates: unadjusted, accrualDays, unadjustedDays };
  calendars.set(key, calendar);
  return calendar;
}
