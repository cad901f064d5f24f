import { EngineError, requireFinite } from '../errors';
import { accrueCents } from './cents';

/**
 * Coupons, caps and carryover (conventions.md §10).
 *
 * A class's coupon is one of three kinds. Rates in percent a year.
 *
 * - `fixed`: the fixed rate (plus `stepUpPct` once the step-up applies), capped by the cap;
 * - `floater`: index + margin (margin × `stepUpMultiplier` once the step-up applies), floored at
 *   `floorPct`, capped by the cap and by `maximumRatePct`;
 * - `interestOnly`: a rate on a notional (its schedule lives in the deal's terms).
 *
 * The **uncapped rate** is what the class would earn without the available-funds cap (for a
 * floater, still limited by the Maximum Rate: CWALT "without giving effect to the Net Rate Cap,
 * and in the case of the Floating Rate Certificates, up to the Maximum Rate"). The difference
 * between interest at the uncapped rate and at the paid rate is the period's carryover.
 */
export type CouponTerms =
  | { readonly kind: 'fixed'; readonly couponPct: number; readonly stepUpPct: number }
  | { readonly kind: 'floater'; readonly marginPct: number; readonly stepUpMultiplier: number; readonly maximumRatePct: number; readonly floorPct: number }
  | { readonly kind: 'interestOnly' };

export interface CouponInputs {
  /** Index fixing for the period (floaters), percent. */
  readonly indexPct: number;
  /** Whether the post-redemption step-up applies this period. */
  readonly steppedUp: boolean;
  /** The available-funds cap (Net Rate Cap) on this class's accrual basis, percent; Infinity for none. */
  readonly capPct: number;
}

export interface CouponRate {
  /** Rate paid (accrued as current interest), percent. */
  readonly ratePct: number;
  /** Rate without the available-funds cap (floaters: still at most the Maximum Rate), percent. */
  readonly uncappedPct: number;
  /** True when the cap set the rate. */
  readonly capped: boolean;
}

/** The period's pass-through rate of a fixed-rate or floating-rate class. */
export function couponRate(terms: CouponTerms, inputs: CouponInputs): CouponRate {
  return couponRateInto(terms, inputs.indexPct, inputs.steppedUp, inputs.capPct, { ratePct: 0, uncappedPct: 0, capped: false });
}

/** `couponRate` into a result the caller keeps (a period loop reuses one per class: nothing allocated). */
export function couponRateInto(terms: CouponTerms, indexPct: number, steppedUp: boolean, capPct: number, out: { -readonly [K in keyof CouponRate]: CouponRate[K] }): CouponRate {
  requireFinite('indexPct', indexPct);
  if (Number.isNaN(capPct)) throw new EngineError('capPct', 'expected a cap in percent or Infinity, got NaN');
  let uncapped: number;
  // The step-up terms are read every period, not only once stepped up, so code optimized before
  // the step-up has seen them.
  switch (terms.kind) {
    case 'fixed': {
      const stepUp = terms.stepUpPct;
      uncapped = terms.couponPct + (steppedUp ? stepUp : 0);
      break;
    }
    case 'floater': {
      const multiplier = terms.stepUpMultiplier;
      const margin = terms.marginPct * (steppedUp ? multiplier : 1);
      uncapped = Math.min(terms.maximumRatePct, Math.max(terms.floorPct, indexPct + margin));
      break;
    }
    case 'interestOnly':
      throw new EngineError('coupon', 'an interest-only class takes its rate from its notional schedule, not couponRate');
    default:
      throw new EngineError('coupon', `unknown coupon kind ${JSON.stringify(terms)}`);
  }
  const cap = Math.max(0, capPct);
  out.ratePct = Math.max(0, Math.min(uncapped, cap));
  out.uncappedPct = Math.max(0, uncapped);
  out.capped = cap < uncapped;
  return out;
}

/**
 * Which rate earlier carryover earns: `'uncapped'` (CWALT "together with accrued interest thereon
 * at the related Pass-Through Rate (without giving effect to the related Net Rate Cap ...)") or
 * `'capped'` (Impac: Basis Risk Shortfalls carry "interest thereon at the Bond Interest Rate").
 */
export type CarryoverInterest = 'uncapped' | 'capped';

/**
 * Carryover outstanding after this period's accrual (cents):
 *   prior unpaid × (1 + rate on prior × τ)  +  balance × (uncapped − paid rate) × τ
 * i.e. earlier shortfalls earn interest (at the uncapped or the paid rate, the deal's term) and
 * this period adds the interest the cap took away.
 */
export function carryoverOutstanding(priorUnpaidCents: number, balanceCents: number, rate: CouponRate, yearFraction: number, interestOnPrior: CarryoverInterest = 'uncapped'): number {
  const interest = accrueCents(priorUnpaidCents, interestOnPrior === 'uncapped' ? rate.uncappedPct : rate.ratePct, yearFraction);
  const paid = accrueCents(balanceCents, rate.ratePct, yearFraction);
  const shortfall = Math.max(0, accrueCents(balanceCents, rate.uncappedPct, yearFraction) - paid);
  return priorUnpaidCents + interest + shortfall;
}

/** Interest shortfalls carried into a period, with interest at the paid rate when the deal says so (cents). */
export function unpaidWithInterest(priorUnpaidCents: number, ratePct: number, yearFraction: number, bearsInterest: boolean): number {
  return bearsInterest ? priorUnpaidCents + accrueCents(priorUnpaidCents, ratePct, yearFraction) : priorUnpaidCents;
}

/**
 * An available-funds cap of the CWALT "Net Rate Cap" form, percent on a 30/360 basis:
 *
 *   cap = WA net mortgage rate − IO rate × IO notional / collateral balance
 *
 * (the strip an interest-only class takes off the top, spread over the collateral). Convert it
 * to an actual/360 class with `toActual360`.
 */
export function netRateCap(args: { readonly netRatePct: number; readonly ioRatePct: number; readonly ioNotional: number; readonly collateralBalance: number }): number {
  const { netRatePct, ioRatePct, ioNotional, collateralBalance } = args;
  requireFinite('netRatePct', netRatePct);
  if (collateralBalance <= 0) return 0;
  return netRatePct - (ioRatePct * Math.max(0, ioNotional)) / collateralBalance;
}

/** A 30/360 rate restated for actual/360 accrual over `days` days: rate × 30 / days ("adjusted to an effective rate reflecting the accrual of interest on an actual/360 basis"). */
export function toActual360(ratePct30360: number, days: number): number {
  if (!(days > 0)) throw new EngineError('days', `expected a positive number of days, got ${days}`);
  return (ratePct30360 * 30) / days;
}

/** Weighted average of caps (CWALT subordinate cap: senior caps weighted by each group's collateral over its seniors); 0 when every weight is 0. */
export function weightedCap(caps: readonly number[], weights: readonly number[]): number {
  let w = 0;
  let x = 0;
  caps.forEach((c, i) => {
    const wi = Math.max(0, weights[i] ?? 0);
    w += wi;
    x += wi * c;
  });
  return w > 0 ? x / w : 0;
}
