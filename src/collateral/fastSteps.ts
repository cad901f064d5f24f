/**
 * The fast stretches of the projection's loop (periodLoop.ts): one line over consecutive amortizing
 * periods before maturity with no defaults (the general step with nothing to default), one
 * function for each way the SMM applies. The line's figures stay in locals for the whole stretch,
 * as in the bare kernel, and each period's contributions are added to the pool's sums in the call's
 * buffer (`SumsAt`); lines run in line order, so every sum is added in line order, exactly as when
 * the lines stepped together period by period.
 */
import type { LineState } from './lineState';

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
 * One SMM for every line (period k's, `smm[k]`), applied after scheduled principal: rest =
 * balance·(1 + r) − payment (scheduled = payment − interest), the next balance rest·(1 − SMM).
 */
export function flatStretch(s: LineState, from: number, to: number, smm: Float64Array, block: Float64Array, at: SumsAt): void {
  const restAt = at.rest - 1;
  const netAt = at.net - 1;
  const grossAt = at.gross - 1;
  const netMaxAt = at.netMax - 1;
  const gross = at.gross >= 0;
  const netMax = at.netMax >= 0;
  const growth = s.growth;
  const r = s.r;
  const netR = s.netR;
  const netMaxR = s.netMaxR;
  let balance = s.balance;
  let payment = s.payment;
  for (let k = from; k <= to; k++) {
    let rest = balance * growth - payment;
    if (rest < 0) rest = 0;
    block[restAt + k] += rest;
    if (gross) block[grossAt + k] += balance * r;
    block[netAt + k] += balance * netR;
    if (netMax) block[netMaxAt + k] += balance * netMaxR;
    const keep = 1 - smm[k];
    payment *= keep;
    balance = rest * keep;
  }
  s.balance = balance;
  s.payment = payment;
}

/** Each line its own SMM (by loan age: `smm[offset + k]`), applied after scheduled principal. */
export function byAgeStretch(s: LineState, from: number, to: number, smm: Float64Array, block: Float64Array, at: SumsAt): void {
  const restAt = at.rest - 1;
  const prepayAt = at.prepay - 1;
  const netAt = at.net - 1;
  const grossAt = at.gross - 1;
  const netMaxAt = at.netMax - 1;
  const gross = at.gross >= 0;
  const netMax = at.netMax >= 0;
  const offset = s.smmOffset;
  const growth = s.growth;
  const r = s.r;
  const netR = s.netR;
  const netMaxR = s.netMaxR;
  let balance = s.balance;
  let payment = s.payment;
  for (let k = from; k <= to; k++) {
    let rest = balance * growth - payment;
    if (rest < 0) rest = 0;
    if (rest > balance) rest = balance;
    const smmNow = smm[offset + k];
    block[restAt + k] += rest;
    block[prepayAt + k] += rest * smmNow;
    if (gross) block[grossAt + k] += balance * r;
    block[netAt + k] += balance * netR;
    if (netMax) block[netMaxAt + k] += balance * netMaxR;
    payment *= 1 - smmNow;
    balance = rest * (1 - smmNow);
    if (balance <= 0) s.done = 1;
  }
  s.balance = balance;
  s.payment = payment;
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
    block[at.rest + i] = sumRest;
    block[at.prepay + i] = sumPrepay;
    if (gross) block[at.gross + i] = sumGross;
    block[at.net + i] = sumNet;
    if (netMax) block[at.netMax + i] = sumNetMax;
  }
}
