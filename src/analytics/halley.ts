/**
 * The price equations' quick solve: Halley's method on the log of the price,
 *
 *   g(x) = ln(P(x) / P_target),   x ← x − 2 g g′ / (2 g′² − g g″),
 *
 * with the value, slope and curvature of P from one pass over the flows. Both price functions
 * (the yield's Σ CF_k e^(−2 T_k x), the discount margin's Σ CF_k Π 1/(1 + r τ_j)) are sums of
 * log-convex, decreasing terms, so ln P is nearly linear in the unknown (exactly, for one flow):
 * from the start the bracketing solver used, two or three passes reach the price tolerance where
 * bracketing and safeguarded Newton took six to nine (the pricing grid's largest analytic cost).
 *
 * The answer is any point where |P − P_target| ≤ tolerance, as before; it differs from the
 * bracketing solver's only below that tolerance (≤ 2e-12 relative on both deals' grids). These
 * kernels trust their input (the callers validate it) and return NaN whenever they leave the
 * domain, stall at float precision or take too long: the caller then runs the bracketing solver,
 * which decides, so every error and every edge case is exactly what it was.
 */

/** Passes before giving up (converging cases take 2-5). */
const MAX_PASSES = 12;

/** A step within a few ulps of x: once is the last digits settling, twice in a row a stall at float precision (rounding in the sum above the tolerance), which the bracketing solver settles. */
function tiny(step: number, x: number): boolean {
  return Math.abs(step) <= 4 * Number.EPSILON * Math.max(1, Math.abs(x));
}

/** The Halley step on g = ln(P/target) from P, P′, P″; the Newton step when Halley's denominator vanishes. */
function halleyStep(pv: number, d1: number, d2: number, scale: number, target: number): number {
  const g = Math.log((scale * pv) / target);
  const g1 = d1 / pv;
  const g2 = d2 / pv - g1 * g1;
  const denominator = 2 * g1 * g1 - g * g2;
  return denominator > 0 ? (2 * g * g1) / denominator : g / g1;
}

/**
 * x = ln(1 + Y/200) with scale · Σ amount_k e^(−2 t_k x) within `tolerance` of `target`, from
 * x = 0 (where the pass needs no exponential); NaN when the quick solve does not settle in (−5, 5).
 * `sums`, when given, receives the pass at the answer: [Σ CF_k e^(−2 T_k x), Σ T_k CF_k e^(−2 T_k x), x],
 * the very sums of a Macaulay duration at x (each term scaled by −2 and back, exactly).
 */
export function yieldLogRate(t: ArrayLike<number>, amount: ArrayLike<number>, n: number, scale: number, target: number, tolerance: number, sums?: Float64Array): number {
  let pv = 0;
  let d1 = 0;
  let d2 = 0;
  for (let k = 0; k < n; k++) {
    const m = -2 * t[k];
    pv += amount[k];
    d1 += m * amount[k];
    d2 += m * m * amount[k];
  }
  let x = 0;
  let tinyBefore = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    if (Math.abs(scale * pv - target) <= tolerance) {
      if (sums !== undefined) {
        sums[0] = pv;
        sums[1] = d1 / -2;
        sums[2] = x;
      }
      return x;
    }
    if (!(pv > 0 && d1 < 0)) return Number.NaN;
    const step = halleyStep(pv, d1, d2, scale, target);
    const next = x - step;
    if (!(next > -5 && next < 5) || next === x || (tiny(step, x) && tinyBefore)) return Number.NaN;
    tinyBefore = tiny(step, x);
    x = next;
    pv = 0;
    d1 = 0;
    d2 = 0;
    for (let k = 0; k < n; k++) {
      const m = -2 * t[k];
      const term = amount[k] * Math.exp(m * x);
      pv += term;
      d1 += m * term;
      d2 += m * m * term;
    }
  }
  return Number.NaN;
}

/**
 * The discount rate r in scale · Σ amount_k Π_{j≤k} 1/(1 + (base_j + r) τ_j) = target (within
 * `tolerance`), from `start`, staying above `floor` (where a discount factor turns non-positive)
 * and below `ceiling`: `base` is 0 for a flat index (r is index + DM) or the index path per
 * period (r is the spread). NaN when the quick solve does not settle.
 */
export function marginRate(
  tau: ArrayLike<number>,
  amount: ArrayLike<number>,
  n: number,
  scale: number,
  target: number,
  tolerance: number,
  base: ArrayLike<number> | null,
  start: number,
  floor: number,
  ceiling: number,
): number {
  let r = start;
  let tinyBefore = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // D_k = Π 1/(1 + ρ_j τ_j); dD_k/dr = −D_k S_k, d²D_k/dr² = D_k (S_k² + Q_k), with
    // S_k = Σ τ_j/(1 + ρ_j τ_j) and Q_k = Σ (τ_j/(1 + ρ_j τ_j))².
    let discount = 1;
    let s1 = 0;
    let s2 = 0;
    let pv = 0;
    let d1 = 0;
    let d2 = 0;
    for (let k = 0; k < n; k++) {
      const rate = base === null ? r : base[k] / 100 + r;
      const inverse = 1 / (1 + rate * tau[k]);
      discount *= inverse;
      const q = tau[k] * inverse;
      s1 += q;
      s2 += q * q;
      const term = amount[k] * discount;
      pv += term;
      d1 -= term * s1;
      d2 += term * (s1 * s1 + s2);
    }
    if (Math.abs(scale * pv - target) <= tolerance) return r;
    if (!(pv > 0 && d1 < 0)) return Number.NaN;
    const step = halleyStep(pv, d1, d2, scale, target);
    const next = r - step;
    if (!(next > floor && next < ceiling) || next === r || (tiny(step, r) && tinyBefore)) return Number.NaN;
    tinyBefore = tiny(step, r);
    r = next;
  }
  return Number.NaN;
}
