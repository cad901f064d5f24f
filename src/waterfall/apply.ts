import { EngineError, unreachable } from '../errors';
import { carryoverStep, interestStep, lossReimbursementStep, principalStep, releaseStep, transferStep, writedownStep } from './payments';
import { fundCell, testOf, type ClassLedger, type FundCell, type PeriodState } from './state';
import type { AmountId, CalculationId, CarryoverOrder, ClassId, FundId, InterestPart, Step, TestId } from './step';

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
export interface CompiledStep {
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

/** A calculation step: the deal's calculation of that id, run on the state so far. */
function calculateStep(s: PeriodState, c: CompiledStep, calculations: Calculations): PeriodState {
  const calc = calculations[c.calculation];
  if (!calc) throw new EngineError('calculation', `the deal has no calculation "${c.calculation}"`, 'notAvailable');
  calc(s);
  return s;
}

/** Runs one compiled step: one function per kind (payments.ts), each on a step of its kind (its ledgers, fund cells and slots resolved). */
function applyStep(s: PeriodState, c: CompiledStep, calculations: Calculations): PeriodState {
  const kind = c.kind;
  switch (kind) {
    case 'interest':
      return interestStep(s, c);
    case 'principal':
      return principalStep(s, c);
    case 'carryover':
      return carryoverStep(s, c);
    case 'lossReimbursement':
      return lossReimbursementStep(s, c);
    case 'transfer':
      return transferStep(s, c);
    case 'release':
      return releaseStep(s, c);
    case 'writedown':
      return writedownStep(s, c);
    case 'calculate':
      return calculateStep(s, c, calculations);
    case 'ifTest':
      return runCompiledList(s, testAt(s, c) ? c.then : c.otherwise, calculations);
    default:
      return unreachable(kind);
  }
}
