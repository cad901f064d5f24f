/**
 * The pricing speed is a term of the deal (each loan group's "Pricing Prepayment Speed": a flat
 * CPR, or a ramp such as CWALT's PPC); a scenario's speed is a percent of it or a CPR vector.
 * `prepaymentOf` is the one function that turns the two into a loan group's prepayment, and
 * `maxSpeedPct` the one rule for the fastest speed a deal accepts.
 */
import { EngineError } from '../errors';
import type { RampCurve, RampIndexing } from '../analytics/prepayment';
import type { PrepaymentSpec } from '../collateral/scenario';
import type { Speed } from './types';

/** A loan group's pricing speed. */
export type PricingSpeed =
  /** A flat CPR, percent (Impac: 30; CWALT group 2: 25). */
  | { readonly kind: 'cpr'; readonly cprPct: number }
  /** A ramp by loan month (CWALT group 1: 100% PPC, 8% CPR rising to 24% in month 12). */
  | { readonly kind: 'ramp'; readonly curve: RampCurve };

/** The highest CPR a pricing speed reaches, percent. */
function fastestCprPct(speed: PricingSpeed): number {
  return speed.kind === 'cpr' ? speed.cprPct : Math.max(speed.curve.startCprPct, speed.curve.plateauCprPct);
}

/**
 * The fastest speed (percent of pricing) that keeps every group at or below 100% CPR: above it
 * the fastest group would prepay more than every loan it has.
 */
export function maxSpeedPct(groups: readonly PricingSpeed[]): number {
  return Math.floor((100 * 100) / Math.max(...groups.map(fastestCprPct)));
}

/** Throws unless `speed` is within the deal's limit (CPR vectors are checked by the normaliser). */
export function requireSpeedWithin(groups: readonly PricingSpeed[], speed: Speed): void {
  if (speed.kind !== 'pctOfPricing') return;
  const max = maxSpeedPct(groups);
  if (speed.pct > max) {
    const fastest = Math.max(...groups.map(fastestCprPct));
    throw new EngineError('speed', `expected at most ${max}% of the pricing speed (${speed.pct}% would be ${(speed.pct * fastest) / 100}% CPR; 100% CPR is every loan prepaid), got ${speed.pct}`);
  }
}

/**
 * A loan group's prepayment under `speed`: its pricing speed scaled by the percent (each month's
 * CPR scaled, then converted to SMM), or the scenario's CPR vector for every group.
 * `indexing`: which month of a ramp applies (the deal's reading; loan age by default).
 */
export function prepaymentOf(group: PricingSpeed, speed: Speed, indexing?: RampIndexing): PrepaymentSpec {
  if (speed.kind === 'cprVector') return { kind: 'cpr', cprPct: speed.cpr };
  if (group.kind === 'cpr') return { kind: 'cpr', cprPct: (group.cprPct * speed.pct) / 100 };
  return { kind: 'ramp', curve: group.curve, pctOfPricing: speed.pct, ...(indexing ? { indexing } : {}) };
}
