/**
 * Memos for what a deal builds from its terms once and shares between runs: a deal's engine
 * terms per set of readings, its collateral terms per pool, a calibrated pool on first use.
 * Every value is a pure function of its owner and key, so a memo only saves the rebuilding:
 * runs of one scenario then also share one projection (`sharedProjection` keys on the terms object).
 */

/** A value per key, built on first request. */
export function memoByKey<Value>(): (key: string, build: () => Value) => Value {
  const known = new Map<string, Value>();
  return (key, build) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = build()));
    return value;
  };
}

/** A value per owner object and key, built on first request; an owner no longer used is let go with its values. */
export function memoByOwner<Owner extends object, Value>(): (owner: Owner, key: string, build: () => Value) => Value {
  const byOwner = new WeakMap<Owner, (key: string, build: () => Value) => Value>();
  return (owner, key, build) => {
    let memo = byOwner.get(owner);
    if (!memo) byOwner.set(owner, (memo = memoByKey<Value>()));
    return memo(key, build);
  };
}

export interface Lazy<Value> {
  (): Value;
  /** How many times the value was built (0 before the first call, then 1): tests check a calibration is lazy and once. */
  readonly builds: number;
}

/** A value built on first call, never when the module loads (a pool calibration), then kept. */
export function lazy<Value>(build: () => Value): Lazy<Value> {
  let value: Value | undefined;
  let builds = 0;
  const get = () => {
    if (builds === 0) {
      value = build();
      builds = 1;
    }
    return value as Value;
  };
  return Object.defineProperty(get, 'builds', { get: () => builds }) as Lazy<Value>;
}

/** Freezes a value and everything it holds (terms shared by every run must not be mutated by one). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
