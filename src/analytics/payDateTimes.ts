import { dateParts, parseIsoDate, yearMonth, type PlainDate } from '../time/date';
import { dayCount, thirty360 } from '../time/daycount';

/**
 * The times of a schedule of pay dates from settlement, on 30/360 and act/360, as the measures
 * price every class of every run over them (conventions.md §6-§7): computed once per schedule and
 * shared by every class and every run with the same dates.
 */
export interface PayDateTimes {
  readonly payDates: readonly PlainDate[];
  /** 30/360 years from settlement. */
  readonly t30: Float64Array;
  /** act/360 years from settlement. */
  readonly tAct: Float64Array;
  /** Accrual fraction of each period (first: settlement → first pay) on 30/360 and on act/360. */
  readonly tau30: Float64Array;
  readonly tauAct: Float64Array;
  /** Each pay date's 'YYYY-MM', formatted when a principal window first ends there (`monthOf`). */
  readonly months: string[];
}

/**
 * Times already computed, newest first: a run's pay dates are a prefix of its deal's calendar, so
 * the times of a longer schedule with the same first dates serve a shorter one (each period's
 * times read only settlement and its own and the previous pay date). Readers take the first `n`.
 */
const computed: { readonly settlement: string; readonly isoDates: readonly string[]; readonly times: PayDateTimes }[] = [];
const TIMES_KEPT = 8;

/** True when `dates` begins with every date of `prefix`. */
function startsWith(dates: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > dates.length) return false;
  for (let k = 0; k < prefix.length; k++) if (dates[k] !== prefix[k]) return false;
  return true;
}

/** The times of `isoDates` ('YYYY-MM-DD') from `settlement`, or of a longer schedule they begin. */
export function payDateTimesOf(settlement: string, isoDates: readonly string[]): PayDateTimes {
  for (const entry of computed) {
    if (entry.settlement === settlement && (entry.isoDates === isoDates || startsWith(entry.isoDates, isoDates))) return entry.times;
  }
  const settle = parseIsoDate(settlement, 'settlement');
  const settleParts = dateParts(settle);
  const payDates = isoDates.map((d) => parseIsoDate(d, 'payDate'));
  const n = payDates.length;
  const times = { payDates, t30: new Float64Array(n), tAct: new Float64Array(n), tau30: new Float64Array(n), tauAct: new Float64Array(n), months: new Array<string>(n) };
  let previous = settle;
  let previousParts = settleParts;
  for (let k = 0; k < n; k++) {
    const date = payDates[k];
    // (dayCount's checks: no pay date before settlement or the previous one.)
    if (date < settle) dayCount('act/360', settle, date);
    if (date < previous) dayCount('act/360', previous, date);
    const parts = dateParts(date);
    // As yearFraction('30/360', …) and dayCount(basis, …) / 360, with each date's fields read once.
    times.t30[k] = thirty360(settleParts, parts) / 360;
    times.tAct[k] = (date - settle) / 360;
    times.tau30[k] = thirty360(previousParts, parts) / 360;
    times.tauAct[k] = (date - previous) / 360;
    previous = date;
    previousParts = parts;
  }
  computed.unshift({ settlement, isoDates, times });
  if (computed.length > TIMES_KEPT) computed.pop();
  return times;
}

/** 'YYYY-MM' of period `period`'s pay date (1-based): formatted once per schedule. */
export function monthOf(times: PayDateTimes, period: number): string {
  return (times.months[period - 1] ??= yearMonth(times.payDates[period - 1]));
}
