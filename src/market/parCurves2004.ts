import { EngineError } from '../errors';
import { type January2004Date, JANUARY_2004_DATES, type RateQuotes, january2004Quotes } from './data/rates-2004-01';
import { type April2004Date, APRIL_2004_DATES, april2004Quotes } from './data/rates-2004-04';

/**
 * The benchmark par curves a fixed-rate class's yield is spread against (issue 17, item 5), on a
 * sourced 2004 trade date (`data/rates-2004-01.ts`, `data/rates-2004-04.ts`; FRED/H.15):
 *
 * - `treasury`: H.15 constant-maturity Treasury yields (bond-equivalent, semiannual), 1, 3 and
 *   6 months and 1, 2, 3, 5, 7, 10 and 20 years (no 30-year CMT was published in 2004);
 * - `swap`: 1M, 3M and 6M LIBOR for the money-market end, then ISDAFIX par swap rates (semiannual
 *   30/360 against 3M LIBOR), 1, 2, 3, 4, 5, 7, 10 and 30 years.
 *
 * Read linearly in maturity between the points, flat beyond the first and last (the street's
 * "interpolated curve" spread, I-spread); no bootstrap, no day-count conversion between the
 * semiannual benchmark yields and the class's bond-equivalent yield.
 */
export type BenchmarkCurve = 'treasury' | 'swap';

export interface ParCurve {
  readonly curve: BenchmarkCurve;
  readonly date: string;
  /** Maturities in years, increasing, with their yields in percent. */
  readonly points: readonly (readonly [years: number, yieldPct: number])[];
}

function quotesOn(date: string): RateQuotes {
  if ((JANUARY_2004_DATES as readonly string[]).includes(date)) return january2004Quotes(date as January2004Date);
  if ((APRIL_2004_DATES as readonly string[]).includes(date)) return april2004Quotes(date as April2004Date);
  throw new EngineError('date', `expected a sourced 2004 curve date (${[...JANUARY_2004_DATES, ...APRIL_2004_DATES].join(', ')}), got "${date}"`, 'notAvailable');
}

/** The par curve `curve` on the sourced trade date `date`. */
export function parCurve(curve: BenchmarkCurve, date: string): ParCurve {
  const q = quotesOn(date);
  const points =
    curve === 'treasury'
      ? Object.entries(q.treasuryByMonths).map(([months, y]) => [Number(months) / 12, y] as const)
      : [
          ...([1, 3, 6] as const).map((m) => [m / 12, q.liborByMonths[m]] as const),
          ...Object.entries(q.swapByYears).map(([years, y]) => [Number(years), y] as const),
        ];
  return { curve, date, points: [...points].sort((a, b) => a[0] - b[0]) };
}

/** The curve's yield at `years`, linear between points, flat outside them, percent. */
export function parYieldAt(curve: ParCurve, years: number): number {
  if (!Number.isFinite(years) || years < 0) throw new EngineError('years', `expected a maturity in years, 0 or more, got ${years}`);
  const p = curve.points;
  if (years <= p[0][0]) return p[0][1];
  for (let i = 1; i < p.length; i++) {
    if (years <= p[i][0]) {
      const [t0, y0] = p[i - 1];
      const [t1, y1] = p[i];
      return y0 + ((y1 - y0) * (years - t0)) / (t1 - t0);
    }
  }
  return p[p.length - 1][1];
}
