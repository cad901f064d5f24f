/**
 * The payment calendar of a deal: pay dates on the first payment's day of month, rolled to the
 * next business day, and the days of each period both between adjusted pay dates (the bonds'
 * accrual period, first from the closing date) and between unadjusted ones.
 */
import { adjustFollowing, formatIsoDate, parseIsoDate, payDates, type PlainDate } from '../time';

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

/** The ISO texts are written when first read: a deal's runs read one of the two lists. */
class Calendar implements PeriodCalendar {
  private iso: readonly string[] | undefined;
  private unadjustedIso: readonly string[] | undefined;

  constructor(
    readonly dates: readonly PlainDate[],
    private readonly unadjusted: readonly PlainDate[],
    readonly accrualDays: Int32Array,
    readonly unadjustedDays: Int32Array,
  ) {}

  get isoDates(): readonly string[] {
    return (this.iso ??= this.dates.map(formatIsoDate));
  }

  get unadjustedIsoDates(): readonly string[] {
    return (this.unadjustedIso ??= this.unadjusted.map(formatIsoDate));
  }
}

const calendars = new Map<string, PeriodCalendar>();

/** At least `n` periods (480 at least, so most runs share one), memoised per pair of dates. */
export function periodCalendar(closing: string, firstPayment: string, n: number): PeriodCalendar {
  const key = `${closing}|${firstPayment}`;
  const known = calendars.get(key);
  if (known && known.dates.length >= n) return known;
  const size = Math.max(n, 480);
  const close = parseIsoDate(closing);
  // Each date once: period t's unadjusted and adjusted dates, and the days from period t − 1's
  // (period 0: the closing date).
  const unadjusted = payDates(parseIsoDate(firstPayment), size);
  const dates: PlainDate[] = [];
  const accrualDays = new Int32Array(size);
  const unadjustedDays = new Int32Array(size);
  let previous = close;
  let previousUnadjusted = close;
  for (let t = 0; t < size; t++) {
    const u = unadjusted[t];
    const d = adjustFollowing(u);
    dates.push(d);
    accrualDays[t] = d - previous;
    unadjustedDays[t] = u - previousUnadjusted;
    previous = d;
    previousUnadjusted = u;
  }
  const calendar = new Calendar(dates, unadjusted, accrualDays, unadjustedDays);
  calendars.set(key, calendar);
  return calendar;
}
