/**
 * Runs of one deal's terms over one projection to the two horizons (the optional redemption
 * exercised, or not) are the same run until the first period the redemption may happen: the
 * redemption and the coupon step-ups that replace it start there at the earliest. The first run
 * to reach that period leaves its state there (a branch point: what is carried between periods,
 * and its series, whose earlier periods it never writes again); a run to the other horizon
 * continues from it instead of running the earlier periods again, copying those periods of the
 * series, with the same figures to the bit. The last few branch points are kept (a pricing grid
 * runs each speed to both horizons, one horizon after the other), so the memory they hold is
 * bounded: the series of a few runs, most of them held by the run cache anyway.
 */
import type { PeriodState } from '../waterfall/state';
import type { EngineInput, EngineTerms } from './terms';

/** What a run carries from one period to the next. */
export interface CarriedState {
  readonly carried: { readonly balance: Float64Array; readonly unpaid: Float64Array; readonly carryover: Float64Array; readonly loss: Float64Array };
  /** Quantities of the period; the cumulative ones carry. */
  readonly quantities: Float64Array;
  /** Amounts as last evaluated (`prior` reads them). */
  readonly amountValues: Float64Array;
  readonly state: PeriodState;
}

interface BranchPoint {
  readonly terms: EngineTerms;
  readonly input: EngineInput;
  /** The first period the redemption may happen; the state is the one at its start. */
  readonly period: number;
  /** The first stepped-up period, or `period` when later: the runs agree before it. */
  readonly stepUpBefore: number;
  readonly carried: readonly Float64Array[];
  readonly quantities: Float64Array;
  readonly amountValues: Float64Array;
  /** The period state's amounts and tests by slot (namedValues.ts). */
  readonly amounts: Float64Array;
  readonly tests: Float64Array;
  /** The saving run's series (its own arrays: a finished run never changes them, and a running one writes only `period` on). */
  readonly series: readonly Float64Array[];
}

/** The branch points of the last runs, oldest first (one per terms, collateral and index path). */
const points: BranchPoint[] = [];
const KEPT = 12;

const sameContracts = (a: EngineInput['contracts'], b: EngineInput['contracts']) => a === b || (a.length === 0 && b.length === 0);

function sameRun(p: BranchPoint, terms: EngineTerms, input: EngineInput): boolean {
  return p.terms === terms && p.input.indexPct === input.indexPct && sameContracts(p.input.contracts, input.contracts) && p.input.pools.length === input.pools.length && p.input.pools.every((pool, g) => pool === input.pools[g]);
}

const carriedArrays = (s: CarriedState) => [s.carried.balance, s.carried.unpaid, s.carried.carryover, s.carried.loss];

/** Leaves a run's state at the start of `period` (its first redemption period) for a run to the other horizon. */
export function saveBranch(terms: EngineTerms, input: EngineInput, period: number, stepUpFrom: number | null, s: CarriedState, series: readonly Float64Array[]): void {
  const point: BranchPoint = {
    terms,
    input,
    period,
    stepUpBefore: Math.min(stepUpFrom ?? Infinity, period),
    carried: carriedArrays(s).map((a) => a.slice()),
    quantities: s.quantities.slice(),
    amountValues: s.amountValues.slice(),
    amounts: s.state.amounts.values.slice(),
    tests: s.state.tests.values.slice(),
    series,
  };
  // The list rebuilt, not spliced where it has to: a call made only once it is full would be one
  // the compiler had not seen (this runs in the period loop's code).
  const kept = points.filter((p) => !sameRun(p, terms, input)).slice(1 - KEPT);
  kept.push(point);
  points.splice(0, points.length, ...kept);
}

/**
 * Restores the branch point of an earlier run of the same terms over the same collateral, index
 * and contracts, whose state at the start of `period` is this run's (same first redemption
 * period, same coupons before it), and its series before `period`. Returns the period to continue
 * from: `period`, or 1 when there is no such point.
 */
export function restoreBranch(terms: EngineTerms, input: EngineInput, period: number | null, stepUpFrom: number | null, s: CarriedState, series: readonly Float64Array[]): number {
  if (period === null) return 1;
  const p = points.find((x) => sameRun(x, terms, input));
  if (!p || p.period !== period || p.stepUpBefore !== Math.min(stepUpFrom ?? Infinity, period) || p.series.length !== series.length) return 1;
  carriedArrays(s).forEach((a, j) => a.set(p.carried[j]));
  s.quantities.set(p.quantities);
  s.amountValues.set(p.amountValues);
  s.state.amounts.values.set(p.amounts);
  s.state.tests.values.set(p.tests);
  for (let j = 0; j < series.length; j++) copyPeriods(p.series[j], series[j], period - 1);
  return period;
}

/** The first `n` values of `from` into `into` (a loop: a view and a block copy per series cost more for the few dozen periods before a redemption). */
function copyPeriods(from: Float64Array, into: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) into[i] = from[i];
}

/** Forgets every branch point (a cold start for benchmarks and tests). */
export function clearBranches(): void {
  points.length = 0;
}
