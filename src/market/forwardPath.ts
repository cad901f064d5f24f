/**
 * A deal's forward-curve index path: the 2004 forward curves of a curve date
 * (`forwardCurves2004.ts`) read for each period on the date its accrual starts: period 1 the
 * closing date, then the prior pay date (the first pay date's day of the month, business-day
 * adjusted or not, as the deal's bonds accrue). That is also how `src/collateral` reads an index
 * for a rate change (repline.ts, "Index observation"). Past the last date the last value holds.
 */
import { adjustFollowing, parseIsoDate, payDate, type PlainDate } from '../time';
import { forwardCurves2004, forwardRateOn, type CurveInterpolation, type MonthlyForwardCurves } from './forwardCurves2004';
import type { January2004Date } from './data/rates-2004-01';
import type { April2004Date } from './data/rates-2004-04';
import { forwardIndexPath, INDEX_NAMES, type IndexName, type IndexPath } from './indices';

export interface DealForwardPath {
  /** The trade date of the curves (the deal's pricing week). */
  readonly curveDate: January2004Date | April2004Date;
  /** Default `linearZero`. */
  readonly interpolation?: CurveInterpolation;
  readonly closing: string;
  readonly firstPayment: string;
  /** The pay dates accrual starts on: business-day adjusted, or the unadjusted day of the month. */
  readonly payDates: 'adjusted' | 'unadjusted';
  /** Default 480 (40 years, past every loan's maturity). */
  readonly periods?: number;
}

/**
 * The curves as a per-period index path: period p reads the forward fixed on `accrualStarts[p − 1]`.
 */
export function forwardPathOnDates(curves: MonthlyForwardCurves, accrualStarts: readonly PlainDate[], description: string): IndexPath {
  const table: Partial<Record<IndexName, Float64Array>> = {};
  for (const index of INDEX_NAMES) {
    const values = new Float64Array(accrualStarts.length);
    for (let p = 0; p < accrualStarts.length; p++) values[p] = forwardRateOn(curves, index, accrualStarts[p]);
    table[index] = values;
  }
  return forwardIndexPath(table, description);
}

const paths = new Map<string, IndexPath>();

/** The deal's forward path (memoised: a pure function of its dates and curve). */
export function dealForwardPath(deal: DealForwardPath): IndexPath {
  const { curveDate, interpolation = 'linearZero', closing, firstPayment, payDates, periods = 480 } = deal;
  const key = JSON.stringify([curveDate, interpolation, closing, firstPayment, payDates, periods]);
  let path = paths.get(key);
  if (!path) {
    const first = parseIsoDate(firstPayment);
    const payDateOf = (t: number) => (payDates === 'adjusted' ? adjustFollowing(payDate(first, t)) : payDate(first, t));
    const starts = Array.from({ length: periods }, (_, k) => (k === 0 ? parseIsoDate(closing) : payDateOf(k)));
    paths.set(key, (path = forwardPathOnDates(forwardCurves2004({ curveDate, interpolation }), starts, `forward(${curveDate},${interpolation})`)));
  }
  return path;
}
