import type { SwapContract } from '../../waterfall/derivatives';
import { deriveSwapContracts, type SwapScheduleAssumption } from '../../waterfall/swapSchedule';
import { type CurveInterpolation, liborDiscountCurve } from '../../market/forwardCurves2004';
import { type January2004Date, january2004Quotes } from '../../market/data/rates-2004-01';
import { type PlainDate, adjustFollowing, monthsBetween, parseIsoDate, payDate } from '../../time';
import { IMPAC_TERMS, type ImpacTerms } from './terms';

/**
 * The Derivative Contracts of Impac CMB Trust 2004-1 as terms.
 *
 * What the term sheet prints ("Derivative Contracts"): interest rate derivative contracts "for
 * the benefit of the Bonds"; aggregate notional $18,566,100 on April 25, 2004, $479,659,400 on
 * May 25, 2004, "and will decline thereafter"; later start dates explain the increase; no
 * contract has a remaining term over 55 months; the aggregate notional never exceeds the bonds.
 * Net payments the trust makes are "Net Derivative Fees", a deduction in the Net Mortgage Rate;
 * payments received go to the bonds' Basis Risk Amounts, A-1 first.
 *
 * What it does not print: the kind of contract, strikes, and the notional after May 2004. The
 * assumption below fills those gaps with terms, each with its evidence; nothing is a
 * per-period table fitted to the Available Rate schedule.
 *
 * 1. Kind: swaps on one-month LIBOR, the trust paying a fixed rate and receiving LIBOR
 *    (act/360, on the bonds' accrual period). Evidence (impac-readings.md items 7-8): in the
 *    forward-curve column the Available Rate sits about 1% below the collateral rate in periods
 *    4-16 and the gap closes by period 20 as forward LIBOR rises to about 2.8%: a cost that
 *    shrinks as LIBOR rises is a pay-fixed swap; in the +1000 bp column the rate rises far
 *    above the collateral's, the same swaps paying the trust.
 * 2. One swap per hybrid-ARM bucket, hedging the bucket's fixed-rate period (the six-month ARMs
 *    float and are not hedged). Bucket balances are the sample pool's *Range of Months to Roll*
 *    strat (TS Appendix A): months to roll 13-31 (2/28 loans), 32-37 (3/27), 50 and more
 *    (5/25, 7/23, 10/20).
 * 3. Last payment dates: October 25, 2005 and October 25, 2006 for the two- and three-year
 *    buckets, August 25, 2008 (55 months after closing, the TS maximum) for the rest. Evidence:
 *    the schedule steps down after periods 21 and 33 in both columns (col. (3) 15.13 → 11.17 and
 *    12.34 → 10.83; col. (2) 5.59 → 5.35 and 6.65 → 6.42), two months before the buckets' main
 *    first-adjustment months (December 2005 and December 2006 in the *Next Interest Adjustment
 *    Date* strat); no step shows before period 47, so the five-year bucket runs past the call.
 * 4. Notional: the printed aggregates on their dates (period 3: $18,566,100; period 4:
 *    $479,659,400), split in proportion to the bucket balances; after May 2004 each declines at
 *    `amortizationCprPct` = 15% CPR (× 0.85^(1/12) a month). Calibrated, with this evidence: the
 *    two columns differ only by the 10% shock, so (col. (3) − col. (2)) × bonds / 10% measures the
 *    notional in force each period (it gives 17M in period 3 and 485M in period 4 against the
 *    printed 18.6M and 479.7M). After the steps it reads about 170M (periods 23-29) and 55M
 *    (periods 35-46); the strat split declining at c% CPR gives 117M and 40M at 30%, 159M and 64M
 *    at 15%. A hedge sized below the pool's pricing speed is common; the pricing speed itself
 *    (30%) is the alternative, a worse fit to both columns (scripts/impac-afr.ts).
 * 5. Strike: at market on the curve date (the fixed rate that gives each swap zero value on the
 *    January 2004 LIBOR curve of `forwardCurves2004.ts`, on its own amortizing notional: 1.87%,
 *    2.39%, 3.07% for the 2-, 3-, 5-year swaps) plus `strikeSpreadBp` = 80 bp, the same for
 *    every swap (2.67%, 3.19%, 3.87%). Calibrated: with printed notional, the forward-curve column's cost in periods
 *    4-16 needs a weighted strike near 2.8% (period 4: L 1.19 + 0.84 × 912/479.7 = 2.79) while
 *    at-market strikes average 2.1%; 80 bp minimises the column (2) RMS over periods 2-47
 *    (0.37 at 0 bp, 0.14 at 80 bp; one common strike for all three swaps does no better: 0.15 at
 *    3.0%). Legacy swaps moved into the trust at off-market rates would
 *    do this; the term sheet does not say.
 *
 * Known misfit (not fitted away): the +1000 bp column in periods 5-21 needs about 600M of
 * notional by the same measure, more than the printed maximum of 479.7M, so our column (3) is
 * 1.5-2.5% low there; nothing in the term sheet allows more notional than it prints.
 */

