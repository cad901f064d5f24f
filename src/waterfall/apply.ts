import { EngineError, unreachable } from '../errors';
import { allocateInto, payProRataInto, paySequentialInto } from './cents';
import { amount, fundCell, ledger, testOf, type ClassLedger, type FundCell, type PeriodState, type PostingReason } from './state';
import type { AmountId, CalculationId, CarryoverOrder, ClassId, FundId, InterestPart, Order, Step, TestId } from './step';

/** A deal's calculations, by id: each reads the state so far and sets amounts and tests. */
export type Calculations = Readonly<Record<CalculationId, (s: PeriodState) => void>>;

/**
 * Runs one step on the period state (mutating it) and returns it, so a list of steps is
 * `steps.reduce((s, step) => apply(s, step, calcs), state)`. One clause per kind of step.
 */
export function apply(s: PeriodState, step: Step, calculations: Calculations): PeriodState {
  return applyStep(s, compileStep(step, s), calculations);
}

/** Runs `steps` in order. */
export function runSteps(s: PeriodState, steps: readonly Step[], calculations: Calculations): PeriodState {
  for (let i = 0; i < steps.length; i++) applyStep(s, compileStep(steps[i], s), calculations);
  return s;
}

/**
 * A priority of distributions resolved once against one run's ledgers: each step's classes are
 * looked up when compiled rather than every period. For a runner that keeps one ledger object per
 * class for the whole run (`resetLedger`, `beginPeriod`); `runCompiled` then gives exactly what
 * `runSteps` gives.
 */
export interface CompiledSteps {
  /** The state the steps were compiled against: its ledgers and fund cells are the steps' own. */
  readonly state: PeriodState;
  readonly steps: readonly CompiledStep[];
}

/**
 * A step with what it reads in fields of its own: every compiled step has this one shape, so the
 * interpreter's reads of them are monomorphic (a `Step`'s fields differ by kind: each read of one
 * across the priority's steps went through a megamorphic lookup).
 */
interface CompiledStep {
  readonly step: Step;
  readonly kind: Step['kind'];
  /** The fund the step pays from or moves out of ('' for none). */
  readonly fund: FundId;
  /** Where a transfer moves cash or a release pays it ('' for neither). */
  readonly toName: string;
  readonly classes: readonly ClassId[];
  readonly order: CarryoverOrder;
  readonly part: InterestPart;
  readonly note: string | undefined;
  readonly calculation: CalculationId;
  /** The ids of the step's limits, or of a writedown's amount (`limits` holds their slots). */
  readonly limitIds: readonly AmountId[];
  /** The step's class ledgers, in its order (undefined: no classes, or one unknown, left to fail when run). */
  readonly ledgers: readonly ClassLedger[] | undefined;
  readonly then: readonly CompiledStep[];
  readonly otherwise: readonly CompiledStep[];
  /** The cell of the fund whose cash the step pays out: when it is empty the step has nothing to do (null: always run). */
  readonly source: FundCell | null;
  /** The cell of the fund the step pays from or moves out of (null: none). */
  readonly from: FundCell | null;
  /** The cell of the fund a transfer moves into (null: not a transfer). */
  readonly to: FundCell | null;
  /** The slots (in the state's amounts) of the step's limits, or of a writedown's amount. */
  readonly limits: Int32Array;
  /** The slot (in the state's tests) of an `ifTest`'s test (-1: not one). */
  readonly test: number;
}

/** The fund a step pays from, when an empty one makes the step a no-op (not for a principal step to an interest-only class: that is an error to raise). */
function sourceOf(step: Step, ledgers: readonly ClassLedger[] | undefined): FundId | null {
  switch (step.kind) {
    case 'interest':
    case 'carryover':
    case 'lossReimbursement':
    case 'release':
      return step.fund;
    case 'principal':
      return ledgers && ledgers.every((l) => !l.notional) ? step.fund : null;
    case 'transfer':
      return step.from;
    default:
      return null;
  }
}

/** Resolves one step against a state: its ledgers looked up, its fund cells opened, its amounts and test given their slots. */
function compileStep(step: Step, state: PeriodState): CompiledStep {
  const ledgers = 'classes' in step ? resolve(state, step.classes) : undefined;
  const source = sourceOf(step, ledgers);
  const from = 'fund' in step ? step.fund : step.kind === 'transfer' ? step.from : null;
  const amounts = step.kind === 'writedown' ? [step.amount] : 'limits' in step ? step.limits : [];
  return {
    step,
    kind: step.kind,
    fund: from ?? '',
    toName: step.kind === 'transfer' || step.kind === 'release' ? step.to : '',
    classes: 'classes' in step ? step.classes : [],
    order: 'order' in step ? step.order : 'sequential',
    part: step.kind === 'interest' ? step.part : 'current',
    note: step.note,
    calculation: step.kind === 'calculate' ? step.calculation : '',
    limitIds: amounts,
    ledgers,
    then: step.kind === 'ifTest' ? step.then.map((x) => compileStep(x, state)) : [],
    otherwise: step.kind === 'ifTest' ? step.otherwise.map((x) => compileStep(x, state)) : [],
    source: source === null ? null : fundCell(state, source),
    from: from === null ? null : fundCell(state, from),
    to: step.kind === 'transfer' ? fundCell(state, step.to) : null,
    limits: Int32Array.from(amounts, (id) => state.amounts.slot(id)),
    test: step.kind === 'ifTest' ? state.tests.slot(step.test) : -1,
  };
}

