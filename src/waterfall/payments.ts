/**
 * What each kind of step does to a period's state: the payments, transfers and writedowns the
 * priority's interpreter (apply.ts) runs, one function per kind of compiled step (its ledgers,
 * fund cells and slots resolved), over the step's ledgers gathered into working arrays.
 */
import { EngineError } from '../errors';
import { allocateInto, payProRataInto, paySequentialInto } from './cents';
import { amount, ledger, type ClassLedger, type FundCell, type PeriodState, type PostingReason } from './state';
import type { CompiledStep } from './apply';
import type { AmountId, ClassId, FundId, Order } from './step';

/*
 * Working arrays of the clauses below, reused by every step of every period so that the
 * interpreter allocates nothing (but the postings, when the state records them). Only the clause running uses them, and a
 * clause never calls out to deal code (calculations run as steps of their own), so no two uses
 * overlap. Slot i holds the i-th class of the step (`gather` points `ledgers` at them first).
 */
let ledgers: readonly ClassLedger[] = [];
/** The ledgers of an uncompiled step, looked up by name (a compiled step brings its own array). */
let looked: ClassLedger[] = [];
let due = new Float64Array(16);
let dueUnpaid = new Float64Array(16);
let weights = new Float64Array(16);
let paid = new Float64Array(16);

/**
 * Points `ledgers` at the ledgers of `classes` (`resolved` when compiled; else looked up,
 * throwing on an unknown class), sizes the arrays and returns the number of classes.
 */
export function gather(s: PeriodState, classes: readonly ClassId[], resolved: readonly ClassLedger[] | undefined): number {
  const n = classes.length;
  if (n > due.length) {
    due = new Float64Array(2 * n);
    dueUnpaid = new Float64Array(2 * n);
    weights = new Float64Array(2 * n);
    paid = new Float64Array(2 * n);
  }
  if (resolved) {
    ledgers = resolved;
    return n;
  }
  if (looked.length < n) looked = new Array<ClassLedger>(n);
  for (let i = 0; i < n; i++) looked[i] = ledger(s, classes[i]);
  ledgers = looked;
  return n;
}

/** Records a movement of cash (none for 0 cents) when the state keeps postings (scalars in, so nothing is allocated otherwise). */
function post(s: PeriodState, from: FundId, to: ClassId | FundId, reason: PostingReason, cents: number, note: string | undefined): void {
  if (cents > 0 && s.postings) s.postings.push({ from, to, reason, cents, note });
}

/** Takes what a step paid out of `fund` (its `cell`; once per step: the shares are whole cents, so the sum is exact). */
function take(s: PeriodState, fund: FundId, cell: FundCell, cents: number): void {
  const have = cell.cents;
  if (cents > have) throw new Error(`period ${s.period}: fund ${fund} overdrawn (${cents} > ${have})`);
  cell.cents = have - cents;
}

/** The amount in `slot` (an error naming `id` when no calculation has set it yet). */
export function amountAt(s: PeriodState, slot: number, id: AmountId): number {
  const v = s.amounts.values[slot];
  return v === v ? v : amount(s, id);
}

/** The most the limits in `slots` allow (Infinity when there are none). */
function limitOf(s: PeriodState, slots: Int32Array, ids: readonly AmountId[]): number {
  let m = Infinity;
  for (let i = 0; i < slots.length; i++) m = Math.min(m, Math.max(0, amountAt(s, slots[i], ids[i])));
  return m;
}

function consume(s: PeriodState, slots: Int32Array, ids: readonly AmountId[], cents: number): void {
  for (let i = 0; i < slots.length; i++) s.amounts.values[slots[i]] = amountAt(s, slots[i], ids[i]) - cents;
}

/** Splits `available` over the first `n` entries of `due` into `paid`; pro rata by `weightsOf` (default: the dues). */
function split(available: number, n: number, order: Order, weightsOf: Float64Array = due): Float64Array {
  return order === 'sequential' ? paySequentialInto(available, due, n, paid) : payProRataInto(available, due, weightsOf, n, paid);
}

