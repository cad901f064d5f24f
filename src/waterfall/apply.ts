import { EngineError, unreachable } from '../errors';
import { allocate, payProRata, paySequential } from './cents';
import { amount, fundBalance, ledger, testOf, type ClassLedger, type PeriodState } from './state';
import type { AmountId, CalculationId, CarryoverOrder, ClassId, FundId, Order, Step } from './step';

/** A deal's calculations, by id: each reads the state so far and sets amounts and tests. */
export type Calculations = Readonly<Record<CalculationId, (s: PeriodState) => void>>;

/**
 * Runs one step on the period state (mutating it) and returns it, so a list of steps is
 * `steps.reduce((s, step) => apply(s, step, calcs), state)`. One clause per kind of step.
 */
export function apply(s: PeriodState, step: Step, calculations: Calculations): PeriodState {
  switch (step.kind) {
    case 'interest':
      return payInterest(s, step.fund, step.classes, step.order, step.part, step.note);
    case 'principal':
      return payPrincipal(s, step.fund, step.classes, step.order, step.limits, step.note);
    case 'carryover':
      return payCarryover(s, step.fund, step.classes, step.order, step.note);
    case 'lossReimbursement':
      return reimburseLosses(s, step.fund, step.classes, step.order, step.note);
    case 'transfer':
      return transfer(s, step.from, step.to, step.limits, step.note);
    case 'release':
      return release(s, step.fund, step.to, step.note);
    case 'writedown':
      return writedown(s, step.classes, step.order, step.amount);
    case 'calculate': {
      const calc = calculations[step.calculation];
      if (!calc) throw new EngineError('calculation', `the deal has no calculation "${step.calculation}"`, 'notAvailable');
      calc(s);
      return s;
    }
    case 'ifTest':
      return runSteps(s, testOf(s, step.test) ? step.then : step.otherwise, calculations);
    default:
      return unreachable(step);
  }
}

/** Runs `steps` in order. */
export function runSteps(s: PeriodState, steps: readonly Step[], calculations: Calculations): PeriodState {
  return steps.reduce((state, step) => apply(state, step, calculations), s);
}

function take(s: PeriodState, fund: FundId, cents: number): void {
  const have = fundBalance(s, fund);
  if (cents > have) throw new Error(`period ${s.period}: fund ${fund} overdrawn (${cents} > ${have})`);
  s.funds.set(fund, have - cents);
}

/** The most `limits` allow (Infinity when there are none). */
function limitOf(s: PeriodState, limits: readonly AmountId[]): number {
  let m = Infinity;
  for (const id of limits) m = Math.min(m, Math.max(0, amount(s, id)));
  return m;
}

function consume(s: PeriodState, limits: readonly AmountId[], cents: number): void {
  for (const id of limits) s.amounts.set(id, amount(s, id) - cents);
}

function split(available: number, due: readonly number[], order: Order, weights?: readonly number[]): number[] {
  return order === 'sequential' ? paySequential(available, due) : payProRata(available, due, weights);
}

function payInterest(s: PeriodState, fund: FundId, classes: readonly ClassId[], order: Order, part: 'current' | 'unpaid' | 'currentAndUnpaid', note?: string): PeriodState {
  const ledgers = classes.map((id) => ledger(s, id));
  const dueUnpaid = ledgers.map((l) => (part === 'current' ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest));
  const dueCurrent = ledgers.map((l) => (part === 'unpaid' ? 0 : l.interestDue - l.paidInterest));
  const due = dueUnpaid.map((u, i) => u + dueCurrent[i]);
  const paid = split(fundBalance(s, fund), due, order);
  paid.forEach((p, i) => {
    if (p <= 0) return;
    const l = ledgers[i];
    // Within a class, the older shortfall is paid first.
    const toUnpaid = Math.min(p, dueUnpaid[i]);
    l.paidUnpaidInterest += toUnpaid;
    l.paidInterest += p - toUnpaid;
    take(s, fund, p);
    if (toUnpaid > 0) s.postings.push({ from: fund, to: classes[i], reason: 'unpaidInterest', cents: toUnpaid, note });
    if (p - toUnpaid > 0) s.postings.push({ from: fund, to: classes[i], reason: 'interest', cents: p - toUnpaid, note });
  });
  return s;
}