/** The ledgers of `ids` (undefined when one is unknown: left to fail when the step runs). */
function resolve(state: PeriodState, ids: readonly ClassId[]): ClassLedger[] | undefined {
  const found: ClassLedger[] = [];
  for (const id of ids) {
    const l = state.classes.get(id);
    if (!l) return undefined;
    found.push(l);
  }
  return found;
}

/** Compiles steps against one state (`newPeriodState`): its ledgers are looked up and its fund cells opened once. */
export function compileSteps(steps: readonly Step[], state: PeriodState): CompiledSteps {
  return { state, steps: steps.map((step) => compileStep(step, state)) };
}

/** Runs compiled steps on a state holding the very ledgers they were compiled against. */
export function runCompiled(s: PeriodState, program: CompiledSteps, calculations: Calculations): PeriodState {
  if (s !== program.state) throw new Error(`period ${s.period}: the steps were compiled for another state (other ledgers and funds)`);
  return runCompiledList(s, program.steps, calculations);
}

function runCompiledList(s: PeriodState, list: readonly CompiledStep[], calculations: Calculations): PeriodState {
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    // From period 2 (period 1 runs every step, so a step's errors surface), a step paying out of
    // an empty fund is skipped: it would pay nothing and leave the state exactly as it was.
    if (c.source !== null && s.period > 1 && c.source.cents === 0) continue;
    if (c.test >= 0) runCompiledList(s, testAt(s, c) ? c.then : c.otherwise, calculations);
    else applyStep(s, c, calculations);
  }
  return s;
}

/** An `ifTest`'s test this period (an error when no calculation has set it yet). */
function testAt(s: PeriodState, c: CompiledStep): boolean {
  const v = s.tests.values[c.test];
  return v === v ? v !== 0 : testOf(s, (c.step as { test: TestId }).test);
}

