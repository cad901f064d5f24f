/**
 * The runner: (deal, normalised scenario) → DealRun, memoised in the run cache (./runCache.ts: bounded by memory, resistant to a cyclic sweep) so a sheet of
 * cells asking the same scenario projects it once. Runs are pure, so a cached run is always
 * the right answer for its key.
 */
import type { DealModel, DealRun } from '../deals/types';
import { clearBranches } from '../engine/branch';
import { onWaterfallReport } from '../engine/dealRun';
import { clearSharedProjections } from '../engine/projection';
import { RUN_CACHE_BYTES, RUN_CACHE_CAPACITY, registerEngineInstance, retainedBytes, RunCache } from './runCache';
import { type Scenario, scenarioKey } from './scenario';

export { RUN_CACHE_BYTES, RUN_CACHE_CAPACITY };

const cache = new RunCache<DealRun>(RUN_CACHE_BYTES, RUN_CACHE_CAPACITY);
registerEngineInstance(cache.counters);

/**
 * A run's waterfall report, built when the sheet asks for it (about 650 KB for CWALT, 60-360 KB
 * for Impac), is counted in the cache's bound once built, so opening the waterfall of many
 * scenarios cannot hold more than the bound.
 */
const keys = new WeakMap<DealRun, string>();
onWaterfallReport((run, report) => {
  const key = keys.get(run);
  if (key !== undefined) cache.grow(key, retainedBytes(report));
});

export function runDeal(deal: DealModel, scenario: Scenario): DealRun {
  const key = runKey(deal, scenario);
  return cache.getOrCompute(key, () => {
    const run = deal.run(scenario);
    keys.set(run, key);
    return run;
  });
}

/**
 * The cache key: the deal and its scenario, with an index level left out replaced by the deal's
 * pricing level (what every deal's run uses for it), so the pane, which fills in the levels from
 * the term sheet, and a cell, which leaves them out, ask for the same run.
 */
function runKey(deal: DealModel, scenario: Scenario): string {
  const levels = deal.description.pricingIndexLevels;
  const idx = scenario.indices;
  const indices = { libor1m: idx.libor1m ?? levels.libor1m, libor6m: idx.libor6m ?? levels.libor6m, libor12m: idx.libor12m ?? levels.libor12m, cmt1y: idx.cmt1y ?? levels.cmt1y };
  return `${deal.description.id}|${scenarioKey({ ...scenario, indices })}`;
}

/** How many runs were computed (cache misses) since the last reset: tests and benchmarks read it. */
export function runStats(): { projections: number; cached: number; capacity: number; bytes: number; maxBytes: number } {
  const s = cache.stats();
  return { projections: s.runs, cached: s.cached, capacity: s.maxEntries, bytes: s.bytes, maxBytes: s.maxBytes };
}

/** Forgets every run and what runs share (projections, branch points): the next run starts cold. */
export function resetRunCache(): void {
  cache.clear();
  clearSharedProjections();
  clearBranches();
}
