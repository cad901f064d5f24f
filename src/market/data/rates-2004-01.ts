/**
 * US rate quotes of the Impac CMB Trust 2004-1 pricing week (2004-01-12..16), the inputs of the
 * January 2004 forward curves (`src/market/forwardCurves2004.ts`).
 *
 * Copied from `shared/reference/rates-2004.json` (percent per annum, as published), which reads
 * every value from a FRED bulk text file stored at `AdrianVAlecu/GMS_VAAS:IR_txt_2/data/<ID>.txt`
 * (commit 183b1c5e4cf874a43bd4145275fbb60986e05a33) and corroborates each against an independent
 * copy (LIBOR: `alex-sh-yau/vasicek_stochastic_model`; swaps: `enthought/pyql` H.15 columns
 * RIFLDIYnn_N.B; Treasuries: `economics-databases/Interest-rate` and the Fed H.15 DDP file in
 * `datacommonsorg/data`), all equal.
 *
 * - LIBOR (FRED USD1MTD156N, USD3MTD156N, USD6MTD156N, USD12MD156N): BBA fixings, London 11:00,
 *   simple interest act/360 from spot (trade date + 2 London business days).
 * - Swaps (FRED/H.15 DSWP1..DSWP30): ISDAFIX mid par swap rates, 11:00 ET; fixed leg semiannual
 *   30/360 against 3M LIBOR act/360.
 * - Treasuries (FRED/H.15 DGS1MO..DGS20): constant-maturity par yields, bond-equivalent
 *   (semiannual). DGS30 was not published in 2004 (discontinued 2002-02-18..2006-02-08), so the
 *   long end stops at 20 years.
 *
 * Not used: H.15 Eurodollar deposit rates (DED1/3/6: London bid, not LIBOR) and the unverified
 * "DGS30" numbers of `rates-2004.json` (no known source). No Eurodollar futures were found.
 */
export interface RateQuotes {
  /** Trade date, ISO. */
  readonly date: string;
  /** LIBOR fixings by tenor in months, %. */
  readonly liborByMonths: Readonly<Record<1 | 3 | 6 | 12, number>>;
  /** Par swap rates by tenor in years, %. */
  readonly swapByYears: Readonly<Record<number, number>>;
  /** Treasury constant-maturity par yields by tenor in months, % (BEY). */
  readonly treasuryByMonths: Readonly<Record<number, number>>;
}

export type Series = Readonly<Record<string, number>>;

