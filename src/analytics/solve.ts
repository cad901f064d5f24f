import { EngineError } from '../errors';

/**
 * One-dimensional root finding for the price equations (yield, discount margin).
 *
 * Newton's method safeguarded by bisection (Numerical Recipes' `rtsafe`): the root is kept
 * inside a bracket [lo, hi] where f changes sign; a Newton step that would leave the bracket,
 * or that does not at least halve the step before last, is replaced by bisection. On the smooth,
 * monotone price functions used here Newton converges in a handful of steps; bisection
 * guarantees convergence on anything continuous.
 *
 * Convergence: |f(x)| ≤ `tolerance` (default 1e-12, in the units of f: price per 100 of face),
 * or the bracket has shrunk to a few ulps of x (x is then as good as float64 allows, and the
 * remaining |f| is rounding noise in the sum). Anything else throws `EngineError`, never NaN.
 */

export interface RootOptions {
  /** Field named in the EngineError when the solve fails (for example 'yield'). */
  readonly field: string;
  /** Stop when |f(x)| ≤ tolerance. Default 1e-12. */
  readonly tolerance?: number;
  /** Iteration cap. Default 200: bisection alone takes a bracket of width 10 to a few ulps in ~60 steps; Newton needs < 10. */
  readonly maxIterations?: number;
}

export const DEFAULT_TOLERANCE = 1e-12;
const DEFAULT_MAX_ITERATIONS = 200;

/**
 * A root of `f` in [lo, hi]; `f(lo)` and `f(hi)` must have opposite signs (or one of them be 0).
 * `df` is the derivative of `f`; without it every step bisects.
 */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: RootOptions,
  df?: (x: number) => number,
): number {
  if (!(lo < hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new EngineError(options.field, `solver needs a finite bracket lo < hi, got [${lo}, ${hi}]`);
  }
  return solveInBracket(f, { lo, hi, fLo: f(lo), fHi: f(hi) }, options, df);
}

/** A sign-changing interval with the function's values at its ends. */
export interface Bracket {
  readonly lo: number;
  readonly hi: number;
  readonly fLo: number;
  readonly fHi: number;
}

/** As `findRoot`, reusing the values at the bracket ends (from `bracketDecreasing`). */
export function solveInBracket(
  f: (x: number) => number,
  bracket: Bracket,
  options: RootOptions,
  df?: (x: number) => number,
): number {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const { lo, hi, fLo, fHi } = bracket;
  if (!Number.isFinite(fLo) || !Number.isFinite(fHi)) {
    throw new EngineError(options.field, `price function is not finite at the bracket ends [${lo}, ${hi}]`);
  }
  if (Math.abs(fLo) <= tolerance) return lo;
  if (Math.abs(fHi) <= tolerance) return hi;
  if (fLo * fHi > 0) {
    throw new EngineError(options.field, `no solution between ${lo} and ${hi} (the price is out of reach)`);
  }
  // Orient so that f(neg) < 0 < f(pos).
  let neg = fLo < 0 ? lo : hi;
  let pos = fLo < 0 ? hi : lo;
  // First guess: where the chord through the bracket ends crosses zero (prices are nearly linear).
  let x = lo - (fLo * (hi - lo)) / (fHi - fLo);
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  let step = Math.abs(hi - lo);
  let stepBefore = step;
  let best = x;
  let bestAbs = Infinity;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const fx = f(x);
    if (!Number.isFinite(fx)) {
      throw new EngineError(options.field, `price function is not finite at ${x}`);
    }
    const absFx = Math.abs(fx);
    if (absFx < bestAbs) {
      bestAbs = absFx;
      best = x;
    }
    if (absFx <= tolerance) return x;
    if (fx < 0) neg = x;
    else pos = x;
    const width = Math.abs(pos - neg);
    if (width <= 4 * Number.EPSILON * Math.max(1, Math.abs(x))) return best;

    let next = Number.NaN;
    if (df !== undefined) {
      const slope = df(x);
      if (slope !== 0 && Number.isFinite(slope)) next = x - fx / slope;
    }
    const low = Math.min(neg, pos);
    const high = Math.max(neg, pos);
    const newtonOk = next > low && next < high && Math.abs(next - x) <= 0.5 * stepBefore;
    stepBefore = step;
    if (newtonOk) {
      step = Math.abs(next - x);
      x = next;
    } else {
      const mid = 0.5 * (neg + pos);
      step = Math.abs(mid - x);
      x = mid;
    }
  }
  throw new EngineError(options.field, `solver did not converge in ${maxIterations} iterations (best |error| ${bestAbs})`);
}

/**
 * Widens [lo, hi] until a decreasing function `f` changes sign, moving each end outward by a
 * doubling step but never past `floor` (exclusive) or `ceiling`. Returns the bracket with the
 * values at its ends, or throws when the sign change lies outside [floor, ceiling] (the target
 * is out of reach).
 */
export function bracketDecreasing(
  f: (x: number) => number,
  lo: number,
  hi: number,
  floor: number,
  ceiling: number,
  field: string,
): Bracket {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  let step = Math.max(b - a, 1e-3);
  // f(a) < 0: the root lies left of a; move a toward the floor (halving the gap once a full step would cross it).
  for (let i = 0; i < 200 && fa < 0; i++) {
    if (a - floor <= 4 * Number.EPSILON * Math.max(1, Math.abs(floor))) break;
    b = a;
    fb = fa;
    a = a - step > floor ? a - step : 0.5 * (a + floor);
    fa = f(a);
    step *= 2;
  }
  step = Math.max(b - a, 1e-3);
  // f(b) > 0: the root lies right of b; move b toward the ceiling.
  for (let i = 0; i < 200 && fb > 0 && b < ceiling; i++) {
    a = b;
    fa = fb;
    b = Math.min(b + step, ceiling);
    fb = f(b);
    step *= 2;
  }
  if (!(fa >= 0 && fb <= 0)) {
    throw new EngineError(field, 'no solution: the price is outside the range the cash flows can reach');
  }
  return { lo: a, hi: b, fLo: fa, fHi: fb };
}
