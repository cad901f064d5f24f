/**
 * What the period loop (run.ts) asks of a period's start: the bonds' balance, and whether
 * anything is still owed, so that a run stops when nothing is left to pay.
 */
import { toCents } from '../waterfall/cents';

/** The sum of `values` in order (the bonds' balance, cents). */
export function total(values: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum;
}

/** True when a class is still owed unpaid interest, carryover or a loss (cents carried). */
export function anyOwed(c: { readonly unpaid: Float64Array; readonly carryover: Float64Array; readonly loss: Float64Array }): boolean {
  for (let k = 0; k < c.unpaid.length; k++) if (c.unpaid[k] > 0 || c.carryover[k] > 0 || c.loss[k] > 0) return true;
  return false;
}

/** True when an interest-only class has a rate and a notional this period (`ioNotional`, `ioRate`: its amounts' slots, -1 for other classes). */
export function notionalDue(io: { readonly ioNotional: Int32Array; readonly ioRate: Int32Array }, amounts: Float64Array): boolean {
  const { ioNotional, ioRate } = io;
  for (let k = 0; k < ioNotional.length; k++) if (ioNotional[k] >= 0 && amounts[ioRate[k]] > 0 && toCents(amounts[ioNotional[k]]) > 0) return true;
  return false;
}
