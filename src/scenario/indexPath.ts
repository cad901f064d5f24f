/**
 * The index paths of a scenario, for every deal alike: the deal's pricing-date levels with the
 * scenario's levels over them, held flat (or the deal's forward curves, where it has them), then
 * shifted in parallel from `shiftFromPeriod` on.
 */
import { EngineError } from '../errors';
import { flatIndexPath, INDEX_NAMES, shiftedIndexPath, type IndexName, type IndexPath } from '../market/indices';
import type { IndexLevels, Scenario } from './types';

/** The scenario's levels that are set, over the deal's pricing-date levels. */
export function scenarioLevels(scenario: Scenario, pricingLevels: IndexLevels): IndexLevels {
  const levels: Record<IndexName, number> = { ...pricingLevels };
  for (const name of INDEX_NAMES) {
    const v = scenario.indices[name];
    if (v !== undefined) levels[name] = v;
  }
  return levels;
}

/**
 * `forward`: the deal's forward-curve path, when it has one; a deal without one answers a
 * forward scenario with a clear error naming it (`dealName`).
 */
export function scenarioIndexPath(scenario: Scenario, pricingLevels: IndexLevels, dealName: string, forward?: () => IndexPath): IndexPath {
  let base: IndexPath;
  if (scenario.curve === 'forward') {
    if (!forward) throw new EngineError('curve', `${dealName} has no forward curves (the DM/Yield tables hold the index flat); use curve "flat"`, 'notAvailable');
    base = forward();
  } else {
    base = flatIndexPath(scenarioLevels(scenario, pricingLevels));
  }
  return shiftedIndexPath(base, scenario.shiftBp, scenario.shiftFromPeriod);
}
