/**
 * The run cache: engine runs by (deal, normalised scenario) key, bounded by the memory the runs
 * hold rather than by their number, and resistant to a cyclic sweep.
 *
 * - Bound: each run's size is estimated when it is stored (`retainedBytes`: its typed arrays'
 *   buffers, counted once each, its arrays, maps, strings and objects); the cache holds at most
 *   `maxBytes` of them and at most `maxEntries` runs. A pricing run (each class's pricing series,
 *   and the collateral it read, counted in each run that shares it) is about 260 KB for CWALT and
 *   35-70 KB (call) or 130-145 KB (maturity) for Impac at the pricing speeds, so the default 64 MiB
 *   holds about 250 CWALT runs or 450 to 1,024 (the entry bound) Impac runs. A run's waterfall
 *   report, built when the sheet asks for it, is counted then (`grow`, from src/run/runner.ts).
 *   test/run/runCache.test.ts measures what the cached runs really retain (heap and array buffers
 *   after a collection) against the estimate.
 * - Eviction: least recently used, except when the key being stored was itself evicted a short
 *   while ago (it is in the `ghost` list of recently evicted keys): the sheet is then sweeping a
 *   cycle of scenarios larger than the cache, where LRU misses on every call (each run is evicted
 *   just before it is asked again). For such a store the most recently used run is evicted
 *   instead, which keeps most of the cycle cached (the best choice for a loop) instead of none.
 *
 * One instance serves the page: the functions bundle holds the webpack runtime and the pane's
 * bundle reaches the same modules (webpack.config.js), so the pane and the cells share it.
 */

/** The run cache's bound in memory (see above), and in runs. */
export const RUN_CACHE_BYTES = 64 * 2 ** 20;
export const RUN_CACHE_CAPACITY = 1024;

export interface RunCacheStats {
  /** Values computed (misses) since the last clear. */
  readonly runs: number;
  readonly hits: number;
  readonly evictions: number;
  readonly cached: number;
  readonly bytes: number;
  readonly maxBytes: number;
  readonly maxEntries: number;
}

/** How often a cache computed, hit and evicted: a small record others may hold without the runs. */
export interface RunCounters {
  runs: number;
  hits: number;
  evictions: number;
}

export class RunCache<V extends object> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  /** Keys evicted lately, oldest first (values are not kept): a store of one of them is a loop. */
  private readonly ghost = new Set<string>();
  private bytes = 0;
  readonly counters: RunCounters = { runs: 0, hits: 0, evictions: 0 };

  constructor(
    readonly maxBytes: number,
    readonly maxEntries: number,
    private readonly sizeOf: (value: V) => number = retainedBytes,
  ) {
    if (!(maxBytes > 0) || !Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`a run cache needs a positive size and entry count, got ${maxBytes} bytes, ${maxEntries} entries`);
  }

  /** The cached value for `key`, or `compute()` stored under it (unless it alone exceeds the bound). */
  getOrCompute(key: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.counters.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.counters.runs++;
    this.store(key, value);
    return value;
  }

  private store(key: string, value: V): void {
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    const looping = this.ghost.delete(key);
    while (this.entries.size > 0 && (this.bytes + bytes > this.maxBytes || this.entries.size >= this.maxEntries)) {
      this.evict(looping ? this.mostRecentKey() : (this.entries.keys().next().value as string));
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
  }

  /**
   * The cached value of `key` now holds `bytes` more, something it built on demand (a run's
   * waterfall report): counted, the entry made the most recently used (building it was a use),
   * and the least recently used others evicted until the bound holds again. Nothing for a key no
   * longer cached: what it holds is then its caller's.
   */
  grow(key: string, bytes: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.bytes += bytes;
    this.bytes += bytes;
    while (this.bytes > this.maxBytes && this.entries.size > 1) this.evict(this.entries.keys().next().value as string);
  }

  private mostRecentKey(): string {
    let last = '';
    for (const key of this.entries.keys()) last = key;
    return last;
  }

  private evict(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    this.counters.evictions++;
    this.ghost.add(key);
    // Remember about as many evicted keys as the cache can hold runs: enough to see a cycle up to
    // twice the cache's length, a few hundred KB of key text at most.
    if (this.ghost.size > this.maxEntries) this.ghost.delete(this.ghost.values().next().value as string);
  }

  stats(): RunCacheStats {
    return { ...this.counters, cached: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, maxEntries: this.maxEntries };
  }

  clear(): void {
    this.entries.clear();
    this.ghost.clear();
    this.bytes = 0;
    this.counters.runs = 0;
    this.counters.hits = 0;
    this.counters.evictions = 0;
  }
}

