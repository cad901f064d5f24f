/**
 * The run cache (src/run/runCache.ts): bounded by the memory its runs hold, least recently used
 * for ordinary use, and not thrashed by a sheet that sweeps a cycle of scenarios larger than it.
 * The memory test measures what cached runs really retain (heap + array buffers after a forced
 * collection) against the cache's estimate and bound, on real CWALT runs.
 */
import v8 from 'v8';
import vm from 'vm';
import { RunCache, retainedBytes, engineInstances } from '../../src/run/runCache';
import { resolveDeal } from '../../src/run/registry';
import { resetRunCache, runDeal, runStats, RUN_CACHE_BYTES } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import * as waterfallReport from '../../src/engine/waterfallReport';

/** A stand-in run of a given size: one buffer of `bytes` (the estimate adds a few headers). */
const blob = (bytes: number) => ({ flows: new Float64Array(bytes / 8) });

function sweep(cache: RunCache<object>, keys: number, cycles: number, bytes = 8000): void {
  for (let c = 0; c < cycles; c++) for (let k = 0; k < keys; k++) cache.getOrCompute(`s${k}`, () => blob(bytes));
}

describe('RunCache policy', () => {
  it('is least recently used for ordinary use: a hit refreshes, the oldest run goes first', () => {
    const cache = new RunCache<object>(3 * 8200, 100);
    for (const k of ['a', 'b', 'c']) cache.getOrCompute(k, () => blob(8000));
    cache.getOrCompute('a', () => blob(8000)); // hit: 'b' is now the oldest
    cache.getOrCompute('d', () => blob(8000)); // evicts 'b'
    const before = cache.stats().runs;
    for (const k of ['a', 'c', 'd']) cache.getOrCompute(k, () => blob(8000));
    expect(cache.stats().runs).toBe(before);
    cache.getOrCompute('b', () => blob(8000));
    expect(cache.stats().runs).toBe(before + 1);
  });

  it('holds runs up to its memory bound, not a count, and never stores one larger than the bound', () => {
    const cache = new RunCache<object>(100_000, 1000);
    sweep(cache, 50, 1);
    expect(cache.stats().bytes).toBeLessThanOrEqual(100_000);
    expect(cache.stats().cached).toBe(Math.floor(100_000 / retainedBytes(blob(8000))));
    cache.getOrCompute('huge', () => blob(200_000));
    expect(cache.stats().bytes).toBeLessThanOrEqual(100_000);
  });

  it('keeps most of a cyclic sweep larger than itself cached (LRU would miss every call)', () => {
    // 100 scenarios cycled 10 times through a cache that holds 64 of them
    const cache = new RunCache<object>(64 * retainedBytes(blob(8000)), 1000);
    sweep(cache, 100, 1);
    const first = cache.stats();
    expect(first.runs).toBe(100);
    sweep(cache, 100, 9);
    const s = cache.stats();
    const hitRate = s.hits / (9 * 100);
    expect(hitRate).toBeGreaterThan(0.55); // the best possible for a loop is 63/100
    expect(s.bytes).toBeLessThanOrEqual(s.maxBytes);
    console.log(`[run cache] cyclic sweep of 100 over a cache of 64: ${(100 * hitRate).toFixed(0)}% hits after the first cycle`);
  });

  it('counts what a cached value builds later, evicting the least recently used others to keep the bound', () => {
    const one = retainedBytes(blob(8000));
    const cache = new RunCache<object>(3 * one, 100);
    for (const k of ['a', 'b', 'c']) cache.getOrCompute(k, () => blob(8000));
    cache.grow('a', one); // 'a' is now the most recently used and the largest: 'b' goes
    expect(cache.stats()).toMatchObject({ bytes: 3 * one, cached: 2, evictions: 1 });
    const before = cache.stats().runs;
    for (const k of ['a', 'c']) cache.getOrCompute(k, () => blob(8000));
    expect(cache.stats().runs).toBe(before);
    cache.grow('b', one); // no longer cached: nothing to count
    expect(cache.stats().bytes).toBe(3 * one);
  });

  it('counts the waterfall report of a cached run in the bound once it is built, once', () => {
    resetRunCache();
    const run = runDeal(resolveDeal('J4'), normaliseScenario({ speed: 138, horizon: 'call' }));
    const before = runStats().bytes;
    const report = run.waterfall;
    expect(runStats().bytes).toBe(before + retainedBytes(report));
    expect(run.waterfall).toBe(report);
    expect(runStats().bytes).toBe(before + retainedBytes(report));
    resetRunCache();
  });

  it('measures a run without building its waterfall report (built on demand)', () => {
    const build = jest.spyOn(waterfallReport, 'buildWaterfallReport');
    const run = runDeal(resolveDeal('J4'), normaliseScenario({ speed: 137, horizon: 'call' }));
    expect(retainedBytes(run)).toBeGreaterThan(0);
    expect(build).not.toHaveBeenCalled();
    expect(run.waterfall?.groups.length).toBeGreaterThan(0);
    expect(build).toHaveBeenCalledTimes(1);
    build.mockRestore();
  });

  it('estimates a value: each buffer once, a view header at each reference, shared objects and cycles once', () => {
    const buffer = new ArrayBuffer(8000);
    const a = new Float64Array(buffer, 0, 500);
    const b = new Float64Array(buffer, 4000, 500);
    const own = new Float64Array(100);
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { name: 'ab' };
    cyclic.self = cyclic;
    // The object: 32 + 5 properties x 8. The array: 32 + 3 slots x 8, three view headers, one 8000-byte buffer. `own`: a header
    // and its buffer. The map: 32 + an entry 24 + key 16 + 2 + `shared` 32 + 8. `cyclic`: 32 + 'ab' 8 + 20 + itself 8 + 0. `again`: 0.
    const value = { series: [a, b, a], own, map: new Map([['k', shared]]), cyclic, again: shared };
    const expected = 32 + 5 * 8 + (32 + 3 * 8 + 3 * 64 + 8000) + (64 + 800) + (32 + 24 + 18 + 40) + (32 + 8 + 20 + 8);
    expect(retainedBytes(value)).toBe(expected);
    expect(retainedBytes(value)).toBe(expected); // nothing is kept between walks
  });

  it('counts what each engine instance computed, for the shared-runtime checks', () => {
    expect(engineInstances().length).toBeGreaterThanOrEqual(1);
    expect(engineInstances().every((c) => typeof c.runs === 'number')).toBe(true);
  });
});

