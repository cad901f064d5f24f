import { EngineError, requireFinite } from '../errors';
import { FloaterCashFlows, requirePrice, validateFloaterCashFlows } from './cashflows';
import { bracketDecreasing, RootOptions, solveInBracket } from './solve';
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

/** Full price per 100 of face at discount margin `dmBp` over the flat index `indexPct`. */
export function priceFromDiscountMargin(cashFlows: FloaterCashFlows, indexPct: number, dmBp: number): number {
  const n = validateFloaterCashFlows(cashFlows);
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

/**
 * Discount margin (bp) over the flat index `indexPct` at which the cash flows are worth
 * `fullPrice` per 100 of face. Throws `EngineError` when no margin reaches the price.
 */
export function discountMarginFromPrice(
  cashFlows: FloaterCashFlows,
  indexPct: number,
  fullPrice: number,
  options?: Partial<RootOptions>,
): number {
  const n = validateFloaterCashFlows(cashFlows);
  requireFinite('index', indexPct);
  requirePrice(fullPrice);
  const { tau, amount } = cashFlows;
  const scale = 100 / cashFlows.face;

  // One pass gives the value and the slope dPV/dr = −Σ_k CF_k D_k Σ_{j≤k} τ_j/(1 + r τ_j);
  // the slope is cached for the Newton step at the same r (no allocation per iteration).
  let cachedRate = Number.NaN;
  let cachedSlope = 0;
  const f = (rate: number): number => {
    let discount = 1;
    let duration = 0;
    let pv = 0;
    let slope = 0;
    for (let k = 0; k < n; k++) {
      const growth = 1 + rate * tau[k];
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
  const floor = rateFloor(tau, n);
  const start = Math.max(indexPct / 100, floor + 1e-6);
  // Ceiling 100 = 10,000%: beyond any price a trader can quote.
  const bracket = bracketDecreasing(f, start, start + 0.01, floor, 100, field);
  const rate = solveInBracket(f, bracket, { field, tolerance: options?.tolerance ?? PRICE_TOLERANCE, maxIterations: options?.maxIterations }, df);
  return (rate * 100 - indexPct) * 100;
}

/** The lowest rate r (decimal) with every 1 + r·τ_j > 0: −1 / max τ. */
function rateFloor(tau: ArrayLike<number>, n: number): number {
  let maxTau = 0;
  for (let k = 0; k < n; k++) if (tau[k] > maxTau) maxTau = tau[k];
  return -1 / maxTau;
}
