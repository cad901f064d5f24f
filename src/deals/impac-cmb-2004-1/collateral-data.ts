/**
 * Impac CMB Trust 2004-1: the collateral figures the rep lines are derived from, copied as printed.
 *
 * Source: Computational Materials, Preliminary Structural Term Sheet dated January 13, 2004
 * (`shared/seeds/impac-cmb-2004-1-term-sheet.txt`, "Impac TS"; the same figures as JSON in
 * `shared/reference/impac-cmb-2004-1.json`). Collateral tables "$1,000,000,040 Adjustable Rate
 * Mortgage Loans", as of the Sample Pool Calculation Date, January 1, 2004. Percent in percent
 * units (5.776 = 5.776%), balances in dollars, terms in months. Bundled here because the engine
 * reads nothing from disk at run time.
 */

/** One printed strat row (the columns the derivation uses). */
export interface StratRow {
  /** The DESCRIPTION cell as printed (`02/04`, `2/28 LIB6M`). */
  readonly label: string;
  /** CURRENT BALANCE, $. */
  readonly balance: number;
  /** # OF LOANS. */
  readonly count: number;
  /** GROSS WAC, %. */
  readonly grossWacPct: number;
  /** NET WAC, % (gross less servicing, master servicing, trustee fees and the LPMI premium). */
  readonly netWacPct: number;
  /** WA REM TERM, months. */
  readonly remainingTermMonths: number;
  /** WA AGE, months. */
  readonly ageMonths: number;
}

/**
 * Impac TS, Appendix A, "Next Interest Adjustment Date" (41 rows; total $1,000,000,040, 3,951 loans;
 * the rows add to $1,000,000,039, a printed-rounding dollar). The label is the month of the next rate
 * change date, MM/YY.
 */
