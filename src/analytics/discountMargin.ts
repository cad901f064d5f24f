import { EngineError, requireFinite } from '../errors';
import { FloaterCashFlows, requirePrice, validateFloaterCashFlows } from './cashflows';
import { bracketDecreasing, RootOptions, solveInBracket } from './solve';
import { marginRate } from './halley';
import { PRICE_TOLERANCE } from './yield';

/**
 * Discount margin in the product form (conventions.md §7; BMA Standard Formulas §G.2b):
 *
 *   P_full = Σ_k CF_k / Π_{j≤k} [1 + (I + DM) · τ_j]
 *
 * with the index I held flat at its current level, τ_j the accrual fraction of period j on the
 * coupon basis (τ_1: settlement → first payment, the settlement stub) and no semiannual
 * gross-up inside the product. I in percent, DM in basis points at this interface; P_full is the
 * full price per 100 of current face.
 *
 * Identity used by the tests (no stub, one τ for coupon and discount, D_k the discount factor):
 *   P_full − B_0 = Σ_k B_{k−1} τ_k (m_k − DM) D_k,
 * so an uncapped floater at par has DM = its margin at every prepayment speed.
 */

/**
 * The index the discount margin is a spread over: one level held flat (the term sheets), or one
 * level per cash flow (the path the run projected: shifted or forward), percent.
 */
export type IndexPathPct = number | ArrayLike<number>;

/**
 * The level when `index` is flat (a number, or a path whose every element is equal), else null;
 * exported for callers that read an index once and price it many times (`marginOfFlows`).
 */
export function flatLevel(index: IndexPathPct, n: number): number | null {
  if (typeof index === 'number') return index;
  if (index.length < n) throw new EngineError('index', `expected an index level for each of ${n} cash flows, got ${index.length}`);
  const first = index[0];
  for (let k = 0; k < n; k++) {
    requireFinite('index', index[k]);
    if (index[k] !== first) return null;
  }
  return first;
}

/**
 * How many leading levels of `path` are finite and equal to the first: `flatLevel(path, n)` is
 * `path[0]` for any n up to it, and for a longer n checks the level there (null, or an error when
 * it is not finite). Callers that price many streams of one path read it once.
 */
export function flatPrefix(path: ArrayLike<number>): number {
  let k = 0;
  while (k < path.length && Number.isFinite(path[k]) && path[k] === path[0]) k++;
  return k;
}

/**
 * Full price per 100 of face at discount margin `dmBp` over the index: flat at `index`, or the
 * per-period path `index[k]` (conventions.md §7: P = Σ_k CF_k / Π_{j≤k} [1 + (I_j + DM)·τ_j]).
 */
export function priceFromDiscountMargin(cashFlows: FloaterCashFlows, index: IndexPathPct, dmBp: number): number {
  const n = validateFloaterCashFlows(cashFlows);
  const flat = flatLevel(index, n);
  if (flat === null) return priceOverPath(cashFlows, index as ArrayLike<number>, dmBp, n);
  return priceOverFlatIndex(cashFlows, flat, dmBp, n);
}

function priceOverFlatIndex(cashFlows: FloaterCashFlows, indexPct: number, dmBp: number, n: number): number {
  requireFinite('index', indexPct);
  requireFinite('discountMargin', dmBp);
  const rate = (indexPct + dmBp / 100) / 100;
  const floor = rateFloor(cashFlows.tau, n);
  if (!(rate > floor)) {
    throw new EngineError('discountMargin', `index + DM = ${rate * 100}% makes a discount factor non-positive (needs > ${floor * 100}%)`);
  }
  const { tau, amount } = cashFlows;
  let discount = 1;
  let pv = 0;
  for (let k = 0; k < n; k++) {
    discount /= 1 + rate * tau[k];
    pv += amount[k] * discount;
  }
  return (100 / cashFlows.face) * pv;
}

function priceOverPath(cashFlows: FloaterCashFlows, index: ArrayLike<number>, dmBp: number, n: number): number {
  requireFinite('discountMargin', dmBp);
  const spread = dmBp / 10000;
  const { tau, amount } = cashFlows;
  const floor = spreadFloor(tau, index, n);
  if (!(spread > floor)) {
    throw new EngineError('discountMargin', `index + DM makes a discount factor non-positive (DM needs > ${floor * 10000} bp over this path)`);
  }
  let discount = 1;
  let pv = 0;
  for (let k = 0; k < n; k++) {
    discount /= 1 + (index[k] / 100 + spread) * tau[k];
    pv += amount[k] * discount;
  }
  return (100 / cashFlows.face) * pv;
}

/**
 * Discount margin (bp) over the index (flat at `index`, or the per-period path `index[k]`) at
 * which the cash flows are worth `fullPrice` per 100 of face. A flat path takes the flat-index
 * solve, so the term sheets' figures are unchanged to the last bit. Throws `EngineError` when no
 * margin reaches the price.
 */
