/**
 * What every deal model offers the run layer (src/run/), whatever its waterfall: a description
 * of the deal and its classes (from its terms.ts), and a pure run from a normalised scenario to
 * class cash flows. Functions, the task pane and the CLI see deals only through this interface.
 */
import type { PoolFlows } from '../collateral/types';
import type { DayCount } from '../time/daycount';
import type { PricingSpeed } from '../scenario/pricingSpeed';
import type { IndexLevels, Scenario } from '../scenario/types';

export type DealId = 'cwalt-2004-j4' | 'impac-cmb-2004-1';

/** A class as the pricing tables need it. */
export interface ClassDescription {
  /** As printed: '1-A-1', 'A-1', 'M-2'. */
  readonly name: string;
  readonly kind: 'floater' | 'fixed' | 'interestOnly';
  /** Original principal (or notional for interest-only classes), dollars. */
  readonly originalBalance: number;
  /** Floaters: margin over the index before any step-up, percent. */
  readonly marginPct?: number;
  /** Fixed classes: coupon, percent. */
  readonly couponPct?: number;
  /**
   * The measure its pricing table quotes; null for classes with none. Interest-only classes quote
   * a yield from a price in points of notional (the street's convention; the term sheets print none).
   */
  readonly measure: 'DM' | 'Yield' | null;
  /** Coupon accrual basis (CWALT fixed 30/360; floaters act/360). */
  readonly accrual: DayCount;
  /** Days of accrued interest the buyer pays at settlement (CWALT fixed: 29, Apr 1 → Apr 30; floaters 0). */
  readonly accruedDaysAtSettlement: number;
  /** Free text from the class table ('Floating Rate Senior', ...). */
  readonly type: string;
}

export interface DealDescription {
  readonly id: DealId;
  /** Display name: 'CWALT 2004-J4'. */
  readonly name: string;
  /** Lower-case forms a user may type ('j4', 'cwalt 2004-j4', ...), beside the id. */
  readonly aliases: readonly string[];
  /** Sum of the offered classes' principal, dollars. */
  readonly sizeDollars: number;
  readonly settlement: string;
  readonly firstPayDate: string;
  /** The deal's word for the optional-redemption horizon: 'auction' (CWALT) or 'call' (Impac). */
  readonly callWord: 'auction' | 'call';
  /** Column speeds of the printed pricing tables, percent of the pricing speed. */
  readonly pricingSpeeds: readonly number[];
  /** What 100% means, in words: '100% PPC (fixed), 25% CPR (ARMs)'. */
  readonly pricingSpeedText: string;
  /** The pricing speed of each loan group, as terms (`src/scenario/pricingSpeed.ts` reads it; its fastest CPR sets the deal's maximum speed). */
  readonly pricingSpeed?: readonly PricingSpeed[];
  /**
   * Time basis the deal's printed WALs use (the dealer's convention, with its evidence in the
   * deal's terms): SF 30/360 from settlement to the pay date, or months/12.
   */
  readonly walBasis: '30/360' | 'act/365' | 'months/12';
  /** Decimals the term sheet quotes coupons and margins to (CWALT "0.160%", "3.108%"; Impac "0.340%"): 3. */
  readonly couponDecimals?: number;
  /** The sourced trade date of the deal's benchmark curves (forward and par curves, `src/market`). */
  readonly curveDate?: string;
  /** Index levels on the pricing date (percent), with their source in the deal's terms. */
  readonly pricingIndexLevels: IndexLevels;
  /** Deal-specific scenario switches the runner accepts (documentation for users). */
  readonly notes?: readonly string[];
  readonly classes: readonly ClassDescription[];
}

/** One class's cash flows, period k at index k − 1, dollars. */
export interface ClassFlows {
  readonly interest: Float64Array;
  readonly principal: Float64Array;
  /** Balance after the period's principal and writedowns (notional for interest-only classes). */
  readonly balance: Float64Array;
  readonly writedown: Float64Array;
  /** Coupon rate paid for the period, percent. */
  readonly couponPct: Float64Array;
}

