/**
 * Impac CMB Trust Series 2004-1, Collateralized Asset-Backed Bonds: the term sheet as data.
 *
 * Source ("TS"): Computational Materials, Preliminary Structural Term Sheet dated January 13,
 * 2004, filed on Form SE (`shared/seeds/impac-cmb-2004-1-term-sheet.txt`; tables also in
 * `shared/reference/impac-cmb-2004-1.json`). Each figure names the section it came from.
 * Readings of the term sheet that the text leaves open are switches (`ImpacConventions`), each
 * with its evidence (`shared/design/impac-readings.md`, `conventions.md`).
 */

import type { PricingSpeed } from '../../scenario/pricingSpeed';
import type { PrepaymentBase } from '../../collateral/scenario';

export const IMPAC_DEAL_ID = 'impac-cmb-2004-1';

export const IMPAC_CLASS_NAMES = ['A-1', 'A-2', 'M-1', 'M-2', 'M-3', 'M-4'] as const;
export type ImpacClassName = (typeof IMPAC_CLASS_NAMES)[number];

export interface ImpacClassTerms {
  readonly name: ImpacClassName;
  /** Original bond balance, $ (TS class table, "Approximate Bond Balance"; ±5% variance). */
  readonly principal: number;
  /** Margin over one-month LIBOR before the step-up, % (TS Price-DM reports, "Pass-Thru Margin (pre-step-up)"). */
  readonly marginPct: number;
  /** Margin multiple if the clean-up call is not exercised (TS class table, footnote (3)). */
  readonly stepUpMultiple: number;
  /** Realized-loss order (1 = first hit); null: never written down (TS "Realized Losses"). */
  readonly lossRank: number | null;
}

/** TS class table, Price-DM reports, footnote (3) and "Realized Losses". */
export const IMPAC_CLASSES: readonly ImpacClassTerms[] = [
  { name: 'A-1', principal: 869_000_000, marginPct: 0.34, stepUpMultiple: 2.0, lossRank: null },
  { name: 'A-2', principal: 21_000_000, marginPct: 0.45, stepUpMultiple: 2.0, lossRank: 5 },
  { name: 'M-1', principal: 48_500_000, marginPct: 0.6, stepUpMultiple: 1.5, lossRank: 4 },
  { name: 'M-2', principal: 23_500_000, marginPct: 0.85, stepUpMultiple: 1.5, lossRank: 3 },
  { name: 'M-3', principal: 21_500_000, marginPct: 1.05, stepUpMultiple: 1.5, lossRank: 2 },
  { name: 'M-4', principal: 16_500_000, marginPct: 1.2, stepUpMultiple: 1.5, lossRank: 1 },
];

/** A derivative notional printed in the TS ("Derivative Contracts"). */
export interface PrintedNotional {
  /** Payment date the notional applies to, ISO. */
  readonly date: string;
  readonly notional: number;
}

/**
 * The readings of the term sheet that its text leaves open, as named switches.
 * Defaults reproduce the visible figures; each option states its evidence.
 */