export function discountMarginFromPrice(
  cashFlows: FloaterCashFlows,
  index: IndexPathPct,
  fullPrice: number,
  options?: Partial<RootOptions>,
): number {
  const n = validateFloaterCashFlows(cashFlows);
  return marginOfFlows(cashFlows, n, flatLevel(index, n) ?? index, fullPrice, options);
}

/**
 * As `discountMarginFromPrice`, on the first `n` flows of a stream already validated (the
 * measures' class streams), with the index already read: a number when it is flat (`flatLevel`),
 * else the path.
 */
export function marginOfFlows(cashFlows: FloaterCashFlows, n: number, index: IndexPathPct, fullPrice: number, options?: Partial<RootOptions>): number {
  if (typeof index !== 'number') return marginOverPath(cashFlows, index, fullPrice, n, options);
  return marginOverFlatIndex(cashFlows, index, fullPrice, n, options);
}

function marginOverFlatIndex(cashFlows: FloaterCashFlows, indexPct: number, fullPrice: number, n: number, options?: Partial<RootOptions>): number {
  requireFinite('index', indexPct);
  requirePrice(fullPrice);
  const floor = rateFloor(cashFlows.tau, n);
  const start = Math.max(indexPct / 100, floor + 1e-6);
  if (options === undefined) {
    const quick = marginRate(cashFlows.tau, cashFlows.amount, n, 100 / cashFlows.face, fullPrice, PRICE_TOLERANCE, null, start, floor, 100);
    if (quick === quick) return (quick * 100 - indexPct) * 100;
  }
  return (bracketedRate(cashFlows, null, fullPrice, n, start, floor, options) * 100 - indexPct) * 100;
}

/** The solve over a per-period path: the unknown is the spread s = DM/10,000 in 1 + (I_k/100 + s)·τ_k. */
function marginOverPath(cashFlows: FloaterCashFlows, index: ArrayLike<number>, fullPrice: number, n: number, options?: Partial<RootOptions>): number {
  requirePrice(fullPrice);
  const floor = spreadFloor(cashFlows.tau, index, n);
  const start = Math.max(0, floor + 1e-6);
  if (options === undefined) {
    const quick = marginRate(cashFlows.tau, cashFlows.amount, n, 100 / cashFlows.face, fullPrice, PRICE_TOLERANCE, index, start, floor, 100);
    if (quick === quick) return quick * 10000;
  }
  return bracketedRate(cashFlows, index, fullPrice, n, start, floor, options) * 10000;
}

/**
 * The bracketing solve of the rate r in 1 + (base_k/100 + r)·τ_k (`base` null: a flat index, r is
 * index + DM; else the path, r is the spread), from `start`, above `floor`; ceiling 100 = 10,000%,
 * beyond any price a trader can quote. One pass gives the value and the slope
 * dPV/dr = −Σ_k CF_k D_k Σ_{j≤k} τ_j/(1 + ρ_j τ_j), cached for the Newton step at the same r.
 */
function bracketedRate(cashFlows: FloaterCashFlows, base: ArrayLike<number> | null, fullPrice: number, n: number, start: number, floor: number, options?: Partial<RootOptions>): number {
  const { tau, amount } = cashFlows;
  const scale = 100 / cashFlows.face;
  let cachedRate = Number.NaN;
  let cachedSlope = 0;
  const f = (rate: number): number => {
    let discount = 1;
    let duration = 0;
    let pv = 0;
    let slope = 0;
    for (let k = 0; k < n; k++) {
      const growth = base === null ? 1 + rate * tau[k] : 1 + (base[k] / 100 + rate) * tau[k];
      discount /= growth;
      duration += tau[k] / growth;
      const term = amount[k] * discount;
      pv += term;
      slope -= term * duration;
    }
    cachedRate = rate;
    cachedSlope = scale * slope;
    return scale * pv - fullPrice;
  };
  const df = (rate: number): number => {
    if (rate !== cachedRate) f(rate);
    return cachedSlope;
  };
  const field = options?.field ?? 'discountMargin';
  const bracket = bracketDecreasing(f, start, start + 0.01, floor, 100, field);
  return solveInBracket(f, bracket, { field, tolerance: options?.tolerance ?? PRICE_TOLERANCE, maxIterations: options?.maxIterations }, df);
}

/** The lowest spread s (decimal) with every 1 + (I_k/100 + s)·τ_k > 0. */
function spreadFloor(tau: ArrayLike<number>, index: ArrayLike<number>, n: number): number {
  let floor = -Infinity;
  for (let k = 0; k < n; k++) if (tau[k] > 0) floor = Math.max(floor, -1 / tau[k] - index[k] / 100);
  return floor;
}

/** The lowest rate r (decimal) with every 1 + r·τ_j > 0: −1 / max τ. */
function rateFloor(tau: ArrayLike<number>, n: number): number {
  let maxTau = 0;
  for (let k = 0; k < n; k++) if (tau[k] > maxTau) maxTau = tau[k];
  return -1 / maxTau;
}