/**
 * An estimate of the memory a value retains: typed arrays' buffers (each buffer once, however
 * many views share it), arrays and maps at 8 bytes a slot, strings at 2 bytes a character, plus
 * V8's object headers. An upper estimate where it is cheaper: a view's header is counted at each
 * reference (64 bytes for a series a value lists twice), which spares a hash lookup per view
 * (identity hashes of fresh objects were half the walk's time). About 5 µs for a CWALT run (its
 * 72 class series in 4 buffers, its collateral's series, 357 pay-date strings).
 */
export function retainedBytes(value: unknown): number {
  try {
    return walk(value, new Set());
  } finally {
    lastBuffer = undefined;
  }
}

/** The buffer of the last view sized: an engine's series share a few buffers, in runs of views (not kept after a walk). */
let lastBuffer: ArrayBufferLike | undefined;

function viewBytes(v: ArrayBufferView, seen: Set<unknown>): number {
  const buffer = v.buffer;
  if (buffer === lastBuffer) return 64;
  lastBuffer = buffer;
  return firstSight(seen, buffer) ? 64 + buffer.byteLength : 64;
}

/** Adds `v` to `seen`; false when it was there already (one hash lookup, not a `has` and an `add`). */
function firstSight(seen: Set<unknown>, v: unknown): boolean {
  const size = seen.size;
  return seen.add(v).size !== size;
}

function walk(v: unknown, seen: Set<unknown>): number {
  if (typeof v === 'string') return 16 + 2 * v.length;
  if (v === null || typeof v !== 'object') return 0;
  // A view's header at each reference (a series a run lists twice counts 64 bytes twice), its buffer once.
  if (ArrayBuffer.isView(v)) return viewBytes(v, seen);
  if (!firstSight(seen, v)) return 0;
  let bytes = 32;
  if (v instanceof Map) {
    for (const [k, x] of v as Map<unknown, unknown>) bytes += 24 + walk(k, seen) + walk(x, seen);
  } else if (Array.isArray(v)) {
    bytes += 8 * v.length;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      // (A run's pay dates are hundreds of strings: sized here, without a call each.)
      bytes += typeof x === 'string' ? 16 + 2 * x.length : walk(x, seen);
    }
  } else if (isPlain(v)) {
    // Own enumerable properties, as Object.values gives them, without its array: a plain object inherits none.
    // A run's waterfall report, built on demand, is a non-enumerable getter (src/engine/dealRun.ts), so measuring a run does not build it.
    for (const key in v) bytes += 8 + walk((v as Record<string, unknown>)[key], seen);
  } else {
    for (const x of Object.values(v)) bytes += 8 + walk(x, seen);
  }
  return bytes;
}

/** An object literal's prototype (or none): `for...in` then sees exactly its own enumerable properties. */
function isPlain(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The run counters of every engine instance loaded in this JavaScript realm, under a
 * registry-wide symbol: tests and the benchmark read it to prove the pane and the cells share one
 * engine (one entry, whose run count does not move when cells ask what the pane computed). Only
 * the small counter records are held, never a cache or its runs.
 */
export const ENGINE_INSTANCES = Symbol.for('cwalt.engineInstances');

export function registerEngineInstance(counters: RunCounters): void {
  const g = globalThis as { [ENGINE_INSTANCES]?: RunCounters[] };
  (g[ENGINE_INSTANCES] ??= []).push(counters);
}

export function engineInstances(): readonly RunCounters[] {
  return (globalThis as { [ENGINE_INSTANCES]?: RunCounters[] })[ENGINE_INSTANCES] ?? [];
}
