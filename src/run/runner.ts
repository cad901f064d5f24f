/**
 * The runner: (deal, normalised scenario) → DealRun, memoised in a bounded LRU so a sheet of
 * cells asking the same scenario projects it once. Runs are pure, so a cached run is always
 * the right answer for its key.
 */
import type { DealModel, DealRun } from '../deals/types';
import { LruCache } from './lru';
import { type Scenario, scenarioKey } from './scenario';

/** Enough for a large sheet of sensitivities; one run holds a few hundred KB of Float64Arrays. */
export const RUN_CACHE_CAPACITY = 256;

const cache = new LruCache<string, DealRun>(RUN_CACHE_CAPACITY);
let projections = 0;

export function runDeal(deal: DealModel, scenario: Scenario): DealRun {
  const key = `${deal.description.id}|${scenarioKey(scenario)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const run = deal.run(scenario);
  projections++;
  cache.set(key, run);
  return run;
}

/** How many runs were computed (cache misses) since the last reset: tests and benchmarks read it. */
export function runStats(): { projections: number; cached: number; capacity: number } {
  return { projections, cached: cache.size, capacity: cache.capacity };
}

export function resetRunCache(): void {
  cache.clear();
  projections = 0;
}
