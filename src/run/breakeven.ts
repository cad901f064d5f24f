/**
 * Breakeven default rate (issue 17, item 4): the constant CDR at which a class first loses
 * principal, solved to 0.01% CDR with the engine's own default, severity and lag machinery
 * (conventions.md §12; the deal's loss allocation decides who loses).
 *
 * "Loses principal": in the run to the scenario's horizon, the class is written down in some
 * period, or the principal it receives falls short of its original balance by the end of the
 * horizon (an unpaid loss). Either must reach a dollar: the cent waterfall leaves rounding residues
 * of a cent or two (CWALT B shows a 0.01 writedown at 0% CDR), which are not a default loss.
 *
 * The search (below) assumes losses only grow with the default rate. Where a deal's waterfall is
 * not monotone (CWALT 2-A at 40% severity, 12-month lag: losses at 8.34-8.35% CDR, none at
 * 8.40-8.43%), the answer is a CDR that loses with none 0.01 below it, not always the lowest.
 */
import { EngineError } from '../errors';
import type { ClassDescription, DealModel, DealRun } from '../deals/types';
import { LruCache } from './lru';
import { type Scenario, scenarioKey } from './scenario';

/** Losses below a dollar are cent-rounding residues, not a loss. */
const LOSS_TOLERANCE = 1;
/** CDR grid: hundredths of a percent, 0 … 100%. */
const STEPS = 10_000;

/** Documented defaults of BREAKEVEN's credit arguments (the term sheets assume no losses, so none of theirs apply). */
export const BREAKEVEN_DEFAULTS = { severityPct: 40, lagMonths: 12, horizon: 'maturity' } as const;

/** Runs of a bisection, shared by the classes of one deal and scenario (M-1, M-2, B solve over the same CDRs). */
const runs = new LruCache<string, DealRun>(48);
const answers = new LruCache<string, number | null>(256);

function runAt(deal: DealModel, scenario: Scenario, cdr: number): DealRun {
  const s: Scenario = { ...scenario, credit: { ...scenario.credit, cdr } };
  const key = `${deal.description.id}|${scenarioKey(s)}`;
  let run = runs.get(key);
  if (!run) {
    run = deal.run(s);
    runs.set(key, run);
  }
  return run;
}

/**
 * What the class has lost in a run, dollars: its writedowns plus any principal still unpaid at the
 * end of the horizon; under a dollar (cent-rounding residues) counts as nothing.
 */
export function principalLoss(cls: ClassDescription, run: DealRun): number {
  const flows = run.classes.get(cls.name);
  if (!flows) throw new EngineError('class', `the run has no cash flows for ${cls.name}`, 'notAvailable');
  let written = 0;
  let paid = 0;
  for (let k = 0; k < run.periods; k++) {
    written += flows.writedown[k];
    paid += flows.principal[k];
  }
  const loss = Math.max(written, 0) + Math.max(cls.originalBalance - paid - written, 0);
  return written >= LOSS_TOLERANCE || loss >= LOSS_TOLERANCE ? loss : 0;
}

/**
 * The breakeven CDR (%, on the 0.01 grid) of `cls` under `scenario` (its CDR is ignored: it is the
 * unknown). Throws `notAvailable` when even 100% CDR costs the class nothing (severity 0, say).
 */
export function breakevenCdr(deal: DealModel, cls: ClassDescription, scenario: Scenario): number {
  if (cls.kind === 'interestOnly') throw new EngineError('class', `${cls.name} has no principal to lose (an interest-only class)`, 'notAvailable');
  const key = `${deal.description.id}|${cls.name}|${scenarioKey({ ...scenario, credit: { ...scenario.credit, cdr: 0 } })}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = solve(deal, cls, scenario);
    answers.set(key, answer);
  }
  if (answer === null) {
    throw new EngineError('cdr', `${cls.name} loses no principal even at 100% CDR with ${scenario.credit.severity}% severity; no breakeven`, 'notAvailable');
  }
  return answer;
}

/**
 * The first grid step (0.01% CDR) that loses. Bracket by doubling from 1% CDR (grid points shared by
 * every class, so their runs are reused), then shrink [no loss, loss] by extrapolating the loss
 * amount, which grows about linearly past the breakeven, to zero; a step that does not halve the
 * bracket is followed by a bisection, so the search ends in at most about twice the bisection's
 * 14 runs and usually in 6 to 9.
 */
function solve(deal: DealModel, cls: ClassDescription, scenario: Scenario): number | null {
  const losses = new Map<number, number>();
  const lossAt = (step: number): number => {
    let loss = losses.get(step);
    if (loss === undefined) {
      loss = principalLoss(cls, runAt(deal, scenario, step / 100));
      losses.set(step, loss);
    }
    return loss;
  };
  let lo = 0;
  let hi = 100;
  while (lossAt(hi) === 0) {
    if (hi === STEPS) return null;
    lo = hi;
    hi = Math.min(hi * 2, STEPS);
  }
  // Losing already at 1% CDR: is it losing with no defaults at all?
  if (lo === 0 && lossAt(0) > 0) return 0;
  let bisectNext = false;
  while (hi - lo > 1) {
    let x = (lo + hi) >> 1;
    const above = [...losses.entries()].filter(([step, loss]) => loss > 0 && step >= hi).sort((a, b) => a[0] - b[0]);
    if (!bisectNext && above.length >= 2) {
      const [[c1, l1], [c2, l2]] = above;
      const estimate = c1 - (l1 * (c2 - c1)) / (l2 - l1);
      if (Number.isFinite(estimate)) x = Math.min(Math.max(Math.ceil(estimate) - 1, lo + 1), hi - 1);
    }
    const width = hi - lo;
    if (lossAt(x) > 0) hi = x;
    else lo = x;
    bisectNext = hi - lo > width / 2;
  }
  return hi / 100;
}
