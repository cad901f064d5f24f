/**
 * Impac CMB 2004-1: the ARM products of the sample pool and their reset terms (TS "Summary of
 * Loans in Sample Calculation Pool", product table; caps by market convention where the strats
 * print none, the rest calibrated in collateral.ts).
 */
import type { IndexName } from '../../market/indices';

export type ImpacProduct =
  | '30Y LIB6M'
  | '2/28 LIB6M'
  | '3/27 LIB6M'
  | '5/25 LIB6M'
  | '7/23 LIB6M'
  | '10/20 LIB6M'
  | '3/1 CMT1Y'
  | '3/1 LIB12M'
  | '5/1 CMT1Y'
  | '5/1 LIB12M';

export interface ProductTerms {
  /** Months from origination to the first change. */
  readonly fixedPeriodMonths: number;
  readonly index: IndexName;
  readonly resetFrequencyMonths: number;
  /** Initial / periodic caps by market convention; null for the calibrated group. */
  readonly caps: { readonly initialPct: number; readonly periodicPct: number } | null;
}

/**
 * Product conventions (name → fixed period, index, reset frequency) and caps. The strats print no
 * caps; the summary prints only their pool averages (first 2.788, subsequent 1.068, ranges 1–6 and
 * 1–2.5). Conventions of 2004 non-agency ARMs: a 6-month LIBOR ARM 1%/1% (the pool minimum first cap
 * is 1.000); 5-, 7- and 10-year LIBOR hybrids 5%/1%; 1-year-reset 3/1 2%/2% and 5/1 5%/2%. The 2- and
 * 3-year LIBOR hybrids (61.5% of the pool) mix 3%/1% (Alt-A), 2%/1% and 1.5%/1.5% (subprime-style)
 * structures: their WA pair is solved to reproduce the printed averages (`capCalibration`).
 */
export const PRODUCTS: Readonly<Record<ImpacProduct, ProductTerms>> = {
  '30Y LIB6M': { fixedPeriodMonths: 6, index: 'libor6m', resetFrequencyMonths: 6, caps: { initialPct: 1, periodicPct: 1 } },
  '2/28 LIB6M': { fixedPeriodMonths: 24, index: 'libor6m', resetFrequencyMonths: 6, caps: null },
  '3/27 LIB6M': { fixedPeriodMonths: 36, index: 'libor6m', resetFrequencyMonths: 6, caps: null },
  '5/25 LIB6M': { fixedPeriodMonths: 60, index: 'libor6m', resetFrequencyMonths: 6, caps: { initialPct: 5, periodicPct: 1 } },
  '7/23 LIB6M': { fixedPeriodMonths: 84, index: 'libor6m', resetFrequencyMonths: 6, caps: { initialPct: 5, periodicPct: 1 } },
  '10/20 LIB6M': { fixedPeriodMonths: 120, index: 'libor6m', resetFrequencyMonths: 6, caps: { initialPct: 5, periodicPct: 1 } },
  '3/1 CMT1Y': { fixedPeriodMonths: 36, index: 'cmt1y', resetFrequencyMonths: 12, caps: { initialPct: 2, periodicPct: 2 } },
  '3/1 LIB12M': { fixedPeriodMonths: 36, index: 'libor12m', resetFrequencyMonths: 12, caps: { initialPct: 2, periodicPct: 2 } },
  '5/1 CMT1Y': { fixedPeriodMonths: 60, index: 'cmt1y', resetFrequencyMonths: 12, caps: { initialPct: 5, periodicPct: 2 } },
  '5/1 LIB12M': { fixedPeriodMonths: 60, index: 'libor12m', resetFrequencyMonths: 12, caps: { initialPct: 5, periodicPct: 2 } },
};

export const LIBOR_6M_HYBRIDS: readonly [number, ImpacProduct][] = [
  [6, '30Y LIB6M'],
  [24, '2/28 LIB6M'],
  [36, '3/27 LIB6M'],
  [60, '5/25 LIB6M'],
  [84, '7/23 LIB6M'],
  [120, '10/20 LIB6M'],
];