export function interestStep(s: PeriodState, c: CompiledStep): PeriodState {
  const classes = c.classes;
  const n = gather(s, classes, c.ledgers);
  const part = c.part;
  let owed = 0;
  for (let i = 0; i < n; i++) {
    const l = ledgers[i];
    dueUnpaid[i] = part === 'current' ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest;
    due[i] = dueUnpaid[i] + (part === 'unpaid' ? 0 : l.interestDue - l.paidInterest);
    owed += Math.max(0, due[i]);
  }
  // Nothing owed (classes retired, or paid): the split would pay nothing.
  if (owed === 0) return s;
  const cell = c.from as FundCell;
  split(cell.cents, n, c.order as Order);
  const fund = c.fund;
  const note = c.note;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = paid[i];
    if (p <= 0) continue;
    const l = ledgers[i];
    // Within a class, the older shortfall is paid first. Both parts are posted (a part of 0 is
    // not recorded) on every payment, not only once a shortfall is repaid, so code optimized
    // before then has seen both.
    const toUnpaid = Math.min(p, dueUnpaid[i]);
    l.paidUnpaidInterest += toUnpaid;
    l.paidInterest += p - toUnpaid;
    total += p;
    post(s, fund, classes[i], 'unpaidInterest', toUnpaid, note);
    post(s, fund, classes[i], 'interest', p - toUnpaid, note);
  }
  if (total > 0) take(s, fund, cell, total);
  return s;
}

export function principalStep(s: PeriodState, c: CompiledStep): PeriodState {
  const classes = c.classes;
  const n = gather(s, classes, c.ledgers);
  const cell = c.from as FundCell;
  const slots = c.limits;
  const limits = c.limitIds;
  const available = Math.min(cell.cents, limitOf(s, slots, limits));
  // From period 2 (period 1 runs every step, so its errors surface), with nothing to pay (a limit
  // of 0) the step would pay nothing and leave the state exactly as it was (funds and limits less 0).
  const later = s.period > 1;
  if (later && Math.sign(available) <= 0) return s; // its sign: cents.ts
  for (let i = 0; i < n; i++) {
    if (ledgers[i].notional) throw new EngineError('step', `principal cannot be paid to the interest-only class ${classes[i]}`);
  }
  let owed = 0;
  for (let i = 0; i < n; i++) owed += due[i] = Math.max(0, ledgers[i].balance);
  // Nor with nothing owed (its classes retired).
  if (later && owed === 0) return s;
  split(available, n, c.order as Order);
  const fund = c.fund;
  const note = c.note;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = paid[i];
    if (p <= 0) continue;
    ledgers[i].balance -= p;
    ledgers[i].paidPrincipal += p;
    total += p;
    post(s, fund, classes[i], 'principal', p, note);
  }
  take(s, fund, cell, total);
  consume(s, slots, limits, total);
  return s;
}

/** Outstanding carryover of each gathered class into `due`; returns their total. */
function carryoverDue(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    due[i] = Math.max(0, ledgers[i].carryoverDue - ledgers[i].paidCarryover);
    total += due[i];
  }
  return total;
}

/**
 * Pays each class its share in `paid` (those above 0) of what it is owed on `kind`: added to the
 * ledger's paid carryover or paid loss, posted, and the total taken from the fund.
 */
function payOwed(s: PeriodState, fund: FundId, cell: FundCell, classes: readonly ClassId[], n: number, kind: 'carryover' | 'lossReimbursement', note?: string): void {
  let total = 0;
  for (let i = 0; i < n; i++) {
    // Shares of 0 too (adding 0 leaves the ledger as it is, and posts nothing): period 1 runs this
    // with nothing owed, so code optimized before the first payment has seen it.
    const p = Math.max(0, paid[i]);
    if (kind === 'carryover') ledgers[i].paidCarryover += p;
    else ledgers[i].paidLoss += p;
    total += p;
    post(s, fund, classes[i], kind, p, note);
  }
  if (total > 0) take(s, fund, cell, total);
}