export const NEXT_ADJUSTMENT_DATE_ROWS: readonly StratRow[] = [
  { label: '02/04', balance: 4327473, count: 15, grossWacPct: 5.319, netWacPct: 4.879, remainingTermMonths: 355.00, ageMonths: 5.00 },
  { label: '03/04', balance: 3495241, count: 16, grossWacPct: 5.672, netWacPct: 5.228, remainingTermMonths: 354.17, ageMonths: 5.83 },
  { label: '04/04', balance: 6838365, count: 25, grossWacPct: 5.680, netWacPct: 5.223, remainingTermMonths: 356.89, ageMonths: 3.11 },
  { label: '05/04', balance: 29671634, count: 98, grossWacPct: 5.468, netWacPct: 4.979, remainingTermMonths: 357.91, ageMonths: 2.09 },
  { label: '06/04', balance: 76494956, count: 272, grossWacPct: 5.492, netWacPct: 4.979, remainingTermMonths: 358.87, ageMonths: 1.13 },
  { label: '07/04', balance: 100377134, count: 354, grossWacPct: 5.306, netWacPct: 4.842, remainingTermMonths: 359.90, ageMonths: 0.10 },
  { label: '08/04', balance: 4929500, count: 17, grossWacPct: 4.533, netWacPct: 4.124, remainingTermMonths: 360.00, ageMonths: 0.00 },
  { label: '05/05', balance: 481973, count: 2, grossWacPct: 6.097, netWacPct: 5.688, remainingTermMonths: 352.00, ageMonths: 8.00 },
  { label: '06/05', balance: 286581, count: 2, grossWacPct: 6.668, netWacPct: 5.680, remainingTermMonths: 353.00, ageMonths: 7.00 },
  { label: '07/05', balance: 1432963, count: 6, grossWacPct: 6.078, netWacPct: 5.668, remainingTermMonths: 354.00, ageMonths: 6.00 },
  { label: '08/05', balance: 929791, count: 7, grossWacPct: 5.984, netWacPct: 5.574, remainingTermMonths: 355.00, ageMonths: 5.00 },
  { label: '09/05', balance: 2781663, count: 13, grossWacPct: 6.574, netWacPct: 6.152, remainingTermMonths: 356.00, ageMonths: 4.00 },
  { label: '10/05', balance: 14484648, count: 67, grossWacPct: 6.663, netWacPct: 6.159, remainingTermMonths: 357.00, ageMonths: 3.00 },
  { label: '11/05', balance: 68655833, count: 287, grossWacPct: 6.031, netWacPct: 5.525, remainingTermMonths: 358.00, ageMonths: 2.00 },
  { label: '12/05', balance: 173212962, count: 720, grossWacPct: 5.956, netWacPct: 5.493, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '01/06', balance: 169077050, count: 693, grossWacPct: 5.745, netWacPct: 5.283, remainingTermMonths: 360.00, ageMonths: 0.00 },
  { label: '02/06', balance: 9138200, count: 40, grossWacPct: 5.756, netWacPct: 5.266, remainingTermMonths: 359.43, ageMonths: 0.57 },
  { label: '07/06', balance: 252300, count: 1, grossWacPct: 5.375, netWacPct: 4.966, remainingTermMonths: 354.00, ageMonths: 6.00 },
  { label: '08/06', balance: 2079047, count: 5, grossWacPct: 5.840, netWacPct: 5.007, remainingTermMonths: 355.00, ageMonths: 5.00 },
  { label: '09/06', balance: 491308, count: 2, grossWacPct: 6.422, netWacPct: 6.012, remainingTermMonths: 356.00, ageMonths: 4.00 },
  { label: '10/06', balance: 6407873, count: 28, grossWacPct: 6.027, netWacPct: 5.519, remainingTermMonths: 357.00, ageMonths: 3.00 },
  { label: '11/06', balance: 37602345, count: 158, grossWacPct: 5.784, netWacPct: 5.324, remainingTermMonths: 358.00, ageMonths: 2.00 },
  { label: '12/06', balance: 74400720, count: 300, grossWacPct: 5.888, netWacPct: 5.458, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '01/07', balance: 49613260, count: 202, grossWacPct: 5.672, netWacPct: 5.234, remainingTermMonths: 360.00, ageMonths: 0.00 },
  { label: '02/07', balance: 4780700, count: 17, grossWacPct: 5.588, netWacPct: 5.144, remainingTermMonths: 360.00, ageMonths: 0.00 },
  { label: '04/08', balance: 135224, count: 1, grossWacPct: 6.875, netWacPct: 6.466, remainingTermMonths: 351.00, ageMonths: 9.00 },
  { label: '06/08', balance: 302723, count: 2, grossWacPct: 5.873, netWacPct: 5.464, remainingTermMonths: 353.00, ageMonths: 7.00 },
  { label: '07/08', balance: 617793, count: 2, grossWacPct: 6.670, netWacPct: 6.261, remainingTermMonths: 354.00, ageMonths: 6.00 },
  { label: '08/08', balance: 1447789, count: 6, grossWacPct: 5.470, netWacPct: 5.060, remainingTermMonths: 355.00, ageMonths: 5.00 },
  { label: '09/08', balance: 2993093, count: 9, grossWacPct: 5.975, netWacPct: 5.566, remainingTermMonths: 356.00, ageMonths: 4.00 },
  { label: '10/08', balance: 9380079, count: 45, grossWacPct: 6.255, netWacPct: 5.840, remainingTermMonths: 357.00, ageMonths: 3.00 },
  { label: '11/08', balance: 49475773, count: 197, grossWacPct: 6.013, netWacPct: 5.599, remainingTermMonths: 358.00, ageMonths: 2.00 },
  { label: '12/08', balance: 65117793, count: 238, grossWacPct: 5.848, netWacPct: 5.432, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '01/09', balance: 20853451, count: 81, grossWacPct: 5.876, netWacPct: 5.467, remainingTermMonths: 360.00, ageMonths: 0.00 },
  { label: '02/09', balance: 2468500, count: 7, grossWacPct: 5.485, netWacPct: 5.076, remainingTermMonths: 360.00, ageMonths: 0.00 },
  { label: '04/10', balance: 99804, count: 1, grossWacPct: 5.500, netWacPct: 5.091, remainingTermMonths: 351.00, ageMonths: 9.00 },
  { label: '11/10', balance: 1398706, count: 5, grossWacPct: 6.087, netWacPct: 5.678, remainingTermMonths: 358.00, ageMonths: 2.00 },
  { label: '12/10', balance: 1222212, count: 6, grossWacPct: 6.323, netWacPct: 5.914, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '12/12', balance: 737607, count: 1, grossWacPct: 5.250, netWacPct: 4.841, remainingTermMonths: 347.00, ageMonths: 13.00 },
  { label: '11/13', balance: 524000, count: 1, grossWacPct: 5.500, netWacPct: 5.091, remainingTermMonths: 358.00, ageMonths: 2.00 },
  { label: '12/13', balance: 981972, count: 2, grossWacPct: 5.727, netWacPct: 5.318, remainingTermMonths: 359.00, ageMonths: 1.00 },
];

