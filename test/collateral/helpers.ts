import type { ArmTerms, RepLine } from '../../src/collateral/repline';
import type { PoolFlows } from '../../src/collateral/types';

/** A fixed-rate level-pay line with no fees but servicing 0.25 (net = gross − 0.25). */
export function fixedLine(overrides: Partial<RepLine> = {}): RepLine {
  return {
    id: 'fixed',
    balance: 100_000,
    grossRatePct: 6,
    fees: { servicingPct: 0.25 },
    originalTermMonths: 360,
    remainingTermMonths: 360,
    ageMonths: 0,
    ...overrides,
  };
}

/** A 6-month LIBOR ARM line; `arm` fields override the defaults. */
export function armLine(overrides: Partial<RepLine> = {}, arm: Partial<ArmTerms> = {}): RepLine {
  return {
    id: 'arm',
    balance: 100_000,
    grossRatePct: 5,
    fees: { servicingPct: 0.375 },
    originalTermMonths: 360,
    remainingTermMonths: 360,
    ageMonths: 0,
    ...overrides,
    arm: {
      index: 'libor6m',
      marginPct: 2.25,
      monthsToNextReset: 2,
      resetFrequencyMonths: 6,
      initialCapPct: 2,
      periodicCapPct: 1,
      lifetimeCapPct: 11,
      floorPct: 2.25,
      ...arm,
    },
  };
}

export function total(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** Σ over periods of scheduled principal + prepayments + new defaults. */
export function principalOut(flows: PoolFlows): number {
  return total(flows.scheduledPrincipal) + total(flows.prepayment) + total(flows.defaultedBalance);
}

/** WAL in months of the pool's balance: Σ_k end balance of period k − 1 / starting balance (balance-years). */
export function walMonths(flows: PoolFlows): number {
  let s = 0;
  for (let i = 0; i < flows.periods; i++) s += flows.beginBalance[i];
  return s / flows.beginBalance[0];
}
