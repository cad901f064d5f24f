/**
 * The fast stretches of the projection's loop (periodLoop.ts): two lines (or one) over consecutive
 * amortizing periods before maturity with no defaults (the general step with nothing to default),
 * one function for each way the SMM applies. The lines' figures stay in locals for the whole
 * stretch, as in the bare kernel, and each period's contributions are added to the pool's sums in
 * the call's buffer (`SumsAt`) in line order, exactly as when the lines stepped together period by
 * period.
 */
import { LineState } from './lineState';

/**
 * Where a pool's period sums are added in the call's buffer (period k at `start + k − 1`), each in
 * the place of an output the period's figures later replace or are: −1 for a sum the pool does not
 * keep. `rest`: the performing balance after scheduled principal; `prepay`: the prepayments, when
 * each line has its own SMM; `defaults`: new defaults, when the scenario has any; `gross`, `net`,
 * `netMax`: interest at the gross, net and net max rates.
 */
export interface SumsAt {
  readonly rest: number;
  readonly prepay: number;
  readonly defaults: number;
  readonly gross: number;
  readonly net: number;
  readonly netMax: number;
}

/**
 * Lines `a` and `b` (`a` first in line order) over periods `from` to `to`, every period in a fast
 * stretch of both: two independent chains in one loop, so the CPU overlaps them, and each period's
 * sums take `a`'s figure and then `b`'s, the order of the lines (`NO_LINE` as `b`: `a` alone, its
 * figures and the sums the same). One SMM for every line (period k's, `smm[k]`), applied after
 * scheduled principal: rest = balance·(1 + r) − payment (scheduled = payment − interest), the next
 * balance rest·(1 − SMM).
 */
export function flatStretch(a: LineState, b: LineState, from: number, to: number, smm: Float64Array, block: Float64Array, at: SumsAt): void {
  const restAt = at.rest - 1;
  const netAt = at.net - 1;
  const grossAt = at.gross - 1;
  const netMaxAt = at.netMax - 1;
  const gross = at.gross >= 0;
  const netMax = at.netMax >= 0;
  const growthA = a.growth;
  const growthB = b.growth;
  const { r: rA, netR: netRA, netMaxR: netMaxRA } = a;
  const { r: rB, netR: netRB, netMaxR: netMaxRB } = b;
  let balanceA = a.balance;
  let balanceB = b.balance;
  let paymentA = a.payment;
  let paymentB = b.payment;
  for (let k = from; k <= to; k++) {
    let restA = balanceA * growthA - paymentA;
    let restB = balanceB * growthB - paymentB;
    if (restA < 0) restA = 0;
    if (restB < 0) restB = 0;
    block[restAt + k] = block[restAt + k] + restA + restB;
    if (gross) block[grossAt + k] = block[grossAt + k] + balanceA * rA + balanceB * rB;
    block[netAt + k] = block[netAt + k] + balanceA * netRA + balanceB * netRB;
    if (netMax) block[netMaxAt + k] = block[netMaxAt + k] + balanceA * netMaxRA + balanceB * netMaxRB;
    const keep = 1 - smm[k];
    paymentA *= keep;
    paymentB *= keep;
    balanceA = restA * keep;
    balanceB = restB * keep;
  }
  a.balance = balanceA;
  a.payment = paymentA;
  b.balance = balanceB;
  b.payment = paymentB;
}

/** `flatStretch` with each line its own SMM (by loan age: `smm[offset + k]`). */
export function byAgeStretch(a: LineState, b: LineState, from: number, to: number, smm: Float64Array, block: Float64Array, at: SumsAt): void {
  const restAt = at.rest - 1;
  const prepayAt = at.prepay - 1;
  const netAt = at.net - 1;
  const grossAt = at.gross - 1;
  const netMaxAt = at.netMax - 1;
  const gross = at.gross >= 0;
  const netMax = at.netMax >= 0;
  const offsetA = a.smmOffset;
  const offsetB = b.smmOffset;
  const growthA = a.growth;
  const growthB = b.growth;
  const { r: rA, netR: netRA, netMaxR: netMaxRA } = a;
  const { r: rB, netR: netRB, netMaxR: netMaxRB } = b;
  let balanceA = a.balance;
  let balanceB = b.balance;
  let paymentA = a.payment;
  let paymentB = b.payment;
  for (let k = from; k <= to; k++) {
    let restA = balanceA * growthA - paymentA;
    let restB = balanceB * growthB - paymentB;
    if (restA < 0) restA = 0;
    if (restA > balanceA) restA = balanceA;
    if (restB < 0) restB = 0;
    if (restB > balanceB) restB = balanceB;
    const smmA = smm[offsetA + k];
    const smmB = smm[offsetB + k];
    block[restAt + k] = block[restAt + k] + restA + restB;
    block[prepayAt + k] = block[prepayAt + k] + restA * smmA + restB * smmB;
    if (gross) block[grossAt + k] = block[grossAt + k] + balanceA * rA + balanceB * rB;
    block[netAt + k] = block[netAt + k] + balanceA * netRA + balanceB * netRB;
    if (netMax) block[netMaxAt + k] = block[netMaxAt + k] + balanceA * netMaxRA + balanceB * netMaxRB;
    paymentA *= 1 - smmA;
    paymentB *= 1 - smmB;
    balanceA = restA * (1 - smmA);
    balanceB = restB * (1 - smmB);
  }
  if (balanceA <= 0) a.done = 1; // and stays 0: rest is never negative
  if (balanceB <= 0) b.done = 1;
  a.balance = balanceA;
  a.payment = paymentA;
  b.balance = balanceB;
  b.payment = paymentB;
}

/**
 * 'totalPaydown': the SMM (period k's for every line, or by loan age: `smm[offset + k]`) is the
 * share of the balance paid down in all, so the prepayment tops the scheduled principal up to it
 * (project.ts). Its step divides, so the lines step together (periodLoop.ts): over periods `first`
 * to `last`, the lines of the list from `from` up to `to` (excluded; `LIST_END`: all), every one in
 * a fast stretch, period by period in line order, each period's sums in locals.
 */
export function paydownSteps(from: LineState, to: LineState, first: number, last: number, smm: Float64Array, byAge: boolean, block: Float64Array, at: SumsAt): void {
  const ageSmm = byAge === true;
  const gross = at.gross >= 0;
  const netMax = at.netMax >= 0;
  for (let k = first; k <= last; k++) {
    const i = k - 1;
    const smmK = smm[k];
    let sumRest = block[at.rest + i];
    let sumPrepay = block[at.prepay + i];
    let sumGross = gross ? block[at.gross + i] : 0;
    let sumNet = block[at.net + i];
    let sumNetMax = netMax ? block[at.netMax + i] : 0;
    for (let s = from; s !== to; s = s.next) {
      const balance = s.balance;
      let rest = balance * s.growth - s.payment;
      if (rest < 0) rest = 0;
      if (rest > balance) rest = balance;
      const smmNow = ageSmm ? smm[s.smmOffset + k] : smmK;
      let prepay = smmNow * balance - (balance - rest);
      // Capped, then floored (rest is 0 or more), as in periodLoop.ts: both tests on every step.
      if (prepay > rest) prepay = rest;
      if (prepay < 0) prepay = 0;
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
    block[at.rest + i] = sumRest;
    block[at.prepay + i] = sumPrepay;
    if (gross) block[at.gross + i] = sumGross;
    block[at.net + i] = sumNet;
    if (netMax) block[at.netMax + i] = sumNetMax;
  }
}
