import { EngineError } from '../errors';

/**
 * The input of every price/yield/DM/duration function: a cash-flow stream as parallel arrays,
 * with no dates inside (the caller turns dates into times on the chosen basis).
 *
 * Index k − 1 holds the k-th payment after settlement (k = 1, 2, …):
 *   t[k−1]       years from settlement to the actual payment date, payment delay included, on the
 *                stream's time basis (30/360 for SF yields: conventions.md §6; T_1 = 25/360 for a
 *                CWALT fixed class settled 4/30 and paid 5/25);
 *   amount[k−1]  total cash paid on that date (interest + principal), in any unit;
 *   face         the current face at settlement in the same unit as `amount` (100 when amounts
 *                are per 100 of face; the dollar balance when they are dollars).
 *
 * Prices at this interface are full prices (clean + accrued) per 100 of current face:
 *   P_full = 100 · PV / face.
 */
export type NumberArray = ArrayLike<number>;

export interface CashFlows {
  /** Current face at settlement, in the unit of `amount` (> 0). */
  readonly face: number;
  /** Years from settlement to each payment (≥ 0), delay included. */
  readonly t: NumberArray;
  /** Cash paid at each time: interest + principal. */
  readonly amount: NumberArray;
}

/**
 * A floater's stream for the discount margin (conventions.md §7): the same arrays plus the
 * accrual fraction of each discounting period on the coupon basis,
 *   tau[0]   settlement → first payment (the settlement stub),
 *   tau[k−1] payment k − 1 → payment k.
 */
export interface FloaterCashFlows extends CashFlows {
  readonly tau: NumberArray;
}

/** Throws `EngineError` unless `cashFlows` is a well-formed stream; returns its length. */
export function validateCashFlows(cashFlows: CashFlows, field = 'cashFlows'): number {
  const { face, t, amount } = cashFlows;
  if (typeof face !== 'number' || !Number.isFinite(face) || face <= 0) {
    throw new EngineError(`${field}.face`, `expected a positive current face, got ${String(face)}`);
  }
  const n = t.length;
  if (n === 0) throw new EngineError(field, 'expected at least one cash flow');
  if (amount.length !== n) {
    throw new EngineError(field, `expected t and amount of equal length, got ${n} and ${amount.length}`);
  }
  for (let k = 0; k < n; k++) {
    const tk = t[k];
    if (typeof tk !== 'number' || !Number.isFinite(tk) || tk < 0) {
      throw new EngineError(`${field}.t`, `expected times in years ≥ 0, got ${String(tk)} at index ${k}`);
    }
    const ak = amount[k];
    if (typeof ak !== 'number' || !Number.isFinite(ak)) {
      throw new EngineError(`${field}.amount`, `expected finite amounts, got ${String(ak)} at index ${k}`);
    }
  }
  return n;
}

/** As `validateCashFlows`, and checks `tau` (same length, each ≥ 0, not all 0). */
export function validateFloaterCashFlows(cashFlows: FloaterCashFlows, field = 'cashFlows'): number {
  const n = validateCashFlows(cashFlows, field);
  const { tau } = cashFlows;
  if (tau.length !== n) {
    throw new EngineError(`${field}.tau`, `expected one accrual fraction per cash flow (${n}), got ${tau.length}`);
  }
  let anyPositive = false;
  for (let k = 0; k < n; k++) {
    const x = tau[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new EngineError(`${field}.tau`, `expected accrual fractions ≥ 0 (years), got ${String(x)} at index ${k}`);
    }
    if (x > 0) anyPositive = true;
  }
  if (!anyPositive) throw new EngineError(`${field}.tau`, 'expected at least one positive accrual fraction');
  return n;
}

/** Throws unless `price` is a positive finite full price per 100 of face; returns it. */
export function requirePrice(price: number, field = 'price'): number {
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
    throw new EngineError(field, `expected a positive full price per 100 of face, got ${String(price)}`);
  }
  return price;
}
