import { EngineError } from '../errors';
import { CashFlows, type NumberArray, validateCashFlows } from './cashflows';
import { requireYield, yieldFromPrice, yieldOfFlows } from './yield';

/**
 * Duration and convexity on the CBE yield (conventions.md §9; BMA Standard Formulas §G.1d–f):
 *
 *   Macaulay D  = (1/P) Σ_k T_k · CF_k · (1 + Y/200)^(−2 T_k)            years
 *   Modified    = D / (1 + Y/200)                                        years
 *   Convexity   = (1/P) (1 + Y/200)^(−2) Σ_k T_k (T_k + ½) CF_k (1 + Y/200)^(−2 T_k)   years²
 *
 * P is the present value at Y (the full price when Y is the yield implied by it). The divisor is
 * the semiannual factor 1 + Y/200, never 1 + i_m/1200: MATLAB's mbsdury example (monthly yield
 * 7.298413%) gives Macaulay 6.4380 and modified 6.2080, a ratio of 1.037051 = 1 + 7.4103/200.
 *
 * Floaters use the same formulas on their flat-index cash flows at the yield implied by their
 * price (a yield-based measure, not a reset duration: WMALT 1A3 prints WAL 6.50, Mod Durn 5.0).
 */

/** Macaulay duration (years) at CBE yield `yieldPct`. */
export function macaulayDuration(cashFlows: CashFlows, yieldPct: number): number {
  return macaulayOfFlows(cashFlows.t, cashFlows.amount, validateCashFlows(cashFlows), yieldPct);
}

/** As `macaulayDuration`, on the first `n` flows of arrays already validated (the measures' class streams). */
export function macaulayOfFlows(t: NumberArray, amount: NumberArray, n: number, yieldPct: number): number {
  requireYield('yield', yieldPct);
  const x = Math.log1p(yieldPct / 200);
  let pv = 0;
  let timeWeighted = 0;
  for (let k = 0; k < n; k++) {
    const term = amount[k] * Math.exp(-2 * t[k] * x);
    pv += term;
    timeWeighted += t[k] * term;
  }
  return timeWeighted / requirePositiveValue(pv);
}

/** The quick solve's sums at its answer and its log-rate (yieldAndMacaulay): one buffer, no allocation per call. */
const atAnswer = new Float64Array(3);

/**
 * The yield implied by `fullPrice` (as `yieldOfFlows`) and the Macaulay duration at it (as
 * `macaulayOfFlows`), into `out` = [yield %, Macaulay years], with the same bits as the two calls:
 * when the quick solve's last pass was at exactly the log-rate the duration is defined at,
 * ln(1 + Y/200) (nearly always), that pass's sums are the duration's and no further pass is made.
 * Otherwise, or when the present value there is not positive, Macaulay is NaN and the caller
 * asks `macaulayOfFlows` when it needs the duration (which raises what it raised): a yield
 * alone never fails on the duration's account.
 */
export function yieldAndMacaulay(t: NumberArray, amount: NumberArray, n: number, scale: number, fullPrice: number, out: Float64Array): void {
  atAnswer[2] = Number.NaN;
  const yieldPct = yieldOfFlows(t, amount, n, scale, fullPrice, undefined, atAnswer);
  const pv = atAnswer[0];
  out[0] = yieldPct;
  out[1] = Math.log1p(yieldPct / 200) === atAnswer[2] && pv > 0 && pv < Infinity ? atAnswer[1] / pv : Number.NaN;
}

/** Modified duration (years) at CBE yield `yieldPct`: Macaulay / (1 + Y/200). */
export function modifiedDuration(cashFlows: CashFlows, yieldPct: number): number {
  return macaulayDuration(cashFlows, yieldPct) / (1 + yieldPct / 200);
}

/** SF cash-flow convexity (years²; SF quotes 54.4326, "or 0.544326" divided by 100). */
export function cashFlowConvexity(cashFlows: CashFlows, yieldPct: number): number {
  const n = validateCashFlows(cashFlows);
  requireYield('yield', yieldPct);
  const x = Math.log1p(yieldPct / 200);
  const { t, amount } = cashFlows;
  let pv = 0;
  let weighted = 0;
  for (let k = 0; k < n; k++) {
    const term = amount[k] * Math.exp(-2 * t[k] * x);
    pv += term;
    weighted += t[k] * (t[k] + 0.5) * term;
  }
  return weighted / requirePositiveValue(pv) / Math.exp(2 * x);
}

export interface PriceDurations {
  /** CBE yield implied by the price, %. */
  readonly yieldPct: number;
  readonly macaulayYears: number;
  readonly modifiedYears: number;
}

/** Yield implied by `fullPrice` (per 100 of face), then Macaulay and modified duration at it. */
export function durationsFromPrice(cashFlows: CashFlows, fullPrice: number): PriceDurations {
  const yieldPct = yieldFromPrice(cashFlows, fullPrice);
  const macaulayYears = macaulayDuration(cashFlows, yieldPct);
  return { yieldPct, macaulayYears, modifiedYears: macaulayYears / (1 + yieldPct / 200) };
}

/** Modified duration (years) at the yield implied by `fullPrice`: the term sheets' "Mod Durn". */
export function modifiedDurationFromPrice(cashFlows: CashFlows, fullPrice: number): number {
  return durationsFromPrice(cashFlows, fullPrice).modifiedYears;
}

function requirePositiveValue(pv: number): number {
  if (!(pv > 0) || !Number.isFinite(pv)) {
    throw new EngineError('cashFlows', `duration needs a positive present value, got ${pv}`);
  }
  return pv;
}
