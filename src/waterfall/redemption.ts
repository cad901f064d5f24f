/**
 * Optional and mandatory redemptions (conventions.md §11): an auction or clean-up call retires
 * every class at par once the collateral falls to a fraction of its cut-off balance; if it does
 * not happen, coupons step up.
 */

/**
 * Which collateral balance a redemption threshold tests:
 * - `'ending'`: the balance after the period's principal (cwalt-readings.md reading 3: the
 *   auction happens on the first distribution date whose ending balance is at or below 20%);
 * - `'beginning'`: the balance before it.
 */
export type RedemptionBalanceBasis = 'ending' | 'beginning';

/** True when `balance` is at or below `thresholdPct` percent of `cutoffBalance`. */
export function redemptionEligible(balance: number, cutoffBalance: number, thresholdPct: number): boolean {
  return balance <= (thresholdPct / 100) * cutoffBalance + 1e-9;
}

/**
 * First period (1-based) whose collateral balance meets the threshold, or null.
 * `beginBalance[k−1]`, `endBalance[k−1]` are period k's balances.
 */
export function firstEligiblePeriod(args: {
  readonly beginBalance: ArrayLike<number>;
  readonly endBalance: ArrayLike<number>;
  readonly cutoffBalance: number;
  readonly thresholdPct: number;
  readonly basis: RedemptionBalanceBasis;
}): number | null {
  const series = args.basis === 'ending' ? args.endBalance : args.beginBalance;
  for (let i = 0; i < series.length; i++) {
    if (redemptionEligible(series[i], args.cutoffBalance, args.thresholdPct)) return i + 1;
  }
  return null;
}

/**
 * When the step-up starts, relative to the first eligible redemption period E:
 * - `'afterEligible'`: from period E + 1 ("after the Mandatory Auction date"; lawinsider "after
 *   the first possible Optional Redemption Date"); the default;
 * - `'atEligible'`: from period E itself.
 */
export type StepUpStart = 'afterEligible' | 'atEligible';

export function steppedUp(period: number, firstEligible: number | null, start: StepUpStart): boolean {
  if (firstEligible === null) return false;
  return start === 'afterEligible' ? period > firstEligible : period >= firstEligible;
}
