import { EngineError } from '../errors';
import { Amounts, Tests } from './namedValues';
import type { AmountId, ClassId, FundId, TestId } from './step';

/**
 * One class's position during one distribution period, in whole cents. The deal fills the
 * "due" fields before the steps run; the steps fill the "paid" fields and reduce `balance`.
 */
export interface ClassLedger {
  /** Principal (or notional, for an interest-only class) balance; reduced by principal paid and writedowns. */
  balance: number;
  /** Interest accrued this period at the (capped) pass-through rate. */
  interestDue: number;
  /** Interest shortfalls from earlier periods still unpaid. */
  unpaidInterestDue: number;
  /** Carryover (interest above the cap, with interest on it) outstanding, this period's included. */
  carryoverDue: number;
  /** Unpaid realized loss amount: writedowns not yet reimbursed. */
  lossDue: number;
  paidInterest: number;
  paidUnpaidInterest: number;
  paidPrincipal: number;
  paidCarryover: number;
  paidLoss: number;
  /** Balance written down this period (realized losses). */
  writedown: number;
  /** True for an interest-only class: its balance is a notional, never paid as principal. */
  readonly notional: boolean;
}

/** Why cash moved (Hastructure's typed postings). */
export type PostingReason = 'interest' | 'unpaidInterest' | 'principal' | 'carryover' | 'lossReimbursement' | 'transfer' | 'release';

/** One movement of cash: from a fund to a class, to another fund or to the residual holder. */
export interface Posting {
  readonly from: FundId;
  readonly to: ClassId | FundId;
  readonly reason: PostingReason;
  readonly cents: number;
  readonly note?: string;
}

/** A fund's balance, whole cents. */
export interface FundCell {
  cents: number;
}

/** The waterfall's state within one period. The runner allocates it; steps mutate it in place. */
export interface PeriodState {
  /** 1-based distribution period (`beginPeriod` moves a reused state on). */
  period: number;
  /** Each fund's cents in a cell of its own, updated in place (a number in a Map would be a new heap number at every change). */
  readonly funds: Map<FundId, FundCell>;
  /** The same cells in the order the funds were opened (what is summed every period, without a Map iterator). */
  readonly fundCells: FundCell[];
  /** The ledgers of `classes` (fixed when the state is made), in its order. */
  readonly classes: Map<ClassId, ClassLedger>;
  readonly ledgers: readonly ClassLedger[];
  /** Named amounts and tests: by name (`set`, `get`) and by slot for compiled steps (namedValues.ts). */
  readonly amounts: Amounts;
  readonly tests: Tests;
  /** Every movement of cash this period, in order, when asked for (`newPeriodState` option); null otherwise. */
  readonly postings: Posting[] | null;
  /** Cash deposited into funds this period (cents). */
  depositedCents: number;
  /** Cash released to residual holders (cents). */
  releasedCents: number;
  /** The last `checkConservation`'s figures (one record per state, overwritten each period). */
  readonly check: CashCheck;
}

/** What a period's cash check found, cents. */
export interface CashCheck {
  depositedCents: number;
  paidCents: number;
  releasedCents: number;
  undistributedCents: number;
}

export function newLedger(balanceCents: number, notional = false): ClassLedger {
  return {
    balance: balanceCents,
    interestDue: 0,
    unpaidInterestDue: 0,
    carryoverDue: 0,
    lossDue: 0,
    paidInterest: 0,
    paidUnpaidInterest: 0,
    paidPrincipal: 0,
    paidCarryover: 0,
    paidLoss: 0,
    writedown: 0,
    notional,
  };
}

/** Clears a ledger for a new period at `balanceCents` (its class keeps its kind), so a runner can reuse one ledger per class. */
export function resetLedger(l: ClassLedger, balanceCents: number): ClassLedger {
  l.balance = balanceCents;
  l.interestDue = 0;
  l.unpaidInterestDue = 0;
  l.carryoverDue = 0;
  l.lossDue = 0;
  l.paidInterest = 0;
  l.paidUnpaidInterest = 0;
  l.paidPrincipal = 0;
  l.paidCarryover = 0;
  l.paidLoss = 0;
  l.writedown = 0;
  return l;
}

/**
 * A fresh period state over `classes`. `recordPostings` keeps the audit trail of every movement
 * of cash (`postings`); runs that only need the ledgers leave it off and allocate nothing per payment.
 */
