import { EngineError } from '../errors';
import { type PlainDate, addDays, addMonths, adjustFollowing, formatIsoDate, isBusinessDay, parseIsoDate } from '../time';
import { type January2004Date, type RateQuotes, IMPAC_CURVE_DATE, JANUARY_2004_DATES, january2004Quotes } from './data/rates-2004-01';
import { type April2004Date, april2004Quotes } from './data/rates-2004-04';

/**
 * Forward curves of the 2004 pricing dates: January (Impac CMB Trust 2004-1, `data/rates-2004-01.ts`)
 * and April (CWALT 2004-J4, `data/rates-2004-04.ts`), the same construction for both: monthly forward
 * 1M, 6M and 12M LIBOR and 1-Year CMT, built from the market quotes of that day
 * (`data/rates-2004-01.ts`, sourced from FRED/H.15 via `shared/reference/rates-2004.json`).
 *
 * Why: the term sheet's Available Rate schedule is "based on the 1-Month LIBOR, 6-Month LIBOR,
 * 1-Year LIBOR and 1-Year CMT forward curves" (Impac TS, footnote (2)); the dealer's own curve is
 * not printed, so it is rebuilt here by the textbook method from the day's quotes.
 *
 * Construction (each step is a standard single-curve bootstrap of 2004; no quote is fitted):
 *
 * 1. Dates. Trade date = the curve date (default 2004-01-13, the date the term sheet was
 *    prepared). Spot = trade date + 2 business days (US settlement calendar of `src/time`,
 *    used for London too). Times are act/365 years from spot. Deposit and swap pillars roll
 *    following; Treasury pillars are constant maturities (spot + n months, unrolled).
 * 2. LIBOR discount curve.
 *    - Deposits 1M, 3M, 6M, 12M LIBOR: DF(spot + m) = 1 / (1 + L_m · days/360).
 *    - Swaps: par rates (semiannual 30/360 fixed vs 3M LIBOR, ISDAFIX 1-5, 7, 10, 30y) are
 *      interpolated linearly in maturity to every semiannual date from 18 months to 30 years,
 *      and discount factors are bootstrapped one coupon date at a time (single curve: the
 *      floating leg is worth 1 − DF(T)):
 *        DF_k = (1 − c_k · Σ_{j<k} ½·DF_j) / (1 + ½·c_k),   DF_1 = DF(6M deposit), DF_2 = DF(12M deposit).
 *      The 1y swap quote enters only through the 18-month interpolation (the 12M deposit is the
 *      1y pillar; on 2004-01-13 both are 1.35%).
 * 3. Treasury discount curve (for 1-Year CMT).
 *    - 1M, 3M, 6M CMT (bills, bond-equivalent): DF = 1 / (1 + y · days/365).
 *    - 1Y CMT: DF = (1 + y/2)^−2.
 *    - 2, 3, 5, 7, 10, 20y CMT are par yields (semiannual coupons): linearly interpolated to every
 *      semiannual date and bootstrapped as for swaps. Past 20 years (the longest CMT published in
 *      2004) the last forward is held flat.
 * 4. Between pillars: `interpolation` (default linear in continuously compounded zero rate;
 *    also flat forward = linear in log DF, and a natural cubic spline on zero rates). Before the
 *    first pillar the zero rate is flat; after the last one the last segment's forward is flat.
 * 5. Forward rates at a fixing date d (the spot lag of the forward deposit is ignored):
 *    - m-month LIBOR: F = (DF(d)/DF(d + m months) − 1) · 360/days, simple act/360;
 *    - 1-Year CMT: the bond-equivalent yield of the forward one-year Treasury zero,
 *      2·[(DF(d)/DF(d + 12 months))^½ − 1] (the 1Y CMT is read from the 52-week bill's BEY).
 *    On the spot date these give back the quotes (1M/6M/12M LIBOR, and 1Y CMT).
 * 6. Monthly arrays: point k is the forward fixed on spot + k months (k = 0: today's quotes).
 *
 * Not modelled: LIBOR/swap basis (3M vs 1M/6M), convexity of futures (none were found), the
 * weekly averaging of the 1-Year CMT index, holiday calendars of London.
 */