/** The FRED series as stored in `rates-2004.json`, January dates only. */
const SERIES: Readonly<Record<string, Series>> = {
  USD1MTD156N: { '2004-01-12': 1.1, '2004-01-13': 1.1, '2004-01-14': 1.1, '2004-01-15': 1.1, '2004-01-16': 1.1 },
  USD3MTD156N: { '2004-01-12': 1.12, '2004-01-13': 1.12, '2004-01-14': 1.12, '2004-01-15': 1.12, '2004-01-16': 1.12 },
  USD6MTD156N: { '2004-01-12': 1.17, '2004-01-13': 1.17, '2004-01-14': 1.165, '2004-01-15': 1.17, '2004-01-16': 1.17 },
  USD12MD156N: { '2004-01-12': 1.3425, '2004-01-13': 1.35, '2004-01-14': 1.3375, '2004-01-15': 1.34875, '2004-01-16': 1.365 },
  DSWP1: { '2004-01-12': 1.34, '2004-01-13': 1.35, '2004-01-14': 1.36, '2004-01-15': 1.37, '2004-01-16': 1.36 },
  DSWP2: { '2004-01-12': 1.95, '2004-01-13': 1.95, '2004-01-14': 1.97, '2004-01-15': 1.99, '2004-01-16': 1.98 },
  DSWP3: { '2004-01-12': 2.53, '2004-01-13': 2.53, '2004-01-14': 2.53, '2004-01-15': 2.56, '2004-01-16': 2.54 },
  DSWP4: { '2004-01-12': 2.99, '2004-01-13': 3.01, '2004-01-14': 2.99, '2004-01-15': 2.99, '2004-01-16': 2.99 },
  DSWP5: { '2004-01-12': 3.37, '2004-01-13': 3.39, '2004-01-14': 3.36, '2004-01-15': 3.34, '2004-01-16': 3.34 },
  DSWP7: { '2004-01-12': 3.91, '2004-01-13': 3.93, '2004-01-14': 3.89, '2004-01-15': 3.86, '2004-01-16': 3.85 },
  DSWP10: { '2004-01-12': 4.43, '2004-01-13': 4.45, '2004-01-14': 4.41, '2004-01-15': 4.35, '2004-01-16': 4.34 },
  DSWP30: { '2004-01-12': 5.24, '2004-01-13': 5.29, '2004-01-14': 5.24, '2004-01-15': 5.18, '2004-01-16': 5.16 },
  DGS1MO: { '2004-01-12': 0.88, '2004-01-13': 0.86, '2004-01-14': 0.85, '2004-01-15': 0.82, '2004-01-16': 0.8 },
  DGS3MO: { '2004-01-12': 0.89, '2004-01-13': 0.89, '2004-01-14': 0.88, '2004-01-15': 0.88, '2004-01-16': 0.89 },
  DGS6MO: { '2004-01-12': 0.98, '2004-01-13': 0.97, '2004-01-14': 0.96, '2004-01-15': 0.96, '2004-01-16': 0.97 },
  DGS1: { '2004-01-12': 1.21, '2004-01-13': 1.18, '2004-01-14': 1.19, '2004-01-15': 1.18, '2004-01-16': 1.21 },
  DGS2: { '2004-01-12': 1.68, '2004-01-13': 1.63, '2004-01-14': 1.65, '2004-01-15': 1.67, '2004-01-16': 1.7 },
  DGS3: { '2004-01-12': 2.18, '2004-01-13': 2.12, '2004-01-14': 2.13, '2004-01-15': 2.16, '2004-01-16': 2.19 },
  DGS5: { '2004-01-12': 3.04, '2004-01-13': 2.98, '2004-01-14': 2.96, '2004-01-15': 2.97, '2004-01-16': 3.03 },
  DGS7: { '2004-01-12': 3.58, '2004-01-13': 3.51, '2004-01-14': 3.49, '2004-01-15': 3.48, '2004-01-16': 3.54 },
  DGS10: { '2004-01-12': 4.11, '2004-01-13': 4.05, '2004-01-14': 4.01, '2004-01-15': 3.99, '2004-01-16': 4.04 },
  DGS20: { '2004-01-12': 4.99, '2004-01-13': 4.95, '2004-01-14': 4.9, '2004-01-15': 4.87, '2004-01-16': 4.9 },
};

/** The trade dates held here. */
export const JANUARY_2004_DATES = ['2004-01-12', '2004-01-13', '2004-01-14', '2004-01-15', '2004-01-16'] as const;
export type January2004Date = (typeof JANUARY_2004_DATES)[number];

/**
 * The Impac curve date: 2004-01-13, the date the term sheet was prepared ("Date Prepared: January
 * 13, 2004") and `rates-2004.json` `key_dates.impac_cmb_2004_1`. The expected pricing date was
 * "January [15], 2004" (bracketed: preliminary); the other dates of the week are selectable.
 */
export const IMPAC_CURVE_DATE: January2004Date = '2004-01-13';

/** The quotes of one trade date of the week. */
export function january2004Quotes(date: January2004Date = IMPAC_CURVE_DATE): RateQuotes {
  return quotesOn(SERIES, date);
}

/** The quotes of `date` from FRED series keyed by id (the LIBOR, swap and CMT ids used here). */
export function quotesOn(series: Readonly<Record<string, Series>>, date: string): RateQuotes {
  const pick = (id: string, d: string): number => {
    const value = series[id]?.[d];
    if (value === undefined) throw new Error(`rates-2004: no ${id} on ${d}`);
    return value;
  };
  return {
    date,
    liborByMonths: { 1: pick('USD1MTD156N', date), 3: pick('USD3MTD156N', date), 6: pick('USD6MTD156N', date), 12: pick('USD12MD156N', date) },
    swapByYears: {
      1: pick('DSWP1', date), 2: pick('DSWP2', date), 3: pick('DSWP3', date), 4: pick('DSWP4', date),
      5: pick('DSWP5', date), 7: pick('DSWP7', date), 10: pick('DSWP10', date), 30: pick('DSWP30', date),
    },
    treasuryByMonths: {
      1: pick('DGS1MO', date), 3: pick('DGS3MO', date), 6: pick('DGS6MO', date), 12: pick('DGS1', date),
      24: pick('DGS2', date), 36: pick('DGS3', date), 60: pick('DGS5', date), 84: pick('DGS7', date),
      120: pick('DGS10', date), 240: pick('DGS20', date),
    },
  };
}
