/**
 * Issue 11 / excel.md §5: one engine run per scenario. In-process (the engine's run counter is
 * module state, so the functions are imported here rather than loaded from the bundle): 1,000 mixed
 * calls of the custom functions over 20 (deal, scenario) pairs, each scenario typed in several
 * equivalent spellings, project exactly 20 times.
 */
import { FakeCustomFunctionsError, ErrorCode } from '../support/excelBundle';
import { resetRunCache, runStats, RUN_CACHE_CAPACITY } from '../../src/run/runner';
import { target } from '../../functions/engineCalls';
import * as F from '../../functions/functions';

// functions.ts maps failures through the CustomFunctions global Excel provides (read at call time).
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: FakeCustomFunctionsError, ErrorCode };

type Call = (deal: string, cls: string, speed: unknown, horizon: unknown, range: unknown) => unknown;

/** A scenario: the (speed, horizon, range) arguments, in several spellings that mean the same. */
interface ScenarioSpellings {
  readonly deal: string;
  readonly callHorizon: boolean;
  readonly spellings: readonly (readonly [unknown, unknown, unknown])[];
}

const J4 = ['J4', 'cwalt 2004-j4', 'CWALT-2004-J4'];
const IMPAC = ['Impac 2004-1', 'IMPAC CMB 2004-1', 'impac-cmb-2004-1'];

function scenarios(dealNames: string[], callWord: string): ScenarioSpellings[] {
  const deal = dealNames[0];
  return [
    { deal, callHorizon: true, spellings: [[null, null, null], [100, callWord, null], [[[100]], 'CALL', [[null, null]]], ['100', '', null]] },
    { deal, callHorizon: false, spellings: [[100, 'maturity', null], [[[100]], 'Maturity', null]] },
    { deal, callHorizon: true, spellings: [[0, null, null], [[[0]], callWord, null], ['0', 'call', null]] },
    { deal, callHorizon: false, spellings: [[150, 'maturity', null], [null, 'maturity', [['SPEED', 150]]]] },
    { deal, callHorizon: true, spellings: [['8 12R 24', null, null], [null, null, [['VECTOR', '8 12R 24']]], [[['8 12R 24']], callWord, null]] },
    { deal, callHorizon: true, spellings: [[[['CPR'], [10], [15], [20]], null, null], [[['CPR', 10, 15, 20]], 'call', null]] },
    { deal, callHorizon: false, spellings: [[100, 'maturity', [['CDR', 2], ['SEVERITY', 35], ['LAG', 12]]], [100, 'maturity', [['lag', '12'], ['cdr', 2], ['Loss_Severity', 35]]]] },
    { deal, callHorizon: true, spellings: [[100, null, [['LIBOR_1M', 1.5]]], [null, callWord, [['libor_1m', '1.5'], [null, null]]]] },
    { deal, callHorizon: true, spellings: [[120, null, [['SHIFT_BP', 100]]], [[[120]], null, [['SHIFT', 100]]]] },
    { deal, callHorizon: false, spellings: [[80, 'maturity', [['SHIFT_BP', -50], ['CDR', 1], ['SEVERITY', 40]]], ['80', 'maturity', [['CDR', 1], ['SEVERITY', 40], ['SHIFT_BP', -50]]]] },
  ];
}

const ALL: ScenarioSpellings[] = [...scenarios(J4, 'auction'), ...scenarios(IMPAC, 'call')];
const CLASSES: Record<string, { dm: string[]; yield: string[] }> = {
  J4: { dm: ['1-A-1', '2-A', 'M-1', 'M-2', 'B'], yield: ['1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6'] },
  'Impac 2004-1': { dm: ['A-1', 'A-2', 'M-1', 'M-2', 'M-3', 'M-4'], yield: [] },
};