/** How the discount curve is read between pillars. */
export type CurveInterpolation =
  /** Continuously compounded zero rate linear in time (forwards have small steps at pillars). */
  | 'linearZero'
  /** log DF linear in time: piecewise-flat instantaneous forwards. */
  | 'flatForward'
  /** Natural cubic spline through the zero rates: smooth forwards. */
  | 'cubicZero';

export type ForwardIndex = 'libor1m' | 'libor6m' | 'libor12m' | 'cmt1y';
export const FORWARD_INDICES: readonly ForwardIndex[] = ['libor1m', 'libor6m', 'libor12m', 'cmt1y'];

/** A discount curve: DF from spot to a date. */
export interface DiscountCurve {
  readonly spot: PlainDate;
  df(date: PlainDate): number;
}

/** Monthly forward curves, plain data: point k is the rate fixed on `dates[k]` = spot + k months, %. */
export interface MonthlyForwardCurves {
  readonly curveDate: string;
  readonly spotDate: string;
  readonly interpolation: CurveInterpolation;
  readonly dates: readonly PlainDate[];
  readonly libor1m: Float64Array;
  readonly libor6m: Float64Array;
  readonly libor12m: Float64Array;
  readonly cmt1y: Float64Array;
}

export interface ForwardCurveOptions {
  /** A trade date of the January (Impac) or April (CWALT) 2004 pricing week. */
  readonly curveDate?: January2004Date | April2004Date;
  readonly interpolation?: CurveInterpolation;
  /** Number of monthly points (default 480: 40 years, past every loan's maturity). */
  readonly months?: number;
}

const DAYS_PER_YEAR = 365;

interface Pillar {
  readonly t: number;
  readonly df: number;
}

function yearsBetween(from: PlainDate, to: PlainDate): number {
  return (to - from) / DAYS_PER_YEAR;
}

function spotOf(trade: PlainDate): PlainDate {
  let d = trade;
  for (let n = 0; n < 2; ) {
    d = addDays(d, 1);
    if (isBusinessDay(d)) n += 1;
  }
  return d;
}

/** Natural cubic spline coefficients (second derivatives) through (x, y). */
function naturalSpline(x: readonly number[], y: readonly number[]): Float64Array {
  const n = x.length;
  const m = new Float64Array(n);
  if (n < 3) return m;
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n), r = new Float64Array(n);
  b[0] = 1; b[n - 1] = 1;
  for (let i = 1; i < n - 1; i++) {
    const h0 = x[i] - x[i - 1], h1 = x[i + 1] - x[i];
    a[i] = h0 / 6; b[i] = (h0 + h1) / 3; c[i] = h1 / 6;
    r[i] = (y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0;
  }
  // Thomas algorithm
  for (let i = 1; i < n; i++) {
    const w = a[i] / b[i - 1];
    b[i] -= w * c[i - 1];
    r[i] -= w * r[i - 1];
  }
  m[n - 1] = r[n - 1] / b[n - 1];
  for (let i = n - 2; i >= 0; i--) m[i] = (r[i] - c[i] * m[i + 1]) / b[i];
  return m;
}

/** A discount curve from pillars (t > 0, increasing), read by `interpolation`. */
export function curveFromPillars(spot: PlainDate, pillars: readonly Pillar[], interpolation: CurveInterpolation): DiscountCurve {
  const t = pillars.map((p) => p.t);
  const lnDf = pillars.map((p) => Math.log(p.df));
  const zero = pillars.map((p) => -Math.log(p.df) / p.t);
  const spline = interpolation === 'cubicZero' ? naturalSpline(t, zero) : new Float64Array(0);
  const last = t.length - 1;
  const tailForward = (lnDf[last - 1] - lnDf[last]) / (t[last] - t[last - 1]);

  function lnDfAt(x: number): number {
    if (x <= 0) return 0;
    if (x <= t[0]) return -zero[0] * x;
    if (x >= t[last]) return lnDf[last] - tailForward * (x - t[last]);
    let i = 1;
    while (t[i] < x) i++;
    const h = t[i] - t[i - 1];
    const w = (x - t[i - 1]) / h;
    switch (interpolation) {
      case 'flatForward':
        return lnDf[i - 1] + w * (lnDf[i] - lnDf[i - 1]);
      case 'linearZero':
        return -x * (zero[i - 1] + w * (zero[i] - zero[i - 1]));
      case 'cubicZero': {
        const A = 1 - w, B = w;
        const z = A * zero[i - 1] + B * zero[i] + (((A * A * A - A) * spline[i - 1] + (B * B * B - B) * spline[i]) * h * h) / 6;
        return -x * z;
      }
      default:
        throw new EngineError('interpolation', `expected linearZero, flatForward or cubicZero, got ${String(interpolation)}`);
    }
  }
  return { spot, df: (date: PlainDate) => Math.exp(lnDfAt(yearsBetween(spot, date))) };
}

