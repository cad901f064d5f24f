/**
 * CWALT 2004-J4 collateral: representative lines inferred from what the materials print.
 *
 * The collateral tables were never published with the computational materials ("[... Collateral
 * Tables to Follow]", p.10; reference quirk Q25). What is printed constrains the pool:
 * - the group balances (300,000,000 fixed, 315,000,000 hybrid ARMs; terms.ts `GROUPS`);
 * - the A-IO notional schedules (p.6), which decline as the pool would at 60% CPR: their month-
 *   on-month ratios, divided by (1 − SMM(60% CPR)), leave the scheduled amortization rate of each
 *   group's loans, period by period (README.md "Evidence 1");
 * - the class coupons and the 1.50% A-IO strip (the net rate must carry them);
 * - the last principal payments at 0% speed (1-A-5 Oct-33 = period 354, 2-A Jan-34 = period 357):
 *   the longest remaining terms of each group;
 * - the WALs and windows at 0% and 100% speed (the calibration, scripts/cwalt-calibrate.ts).
 *
 * Everything here is a pool-level physical parameter (rates, fees, terms, age, IO share and term,
 * ARM product mix, margins, caps), never a per-class or per-speed adjustment. Each parameter says
 * where it comes from: [P] printed figure, [A] the A-IO schedule, [C] calibrated on the visible 0%
 * and 100% columns, [M] market convention of 2004 (not constrained by anything printed).
 */
import type { ArmTerms, RepLine } from '../../collateral/repline';
import type { IndexName } from '../../market/indices';
import { GROUPS } from './terms';

/** Group 1: conventional fixed-rate loans ("conventional fixed rate", p.5), as sub-pools. */
export interface FixedGroupParams {
  /** Servicing + trustee + LPMI strips, % ("Adjusted Net Mortgage Rate", p.6), unless a sub-pool has its own. */
  readonly feePct: number;
  /** The group's sub-pools (one rep line each), shares of the group's balance. */
  readonly subPools: readonly FixedSubPool[];
}

/** A group 1 sub-pool (a rep line): share of the group's balance, %, and its loan terms. */
export interface FixedSubPool {
  readonly id: string;
  readonly sharePct: number;
  readonly grossRatePct: number;
  readonly originalTermMonths: number;
  readonly ageMonths: number;
  /** Remaining term, months (default original − age; less for a balloon-like shorter schedule). */
  readonly remainingTermMonths?: number;
  readonly ioTermMonths?: number;
  readonly feePct?: number;
}

/** One hybrid ARM product of group 2. */
export interface ArmProductParams {
  readonly id: string;
  readonly product: string;
  /** Share of group 2's balance, % (shares add to 100). */
  readonly sharePct: number;
  readonly grossRatePct: number;
  readonly index: IndexName;
  readonly marginPct: number;
  /** Fixed-rate period from origination, months (24, 36, 60). */
  readonly fixedPeriodMonths: number;
  readonly resetFrequencyMonths: number;
  readonly initialCapPct: number;
  readonly periodicCapPct: number;
  /** Lifetime cap above the initial rate, %. */
  readonly lifetimeCapAbovePct: number;
  /** Share of this product's balance that is interest only, %, and the IO term. */
  readonly ioSharePct: number;
  readonly ioTermMonths: number;
}

export interface ArmGroupParams {
  readonly feePct: number;
  readonly originalTermMonths: number;
  readonly ageMonths: number;
  readonly products: readonly ArmProductParams[];
}

export interface CwaltPoolParams {
  readonly group1: FixedGroupParams;
  readonly group2: ArmGroupParams;
}

/**
 * The calibrated pool (README.md "Calibration" has the evidence and the fit).
 */