/** One per-period series of a deal's waterfall, named in the deal's own words. */
export interface WaterfallSeries {
  readonly label: string;
  /** dollars; pct (percent per year); flag (1 = in effect, 0 = not). */
  readonly unit: 'dollars' | 'pct' | 'flag';
  /** Period k at index k − 1; may be shorter than the run (the rest reads as empty). */
  readonly values: ArrayLike<number>;
}

/** A fund, test or rate of the priority of payments, as a group of series. */
export interface WaterfallGroup {
  readonly name: string;
  readonly series: readonly WaterfallSeries[];
}

/**
 * What the waterfall sheet shows beyond the class flows: every fund and test the priority uses,
 * by period, and where the deal ends.
 */
export interface WaterfallReport {
  /** The deal's last period: the redemption, or the last period any class was paid or written down. */
  readonly lastPeriod: number;
  /** Period the optional redemption (auction, clean-up call) retired the bonds, if it did. */
  readonly redeemedPeriod: number | null;
  /** Deal-level groups in the order of the priority: funds and excess spread, OC, tests, caps, derivatives. */
  readonly groups: readonly WaterfallGroup[];
  /** Per class, the series beyond `ClassFlows` (carryover paid and unpaid, unpaid interest, uncapped coupon). */
  readonly classes: ReadonlyMap<string, readonly WaterfallSeries[]>;
}

export interface DealRun {
  readonly periods: number;
  /** Distribution dates, 'YYYY-MM-DD', one per period. */
  readonly payDates: readonly string[];
  readonly classes: ReadonlyMap<string, ClassFlows>;
  /** Per class, the Net Rate Cap (CWALT) or Available Funds Rate (Impac) of each period, percent. */
  readonly rateCapPct: ReadonlyMap<string, Float64Array>;
  /** Collateral flows per loan group. */
  readonly collateral: readonly PoolFlows[];
  /**
   * The index the floaters' coupons were projected on, per period (1M LIBOR for both deals), percent:
   * flat for the term sheets, shifted or forward in a scenario. The discount margin is a constant
   * spread over this path (conventions.md §7). Absent: the scenario's flat 1M LIBOR.
   */
  readonly floaterIndexPct?: Float64Array;
  /** The priority's funds and tests by period, for the waterfall sheet (deals that report them). */
  readonly waterfall?: WaterfallReport;
}

/** One printed figure beside the engine's, for the fidelity scoreboard. */
export interface ReferenceCheck {
  /** The reference file's table name: 'aioNotional', 'availableFundsRate', 'collateralSummary', ... */
  readonly table: string;
  readonly row: string;
  readonly field: string;
  readonly printed: number | string | null;
  readonly measured: number | string | null;
  /** Printed decimals for numbers (compared after rounding to them); strings compare exactly. */
  readonly decimals?: number;
}

export interface DealModel {
  readonly description: DealDescription;
  /** Pure: the same scenario always gives the same run. */
  run(scenario: Scenario): DealRun;
  /**
   * The deal's own printed tables beyond the pricing and class tables (A-IO schedule, Available
   * Funds Rate, collateral summary), given the parsed reference file of `shared/reference/`.
   */
  referenceChecks?(reference: unknown): ReferenceCheck[];
  /** The collateral projection alone, per loan group (benchmarks time it apart from the waterfall). */
  projectCollateral?(scenario: Scenario): readonly PoolFlows[];
  /** Number of representative loan lines the projection runs over. */
  readonly repLineCount?: number;
  /**
   * The term sheet's rate schedule (Impac: the Available Rate schedule, footnotes (2) and (3)):
   * per period, the base column and the shocked column, percent.
   */
  rateSchedule?(): { period: number; forwardCurves: number; plus1000bp: number }[];
  /** Scheduled notional of an interest-only class for a distribution period (CWALT A-IO), dollars. */
  notionalSchedule?(className: string, period: number): number;
}