/** Linear interpolation of par rates (by maturity in years) at `years`, flat outside the quotes. */
function parRateAt(quotes: readonly (readonly [number, number])[], years: number): number {
  if (years <= quotes[0][0]) return quotes[0][1];
  for (let i = 1; i < quotes.length; i++) {
    const [y1, r1] = quotes[i];
    if (years <= y1) {
      const [y0, r0] = quotes[i - 1];
      return r0 + ((r1 - r0) * (years - y0)) / (y1 - y0);
    }
  }
  return quotes[quotes.length - 1][1];
}

/**
 * Semiannual par bootstrap from `first` pillars (DF at 6 and 12 months given) to `lastYears`:
 * DF_k = (1 − c_k·Σ_{j<k} ½·DF_j) / (1 + ½·c_k) with c_k the interpolated par rate (decimal).
 */
function bootstrapSemiannual(
  spot: PlainDate,
  df6m: number,
  df12m: number,
  parQuotesYears: readonly (readonly [number, number])[],
  lastYears: number,
  roll: (date: PlainDate) => PlainDate,
): Pillar[] {
  const pillars: Pillar[] = [];
  let annuity = 0.5 * df6m + 0.5 * df12m;
  for (let k = 3; k <= lastYears * 2; k++) {
    const c = parRateAt(parQuotesYears, k / 2) / 100;
    const df = (1 - c * annuity) / (1 + 0.5 * c);
    annuity += 0.5 * df;
    pillars.push({ t: yearsBetween(spot, roll(addMonths(spot, 6 * k))), df });
  }
  return pillars;
}

/** The LIBOR (deposit + swap) discount curve of `quotes`. */
export function liborDiscountCurve(quotes: RateQuotes, interpolation: CurveInterpolation): DiscountCurve {
  const spot = spotOf(parseIsoDate(quotes.date, 'curveDate'));
  const deposit = (months: 1 | 3 | 6 | 12): Pillar => {
    const end = adjustFollowing(addMonths(spot, months));
    const days = end - spot;
    return { t: days / DAYS_PER_YEAR, df: 1 / (1 + (quotes.liborByMonths[months] / 100) * (days / 360)) };
  };
  const deposits = [deposit(1), deposit(3), deposit(6), deposit(12)];
  const swaps = Object.entries(quotes.swapByYears)
    .map(([years, rate]) => [Number(years), rate] as const)
    .sort((a, b) => a[0] - b[0]);
  const pillars = [...deposits, ...bootstrapSemiannual(spot, deposits[2].df, deposits[3].df, swaps, 30, adjustFollowing)];
  return curveFromPillars(spot, pillars, interpolation);
}

/** The Treasury (CMT) discount curve of `quotes`. */
export function treasuryDiscountCurve(quotes: RateQuotes, interpolation: CurveInterpolation): DiscountCurve {
  const spot = spotOf(parseIsoDate(quotes.date, 'curveDate'));
  const bill = (months: number): Pillar => {
    const end = addMonths(spot, months);
    const days = end - spot;
    return { t: days / DAYS_PER_YEAR, df: 1 / (1 + (quotes.treasuryByMonths[months] / 100) * (days / DAYS_PER_YEAR)) };
  };
  const bills = [bill(1), bill(3), bill(6)];
  const y1 = quotes.treasuryByMonths[12] / 100;
  const oneYear: Pillar = { t: yearsBetween(spot, addMonths(spot, 12)), df: Math.pow(1 + y1 / 2, -2) };
  const par = Object.entries(quotes.treasuryByMonths)
    .map(([months, rate]) => [Number(months) / 12, rate] as const)
    .filter(([years]) => years >= 1)
    .sort((a, b) => a[0] - b[0]);
  const longest = par[par.length - 1][0];
  const pillars = [...bills, oneYear, ...bootstrapSemiannual(spot, bills[2].df, oneYear.df, par, longest, (d) => d)];
  return curveFromPillars(spot, pillars, interpolation);
}