export const CALIBRATED_POOL: CwaltPoolParams = {
  group1: {
    // Three rep lines (README.md "Calibration", evidence 1-4).
    feePct: 0.259, // [M] servicing 0.25% + trustee 0.009% (not printed)
    // [P] 30-year lines: 1-A-5's last payment at 0%, Oct-33 = period 354 = 360 − 6; [P][C] age 6:
    // the 100% ramp (1-A-1 0.90, Feb-06) on the loan-age PPC.
    subPools: [
      // [A] 6.5662%: the 1-A-IO schedule at 60% CPR. Its month-on-month ratios are
      // (1 − SMM)(1 − scheduled principal / balance); level-pay principal grows by (1 + r/12) a
      // month whatever the term, so the ratios pin the gross rate of the amortizing loans to
      // 6.5662% (fit to $0.01 on $300M) and the level of their scheduled principal (the IO share).
      { id: 'fixed30', sharePct: 73.289, grossRatePct: 6.5662, originalTermMonths: 360, ageMonths: 6 },
      // [A] 20.211%: the share that pays no principal through period 21, given the 15-year line
      // (the A-IO level of scheduled principal, $0.01). [C] IO term 132 months and gross rate
      // 6.19%: the 100% tail (1-A-5 10.43, 1-A-6 6.55, M-2 5.38) and the 0% columns.
      { id: 'fixed30-io', sharePct: 20.211, grossRatePct: 6.19, originalTermMonths: 360, ageMonths: 6, ioTermMonths: 132 },
      // [C] 6.5% of 15-year loans, age 9, at the amortizing rate: the 0% columns (1-A-1 retires
      // Apr-24 with WAL 11.86 while 1-A-6 pays at 14.33). "Conventional fixed rate" (p.5) does
      // not restrict the original term.
      { id: 'fixed15', sharePct: 6.5, grossRatePct: 6.5662, originalTermMonths: 180, ageMonths: 9 },
    ],
  },
  group2: {
    feePct: 0.384, // [M] servicing 0.375% + trustee 0.009% (not printed)
    originalTermMonths: 360, // [P]
    ageMonths: 3, // [P] 2-A's last payment at 0%, Jan-34 = period 357 = 360 − 3
    // [P] products: "fixed rate period of two, three or five years ... adjust semi-annually or
    // annually based on the six-month LIBOR, one-year LIBOR or one-year CMT index" (p.5).
    // [A] initial rate 5.80% and 68.5% interest only: the 2-A-IO schedule at 60% CPR is 68.5% of
    //     the balance with no scheduled principal through period 21 and 31.5% level-pay at 5.78%.
    // [C] IO for the fixed-rate period; mix 55/30/15; margins 2.25% (12M LIBOR, the standard
    //     hybrid margin) and 3.75% (6M LIBOR); caps [M] 5/2/5, 2/2/6, 3/1/6; floor = margin.
    products: [
      { id: '5/1', product: '5/1 LIB12M', sharePct: 55, grossRatePct: 5.8, index: 'libor12m', marginPct: 2.25, fixedPeriodMonths: 60, resetFrequencyMonths: 12, initialCapPct: 5, periodicCapPct: 2, lifetimeCapAbovePct: 5, ioSharePct: 68.5, ioTermMonths: 60 },
      { id: '3/1', product: '3/1 LIB12M', sharePct: 30, grossRatePct: 5.8, index: 'libor12m', marginPct: 2.25, fixedPeriodMonths: 36, resetFrequencyMonths: 12, initialCapPct: 2, periodicCapPct: 2, lifetimeCapAbovePct: 6, ioSharePct: 68.5, ioTermMonths: 36 },
      { id: '2/28', product: '2/28 LIB6M', sharePct: 15, grossRatePct: 5.8, index: 'libor6m', marginPct: 3.75, fixedPeriodMonths: 24, resetFrequencyMonths: 6, initialCapPct: 3, periodicCapPct: 1, lifetimeCapAbovePct: 6, ioSharePct: 68.5, ioTermMonths: 24 },
    ],
  },
};

/** Group 1 rep lines: one per sub-pool. */
export function group1Lines(p: FixedGroupParams, balance: number = GROUPS.group1CutoffBalance): RepLine[] {
  const total = p.subPools.reduce((a, x) => a + x.sharePct, 0);
  return p.subPools.map((x) => ({
    id: `g1-${x.id}`,
    product: x.ioTermMonths ? `${x.originalTermMonths / 12}YR FIXED IO` : `${x.originalTermMonths / 12}YR FIXED`,
    balance: (balance * x.sharePct) / total,
    grossRatePct: x.grossRatePct,
    fees: { servicingPct: x.feePct ?? p.feePct },
    originalTermMonths: x.originalTermMonths,
    remainingTermMonths: x.remainingTermMonths ?? x.originalTermMonths - x.ageMonths,
    ageMonths: x.ageMonths,
    ...(x.ioTermMonths ? { ioTermMonths: x.ioTermMonths } : {}),
  }));
}

/** Group 2 rep lines: one amortizing and one IO line per product. */
export function group2Lines(p: ArmGroupParams, balance: number = GROUPS.group2CutoffBalance): RepLine[] {
  const remaining = p.originalTermMonths - p.ageMonths;
  const total = p.products.reduce((a, x) => a + x.sharePct, 0);
  const lines: RepLine[] = [];
  for (const x of p.products) {
    const productBalance = (balance * x.sharePct) / total;
    const arm: ArmTerms = {
      index: x.index,
      marginPct: x.marginPct,
      monthsToNextReset: Math.max(1, x.fixedPeriodMonths - p.ageMonths),
      resetFrequencyMonths: x.resetFrequencyMonths,
      initialCapPct: x.initialCapPct,
      periodicCapPct: x.periodicCapPct,
      lifetimeCapPct: x.grossRatePct + x.lifetimeCapAbovePct,
      floorPct: x.marginPct,
    };
    const base = { fees: { servicingPct: p.feePct }, originalTermMonths: p.originalTermMonths, remainingTermMonths: remaining, ageMonths: p.ageMonths, grossRatePct: x.grossRatePct, arm };
    const io = (productBalance * x.ioSharePct) / 100;
    if (productBalance - io > 0) lines.push({ ...base, id: `g2-${x.id}`, product: x.product, balance: productBalance - io });
    if (io > 0) lines.push({ ...base, id: `g2-${x.id}-io`, product: `${x.product} IO`, balance: io, ioTermMonths: x.ioTermMonths });
  }
  return lines;
}

/** Both groups' rep lines from parameters. */
export function poolLines(p: CwaltPoolParams = CALIBRATED_POOL): { readonly group1: RepLine[]; readonly group2: RepLine[] } {
  return { group1: group1Lines(p.group1), group2: group2Lines(p.group2) };
}
