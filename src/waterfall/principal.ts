import { EngineError } from '../errors';

/**
 * Principal amounts: pure functions that say how much a class or a group of classes is
 * entitled to this period. The cash moves in `principal` steps limited by these amounts.
 */

/** A band of a lockout (NAS) schedule: periods `fromPeriod`..`toPeriod` (null = and after) at `pct`. */
export interface LockoutBand {
  readonly fromPeriod: number;
  readonly toPeriod: number | null;
  /** Lockout percentage (0, 45, 80, 100, 300 ...). */
  readonly pct: number;
}

/** The lockout percentage for `period` (0 before the first band). */
export function lockoutPercent(schedule: readonly LockoutBand[], period: number): number {
  for (const band of schedule) {
    if (period >= band.fromPeriod && (band.toPeriod === null || period <= band.toPeriod)) return band.pct;
  }
  return 0;
}

/**
 * How the lockout class's pro rata share is measured (the share's denominator):
 * - `'seniorGroupBalance'`: lockout class balance / balance of all the group's senior classes
 *   (CWALT 2004-J4 default: cwalt-readings.md reading 6);
 * - `'collateralBalance'`: lockout class balance / the group's collateral balance.
 */
export type LockoutShareBasis = 'seniorGroupBalance' | 'collateralBalance';

/**
 * A NAS / lockout class's principal this period:
 *   min(lockout class balance, principal, principal × pct/100 × lockout balance / denominator)
 * where `principal` is the principal going to the group's seniors this period.
 */
export function lockoutShare(args: { readonly pct: number; readonly lockoutBalance: number; readonly denominator: number; readonly principal: number }): number {
  const { pct, lockoutBalance, denominator, principal } = args;
  if (pct < 0) throw new EngineError('lockoutPct', `expected a percentage of 0 or more, got ${pct}`);
  if (principal <= 0 || lockoutBalance <= 0 || denominator <= 0 || pct === 0) return 0;
  const share = Math.floor((principal * (pct / 100) * lockoutBalance) / denominator);
  return Math.min(lockoutBalance, principal, share);
}

/** Paydown to a target balance: max(0, balance − target). */
export function paydownToTarget(balance: number, target: number): number {
  return Math.max(0, balance - Math.max(0, target));
}

/**
 * Target balance of everything senior to and including a class, after the stepdown:
 *   min((1 − subordination) × collateral, collateral − OC target)
 * ("such that the Class X will have Y% Subordination ... subject to the required
 * Overcollateralization Target"), never below 0. Percent inputs.
 */
export function cumulativeTarget(collateralBalance: number, subordinationPct: number, ocTarget: number): number {
  return Math.max(0, Math.min(((100 - subordinationPct) / 100) * collateralBalance, collateralBalance - ocTarget));
}

/**
 * Classes paid in order down to cumulative targets (post-stepdown subordinates): for each class
 * in order, pay min(left, balance, paydown to its cumulative target) where the cumulative balance
 * counts `seniorBalanceAfter` plus every class up to it after its payment. Returns the amounts.
 */
export function sequentialToCumulativeTargets(args: {
  readonly available: number;
  readonly seniorBalanceAfter: number;
  readonly balances: readonly number[];
  readonly targets: readonly number[];
}): number[] {
  let left = Math.max(0, args.available);
  let ahead = Math.max(0, args.seniorBalanceAfter);
  return args.balances.map((balance, i) => {
    const need = Math.max(0, ahead + balance - args.targets[i]);
    const pay = Math.min(left, balance, need);
    left -= pay;
    ahead += balance - pay;
    return pay;
  });
}
