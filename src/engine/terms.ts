/**
 * A deal as the engine runs it: every rule is data. Classes with their coupon terms, the
 * collections into named funds, the priority of payments (`Step`s of src/waterfall), the named
 * formulas its steps and caps read, the optional redemption, the derivative contracts and the
 * series to record. `runEngine` (run.ts) runs any value of this type; a deal folder only writes one.
 */
import type { PoolFlows } from '../collateral/types';
import type { NotionalTiming, SwapContract } from '../waterfall/derivatives';
import type { CarryoverInterest, CouponTerms } from '../waterfall/interest';
import type { RedemptionBalanceBasis, StepUpStart } from '../waterfall/redemption';
import type { AmountId, CalculationId, ClassId, FundId, Step, TestId } from '../waterfall/step';
import type { Formula } from './formula';

/** Collateral cash a fund collects (per loan group, or all groups). */
export type CollectionSource = 'netInterest' | 'scheduledPrincipal' | 'prepayment' | 'recovery' | 'redemption';

export interface Collection {
  readonly fund: FundId;
  /** Summed in dollars, then rounded to cents once (the rounding residual is recorded). */
  readonly sources: readonly CollectionSource[];
  /** The loan group (0-based); all groups when absent. */
  readonly group?: number;
}

/** A class that pays principal and interest. */
export interface PrincipalClass {
  /** As printed: 'A-1', 'M-2'. */
  readonly name: ClassId;
  /** Original principal, dollars. */
  readonly originalBalance: number;
  readonly coupon: Exclude<CouponTerms, { kind: 'interestOnly' }>;
  /** Accrual: act/360 on the period's days, or 30/360 (a twelfth of a year). */
  readonly accrual: 'act/360' | '30/360';
  /** The amount (percent, on the class's accrual basis) that caps its coupon; uncapped when absent. */
  readonly cap?: AmountId;
  /** Whether carryover earns interest at the uncapped or the paid rate. */
  readonly carryoverInterest: CarryoverInterest;
}

/** An interest-only class: interest at a scheduled rate on a notional, both named amounts (dollars, percent). */
export interface InterestOnlyClass {
  readonly name: ClassId;
  /** The original notional, dollars (for descriptions; the notional of each period is `notional`). */
  readonly originalBalance: number;
  readonly coupon: { readonly kind: 'interestOnly' };
  readonly accrual: 'act/360' | '30/360';
  readonly notional: AmountId;
  readonly rate: AmountId;
}

export type EngineClass = PrincipalClass | InterestOnlyClass;

export interface Redemption {
  /** Eligible when the collateral is at most this percent of the cut-off balance. */
  readonly poolPctOfCutoff: number;
  readonly basis: RedemptionBalanceBasis;
  /** Eligible from this period whatever the balance (Impac: February 2014), if any. */
  readonly latestPeriod?: number;
  /** When coupons step up if the redemption is not exercised. */
  readonly stepUpStart: StepUpStart;
  /**
   * The threshold whose eligibility starts the step-ups, when it is not the redemption's own
   * (CWALT: the auction's 20%, also when a run goes to the 10% clean-up call).
   */
  readonly stepUpPoolPctOfCutoff?: number;
}

export interface Derivatives {
  /** Net payments the trust makes come out of these funds, in order, before they are deposited. */
  readonly payFrom: readonly FundId[];
  /** Net receipts are deposited here. */
  readonly receiptsTo: FundId;
  readonly notionalTiming: NotionalTiming;
  /** The days the contracts accrue over: the bonds' accrual period or the unadjusted pay dates. */
  readonly days: 'accrualDays' | 'unadjustedDays';
}

export interface EngineTerms {
  readonly name: string;
  readonly cutoffBalance: number;
  readonly dates: { readonly closing: string; readonly firstPayment: string };
  /** The pay dates a run reports: business-day adjusted (default) or the unadjusted day of the month. */
  readonly payDates?: 'adjusted' | 'unadjusted';
  /**
   * How the recorded rounding residual (float dollars the cents leave out) is summed: each
   * collection's own remainder in turn (`perCollection`), or all inflows less all cents deposited
   * (`total`, the default). The same cents either way; the deals' reports keep their figures.
   */
  readonly roundingResidual?: 'perCollection' | 'total';
  /** Every recorded series has the projection's length, zero after the run ends (default: the run's periods). */
  readonly seriesLength?: 'run' | 'projection';
  /** A retired class's coupon is recorded as its rate (default) or as 0. */
  readonly couponOfRetiredClass?: 'rate' | 'zero';
  /** The days a class accrues over: business-day adjusted pay dates, or the unadjusted 25ths. */
  readonly accrualDays: 'accrualDays' | 'unadjustedDays';
  readonly classes: readonly EngineClass[];
  readonly funds: readonly FundId[];
  readonly collections: readonly Collection[];
  readonly derivatives?: Derivatives;
  /**
   * Named amounts in evaluation order: each formula may read the ones before it. Those listed in
   * `beforeInterest` are evaluated once the period's cash is known, before coupons are set (caps);
   * the others when a `calculate` step names them (`calculations`).
   */
  readonly amounts: Readonly<Record<AmountId, Formula>>;
  readonly beforeInterest: readonly AmountId[];
  readonly calculations: Readonly<Record<CalculationId, readonly AmountId[]>>;
  /** Named tests (non-zero = true), evaluated with the `beforeInterest` amounts. */
  readonly tests: Readonly<Record<TestId, Formula>>;
  readonly priority: readonly Step[];
  readonly redemption: Redemption;
  /** Whether interest shortfalls carried forward earn interest at the paid rate. */
  readonly unpaidInterestBearsInterest: boolean;
  /** Deal series recorded each period after the distributions (e.g. the OC amount). */
  readonly record: Readonly<Record<string, Formula>>;
}

/** What a run needs besides the terms. */
export interface EngineInput {
  /** Collateral flows per loan group (same length). */
  readonly pools: readonly PoolFlows[];
  /** The index of each period (element k − 1 = period k), %. */
  readonly indexPct: ArrayLike<number>;
  readonly horizon: 'call' | 'maturity';
  /** The derivative contracts in force; [] runs without them. */
  readonly contracts: readonly SwapContract[];
}