export type { SwapBucket } from '../../waterfall/swapSchedule';

export interface DerivativeAssumption extends SwapScheduleAssumption {
  /** Curve whose at-market swap rate sets each strike. */
  readonly strikeCurveDate: January2004Date;
  readonly strikeCurveInterpolation: CurveInterpolation;
}

export const IMPAC_DERIVATIVE_ASSUMPTION: DerivativeAssumption = {
  buckets: [
    {
      name: 'swap-2y',
      hedgedBalance: 2_201_517 + 437_807_647 + 2_803_847,
      source: 'Range of Months to Roll: 13 - 18, 19 - 24, 25 - 31',
      lastPaymentDate: '2005-10-25',
    },
    { name: 'swap-3y', hedgedBalance: 173_296_205, source: 'Range of Months to Roll: 32 - 37', lastPaymentDate: '2006-10-25' },
    {
      name: 'swap-5y',
      hedgedBalance: 2_503_529 + 150_288_688 + 99_804 + 2_620_918 + 2_243_580,
      source: 'Range of Months to Roll: 50 - 55, 56 - 61, 74 - 79, 80 - 85, > 85',
      lastPaymentDate: '2008-08-25',
    },
  ],
  amortizationCprPct: 15,
  strikeCurveDate: '2004-01-13',
  strikeCurveInterpolation: 'linearZero',
  strikeSpreadBp: 80,
};

/** Period (1 = February 2004) of a payment date given as ISO text. */
export function impacPeriodOf(terms: ImpacTerms, iso: string): number {
  return monthsBetween(parseIsoDate(terms.dates.firstPayment), parseIsoDate(iso, 'date')) + 1;
}

/** The adjusted payment date of period t (t = 0: the closing date). */
export function impacPaymentDate(terms: ImpacTerms, period: number): PlainDate {
  if (period === 0) return parseIsoDate(terms.dates.closing);
  return adjustFollowing(payDate(parseIsoDate(terms.dates.firstPayment), period));
}

/** The swap contracts of `assumption` (see the header for the evidence; the derivation is src/waterfall/swapSchedule.ts). */
export function impacDerivativeContracts(assumption: DerivativeAssumption = IMPAC_DERIVATIVE_ASSUMPTION, terms: ImpacTerms = IMPAC_TERMS): SwapContract[] {
  const curve = liborDiscountCurve(january2004Quotes(assumption.strikeCurveDate), assumption.strikeCurveInterpolation);
  return deriveSwapContracts(assumption, {
    printed: terms.derivatives.printedNotionals.map((p) => ({ period: impacPeriodOf(terms, p.date), notional: p.notional })),
    maxPeriod: impacPeriodOf(terms, terms.dates.closing) + terms.derivatives.maxRemainingTermMonths,
    periodOf: (iso) => impacPeriodOf(terms, iso),
    paymentDate: (t) => impacPaymentDate(terms, t),
    df: (d) => curve.df(d),
  });
}

export { derivativeFlowForPeriod, scheduledNotional, type DerivativePeriodFlow, type SwapContract } from '../../waterfall/derivatives';