export interface ImpacConventions {
  /**
   * Days in the Available Rate's "30 / days in the Interest Accrual Period" factor:
   * - 'unadjusted25ths': days between the unadjusted 25ths (first period: closing to Feb 25).
   *   The printed schedule uses this (impac-readings.md item 5: period 2 = 5.316 × 30/29 = 5.50;
   *   with business-day dates every 33-day period comes out 0.2–0.5 low).
   * - 'accrualPeriod': the bonds' actual accrual days (business-day adjusted pay dates), as the
   *   TS defines the Available Funds Rate.
   */
  readonly afrScheduleDayBasis: 'unadjusted25ths' | 'accrualPeriod';
  /** The same switch for the Available Funds Rate that caps the bond coupon in the waterfall (default: the TS definition). */
  readonly afrCapDayBasis: 'unadjusted25ths' | 'accrualPeriod';
  /**
   * Pool balance in the Available Rate's pool/bond ratio: 'beginOfPeriod' ("as of the end of the
   * prior Due Period", TS; impac-readings.md item 6) or 'endOfPeriod'.
   */
  readonly afrPoolBalance: 'beginOfPeriod' | 'endOfPeriod';
  /**
   * Pool balance tested for the clean-up call: 'endingBalance' of the period (impac-readings.md
   * item 3: fits the visible windows) or 'beginningBalance'.
   */
  readonly callTest: 'endingBalance' | 'beginningBalance';
  /**
   * When the step-up margins start if the call is not exercised: 'afterFirstCallDate' (the period
   * after the first possible call date; impac-readings.md item 2: A-1 to maturity 49/41 at 0/100%)
   * or 'onFirstCallDate'.
   */
  readonly stepUpStart: 'afterFirstCallDate' | 'onFirstCallDate';
  /**
   * Which payment a notional of the derivative schedule applies to: 'paymentDate' (the notional
   * printed for a date is used for the payment made on that date; impac-readings.md item 7) or
   * 'accrualStart' (for the payment one period later).
   */
  readonly derivativeNotionalTiming: 'paymentDate' | 'accrualStart';
  /**
   * Days the Derivative Contracts accrue over (act/360): the bonds' 'accrualPeriod' (business-day
   * adjusted payment dates, the usual swap convention) or 'unadjusted25ths'.
   */
  readonly derivativeDays: 'accrualPeriod' | 'unadjusted25ths';
  /** Bond interest accrual: days from the prior payment date (first: the closing date) to the payment date, business-day adjusted (TS "Interest Accrual Period"; conventions.md §4). */
  readonly bondAccrualDates: 'businessDayAdjusted' | 'unadjusted';
  /**
   * Whether Unpaid Interest Shortfall Amounts carry interest at the Bond Interest Rate. The TS says
   * so of Basis Risk Shortfalls only; default false.
   */
  readonly unpaidInterestBearsInterest: boolean;
  /**
   * What the Pricing Prepayment Speed's SMM applies to (conventions.md §1; collateral scenario
   * `prepaymentBase`):
   * - 'totalPaydown' (default): "30% CPR" is the pool's whole paydown rate, scheduled principal
   *   included: prepay = max(0, SMM · B − scheduled). Evidence (impac-readings.md, "the pool's
   *   amortization shape"): at 100% to call the printed WAL 2.13 and last pay Dec-07 (period 47) are
   *   exactly pure 30% CPR decay (0.7^(46/12) = 0.2548 > 0.25 ≥ 0.7^(47/12) = 0.2474); the
   *   Available Rate schedule, run "at the Pricing Prepayment Speed to call", prints exactly 47
   *   periods (ours: 47 with this rule, 46 without). Scoreboard (npm run fidelity), Impac:
   *   83/275 → 96/275 (pricing tables 55 → 61/120, class table 12 → 18/48, Available Rate 3 → 4/94).
   *   It leaves the 0% columns unchanged and makes the 100%-to-maturity tail too slow (last pay 179
   *   against the printed 169; see README.md, "Open").
   * - 'afterScheduled': the SF rule, voluntary prepayments on the balance after scheduled principal
   *   (call at period 45, WAL 2.03 at 100%).
   */
  readonly prepaymentBase: PrepaymentBase;
}

export const IMPAC_DEFAULT_CONVENTIONS: ImpacConventions = {
  afrScheduleDayBasis: 'unadjusted25ths',
  afrCapDayBasis: 'accrualPeriod',
  afrPoolBalance: 'beginOfPeriod',
  callTest: 'endingBalance',
  stepUpStart: 'afterFirstCallDate',
  derivativeNotionalTiming: 'paymentDate',
  derivativeDays: 'accrualPeriod',
  bondAccrualDates: 'businessDayAdjusted',
  unpaidInterestBearsInterest: false,
  prepaymentBase: 'totalPaydown',
};

