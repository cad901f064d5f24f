/**
 * What a projection call needs only while it runs, kept for the next call instead of allocated
 * each time: its lines' states (lineState.ts) and its SMM and MDR tables. A call takes them at its
 * start and releases them at its end; a call made inside another (a prepayment function of the
 * loan month that projects a pool itself) finds them taken and allocates its own. The lists of lines
 * due by period, of the loop that steps the lines together, are kept the same way.
 */
import { annuityPayment, LineState, LIST_END } from './lineState';
import type { RepLine } from './repline';

const keptStates: LineState[] = [];
const keptDue: LineState[] = [];
let dueDirty = false;
let keptTables = new Float64Array(0);
let taken = false;

/** Takes the kept scratch for a call: false when a call already has it. */
export function takeScratch(): boolean {
  if (taken) return false;
  taken = true;
  return true;
}

/** The call that took the scratch is done with it. */
export function releaseScratch(): void {
  taken = false;
}

/** `count` line states, whose fields the caller writes: the kept ones when the call has taken the scratch, else new ones. */
export function lineStates(count: number, kept: boolean): LineState[] {
  if (!kept) return Array.from({ length: count }, () => new LineState());
  while (keptStates.length < count) keptStates.push(new LineState());
  return keptStates.slice(0, count);
}

/** `size` doubles of zeros for a call's tables: the kept ones when the call has taken the scratch. */
export function tableSpace(size: number, kept: boolean): Float64Array {
  if (!kept) return new Float64Array(size);
  if (keptTables.length < size) keptTables = new Float64Array(size);
  else keptTables.fill(0, 0, size);
  return keptTables;
}

/** Per pool (its array of lines): each line's balance, monthly rate and term, and its level payment on them. */
const levelPayments = new WeakMap<readonly RepLine[], Float64Array>();

/**
 * The level payments remembered for the pool of `lines` (for `levelPayment`): a pool's lines are
 * the same objects call after call, and the log1p and expm1 of Impac's 53 starting payments were
 * 2% of its projection.
 */
export function levelPaymentsOf(lines: readonly RepLine[]): Float64Array {
  let known = levelPayments.get(lines);
  if (known === undefined || known.length !== 4 * lines.length) {
    known = new Float64Array(4 * lines.length).fill(NaN);
    levelPayments.set(lines, known);
  }
  return known;
}

/** Line `i`'s level payment on `balance`, `r` and `months`, from `known` (`levelPaymentsOf`) when they are the same. */
export function levelPayment(known: Float64Array, i: number, balance: number, r: number, months: number): number {
  const at = 4 * i;
  if (known[at] === balance && known[at + 1] === r && known[at + 2] === months) return known[at + 3];
  const payment = annuityPayment(balance, r, months);
  known[at] = balance;
  known[at + 1] = r;
  known[at + 2] = months;
  known[at + 3] = payment;
  return payment;
}

/**
 * `length` empty lists of lines due (LIST_END each), for a pool's loop: the kept array when the call
 * has taken the scratch. The loop empties each list as it reads it, so the kept array is empty
 * again when a pool is done; a call that failed (`scratchFailed`) may have left lists behind.
 */
export function dueLists(length: number, kept: boolean): LineState[] {
  if (!kept) return new Array<LineState>(length).fill(LIST_END);
  if (dueDirty) {
    keptDue.fill(LIST_END);
    dueDirty = false;
  }
  while (keptDue.length < length) keptDue.push(LIST_END);
  return keptDue;
}

/** The call that took the scratch failed part way: the kept lists of lines due are emptied before their next use. */
export function scratchFailed(): void {
  dueDirty = true;
}
