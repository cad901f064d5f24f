/**
 * The CWALT 2004-J4 golden master: every class's per-period cash flows, in whole cents, for a
 * fixed set of scenarios. `scripts/cwalt-golden.ts` writes them to
 * test/fixtures/cwalt-2004-j4/golden.json; `test/deals/cwalt-golden.test.ts` reruns them and
 * fails on any difference. Regenerate only when a change of results is intended (and say why).
 */
import { CWALT_MODEL } from '../../src/deals/cwalt-2004-j4/model';
import { runCwalt } from '../../src/deals/cwalt-2004-j4';
import { normaliseScenario, type ScenarioInput } from '../../src/run/scenario';

/** Speeds 0, 100, 150 to the auction and to maturity, plus credit losses and a LIBOR shock. */
export const GOLDEN_SCENARIOS: readonly { readonly name: string; readonly input: ScenarioInput }[] = [
  { name: 'speed 0, auction', input: { speed: 0, horizon: 'call' } },
  { name: 'speed 0, maturity', input: { speed: 0, horizon: 'maturity' } },
  { name: 'speed 100, auction', input: { speed: 100, horizon: 'call' } },
  { name: 'speed 100, maturity', input: { speed: 100, horizon: 'maturity' } },
  { name: 'speed 150, auction', input: { speed: 150, horizon: 'call' } },
  { name: 'speed 150, maturity', input: { speed: 150, horizon: 'maturity' } },
  { name: 'speed 100, CDR 5, severity 40, lag 6, maturity', input: { speed: 100, horizon: 'maturity', cdr: 5, severity: 40, lagMonths: 6 } },
  { name: 'speed 100, LIBOR 5%, maturity', input: { speed: 100, horizon: 'maturity', indices: { libor1m: 5 } } },
];

/** Per-period figures of one class, whole cents, period k at index k − 1. */
export interface GoldenClass {
  /** All non-principal cash (current and unpaid interest, carryover, reimbursed losses), as `CWALT_MODEL.run` reports it. */
  readonly interest: number[];
  readonly principal: number[];
  readonly balance: number[];
  readonly writedown: number[];
}

export interface GoldenRun {
  readonly name: string;
  readonly periods: number;
  readonly lastPeriod: number;
  readonly classes: Record<string, GoldenClass>;
  /** Paid to Class C each period, cents. */
  readonly residual: number[];
}

const cents = (dollars: ArrayLike<number>): number[] => Array.from(dollars, (x) => Math.round(x * 100));

/** Runs one golden scenario through the run layer's model and the deal's own runner. */
export function goldenRun(name: string, input: ScenarioInput): GoldenRun {
  const scenario = normaliseScenario(input);
  const run = CWALT_MODEL.run(scenario);
  const detail = runCwalt(scenario);
  const classes: Record<string, GoldenClass> = {};
  for (const [id, f] of run.classes) {
    classes[id] = { interest: cents(f.interest), principal: cents(f.principal), balance: cents(f.balance), writedown: cents(f.writedown) };
  }
  return { name, periods: run.periods, lastPeriod: detail.lastPeriod, classes, residual: cents(detail.released) };
}
