/**
 * Readings of an engine run every deal's view needs: the last period a class was paid or still
 * owed, and the first period the collateral falls to a percent of the cut-off balance (the
 * optional redemption's eligibility) over the deal's loan groups.
 */
import type { PoolFlows } from '../collateral/types';
import { firstEligiblePeriod, type RedemptionBalanceBasis } from '../waterfall/redemption';
import type { PricingRun } from './outputs';

/** Last period in which any class was paid (principal, or interest, carryover or a loss reimbursed: none negative) or (a principal class) still had a balance; 0 if none. */
export function lastActivePeriod(run: PricingRun, hasPrincipal: (classIndex: number) => boolean): number {
  let lastPeriod = 0;
  for (let k = 0; k < run.classes.length; k++) {
    const f = run.classes[k];
    const principalClass = hasPrincipal(k);
    for (let i = run.periods - 1; i >= lastPeriod; i--) {
      if (f.principal[i] > 0 || f.nonPrincipal[i] > 0 || (principalClass && f.endBalance[i] > 0)) {
        lastPeriod = i + 1;
        break;
      }
    }
  }
  return lastPeriod;
}

/** First period the groups' collateral together is at most a percent of the cut-off balance, on the given basis. */
export function redemptionEligibility(pools: readonly PoolFlows[], cutoffBalance: number, basis: RedemptionBalanceBasis): (pct: number) => number | null {
  const n = pools[0].periods;
  const begin = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const p of pools) {
      begin[i] += p.beginBalance[i];
      end[i] += p.endBalance[i];
    }
  }
  return (pct) => firstEligiblePeriod({ beginBalance: begin, endBalance: end, cutoffBalance, thresholdPct: pct, basis });
}