function payPrincipal(s: PeriodState, fund: FundId, classes: readonly ClassId[], order: Order, limits: readonly AmountId[], note?: string): PeriodState {
  const ledgers = classes.map((id) => ledger(s, id));
  for (const [i, l] of ledgers.entries()) {
    if (l.notional) throw new EngineError('step', `principal cannot be paid to the interest-only class ${classes[i]}`);
  }
  const due = ledgers.map((l) => Math.max(0, l.balance));
  const available = Math.min(fundBalance(s, fund), limitOf(s, limits));
  const paid = split(available, due, order, due);
  let total = 0;
  paid.forEach((p, i) => {
    if (p <= 0) return;
    ledgers[i].balance -= p;
    ledgers[i].paidPrincipal += p;
    total += p;
    s.postings.push({ from: fund, to: classes[i], reason: 'principal', cents: p, note });
  });
  take(s, fund, total);
  consume(s, limits, total);
  return s;
}

function payCarryover(s: PeriodState, fund: FundId, classes: readonly ClassId[], order: CarryoverOrder, note?: string): PeriodState {
  const ledgers = classes.map((id) => ledger(s, id));
  const due = (l: ClassLedger) => Math.max(0, l.carryoverDue - l.paidCarryover);
  const pay = (amounts: readonly number[]) =>
    amounts.forEach((p, i) => {
      if (p <= 0) return;
      ledgers[i].paidCarryover += p;
      take(s, fund, p);
      s.postings.push({ from: fund, to: classes[i], reason: 'carryover', cents: p, note });
    });
  if (order === 'proRataBalanceThenUnpaid') {
    // First round: pro rata by balance, each capped at its unpaid carryover.
    const first = allocate(
      Math.min(fundBalance(s, fund), ledgers.reduce((a, l) => a + due(l), 0)),
      ledgers.map((l) => (due(l) > 0 ? Math.max(0, l.balance) : 0)),
    ).map((p, i) => Math.min(p, due(ledgers[i])));
    pay(first);
    // Second round: what is left, pro rata by the carryover still unpaid.
    pay(payProRata(fundBalance(s, fund), ledgers.map(due)));
  } else {
    pay(split(fundBalance(s, fund), ledgers.map(due), order));
  }
  return s;
}

function reimburseLosses(s: PeriodState, fund: FundId, classes: readonly ClassId[], order: Order, note?: string): PeriodState {
  const ledgers = classes.map((id) => ledger(s, id));
  const paid = split(fundBalance(s, fund), ledgers.map((l) => Math.max(0, l.lossDue - l.paidLoss)), order);
  paid.forEach((p, i) => {
    if (p <= 0) return;
    ledgers[i].paidLoss += p;
    take(s, fund, p);
    s.postings.push({ from: fund, to: classes[i], reason: 'lossReimbursement', cents: p, note });
  });
  return s;
}

function transfer(s: PeriodState, from: FundId, to: FundId, limits: readonly AmountId[], note?: string): PeriodState {
  const moved = Math.min(fundBalance(s, from), limitOf(s, limits));
  if (moved <= 0) return s;
  take(s, from, moved);
  s.funds.set(to, fundBalance(s, to) + moved);
  consume(s, limits, moved);
  s.postings.push({ from, to, reason: 'transfer', cents: moved, note });
  return s;
}

function release(s: PeriodState, fund: FundId, to: ClassId, note?: string): PeriodState {
  const cents = fundBalance(s, fund);
  if (cents <= 0) return s;
  take(s, fund, cents);
  s.releasedCents += cents;
  s.postings.push({ from: fund, to, reason: 'release', cents, note });
  return s;
}

function writedown(s: PeriodState, classes: readonly ClassId[], order: Order, id: AmountId): PeriodState {
  const ledgers = classes.map((c) => ledger(s, c));
  const due = ledgers.map((l) => Math.max(0, l.balance));
  const cut = split(Math.max(0, amount(s, id)), due, order, due);
  let total = 0;
  cut.forEach((c, i) => {
    if (c <= 0) return;
    ledgers[i].balance -= c;
    ledgers[i].writedown += c;
    ledgers[i].lossDue += c;
    total += c;
  });
  s.amounts.set(id, amount(s, id) - total);
  return s;
}