/** A small deterministic generator, so the 1,000 calls are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('one engine run per scenario', () => {
  it('1,000 mixed calls over 20 scenarios on both deals project exactly 20 times', () => {
    resetRunCache();
    expect(ALL).toHaveLength(20);
    const rand = lcg(20040430);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    const counts = { numbers: 0, tables: 0, errors: 0 };
    for (let i = 0; i < 1000; i++) {
      // every scenario at least once, then at random
      const s = i < ALL.length ? ALL[i] : pick(ALL);
      const [speed, horizon, range] = pick(s.spellings);
      const deal = s.deal === 'J4' ? pick(J4) : pick(IMPAC);
      const classes = CLASSES[s.deal];
      const dm = pick(classes.dm);
      const anyPriced = pick([...classes.dm, ...classes.yield]);
      const calls: Call[] = [
        (d, c, sp, h, r) => F.WAL(d, c, sp as never, h, r as never),
        (d, c, sp, h, r) => F.MDUR(d, c, pick(['100-00', '99-16', 101.5, null]), sp as never, h, r as never),
        (d, c, sp, h, r) => F.WINDOW(d, c, sp as never, h, r as never),
        (d, c, sp, h, r) => F.CASHFLOWS(d, c, sp as never, h, r as never),
        (d, _c, sp, h, r) => F.DMARGIN(d, dm, pick(['100-00', '99-24+', 99.5]), sp as never, h, r as never),
        (d, _c, sp, h, r) => F.PRICE(d, dm, pick([20, 45, 100]), sp as never, h, r as never),
      ];
      if (classes.yield.length > 0) calls.push((d, _c, sp, h, r) => F.YIELD(d, pick(classes.yield), '100-00', sp as never, h, r as never));
      // NETRATECAP has no horizon argument: it runs the call horizon
      if (s.callHorizon) calls.push((d, _c, sp, _h, r) => F.NETRATECAP(d, dm, 1 + Math.floor(rand() * 12), sp as never, r as never));
      let result: unknown;
      try {
        result = pick(calls)(deal, anyPriced, speed, horizon, range);
      } catch (error) {
        result = error;
      }
      if (typeof result === 'number') counts.numbers++;
      else if (Array.isArray(result)) counts.tables++;
      else if (result instanceof FakeCustomFunctionsError && (result.code === '#N/A' || result.code === '#VALUE!')) counts.errors++;
      else throw new Error(`call ${i}: unexpected result ${String(result)}`);
    }
    expect(counts.numbers + counts.tables + counts.errors).toBe(1000);
    expect(counts.numbers).toBeGreaterThan(500);
    expect(counts.errors).toBeLessThan(100); // the rare #N/A: e.g. a subordinate with no cash under defaults
    const stats = runStats();
    expect(stats.projections).toBe(20);
    expect(stats.cached).toBe(20);
    expect(stats.capacity).toBe(RUN_CACHE_CAPACITY);
  });

  it('equivalent spellings of a scenario share one run object; a different value is a new run', () => {
    // continues from the 20 runs above: every spelling is a cache hit
    for (const s of ALL) {
      const runs = s.spellings.map(([speed, horizon, range]) => target(s.deal, s.deal === 'J4' ? 'M-1' : 'M-1', speed, horizon, range).run);
      for (const r of runs) expect(r).toBe(runs[0]);
    }
    expect(runStats().projections).toBe(20);
    target('J4', 'M-1', 101, null, null);
    target('J4', 'M-1', 100, null, [['CDR', 0.5]]);
    expect(runStats().projections).toBe(22);
    // price-dependent measures and other classes of the same scenario reuse the run
    F.DMARGIN('J4', '2-A', '99-00', [[101]]);
    F.YIELD('J4', '1-A-3', '101-00', [[101]]);
    F.MDUR('J4', 'B', '98-00', [[101]]);
    F.WAL('J4', '1-A-6', [[101]]);
    expect(runStats().projections).toBe(22);
  });

  it('a malformed argument fails before any run', () => {
    resetRunCache();
    for (const bad of [() => F.WAL('J4', '1-A-3', -5 as never), () => F.WAL('J4', '1-A-9'), () => F.WAL('J4', '1-A-3', null as never, null, [['CDR', 'x']] as never), () => F.DMARGIN('J4', '1-A-1', '99-33')]) {
      expect(bad).toThrow(FakeCustomFunctionsError);
    }
    // the class check and the price check come before or after the run: only the price one costs a run
    expect(runStats().projections).toBeLessThanOrEqual(1);
  });
});