/** Impac TS, Appendix A, the loan-program table (printed title "Description", quirk Q26): 10 rows. */
export const PRODUCT_TYPE_ROWS: readonly StratRow[] = [
  { label: '3/1 CMT1Y', balance: 448813, count: 1, grossWacPct: 4.500, netWacPct: 4.091, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '5/1 CMT1Y', balance: 199551, count: 1, grossWacPct: 5.375, netWacPct: 4.966, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '3/1 LIB12M', balance: 324725, count: 2, grossWacPct: 4.561, netWacPct: 4.152, remainingTermMonths: 359.00, ageMonths: 1.00 },
  { label: '5/1 LIB12M', balance: 5173750, count: 9, grossWacPct: 5.246, netWacPct: 4.837, remainingTermMonths: 358.51, ageMonths: 1.49 },
  { label: '30Y LIB6M', balance: 225994518, count: 796, grossWacPct: 5.391, netWacPct: 4.909, remainingTermMonths: 359.04, ageMonths: 0.96 },
  { label: '2/28 LIB6M', balance: 440148950, count: 1837, grossWacPct: 5.913, netWacPct: 5.442, remainingTermMonths: 359.11, ageMonths: 0.89 },
  { label: '3/27 LIB6M', balance: 175326515, count: 711, grossWacPct: 5.802, netWacPct: 5.355, remainingTermMonths: 358.93, ageMonths: 1.07 },
  { label: '5/25 LIB6M', balance: 147418916, count: 578, grossWacPct: 5.952, netWacPct: 5.538, remainingTermMonths: 358.57, ageMonths: 1.43 },
  { label: '7/23 LIB6M', balance: 2720722, count: 12, grossWacPct: 6.172, netWacPct: 5.762, remainingTermMonths: 358.19, ageMonths: 1.81 },
  { label: '10/20 LIB6M', balance: 2243580, count: 4, grossWacPct: 5.517, netWacPct: 5.108, remainingTermMonths: 354.82, ageMonths: 5.18 },
];

/**
 * Impac TS, "Summary of Loans in Sample Calculation Pool": the figures the rebuilt pool must
 * reproduce, as printed (value, and the printed number of decimals).
 */
export const COLLATERAL_SUMMARY = {
  totalOutstandingBalance: { label: 'Total Outstanding Balance', value: 1000000040, decimals: 0 },
  totalNumberOfLoans: { label: 'Total Number of Loans', value: 3951, decimals: 0 },
  waMortgageRate: { label: 'WA Mortgage Rate', value: 5.776, decimals: 3 },
  waMortgageRateNetLpmi: { label: 'WA Mortgage Rate Net LPMI', value: 5.728, decimals: 3 },
  netWac: { label: 'Net WAC', value: 5.316, decimals: 3 },
  waGrossMargin: { label: 'WA Gross Margin', value: 3.477, decimals: 3 },
  waMonthsToFirstRoll: { label: 'WA Months to First Roll', value: 27, decimals: 0 },
  waFirstPeriodicCap: { label: 'WA First Periodic Cap', value: 2.788, decimals: 3 },
  waSubsequentPeriodicCap: { label: 'WA Subsequent Periodic Cap', value: 1.068, decimals: 3 },
  waLifetimeCap: { label: 'WA Lifetime Cap', value: 11.712, decimals: 3 },
  waLifetimeFloor: { label: 'WA Lifetime Floor', value: 3.55, decimals: 3 },
  waOriginalTerm: { label: 'WA Original Term (months)', value: 360, decimals: 0 },
  waRemainingTerm: { label: 'WA Remaining Term (months)', value: 359, decimals: 0 },
  waAge: { label: 'WA Age (months)', value: 1, decimals: 0 },
} as const;

/**
 * Totals printed in the DESCRIPTION cell of two strat tables (reference README quirks Q3, Q4):
 * the balance-weighted averages of the stratifying variable over the whole pool.
 */
export const STRAT_TOTAL_CELLS = {
  /** "Range of Margin" total row: 3.477 (= the summary's WA Gross Margin). */
  waMarginPct: 3.477,
  /** "Range of Maximum Rates" total row: 11.712 (= the summary's WA Lifetime Cap). */
  waMaximumRatePct: 11.712,
} as const;

/** Fee strips from the narrative (Impac TS, "Net Mortgage Rate" and "Premium Rate"). */
export const FEE_TERMS = {
  /** "a servicing fee rate of (i) 0.375% with respect to 98.42% of the Mortgage Loans, and (ii) 0.50% with respect to 1.58%". */
  servicingTiers: [
    { ratePct: 0.375, poolPct: 98.42 },
    { ratePct: 0.5, poolPct: 1.58 },
  ],
  /** "(b) a master servicing fee rate of 0.03%". */
  masterServicingPct: 0.03,
  /** "(c) a combined indenture trustee and owner trustee fee rate of approximately 0.0043%". */
  trusteePct: 0.0043,
  /** "the weighted average Premium Rate of the Sample Pool is approximately 0.049%" (over all loans). */
  waPremiumRatePctApprox: 0.049,
  /** "Approximately 5.49% of the Mortgage Loans ... are covered by mortgage insurance policies" (trust-paid). */
  miCoveredPoolPct: 5.49,
} as const;

/** Impac TS: "Sample Pool Calculation Date: January 1, 2004"; months to roll count from it (02/04 = 1). */
export const SAMPLE_POOL_DATE = { year: 2004, month: 1 } as const;
