import { EngineError, requireFinite } from '../errors';
import { CashFlows, type NumberArray, requirePrice, validateCashFlows } from './cashflows';
import { yieldLogRate } from './halley';
import { bracketDecreasing, RootOptions, solveInBracket } from './solve';

/**
 * Bond-equivalent (CBE, semiannual) yield with payment delay (conventions.md §6; BMA Standard
 * Formulas §G.1a):
 *
 *   P_full = Σ_k CF_k · (1 + Y/200)^(−2·T_k)
 *
 * P_full is the full price (clean + accrued) per 100 of current face, Y the yield in percent,
 * T_k the years from settlement to the actual payment date (30/360, delay included). The
 * standard has no odd-coupon exceptions: one formula for every stub.
 *
 * Internally the yield is solved as x = ln(1 + Y/200), which maps Y ∈ (−200, ∞) to all reals and
 * makes the price Σ CF_k e^(−2 T_k x) smooth and (for non-negative flows) convex and decreasing.
 */

/** Price solves stop when the price error is below this, per 100 of face. */
export const PRICE_TOLERANCE = 1e-12;

/** Monthly-compounded mortgage yield from CBE: i_m = 1200[(1 + Y/200)^(1/6) − 1] (SF §G.1b). */
export function monthlyFromCbe(cbePct: number): number {
  requireYield('yield', cbePct);
  return 1200 * Math.expm1(Math.log1p(cbePct / 200) / 6);
}

/** CBE from a monthly-compounded mortgage yield: Y = 200[(1 + i_m/1200)^6 − 1]. */
export function cbeFromMonthly(monthlyPct: number): number {
  requireFinite('monthlyYield', monthlyPct);
  if (monthlyPct <= -1200) throw new EngineError('monthlyYield', `expected a monthly yield above −1200%, got ${monthlyPct}`);
  return 200 * Math.expm1(6 * Math.log1p(monthlyPct / 1200));
}

/**
 * Accrued interest per 100 of current face: couponPct · days / basisDays (SF §F.1).
 * `days` on the class's basis from the start of the accrual period to settlement (CWALT fixed
 * classes: 29 days, April 1 to April 30 on 30/360).
 */
export function accruedInterest(couponPct: number, days: number, basisDays = 360): number {
  requireFinite('coupon', couponPct);
  requireFinite('days', days);
  requireFinite('basisDays', basisDays);
  if (days < 0) throw new EngineError('days', `expected accrued days ≥ 0, got ${days}`);
  if (basisDays <= 0) throw new EngineError('basisDays', `expected a positive day-count denominator, got ${basisDays}`);
  return (couponPct * days) / basisDays;
}

/** Full price per 100 of face at CBE yield `yieldPct`. */
export function priceFromYield(cashFlows: CashFlows, yieldPct: number): number {
  const n = validateCashFlows(cashFlows);
  requireYield('yield', yieldPct);
  return (100 / cashFlows.face) * presentValue(cashFlows.t, cashFlows.amount, n, Math.log1p(yieldPct / 200));
}

/**
 * CBE yield (percent) at which the cash flows are worth `fullPrice` per 100 of face.
 * Throws `EngineError` when no yield reaches the price (for example a price at or below the
 * flows paid at settlement) or the solver fails.
 */
export function yieldFromPrice(cashFlows: CashFlows, fullPrice: number, options?: Partial<RootOptions>): number {
  const n = validateCashFlows(cashFlows);
  return yieldOfFlows(cashFlows.t, cashFlows.amount, n, 100 / cashFlows.face, fullPrice, options);
}

/**
 * As `yieldFromPrice`, on the first `n` flows of arrays already validated (the measures' class
 * streams, built once and priced many times), `scale` = 100 / face. Without options the quick
 * solve (./halley.ts) answers first; the bracketing solver decides whatever it leaves. `sums`:
 * see `yieldLogRate` (untouched when the bracketing solver answers).
 */
export function yieldOfFlows(t: NumberArray, amount: NumberArray, n: number, scale: number, fullPrice: number, options?: Partial<RootOptions>, sums?: Float64Array): number {
  requirePrice(fullPrice);
  let dependsOnYield = false;
  for (let k = 0; k < n && !dependsOnYield; k++) dependsOnYield = t[k] > 0 && amount[k] !== 0;
  if (!dependsOnYield) throw new EngineError('cashFlows', 'the price does not depend on yield (every flow is paid at settlement)');
  if (options === undefined) {
    const quick = yieldLogRate(t, amount, n, scale, fullPrice, PRICE_TOLERANCE, sums);
    if (quick === quick) return 200 * Math.expm1(quick);
  }
  return 200 * Math.expm1(bracketedLogRate(t, amount, n, scale, fullPrice, options));
}

/** The bracketing solve of x = ln(1 + Y/200). */
function bracketedLogRate(t: NumberArray, amount: NumberArray, n: number, scale: number, fullPrice: number, options?: Partial<RootOptions>): number {
  // Cache so the derivative at x reuses the pass made for the value at x (no allocation per step).
  let cachedX = Number.NaN;
  let cachedSlope = 0;
  const f = (x: number): number => {
    let pv = 0;
    let slope = 0;
    for (let k = 0; k < n; k++) {
      const term = amount[k] * Math.exp(-2 * t[k] * x);
      pv += term;
      slope -= 2 * t[k] * term;
    }
    cachedX = x;
    cachedSlope = scale * slope;
    return scale * pv - fullPrice;
  };
  const df = (x: number): number => {
    if (x !== cachedX) f(x);
    return cachedSlope;
  };
  const field = options?.field ?? 'yield';
  // x ∈ [−5, 5] covers Y from −198.7% to ~29,500%: any real price.
  const bracket = bracketDecreasing(f, 0, Math.log1p(0.1), -5, 5, field);
  return solveInBracket(f, bracket, { field, tolerance: options?.tolerance ?? PRICE_TOLERANCE, maxIterations: options?.maxIterations }, df);
}

/** Σ amount_k · e^(−2 t_k x), the unscaled present value at log-rate x = ln(1 + Y/200). */
export function presentValue(t: ArrayLike<number>, amount: ArrayLike<number>, n: number, x: number): number {
  let pv = 0;
  for (let k = 0; k < n; k++) pv += amount[k] * Math.exp(-2 * t[k] * x);
  return pv;
}

/** Throws unless `yieldPct` is a finite CBE yield above −200% (where 1 + Y/200 > 0). */
export function requireYield(field: string, yieldPct: number): number {
  requireFinite(field, yieldPct);
  if (yieldPct <= -200) throw new EngineError(field, `expected a yield above −200%, got ${yieldPct}`);
  return yieldPct;
}