export function newPeriodState(period: number, classes: Map<ClassId, ClassLedger>, options: { recordPostings?: boolean } = {}): PeriodState {
  return {
    period,
    funds: new Map(),
    fundCells: [],
    classes,
    ledgers: [...classes.values()],
    amounts: new Amounts(),
    tests: new Tests(),
    postings: options.recordPostings ? [] : null,
    depositedCents: 0,
    releasedCents: 0,
    check: { depositedCents: 0, paidCents: 0, releasedCents: 0, undistributedCents: 0 },
  };
}

/**
 * Starts `period` on a state an earlier period used, so that a runner can keep one state (and its
 * maps) for the whole run instead of allocating one a period: every fund is emptied, the postings
 * and the cash counters are cleared. The ledgers are the runner's to reset (`resetLedger`).
 * Amounts and tests keep their last values until a calculation sets them again, so a step that
 * reads one before it is calculated is caught in the first period only.
 */
export function beginPeriod(s: PeriodState, period: number): PeriodState {
  s.period = period;
  const cells = s.fundCells;
  for (let i = 0; i < cells.length; i++) cells[i].cents = 0;
  if (s.postings) s.postings.length = 0;
  s.depositedCents = 0;
  s.releasedCents = 0;
  return s;
}

/** Adds whole cents to a fund (cash coming into the waterfall). */
export function deposit(s: PeriodState, fund: FundId, cents: number): void {
  depositInto(s, fund, fundCell(s, fund), cents);
}

/** `deposit` into the fund's cell, already opened (`fundCell`). */
export function depositInto(s: PeriodState, fund: FundId, cell: FundCell, cents: number): void {
  if (!Number.isInteger(cents) || cents < 0) throw new EngineError(`deposit.${fund}`, `expected whole cents, 0 or more, got ${cents}`);
  cell.cents = cell.cents + cents;
  s.depositedCents += cents;
}

export function fundBalance(s: PeriodState, fund: FundId): number {
  const cell = s.funds.get(fund);
  return cell === undefined ? 0 : cell.cents;
}

/** The fund's cell, opened at 0 cents on first use. */
export function fundCell(s: PeriodState, fund: FundId): FundCell {
  let cell = s.funds.get(fund);
  if (cell === undefined) {
    s.funds.set(fund, (cell = { cents: 0 }));
    s.fundCells.push(cell);
  }
  return cell;
}

export function ledger(s: PeriodState, id: ClassId): ClassLedger {
  const l = s.classes.get(id);
  if (!l) throw new EngineError('class', `no class "${id}" in this waterfall`, 'notAvailable');
  return l;
}

export function amount(s: PeriodState, id: AmountId): number {
  const a = s.amounts.get(id);
  if (a === undefined) throw new EngineError('amount', `amount "${id}" was not calculated before it was used`, 'notAvailable');
  return a;
}

export function testOf(s: PeriodState, id: TestId): boolean {
  const t = s.tests.get(id);
  if (t === undefined) throw new EngineError('test', `test "${id}" was not calculated before it was used`, 'notAvailable');
  return t;
}

/** Cash paid to classes this period (every reason), cents. */
export function paidToClasses(s: PeriodState): number {
  let total = 0;
  const ledgers = s.ledgers;
  for (let i = 0; i < ledgers.length; i++) {
    const l = ledgers[i];
    total += l.paidInterest + l.paidUnpaidInterest + l.paidPrincipal + l.paidCarryover + l.paidLoss;
  }
  return total;
}

/** Cash still sitting in funds, cents. */
export function undistributed(s: PeriodState): number {
  let total = 0;
  const cells = s.fundCells;
  for (let i = 0; i < cells.length; i++) total += cells[i].cents;
  return total;
}

/**
 * Cash conservation for the period: deposited = paid to classes + released + left in funds,
 * to the cent. Throws (an engine bug, not bad input) when it does not hold. Returns the state's
 * own record of the check (`check`), overwritten by the next check.
 */
export function checkConservation(s: PeriodState): CashCheck {
  const paidCents = paidToClasses(s);
  const undistributedCents = undistributed(s);
  if (s.depositedCents !== paidCents + s.releasedCents + undistributedCents) {
    throw new Error(
      `period ${s.period}: cash not conserved: deposited ${s.depositedCents} ≠ paid ${paidCents} + released ${s.releasedCents} + left ${undistributedCents} cents`,
    );
  }
  const cells = s.fundCells;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].cents < 0) {
      for (const [fund, cell] of s.funds) if (cell.cents < 0) throw new Error(`period ${s.period}: fund ${fund} overdrawn (${cell.cents} cents)`);
    }
  }
  const check = s.check;
  check.depositedCents = s.depositedCents;
  check.paidCents = paidCents;
  check.releasedCents = s.releasedCents;
  check.undistributedCents = undistributedCents;
  return check;
}
