import { EngineError } from '../errors';
import { type DateParts, dateParts, daysBetween, formatIsoDate, type PlainDate } from './date';

/**
 * Day-count bases, as the term sheets name them (conventions.md §4):
 *
 * - `'30/360'`: 30-day months, 360-day year, in the SIA/SIFMA "30/360" form that US MBS and
 *   ABS use for non-end-of-month payment dates (see `thirty360Days`).
 * - `'act/360'`: actual days / 360 (the floaters' accrual; money-market basis).
 * - `'act/365F'`: actual days / 365, "fixed": 365 in leap years too (ISDA 2006 §4.16(d)).
 */
export type DayCount = '30/360' | 'act/360' | 'act/365F';

export const DAY_COUNTS: readonly DayCount[] = ['30/360', 'act/360', 'act/365F'];

/**
 * Days from `from` to `to` on the 30/360 basis used for US mortgage- and asset-backed
 * securities:
 *
 *   days = 360·(Y2 − Y1) + 30·(M2 − M1) + (D2 − D1), where
 *   1. if D1 is 31, D1 = 30;
 *   2. if D2 is 31 and D1 (after rule 1) is 30, D2 = 30.
 *
 * The BMA/SIFMA Standard Formulas count T_k in yields on 30/360 (conventions.md §6); the rules
 * of that count are the SIA's "30/360" (Standard Securities Calculation Methods, Lynch & Mayle,
 * SIA 1986: rules 1-2 exactly, as the TI BA II Plus manual quotes them). Later SIA editions
 * add two February rules (D1 on the last day of February becomes 30; then D2 too if it is the
 * last day of February) for end-of-month ("EOM") securities only (Kalotay's day-count notes;
 * cbonds "30/360 US"); MBS pay on a fixed day (the 25th), so they do not apply. This equals QuantLib's
 * `Thirty360::BondBasis` (a.k.a. "30/360", "360/360", "Bond Basis", ISDA 2006 §4.16(f)),
 * not `Thirty360::USA`, which always applies the February rules; the two differ only when
 * `from` is the last day of February (2005-02-28 to 2005-03-31: 33 here, 30 on USA).
 *
 * Pricing check (conventions.md §6): settle 2004-04-30, first pay 2004-05-25:
 * D1 = 30 stays 30, so days = 30 + (25 − 30) = 25 and T_1 = 25/360 = 0.06944; to the k-th
 * 25th, T_k = (25 + 30(k − 1))/360 (cwalt-readings.md §1). Impac: settle 2004-01-29 to
 * 2004-02-25 = 26 days, T_k = (26 + 30(k − 1))/360. A pay date rolled to the 26th or 27th
 * adds 1 or 2 days.
 */
function thirty360Days(from: PlainDate, to: PlainDate): number {
  return thirty360(dateParts(from), dateParts(to));
}

/** 30/360 days between two dates given by their fields (`dayCount('30/360', …)` without re-reading them). */
export function thirty360(start: DateParts, end: DateParts): number {
  const d1 = start.day === 31 ? 30 : start.day;
  const d2 = end.day === 31 && d1 === 30 ? 30 : end.day;
  return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1);
}

function unknownBasis(basis: never): never {
  throw new EngineError('dayCount', `expected one of ${DAY_COUNTS.join(', ')}, got "${String(basis)}"`);
}

/** Days from `from` to `to` on `basis` (30-day months for 30/360, actual days otherwise). `to` must not precede `from`. */
export function dayCount(basis: DayCount, from: PlainDate, to: PlainDate): number {
  if (to < from) {
    throw new EngineError('dayCount', `expected an end date on or after the start ${formatIsoDate(from)}, got ${formatIsoDate(to)}`);
  }
  switch (basis) {
    case '30/360':
      return thirty360Days(from, to);
    case 'act/360':
    case 'act/365F':
      return daysBetween(from, to);
    default:
      return unknownBasis(basis);
  }
}

/** Year fraction from `from` to `to`: `dayCount` / 360 (30/360, act/360) or / 365 (act/365F). */
export function yearFraction(basis: DayCount, from: PlainDate, to: PlainDate): number {
  const days = dayCount(basis, from, to);
  switch (basis) {
    case '30/360':
    case 'act/360':
      return days / 360;
    case 'act/365F':
      return days / 365;
    default:
      return unknownBasis(basis);
  }
}
