import { EngineError, requireFinite } from '../errors';
import { type PlainDate, formatIsoDate, parseIsoDate, payDate, yearFraction } from '../time';
import { MAX_PERIODS } from './prepayment';
import { noPrincipalWindow } from './window';

/**
 * Weighted average life (conventions.md §8; BMA Standard Formulas §G.1c, §H.1):
 *
 *   WAL = Σ T_k · Prin_k / Σ Prin_k      over periods with positive principal
 *
 * `T_k` is the time in years from settlement to period k's payment. The analytic function takes
 * the times as given; `walTimes` builds them on a named basis.
 */

/**
 * How `T_k` is measured, settlement to the k-th pay date:
 * - `'30/360'`: 30/360 days / 360 (SF; the default). CWALT 2004-J4 reproduces on it: settle
 *   2004-04-30, pay the 25th from May 2004 → T_k = (25 + 30(k − 1))/360; 1-A-5's single payment in
 *   month 67 prints WAL 5.57 = 2005/360 (cwalt-readings.md §1).
 * - `'act/365'`: actual days / 365 (Hastructure `calcWAL`).
 * - `'months/12'`: k/12, period k counted as k whole months.
 */
export type WalTimeBasis = '30/360' | 'act/365' | 'months/12';

/** Σ T_k·Prin_k / Σ Prin_k over positive principal; throws (kind 'notAvailable') when no principal is paid. */
export function weightedAverageLife(timesYears: ArrayLike<number>, principal: ArrayLike<number>): number {
  if (timesYears.length !== principal.length) {
    throw new EngineError('timesYears', `expected one time for each of the ${principal.length} principal payments, got ${timesYears.length}`);
  }
  return walOfFlows(timesYears, principal, principal.length);
}

/** As `weightedAverageLife`, over the first `n` periods of arrays at least `n` long (the measures' streams read the run's series). */
export function walOfFlows(timesYears: ArrayLike<number>, principal: ArrayLike<number>, n: number): number {
  let weighted = 0;
  let total = 0;
  // (The field names are built only for a bad value: a text per element cost more than the sum.)
  for (let i = 0; i < n; i++) {
    const p = principal[i];
    if (!Number.isFinite(p)) requireFinite(`principal[${i}]`, p);
    if (p <= 0) continue;
    const t = timesYears[i];
    if (!Number.isFinite(t)) requireFinite(`timesYears[${i}]`, t);
    weighted += t * p;
    total += p;
  }
  if (total <= 0) throw new EngineError('principal', 'expected some positive principal: with none paid, the WAL is undefined', 'notAvailable');
  return weighted / total;
}

/**
 * The WAL (as `walOfFlows`) and the principal window (as `principalWindow` with
 * `minimumPrincipal`) of the first `n` periods in one pass, into `out` = [WAL, first period, last
 * period]: the same sums in the same order, so the same bits, and the same errors in the same
 * order (the window's, then the WAL's). The measures ask both of every class of every run.
 */
export function walAndWindow(timesYears: ArrayLike<number>, principal: ArrayLike<number>, n: number, minimumPrincipal: number, out: Float64Array): void {
  requireFinite('minimumPrincipal', minimumPrincipal);
  if (minimumPrincipal < 0) throw new EngineError('minimumPrincipal', `expected 0 or more, got ${minimumPrincipal}`);
  let weighted = 0;
  let total = 0;
  let first = 0;
  let last = 0;
  let badTime = -1;
  for (let i = 0; i < n; i++) {
    const p = principal[i];
    if (!Number.isFinite(p)) requireFinite(`principal[${i}]`, p);
    if (p > minimumPrincipal) {
      if (first === 0) first = i + 1;
      last = i + 1;
    }
    if (p <= 0) continue;
    const t = timesYears[i];
    // (The window's errors come first: a bad time is reported after the whole pass.)
    if (!Number.isFinite(t) && badTime < 0) badTime = i;
    weighted += t * p;
    total += p;
  }
  if (first === 0) throw noPrincipalWindow();
  if (badTime >= 0) requireFinite(`timesYears[${badTime}]`, timesYears[badTime]);
  if (total <= 0) throw new EngineError('principal', 'expected some positive principal: with none paid, the WAL is undefined', 'notAvailable');
  out[0] = weighted / total;
  out[1] = first;
  out[2] = last;
}

