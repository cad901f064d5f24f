/**
 * The fast step of the projection's period loop (periodLoop.ts) over a run of lines, one function
 * for each way the SMM applies: amortizing periods before maturity with no defaults (the general
 * step with nothing to default), over the lines from `from` up to `to` (excluded; `LIST_END`: all) in
 * the list of lines running (lineState.ts). Each
 * function adds the lines' contributions to the period's sums in `acc` in line order, exactly as
 * the general step would.
 */
import type { LineState } from './lineState';

/** The period's sums in `acc` (each period starts them at 0): index of each. */
export const REST = 0;
export const PREPAY = 1;
export const DEFAULTS = 2;
export const GROSS = 3;
export const NET = 4;
export const NET_MAX = 5;
/** Doubles of `acc`. */
export const ACC_LENGTH = 6;

/**
 * One SMM for every line, applied after scheduled principal: rest = balance·(1 + r) − payment
 * (scheduled = payment − interest), the next balance rest·(1 − SMM). `withGross`: add the gross
 * interest too; `withNetMax`: the net max interest too (a pool with ARMs). A projection for the
 * engines adds neither: they read neither (project.ts).
 */
export function fastFlat(from: LineState, to: LineState, keep: number, withGross: boolean, withNetMax: boolean, acc: Float64Array): void {
  // Booleans as such: a parameter's truthiness is a long test in every step.
  const gross = withGross === true;
  const netMax = withNetMax === true;
  let sumRest = acc[REST];
  let sumGross = acc[GROSS];
  let sumNet = acc[NET];
  let sumNetMax = acc[NET_MAX];
  for (let s = from; s !== to; s = s.next) {
    const balance = s.balance;
    let rest = balance * s.growth - s.payment;
    if (rest < 0) rest = 0;
    sumRest += rest;
    if (gross) sumGross += balance * s.r;
    sumNet += balance * s.netR;
    if (netMax) sumNetMax += balance * s.netMaxR;
    s.payment *= keep;
    s.balance = rest * keep;
  }
  acc[REST] = sumRest;
  acc[GROSS] = sumGross;
  acc[NET] = sumNet;
  acc[NET_MAX] = sumNetMax;
}

/** Each line its own SMM (by loan age: `smm[offset + k]`), applied after scheduled principal. */
export function fastByAge(from: LineState, to: LineState, smm: Float64Array, k: number, withGross: boolean, withNetMax: boolean, acc: Float64Array): void {
  const gross = withGross === true;
  const netMax = withNetMax === true;
  let sumRest = acc[REST];
  let sumPrepay = acc[PREPAY];
  let sumGross = acc[GROSS];
  let sumNet = acc[NET];
  let sumNetMax = acc[NET_MAX];
  for (let s = from; s !== to; s = s.next) {
    const balance = s.balance;
    let rest = balance * s.growth - s.payment;
    if (rest < 0) rest = 0;
    if (rest > balance) rest = balance;
    const smmNow = smm[s.smmOffset + k];
    sumRest += rest;
    sumPrepay += rest * smmNow;
    if (gross) sumGross += balance * s.r;
    sumNet += balance * s.netR;
    if (netMax) sumNetMax += balance * s.netMaxR;
    s.payment *= 1 - smmNow;
    const next = rest * (1 - smmNow);
    s.balance = next;
    if (next <= 0) s.done = 1;
  }
  acc[REST] = sumRest;
  acc[PREPAY] = sumPrepay;
  acc[GROSS] = sumGross;
  acc[NET] = sumNet;
  acc[NET_MAX] = sumNetMax;
}

/**
 * 'totalPaydown': the SMM (period k's for every line, or by loan age when `byAge`) is the share of
 * the balance paid down in all, so the prepayment tops the scheduled principal up to it (project.ts).
 */
export function fastTotalPaydown(from: LineState, to: LineState, smm: Float64Array, k: number, byAge: boolean, withGross: boolean, withNetMax: boolean, acc: Float64Array): void {
  const gross = withGross === true;
  const netMax = withNetMax === true;
  const ageSmm = byAge === true;
  const smmK = smm[k];
  let sumRest = acc[REST];
  let sumPrepay = acc[PREPAY];
  let sumGross = acc[GROSS];
  let sumNet = acc[NET];
  let sumNetMax = acc[NET_MAX];
  for (let s = from; s !== to; s = s.next) {
    const balance = s.balance;
    let rest = balance * s.growth - s.payment;
    if (rest < 0) rest = 0;
    if (rest > balance) rest = balance;
    const smmNow = ageSmm ? smm[s.smmOffset + k] : smmK;
    let prepay = smmNow * balance - (balance - rest);
    if (prepay < 0) prepay = 0;
    else if (prepay > rest) prepay = rest;
    s.payment = rest > 0 ? s.payment * (1 - prepay / rest) : 0;
    const next = rest - prepay;
    sumRest += rest;
    sumPrepay += prepay;
    if (gross) sumGross += balance * s.r;
    sumNet += balance * s.netR;
    if (netMax) sumNetMax += balance * s.netMaxR;
    s.balance = next;
    if (next <= 0) s.done = 1;
  }
  acc[REST] = sumRest;
  acc[PREPAY] = sumPrepay;
  acc[GROSS] = sumGross;
  acc[NET] = sumNet;
  acc[NET_MAX] = sumNetMax;
}