describe('the engine run cache on real runs', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const retained = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };

  it('a cyclic sweep of 100 CWALT scenarios stays within the measured memory bound', () => {
    const j4 = resolveDeal('J4');
    const scenarios = Array.from({ length: 100 }, (_, i) => normaliseScenario({ speed: 50 + i, horizon: 'maturity' }));
    resetRunCache();
    const base = retained();
    const cycleMs: number[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      const t0 = process.hrtime.bigint();
      for (const s of scenarios) runDeal(j4, s);
      cycleMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const stats = runStats();
    const held = retained() - base;
    // The estimate is what bounds the cache; what the runs really retain must be within 10% of
    // it (V8's headers and the Map), so the bound holds in real memory too.
    expect(stats.bytes).toBeLessThanOrEqual(RUN_CACHE_BYTES);
    expect(held).toBeLessThanOrEqual(1.1 * stats.bytes + 2 ** 20);
    expect(held).toBeLessThanOrEqual(1.1 * RUN_CACHE_BYTES);
    console.log(
      `[run cache] 100 CWALT scenarios x 3 cycles: ${stats.projections} runs, ${stats.cached} cached, estimate ${(stats.bytes / 2 ** 20).toFixed(1)} MiB, ` +
        `retained ${(held / 2 ** 20).toFixed(1)} MiB (bound ${(RUN_CACHE_BYTES / 2 ** 20).toFixed(0)} MiB); cycles ${cycleMs.map((t) => t.toFixed(1)).join(' / ')} ms`,
    );
    resetRunCache();
  });

  it('opening the waterfall of 100 CWALT scenarios stays within the measured memory bound', () => {
    const j4 = resolveDeal('J4');
    resetRunCache();
    const base = retained();
    for (let i = 0; i < 100; i++) expect(runDeal(j4, normaliseScenario({ speed: 50 + i, horizon: 'call' })).waterfall).toBeDefined();
    const stats = runStats();
    const held = retained() - base;
    // 100 runs and reports (about 900 KB each) are more than the bound: the cache evicts as reports are built.
    expect(stats.cached).toBeLessThan(100);
    expect(stats.bytes).toBeLessThanOrEqual(RUN_CACHE_BYTES);
    expect(held).toBeLessThanOrEqual(1.1 * RUN_CACHE_BYTES);
    console.log(`[run cache] 100 CWALT waterfalls: ${stats.cached} runs cached, estimate ${(stats.bytes / 2 ** 20).toFixed(1)} MiB, retained ${(held / 2 ** 20).toFixed(1)} MiB`);
    resetRunCache();
  });
});
