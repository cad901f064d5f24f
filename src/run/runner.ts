/**
 * The runner: (deal, normalised scenario) → DealRun, memoised in a bounded LRU so a sheet of
 * cells asking the same scenario projects it once. Runs are pure, so a cached run is always
 * the right answer for its key.
 */
import type { DealModel, DealRun } from '../deals/types';
import { LruCache } from './lru';
import { type Scenario, scenarioKey } from './scenario';

/**
 * Enough for a large sheet of sensitivities (a 1,000-cell sheet over 20 scenarios uses 20), and
 * bounded: a cached CWALT run holds about 590 KB, an Impac run about 150 KB (measured with
 * heap + array buffers), so at most about 37 MB inside Excel's runtime.
 */
export const RUN_CACHE_CAPACITY = 64;

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