/** Runs one compiled step (its ledgers, fund cells and slots resolved). */
function applyStep(s: PeriodState, c: CompiledStep, calculations: Calculations): PeriodState {
  const from = c.from as FundCell;
  const kind = c.kind;
  switch (kind) {
    case 'interest':
      return payInterest(s, c.fund, from, c.classes, gather(s, c.classes, c.ledgers), c.order as Order, c.part, c.note);
    case 'principal':
      return payPrincipal(s, c.fund, from, c.classes, gather(s, c.classes, c.ledgers), c.order as Order, c.limits, c.limitIds, c.note);
    case 'carryover':
      return payCarryover(s, c.fund, from, c.classes, gather(s, c.classes, c.ledgers), c.order, c.note);
    case 'lossReimbursement':
      return reimburseLosses(s, c.fund, from, c.classes, gather(s, c.classes, c.ledgers), c.order as Order, c.note);
    case 'transfer':
      return transfer(s, c.fund, from, c.toName, c.to as FundCell, c.limits, c.limitIds, c.note);
    case 'release':
      return release(s, c.fund, from, c.toName, c.note);
    case 'writedown':
      return writedown(s, gather(s, c.classes, c.ledgers), c.order as Order, c.limits[0], c.limitIds[0]);
    case 'calculate': {
      const calc = calculations[c.calculation];
      if (!calc) throw new EngineError('calculation', `the deal has no calculation "${c.calculation}"`, 'notAvailable');
      calc(s);
      return s;
    }
    case 'ifTest':
      return runCompiledList(s, testAt(s, c) ? c.then : c.otherwise, calculations);
    default:
      return unreachable(kind);
  }
}

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
function gather(s: PeriodState, classes: readonly ClassId[], resolved: readonly ClassLedger[] | undefined): number {
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

/** Records a movement of cash when the state keeps postings (scalars in, so nothing is allocated otherwise). */
function post(s: PeriodState, from: FundId, to: ClassId | FundId, reason: PostingReason, cents: number, note: string | undefined): void {
  if (s.postings) s.postings.push({ from, to, reason, cents, note });
}

/** Takes what a step paid out of `fund` (its `cell`; once per step: the shares are whole cents, so the sum is exact). */
function take(s: PeriodState, fund: FundId, cell: FundCell, cents: number): void {
  const have = cell.cents;
  if (cents > have) throw new Error(`period ${s.period}: fund ${fund} overdrawn (${cents} > ${have})`);
  cell.cents = have - cents;
}

/** The amount in `slot` (an error naming `id` when no calculation has set it yet). */
function amountAt(s: PeriodState, slot: number, id: AmountId): number {
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

function payInterest(s: PeriodState, fund: FundId, cell: FundCell, classes: readonly ClassId[], n: number, order: Order, part: 'current' | 'unpaid' | 'currentAndUnpaid', note?: string): PeriodState {
  let owed = 0;
  for (let i = 0; i < n; i++) {
    const l = ledgers[i];
    dueUnpaid[i] = part === 'current' ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest;
    due[i] = dueUnpaid[i] + (part === 'unpaid' ? 0 : l.interestDue - l.paidInterest);
    owed += Math.max(0, due[i]);
  }
  // Nothing owed (classes retired, or paid): the split would pay nothing.
  if (owed === 0) return s;
  split(cell.cents, n, order);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = paid[i];
    if (p <= 0) continue;
    const l = ledgers[i];
    // Within a class, the older shortfall is paid first.
    const toUnpaid = Math.min(p, dueUnpaid[i]);
    l.paidUnpaidInterest += toUnpaid;
    l.paidInterest += p - toUnpaid;
    total += p;
    if (toUnpaid > 0) post(s, fund, classes[i], 'unpaidInterest', toUnpaid, note);
    if (p - toUnpaid > 0) post(s, fund, classes[i], 'interest', p - toUnpaid, note);
  }
  if (total > 0) take(s, fund, cell, total);
  return s;
}

function payPrincipal(s: PeriodState, fund: FundId, cell: FundCell, classes: readonly ClassId[], n: number, order: Order, slots: Int32Array, limits: readonly AmountId[], note?: string): PeriodState {
  for (let i = 0; i < n; i++) {
    if (ledgers[i].notional) throw new EngineError('step', `principal cannot be paid to the interest-only class ${classes[i]}`);
  }
  for (let i = 0; i < n; i++) due[i] = Math.max(0, ledgers[i].balance);
  split(Math.min(cell.cents, limitOf(s, slots, limits)), n, order);
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

function payCarryoverShares(s: PeriodState, fund: FundId, cell: FundCell, classes: readonly ClassId[], n: number, note?: string): void {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = paid[i];
    if (p <= 0) continue;
    ledgers[i].paidCarryover += p;
    total += p;
    post(s, fund, classes[i], 'carryover', p, note);
  }
  if (total > 0) take(s, fund, cell, total);
}

function payCarryover(s: PeriodState, fund: FundId, cell: FundCell, classes: readonly ClassId[], n: number, order: CarryoverOrder, note?: string): PeriodState {
  const outstanding = carryoverDue(n);
  // No carryover outstanding: every round would pay nothing.
  if (outstanding === 0) return s;
  if (order === 'proRataBalanceThenUnpaid') {
    // First round: pro rata by balance, each capped at its unpaid carryover.
    for (let i = 0; i < n; i++) weights[i] = due[i] > 0 ? Math.max(0, ledgers[i].balance) : 0;
    allocateInto(Math.min(cell.cents, outstanding), weights, n, paid);
    for (let i = 0; i < n; i++) paid[i] = Math.min(paid[i], due[i]);
    payCarryoverShares(s, fund, cell, classes, n, note);
    // Second round: what is left, pro rata by the carryover still unpaid.
    carryoverDue(n);
    payProRataInto(cell.cents, due, due, n, paid);
  } else {
    split(cell.cents, n, order);
  }
  payCarryoverShares(s, fund, cell, classes, n, note);
  return s;
}

function reimburseLosses(s: PeriodState, fund: FundId, cell: FundCell, classes: readonly ClassId[], n: number, order: Order, note?: string): PeriodState {
  let owed = 0;
  for (let i = 0; i < n; i++) owed += due[i] = Math.max(0, ledgers[i].lossDue - ledgers[i].paidLoss);
  if (owed === 0) return s;
  split(cell.cents, n, order);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = paid[i];
    if (p <= 0) continue;
    ledgers[i].paidLoss += p;
    total += p;
    post(s, fund, classes[i], 'lossReimbursement', p, note);
  }
  if (total > 0) take(s, fund, cell, total);
  return s;
}

function transfer(s: PeriodState, from: FundId, fromCell: FundCell, to: FundId, into: FundCell, slots: Int32Array, limits: readonly AmountId[], note?: string): PeriodState {
  const moved = Math.min(fromCell.cents, limitOf(s, slots, limits));
  if (moved <= 0) return s;
  take(s, from, fromCell, moved);
  into.cents = into.cents + moved;
  consume(s, slots, limits, moved);
  post(s, from, to, 'transfer', moved, note);
  return s;
}

function release(s: PeriodState, fund: FundId, cell: FundCell, to: ClassId, note?: string): PeriodState {
  const cents = cell.cents;
  if (cents <= 0) return s;
  take(s, fund, cell, cents);
  s.releasedCents += cents;
  post(s, fund, to, 'release', cents, note);
  return s;
}

function writedown(s: PeriodState, n: number, order: Order, slot: number, id: AmountId): PeriodState {
  for (let i = 0; i < n; i++) due[i] = Math.max(0, ledgers[i].balance);
  const written = amountAt(s, slot, id);
  split(Math.max(0, written), n, order);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = paid[i];
    if (c <= 0) continue;
    ledgers[i].balance -= c;
    ledgers[i].writedown += c;
    ledgers[i].lossDue += c;
    total += c;
  }
  s.amounts.values[slot] = written - total;
  return s;
}