export function carryoverStep(s: PeriodState, c: CompiledStep): PeriodState {
  const classes = c.classes;
  const n = gather(s, classes, c.ledgers);
  const { fund, order, note } = c;
  const cell = c.from as FundCell;
  const outstanding = carryoverDue(n);
  // No carryover outstanding: every round would pay nothing (period 1 runs them all, as the other
  // steps do, so its errors surface and optimized code has seen them).
  if (s.period > 1 && outstanding === 0) return s;
  if (order === 'proRataBalanceThenUnpaid') {
    // First round: pro rata by balance, each capped at its unpaid carryover.
    for (let i = 0; i < n; i++) weights[i] = due[i] > 0 ? Math.max(0, ledgers[i].balance) : 0;
    allocateInto(Math.min(cell.cents, outstanding), weights, n, paid);
    for (let i = 0; i < n; i++) paid[i] = Math.min(paid[i], due[i]);
    payOwed(s, fund, cell, classes, n, 'carryover', note);
    // Second round: what is left, pro rata by the carryover still unpaid.
    carryoverDue(n);
    payProRataInto(cell.cents, due, due, n, paid);
  } else {
    split(cell.cents, n, order);
  }
  payOwed(s, fund, cell, classes, n, 'carryover', note);
  return s;
}

export function lossReimbursementStep(s: PeriodState, c: CompiledStep): PeriodState {
  const classes = c.classes;
  const n = gather(s, classes, c.ledgers);
  let owed = 0;
  for (let i = 0; i < n; i++) owed += due[i] = Math.max(0, ledgers[i].lossDue - ledgers[i].paidLoss);
  // Nothing owed: the split would pay nothing (period 1 runs it all, as for carryover).
  if (s.period > 1 && owed === 0) return s;
  const cell = c.from as FundCell;
  split(cell.cents, n, c.order as Order);
  payOwed(s, c.fund, cell, classes, n, 'lossReimbursement', c.note);
  return s;
}

export function transferStep(s: PeriodState, c: CompiledStep): PeriodState {
  const fromCell = c.from as FundCell;
  const moved = Math.min(fromCell.cents, limitOf(s, c.limits, c.limitIds));
  if (Math.sign(moved) <= 0) return s; // its sign: cents.ts
  const into = c.to as FundCell;
  take(s, c.fund, fromCell, moved);
  into.cents = into.cents + moved;
  consume(s, c.limits, c.limitIds, moved);
  post(s, c.fund, c.toName, 'transfer', moved, c.note);
  return s;
}

export function releaseStep(s: PeriodState, c: CompiledStep): PeriodState {
  const cell = c.from as FundCell;
  const cents = cell.cents;
  if (cents <= 0) return s;
  take(s, c.fund, cell, cents);
  s.releasedCents += cents;
  post(s, c.fund, c.toName, 'release', cents, c.note);
  return s;
}

export function writedownStep(s: PeriodState, c: CompiledStep): PeriodState {
  const slot = c.limits[0];
  const written = amountAt(s, slot, c.limitIds[0]);
  // From period 2, nothing to write down leaves the state as it was (the amount less 0).
  if (s.period > 1 && written <= 0) return s;
  const n = gather(s, c.classes, c.ledgers);
  for (let i = 0; i < n; i++) due[i] = Math.max(0, ledgers[i].balance);
  split(Math.max(0, written), n, c.order as Order);
  let total = 0;
  for (let i = 0; i < n; i++) {
    // Shares of 0 too (the ledger is left as it was): period 1 runs this with nothing written
    // down, so code optimized before the first loss has seen it.
    const cents = Math.max(0, paid[i]);
    ledgers[i].balance -= cents;
    ledgers[i].writedown += cents;
    ledgers[i].lossDue += cents;
    total += cents;
  }
  s.amounts.values[slot] = written - total;
  return s;
}