export interface ImpacTerms {
  readonly dealId: typeof IMPAC_DEAL_ID;
  readonly classes: readonly ImpacClassTerms[];
  /** Sum of the class balances, $ (TS cover and class table "Total: $1,000,000,000"). */
  readonly bondTotal: number;
  /** Pool balance as of the Sample Pool Calculation Date, taken as the Cut-off Date Balance, $ (TS "Mortgage Loans"; collateral summary). */
  readonly cutoffBalance: number;
  readonly dates: {
    /** TS "Cut-off Date" / "Sample Pool Calculation Date": January 1, 2004. */
    readonly cutoff: string;
    /** TS "Expected Pricing Date: January [15], 2004" (bracketed: preliminary). */
    readonly expectedPricing: string;
    /** TS "Date Prepared: January 13, 2004": the date of the curves behind the schedule. */
    readonly prepared: string;
    /** TS "Expected Closing Date: January [29], 2004"; also "Settlement: 01/29/04" in the Price-DM reports. */
    readonly closing: string;
    /** TS "Payment Date": the 25th (next business day if not), commencing February 2004. */
    readonly firstPayment: string;
    readonly paymentDayOfMonth: number;
    /** TS class table: "Last Scheduled Payment Date: December 2033". */
    readonly lastScheduledPayment: string;
  };
  /** TS class table footnote (1) and "Bond Interest Rate": the fixed cap of 11.50%. */
  readonly bondRateCapPct: number;
  /** TS "Pricing Prepayment Speed": 30% CPR. */
  readonly pricingSpeedCprPct: number;
  /** TS "Optional Termination". */
  readonly cleanUpCall: {
    /** "less than or equal to 25% of the Cut-off Date Balance". */
    readonly poolFractionOfCutoff: number;
    /** "the Payment Date occurring in February 2014" (unadjusted 25th). */
    readonly latestPaymentDate: string;
  };
  /** TS "Credit Enhancement", 1. Overcollateralization. */
  readonly overcollateralization: {
    /** Target after the zero period: 0.50% of the Cut-off Date Balance ("approximately $5,000,000"). */
    readonly targetPctOfCutoff: number;
    /** "will remain at zero through the Payment Date occurring in July 2004". */
    readonly zeroThroughPaymentMonth: string;
    /** "The required Overcollateralization amount does not stepdown." */
    readonly stepdown: false;
  };
  /** TS "Net Mortgage Rate" and "Premium Rate": fee strips between gross and net mortgage rate, % per year. */
  readonly fees: {
    readonly servicing: readonly { readonly ratePct: number; readonly poolPct: number }[];
    readonly masterServicingPct: number;
    readonly trusteePctApprox: number;
    /** Weighted-average MI Premium Rate of the sample pool (5.49% of loans insured). */
    readonly premiumRatePct: number;
  };
  /** TS "Realized Losses": M-4, M-3, M-2, M-1, then A-2 (A-1 is never written down). */
  readonly lossOrder: readonly ImpacClassName[];
  /** TS "Priority of Payments" clause 4: Allocated Realized Loss Amounts repaid A-2, M-1, ..., M-4. */
  readonly lossReimbursementOrder: readonly ImpacClassName[];
  /** TS "Priority of Payments" clauses 1, 5, 6 and "Derivative Contracts": sequential, M-1, ..., M-4. */
  readonly sequentialOrder: readonly ImpacClassName[];
  /** TS "Derivative Contracts". */
  readonly derivatives: {
    /** "initial aggregate notional balance of $18,566,100 on April 25, 2004, will increase to $479,659,400 on May 25, 2004 and will decline thereafter". */
    readonly printedNotionals: readonly PrintedNotional[];
    /** "None of the Derivative Contracts will have a remaining term in excess of 55 months." */
    readonly maxRemainingTermMonths: number;
    /** "In any given period, the aggregate notional balance of the Derivative Contracts will not exceed the aggregate balance of the Bonds." */
    readonly notionalCappedByBonds: true;
  };
  readonly conventions: ImpacConventions;
}

export const IMPAC_TERMS: ImpacTerms = {
  dealId: IMPAC_DEAL_ID,
  classes: IMPAC_CLASSES,
  bondTotal: 1_000_000_000,
  cutoffBalance: 1_000_000_040,
  dates: {
    cutoff: '2004-01-01',
    expectedPricing: '2004-01-15',
    prepared: '2004-01-13',
    closing: '2004-01-29',
    firstPayment: '2004-02-25',
    paymentDayOfMonth: 25,
    lastScheduledPayment: '2033-12-25',
  },
  bondRateCapPct: 11.5,
  pricingSpeedCprPct: 30,
  cleanUpCall: { poolFractionOfCutoff: 0.25, latestPaymentDate: '2014-02-25' },
  overcollateralization: { targetPctOfCutoff: 0.5, zeroThroughPaymentMonth: '2004-07', stepdown: false },
  fees: {
    servicing: [
      { ratePct: 0.375, poolPct: 98.42 },
      { ratePct: 0.5, poolPct: 1.58 },
    ],
    masterServicingPct: 0.03,
    trusteePctApprox: 0.0043,
    premiumRatePct: 0.049,
  },
  lossOrder: ['M-4', 'M-3', 'M-2', 'M-1', 'A-2'],
  lossReimbursementOrder: ['A-2', 'M-1', 'M-2', 'M-3', 'M-4'],
  sequentialOrder: ['A-1', 'A-2', 'M-1', 'M-2', 'M-3', 'M-4'],
  derivatives: {
    printedNotionals: [
      { date: '2004-04-25', notional: 18_566_100 },
      { date: '2004-05-25', notional: 479_659_400 },
    ],
    maxRemainingTermMonths: 55,
    notionalCappedByBonds: true,
  },
  conventions: IMPAC_DEFAULT_CONVENTIONS,
};

/** The pricing speed as the engine reads it (`src/scenario/pricingSpeed.ts`): 100% = 30% CPR. */
export const IMPAC_PRICING_SPEED: PricingSpeed = { kind: 'cpr', cprPct: IMPAC_TERMS.pricingSpeedCprPct };
