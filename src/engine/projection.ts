/**
 * A scenario's collateral, for every deal alike: the index paths (the deal's pricing-date levels
 * under the scenario's, or its forward curves, shifted), each loan group projected at its
 * pricing speed scaled by the scenario (or the scenario's CPR vector), with the scenario's
 * credit, over the same periods; and the index each period's coupons read.
 */
import type { RampIndexing } from '../analytics/prepayment';
import { projectPools } from '../collateral/project';
import type { RepLine } from '../collateral/repline';
import type { PrepaymentBase } from '../collateral/scenario';
import type { PoolFlows } from '../collateral/types';
import { type IndexPath, sharedLevelsByPeriod } from '../market/indices';
import { scenarioIndexPath } from '../scenario/indexPath';
import { prepaymentOf, requireSpeedWithin, type PricingSpeed } from '../scenario/pricingSpeed';
import type { IndexLevels, Scenario } from '../scenario/types';

export interface CollateralTerms {
  readonly dealName: string;
  /** Each loan group's rep lines and pricing speed. */
  readonly groups: readonly { readonly lines: readonly RepLine[]; readonly pricingSpeed: PricingSpeed }[];
  /** Index levels on the pricing date, percent. */
  readonly pricingLevels: IndexLevels;
  /** The deal's forward-curve path, if it has one. */
  readonly forward?: () => IndexPath;
  /** What the SMM applies to (the collateral default when absent). */
  readonly prepaymentBase?: PrepaymentBase;
  /** Which month of a ramp applies (loan age by default). */
  readonly rampIndexing?: RampIndexing;
}

export interface ProjectedCollateral {
  readonly pools: readonly PoolFlows[];
  readonly indices: IndexPath;
  /** One-month LIBOR of each period, percent (what floating coupons read). Read-only: shared by projections of one flat level. */
  readonly libor1mPct: Float64Array;
}

/** Every group over the longest remaining term plus the recovery lag, so all end together. */
export function projectCollateral(terms: CollateralTerms, scenario: Scenario): ProjectedCollateral {
  requireSpeedWithin(terms.groups.map((g) => g.pricingSpeed), scenario.speed);
  const indices = scenarioIndexPath(scenario, terms.pricingLevels, terms.dealName, terms.forward);
  let longest = 0;
  for (const g of terms.groups) for (const l of g.lines) longest = Math.max(longest, l.remainingTermMonths);
  const periods = longest + scenario.credit.lagMonths;
  const { cdr, severity, lagMonths } = scenario.credit;
  // The groups in one call: one buffer for all their flows, each index read once.
  const pools = projectPools(
    terms.groups.map((g) => ({
      lines: g.lines,
      scenario: {
        periods,
        prepayment: prepaymentOf(g.pricingSpeed, scenario.speed, terms.rampIndexing),
        cdrPct: cdr,
        severityPct: severity,
        lagMonths,
        indices,
        ...(terms.prepaymentBase ? { prepaymentBase: terms.prepaymentBase } : {}),
      },
    })),
  );
  // Element p of the table is period p's level (what `rate('libor1m', p)` gives); one table shared
  // by every projection of a flat path with this level (read-only, as the flows are).
  const libor1mPct = sharedLevelsByPeriod(indices, 'libor1m', periods).subarray(1);
  return { pools, indices, libor1mPct };
}

/** Recent projections per collateral terms object, by the scenario fields a projection reads. */
let projections = new WeakMap<CollateralTerms, Map<string, ProjectedCollateral>>();

/** Forgets every shared projection (a cold start for benchmarks and tests). */
export function clearSharedProjections(): void {
  projections = new WeakMap();
}
/** Enough for a pricing grid's speeds: its call runs, then its maturity runs, share them. */
const PROJECTIONS_KEPT = 16;

/**
 * `projectCollateral`, shared by the runs of one collateral scenario: the horizon (and the
 * derivatives and conventions) do not change the collateral, so a scenario's call and maturity
 * runs read one projection. The flows are never mutated by a run. The terms object must be the
 * same one (deals keep theirs per pool and readings).
 */
export function sharedProjection(terms: CollateralTerms, scenario: Scenario): ProjectedCollateral {
  let known = projections.get(terms);
  if (!known) projections.set(terms, (known = new Map()));
  const { speed, indices, credit } = scenario;
  const key = JSON.stringify([
    speed.kind === 'pctOfPricing' ? speed.pct : speed.cpr,
    [indices.libor1m, indices.libor6m, indices.libor12m, indices.cmt1y],
    scenario.curve,
    scenario.shiftBp,
    scenario.shiftFromPeriod,
    [credit.cdr, credit.severity, credit.lagMonths],
  ]);
  let projected = known.get(key);
  if (projected) return projected;
  projected = projectCollateral(terms, scenario);
  if (known.size >= PROJECTIONS_KEPT) known.delete(known.keys().next().value as string);
  known.set(key, projected);
  return projected;
}