export interface WalTimesOptions {
  readonly basis: WalTimeBasis;
  /** Settlement date: 'YYYY-MM-DD' (CWALT: '2004-04-30') or a date from src/time. */
  readonly settlement: string | PlainDate;
  /** First distribution date; later ones fall on the same day each month, unadjusted. */
  readonly firstPayment: string | PlainDate;
  /** Number of periods (1 … MAX_PERIODS). */
  readonly periods: number;
}

/**
 * `T_k` for k = 1 … periods on the basis, for payments on a fixed day each month from the first
 * payment date, unadjusted for business days (Intex CDI `BUSINESS_DAY NONE`; conventions.md §4;
 * `payDate` of src/time: a day past a short month's end falls on its last day). For rolled pay
 * dates, pass them to `walTimesFromDates`.
 */
export function walTimes(options: WalTimesOptions): Float64Array {
  requirePeriods(options.periods);
  const first = toDate('firstPayment', options.firstPayment);
  const payDates = Array.from({ length: options.periods }, (_, i) => payDate(first, i + 1));
  return walTimesFromDates(options.basis, options.settlement, payDates);
}

/**
 * `T_k` from settlement to each given pay date (period k at index k − 1) on the basis; day counts
 * from src/time (`'30/360'` is its SIA 30/360, equal to the bond basis for pay days other than
 * February month ends; `'act/365'` is act/365F). `'months/12'` ignores the dates: T_k = k/12.
 */
export function walTimesFromDates(basis: WalTimeBasis, settlement: string | PlainDate, payDates: readonly PlainDate[]): Float64Array {
  requirePeriods(payDates.length);
  const settle = toDate('settlement', settlement);
  if (payDates[0] <= settle) {
    throw new EngineError('firstPayment', `expected a date after settlement ${formatIsoDate(settle)}, got ${formatIsoDate(payDates[0])}`);
  }
  const out = new Float64Array(payDates.length);
  for (let i = 0; i < payDates.length; i++) {
    if (i > 0 && payDates[i] <= payDates[i - 1]) {
      throw new EngineError('payDates', `expected pay dates in increasing order, got ${formatIsoDate(payDates[i])} after ${formatIsoDate(payDates[i - 1])}`);
    }
    switch (basis) {
      case '30/360':
        out[i] = yearFraction('30/360', settle, payDates[i]);
        break;
      case 'act/365':
        out[i] = yearFraction('act/365F', settle, payDates[i]);
        break;
      case 'months/12':
        out[i] = (i + 1) / 12;
        break;
      default:
        throw new EngineError('basis', `expected '30/360', 'act/365' or 'months/12', got ${JSON.stringify(basis as unknown)}`);
    }
  }
  return out;
}

/**
 * 30/360 T_k for a settlement on day `settleDay` and payments on day `payDay` of each following
 * month (k = 1 the month after settlement), without calendar dates: (30·k + payDay′ − settleDay′)/360,
 * with day 31 taken as 30. CWALT 2004-J4: settleDay 30, payDay 25 → (25 + 30(k − 1))/360.
 */
export function times30360(settleDay: number, payDay: number, periods: number): Float64Array {
  for (const [field, day] of [['settleDay', settleDay], ['payDay', payDay]] as const) {
    if (!Number.isInteger(day) || day < 1 || day > 31) throw new EngineError(field, `expected a day of the month from 1 to 31, got ${day}`);
  }
  requirePeriods(periods);
  const d1 = Math.min(settleDay, 30);
  const d2 = payDay === 31 && d1 === 30 ? 30 : payDay;
  const out = new Float64Array(periods);
  for (let k = 1; k <= periods; k++) out[k - 1] = (30 * k + d2 - d1) / 360;
  return out;
}

function requirePeriods(periods: number): void {
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    throw new EngineError('periods', `expected a whole number of periods from 1 to ${MAX_PERIODS}, got ${periods}`);
  }
}

function toDate(field: string, value: string | PlainDate): PlainDate {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return parseIsoDate(value as string, field);
}
