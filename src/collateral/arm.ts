import type { ArmTerms, RateRounding } from './repline';

/**
 * ARM rate changes (conventions.md §3).
 *
 *   full = round_to_step(index + margin)
 *   r    = clamp(full, previous − cap, previous + cap)     cap = initial cap at the first change, periodic after
 *   r    = clamp(r, floor, lifetime cap)
 *
 * The periodic cap binds down as well as up (a rate may not fall by more than the cap either);
 * the floor and the lifetime cap are applied last, so they win over the periodic cap (a rate
 * below its floor rises to the floor even if that is a larger move than the cap allows).
 */

/** Guards rounding against binary noise: 4.6875 stored as 4.68749999… still rounds as 4.6875. */
const EPS = 1e-9;

/** Rounds `ratePct` to a multiple of `stepPct` by `mode`; a step of 0 leaves the rate as is. */
export function roundRate(ratePct: number, stepPct: number, mode: RateRounding): number {
  if (stepPct <= 0) return ratePct;
  const units = ratePct / stepPct;
  let whole: number;
  switch (mode) {
    case 'nearest':
      whole = Math.floor(units + 0.5 + EPS);
      break;
    case 'up':
      whole = Math.ceil(units - EPS);
      break;
    case 'down':
      whole = Math.floor(units + EPS);
      break;
  }
  // Multiply back and trim the float tail so 37 × 0.125 prints as 4.625.
  return Math.round(whole * stepPct * 1e10) / 1e10;
}

/** The fully indexed rate: index + margin, rounded as the note says. */
export function fullyIndexedRate(indexPct: number, arm: ArmTerms): number {
  return roundRate(indexPct + arm.marginPct, arm.roundingStepPct ?? 0.125, arm.rounding ?? 'nearest');
}

/**
 * The rate after a change date.
 * @param previousRatePct the rate before the change, %
 * @param indexPct the index level observed for the change, %
 * @param first true at the loan's first change (the initial cap applies), false after (periodic cap)
 */
export function resetRate(previousRatePct: number, indexPct: number, arm: ArmTerms, first: boolean): number {
  return capRate(previousRatePct, fullyIndexedRate(indexPct, arm), arm, first);
}

/** The caps applied to a fully indexed rate `fullPct`: periodic (initial at the first change) both ways, then floor and lifetime cap. */
export function capRate(previousRatePct: number, fullPct: number, arm: ArmTerms, first: boolean): number {
  const full = fullPct;
  const cap = first ? arm.initialCapPct : arm.periodicCapPct;
  let r = Math.min(Math.max(full, previousRatePct - cap), previousRatePct + cap);
  r = Math.min(Math.max(r, arm.floorPct), arm.lifetimeCapPct);
  return r;
}