/** Forward m-month LIBOR fixed on `date`, simple act/360, %. */
export function forwardLibor(curve: DiscountCurve, date: PlainDate, months: number): number {
  const end = addMonths(date, months);
  return (curve.df(date) / curve.df(end) - 1) * (360 / (end - date)) * 100;
}

/** Forward 1-Year CMT fixed on `date`: BEY of the forward one-year Treasury zero, %. */
export function forwardCmt1y(curve: DiscountCurve, date: PlainDate): number {
  return 2 * (Math.sqrt(curve.df(date) / curve.df(addMonths(date, 12))) - 1) * 100;
}

/** Builds the January 2004 forward curves (see the construction above). */
export function forwardCurves2004(options: ForwardCurveOptions = {}): MonthlyForwardCurves {
  const curveDate = options.curveDate ?? IMPAC_CURVE_DATE;
  const interpolation = options.interpolation ?? 'linearZero';
  const months = options.months ?? 480;
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw new EngineError('months', `expected a whole number of months from 1 to 1200, got ${String(months)}`);
  const quotes = (JANUARY_2004_DATES as readonly string[]).includes(curveDate) ? january2004Quotes(curveDate as January2004Date) : april2004Quotes(curveDate as April2004Date);
  const libor = liborDiscountCurve(quotes, interpolation);
  const treasury = treasuryDiscountCurve(quotes, interpolation);
  const dates: PlainDate[] = [];
  const libor1m = new Float64Array(months), libor6m = new Float64Array(months), libor12m = new Float64Array(months), cmt1y = new Float64Array(months);
  for (let k = 0; k < months; k++) {
    const d = addMonths(libor.spot, k);
    dates.push(d);
    libor1m[k] = forwardLibor(libor, d, 1);
    libor6m[k] = forwardLibor(libor, d, 6);
    libor12m[k] = forwardLibor(libor, d, 12);
    cmt1y[k] = forwardCmt1y(treasury, d);
  }
  return { curveDate, spotDate: formatIsoDate(libor.spot), interpolation, dates, libor1m, libor6m, libor12m, cmt1y };
}

/**
 * The forward of `index` fixed on `date`, read from the monthly points (linear in days between
 * points; flat before the first and after the last), %.
 */
export function forwardRateOn(curves: MonthlyForwardCurves, index: ForwardIndex, date: PlainDate): number {
  const values = curves[index];
  const dates = curves.dates;
  if (date <= dates[0]) return values[0];
  const n = dates.length;
  if (date >= dates[n - 1]) return values[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= date) lo = mid;
    else hi = mid;
  }
  const w = (date - dates[lo]) / (dates[hi] - dates[lo]);
  return values[lo] + w * (values[hi] - values[lo]);
}

/**
 * The curves moved by `shiftBp` basis points for fixings on or after `fromDate` (all of them
 * when omitted): the Available Rate schedule's footnote (3) shock is +1000 bp "in period 2 and
 * thereafter". Rates are not floored.
 */
export function shiftForwardCurves(curves: MonthlyForwardCurves, shiftBp: number, fromDate?: PlainDate): MonthlyForwardCurves {
  if (!Number.isFinite(shiftBp)) throw new EngineError('shiftBp', `expected a finite number of basis points, got ${String(shiftBp)}`);
  const shift = (values: Float64Array) =>
    values.map((v, k) => (fromDate === undefined || curves.dates[k] >= fromDate ? v + shiftBp / 100 : v));
  return { ...curves, libor1m: shift(curves.libor1m), libor6m: shift(curves.libor6m), libor12m: shift(curves.libor12m), cmt1y: shift(curves.cmt1y) };
}
