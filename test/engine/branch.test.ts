/**
 * A run to one horizon continues from the state another run of the same scenario left at the
 * first redemption period (src/engine/branch.ts). Each run here is compared, every class series
 * and every waterfall-sheet series to the bit, with the same run made in a fresh module registry
 * where no other run of its scenario came before it.
 */
import type { DealRun } from '../../src/deals/types';

type Run = (deal: string, speed: number, horizon: 'call' | 'maturity') => DealRun;

function registry(): Run {
  let run: Run | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { listDeals } = require('../../src/run/registry') as typeof import('../../src/run/registry');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { normaliseScenario } = require('../../src/run/scenario') as typeof import('../../src/run/scenario');
    run = (deal, speed, horizon) => (listDeals().find((d) => d.description.id === deal) as { run: (s: unknown) => DealRun }).run(normaliseScenario({ speed, horizon }));
  });
  return run as Run;
}

/** Every number a run reports, by series name. */
function figures(r: DealRun): Map<string, ArrayLike<number>> {
  const out = new Map<string, ArrayLike<number>>();
  for (const [name, f] of r.classes) for (const [series, values] of Object.entries(f)) out.set(`${name}.${series}`, values as Float64Array);
  for (const [name, cap] of r.rateCapPct) out.set(`${name}.cap`, cap);
  for (const g of r.waterfall?.groups ?? []) for (const s of g.series) out.set(`${g.name}.${s.label}`, s.values);
  for (const [name, list] of r.waterfall?.classes ?? []) for (const s of list) out.set(`${name}.${s.label}`, s.values);
  return out;
}

function expectSame(a: DealRun, b: DealRun): void {
  expect(b.periods).toBe(a.periods);
  const fa = figures(a);
  const fb = figures(b);
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  for (const [name, values] of fa) {
    const other = fb.get(name) as ArrayLike<number>;
    expect({ name, values: Array.from(other) }).toEqual({ name, values: Array.from(values) });
  }
}

const CASES: readonly [string, number][] = [
  ['cwalt-2004-j4', 100],
  ['cwalt-2004-j4', 0],
  ['cwalt-2004-j4', 275],
  ['impac-cmb-2004-1', 100],
  ['impac-cmb-2004-1', 25],
];

describe('a maturity run continuing from a call run (and the reverse)', () => {
  it.each(CASES)('%s at %s%% gives the figures of runs made alone', (deal, speed) => {
    const alone = registry();
    const maturityAlone = alone(deal, speed, 'maturity');
    const callAlone = registry()(deal, speed, 'call');
    const shared = registry();
    expectSame(callAlone, shared(deal, speed, 'call'));
    expectSame(maturityAlone, shared(deal, speed, 'maturity'));
    const reverse = registry();
    expectSame(maturityAlone, reverse(deal, speed, 'maturity'));
    expectSame(callAlone, reverse(deal, speed, 'call'));
  });
});
