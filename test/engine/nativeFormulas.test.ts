/**
 * The deals' formulas as generated code (src/engine/nativeFormulas.ts, formulaSource.ts): the
 * committed modules are current, the deals' pricing terms run them, and generated code gives the
 * interpreter's figures to the bit, on random formulas (NaN, −0, every operation) and on whole
 * runs of the three deals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { FORMULA_TARGETS, generatedFormulasPath } from '../../src/deals/formulaTargets';
import { compileTerms } from '../../src/engine/compiledTerms';
import { QUANTITIES, type Formula, type FormulaContext } from '../../src/engine/formula';
import { formulaSource } from '../../src/engine/formulaSource';
import * as nativeModule from '../../src/engine/nativeFormulas';
import type { EngineTerms } from '../../src/engine/terms';
import * as cents from '../../src/waterfall/cents';
import { projectPool } from '../../src/collateral/project';
import { runCwalt } from '../../src/deals/cwalt-2004-j4';
import { priceImpac, runImpac } from '../../src/deals/impac-cmb-2004-1';
import type { EngineRun } from '../../src/engine/outputs';
import { runEngine } from '../../src/engine/run';
import type { EngineInput } from '../../src/engine/terms';
import { normaliseScenario } from '../../src/run/scenario';
import { DATA_ONLY_DEAL, POOL_LINES } from './dataOnlyDeal';

describe('generated formulas', () => {
  it.each(FORMULA_TARGETS.map((t) => [t.folder, t] as const))('%s: the committed module is current (refresh with `npm run formulas`) and its pricing terms run it', (_, target) => {
    const committed = readFileSync(join(__dirname, '../../src/deals', generatedFormulasPath(target)), 'utf8');
    expect(committed).toBe(formulaSource(target.terms(), '../..', target.source));
    expect(compileTerms(target.terms()).native).toBe(true);
  });
});

/** Loads a generated module's text (TypeScript) as the bundles would run it. */
function load(source: string): void {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const modules: Record<string, unknown> = { '../../engine/nativeFormulas': nativeModule, '../../waterfall/cents': cents };
  new Function('require', 'exports', js)((name: string) => modules[name], {});
}

const FUNDS = ['f0', 'f1'];
const CLASSES = ['A', 'B', 'C'];
const AMOUNTS = ['a0', 'a1', 'a2', 'a3'];

const arbNumber = fc.oneof(fc.constantFrom(0, -0, 1, -1, 0.5, 2.5, -2.5, 1e-9, 100, NaN, Infinity), fc.double({ min: -1e6, max: 1e6, noNaN: true }));

/** Random formulas over two funds, three classes and the amounts before `before`. */
function arbFormula(before: number): fc.Arbitrary<Formula> {
  const leaf: fc.Arbitrary<Formula> = fc.oneof(
    arbNumber,
    fc.constantFrom(...QUANTITIES.slice(0, 6)).map((q) => ({ q })),
    fc.constantFrom('poolBegin', 'poolEnd').map((q) => ({ q, group: 0 }) as Formula),
    fc.constantFrom(...FUNDS).map((f) => ({ fund: f })),
    fc.constantFrom(...FUNDS).map((f) => ({ deposited: f })),
    fc.subarray(CLASSES, { minLength: 1 }).map((b) => ({ balance: b })),
    fc.constantFrom(...AMOUNTS).map((a) => ({ prior: a })),
    ...(before > 0 ? [fc.constantFrom(...AMOUNTS.slice(0, before)).map((a) => ({ amount: a }))] : []),
    fc.array(arbNumber, { minLength: 1, maxLength: 6 }).map((t) => ({ table: t })),
  );
  const { tree } = fc.letrec<{ tree: Formula }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ op: fc.constantFrom('add', 'sub', 'mul', 'div', 'min', 'max', 'gt', 'ge', 'lt', 'le', 'eq', 'ne', 'and', 'or'), a: tie('tree'), b: tie('tree') }) as fc.Arbitrary<Formula>,
      fc.record({ op: fc.constantFrom('cents', 'round', 'floor', 'not'), a: tie('tree') }) as fc.Arbitrary<Formula>,
      fc.record({ op: fc.constant('if'), when: tie('tree'), then: tie('tree'), else: tie('tree') }) as fc.Arbitrary<Formula>,
      // A share of whole cents by weights of 0 or more (what the interpreter accepts).
      fc.record({ total: tie('tree'), weights: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), index: fc.nat(2) }).map(
        ({ total, weights, index }) => ({ op: 'share', total: { op: 'cents', a: { op: 'max', a: 0, b: total } }, weights: weights.map((w) => ({ op: 'max', a: 0, b: { op: 'min', a: 1e6, b: w } })), index: index % weights.length }) as Formula,
      ),
    ),
  }));
  return tree;
}

let cases = 0;

/** Terms carrying only what formulas read: amounts (guarded runs included), a test list and a record list naming the case (each case its own signature). */
function termsOf(amounts: Formula[], tests: Formula[]): EngineTerms {
  const guard: Formula = { op: 'gt', a: { q: 'period' }, b: 2 };
  return {
    funds: FUNDS,
    classes: CLASSES.map((name) => ({ name, coupon: { kind: 'fixed', couponPct: 5 } })),
    priority: [],
    amounts: Object.fromEntries(AMOUNTS.map((name, i) => [name, i === 1 || i === 2 ? { op: 'if', when: guard, then: amounts[i], else: 0 } : amounts[i]])),
    beforeInterest: ['a0', 'a1'],
    calculations: { rest: ['a2', 'a3'] },
    tests: Object.fromEntries(tests.map((f, j) => [`t${j}`, f])),
    record: { [`case${cases++}`]: 0 },
  } as unknown as EngineTerms;
}

function context(values: number[], r: Float64Array, tests: number): FormulaContext {
  const compiled = { quantities: AMOUNTS.length, groups: AMOUNTS.length + QUANTITIES.length };
  return {
    quantities: r.subarray(compiled.quantities, compiled.groups),
    groupQuantities: r.subarray(compiled.groups),
    amounts: r.subarray(0, compiled.quantities),
    funds: FUNDS.map((_, i) => ({ cents: Math.round(Math.abs(values[i])) })),
    depositedCents: Float64Array.from(FUNDS, (_, i) => Math.round(Math.abs(values[i + 2]))),
    classes: CLASSES.map((_, i) => ({ balance: Math.round(Math.abs(values[i + 4])) })),
    outputs: new Float64Array(tests),
  };
}

/** Runs every list of `terms` over registers seeded from `values`: what it wrote, or the error. */
function runAll(terms: EngineTerms, values: number[]): unknown {
  const compiled = compileTerms(terms);
  const r = new Float64Array(compiled.registers);
  for (const p of compiled.programs) for (let i = 0; i < p.constants.length; i++) r[p.constantRegisters[i]] = p.constants[i];
  const layout = compiled.layout;
  for (let i = 0; i < layout.size; i++) r[i] = values[(i + 7) % values.length];
  r[layout.quantities] = Math.round(Math.abs(values[6])) % 5; // the period: in and out of the tables
  const x = context(values, r, Object.keys(terms.tests).length);
  try {
    compiled.beforeInterest.run(r, x);
    for (const c of compiled.calculations) c.run(r, x);
    compiled.tests.run(r, x);
  } catch (error) {
    return String(error);
  }
  // Every double as text that tells −0, NaN and the infinities apart.
  const text = (n: number) => (Object.is(n, -0) ? '-0' : String(n));
  return [...Array.from(r.subarray(0, layout.quantities), text), '|', ...Array.from(x.outputs, text)].join(' ');
}

describe('generated code is the interpreter, to the bit', () => {
  it('on random formulas, amounts, guarded runs and tests', () => {
    fc.assert(
      fc.property(
        fc.tuple(arbFormula(0), arbFormula(1), arbFormula(2), arbFormula(3)),
        fc.array(arbFormula(4), { minLength: 1, maxLength: 3 }),
        fc.array(arbNumber, { minLength: 8, maxLength: 12 }),
        (amounts, tests, values) => {
          const interpreted = termsOf(amounts, tests);
          const expected = runAll(interpreted, values); // compiled before its code exists: the interpreter
          load(formulaSource(interpreted, '../..', 'a test'));
          const generated = { ...interpreted }; // a new terms object with the same formulas: the generated code
          expect(compileTerms(generated).native).toBe(true);
          expect(compileTerms(interpreted).native).toBe(false);
          expect(runAll(generated, values)).toBe(expected);
        },
      ),
      {
        numRuns: 300,
        examples: [
          // A comparison TypeScript once read as a call with type arguments (`d[0] < (b > (c) ? 1 : 0)`).
          [
            [{ table: [0] }, { q: 'poolBegin', group: 0 }, { op: 'cents', a: { op: 'lt', a: { deposited: 'f0' }, b: { op: 'gt', a: { balance: ['B'] }, b: -5e-324 } } }, { q: 'period' }],
            [{ balance: ['B'] }],
            [0, 0, 0, 0, 0, 0, 0, 0],
          ],
        ],
      },
    );
  });
});

/** Every series of two runs, byte for byte (so −0 and NaN count), and their other fields. */
function sameRun(a: EngineRun, b: EngineRun): void {
  const bytes = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');
  const plain = (r: EngineRun) =>
    JSON.stringify(r, (_, v) => (v instanceof Float64Array ? bytes(v) : v instanceof Int32Array ? Array.from(v) : v));
  expect(plain(b)).toBe(plain(a));
}

/** The terms with a calculation no step runs: the same rules under another signature, so the engine interprets them. */
function interpreted(terms: EngineTerms): EngineTerms {
  return { ...terms, calculations: { ...terms.calculations, unused: [] } };
}

describe('a deal run on its generated code is the interpreted run, to the bit', () => {
  const scenarios = [
    normaliseScenario({ speed: 100, horizon: 'call' }),
    normaliseScenario({ speed: 150, horizon: 'maturity', cdr: 6, severity: 45, lagMonths: 6 }),
    normaliseScenario({ speed: 0, horizon: 'maturity', shiftBp: 300 }),
  ];

  it.each(scenarios.map((s, i) => [i, s] as const))('CWALT, scenario %i', (_, scenario) => {
    const run = runCwalt(scenario);
    expect(compileTerms(run.terms).native).toBe(true);
    const input: EngineInput = { pools: run.collateral, indexPct: run.libor1mPct, horizon: scenario.horizon === 'maturity' ? 'maturity' : 'call', contracts: [] };
    const slow = interpreted(run.terms);
    expect(compileTerms(slow).native).toBe(false);
    sameRun(runEngine(run.terms, input), runEngine(slow, input));
  });

  it.each(scenarios.map((s, i) => [i, s] as const))('Impac, scenario %i: derivatives in force', (_, scenario) => {
    const run = runImpac(scenario);
    expect(compileTerms(run.terms).native).toBe(true);
    const input: EngineInput = { pools: [run.pool], indexPct: priceImpac(scenario).inputs.indexPct, horizon: scenario.horizon, contracts: run.contracts };
    const slow = interpreted(run.terms);
    expect(compileTerms(slow).native).toBe(false);
    sameRun(runEngine(run.terms, input), runEngine(slow, input));
  });

  it('the data-only deal, from code generated in the test', () => {
    const pool = projectPool(POOL_LINES, { prepayment: { kind: 'cpr', cprPct: 25 }, cdrPct: 3, severityPct: 40, lagMonths: 4 });
    const input: EngineInput = { pools: [pool], indexPct: new Float64Array(pool.periods).fill(4), horizon: 'call', contracts: [] };
    const slow = runEngine(DATA_ONLY_DEAL, input); // compiled before its code exists: interpreted
    load(formulaSource(DATA_ONLY_DEAL, '../..', 'a test'));
    const fast = { ...DATA_ONLY_DEAL };
    expect(compileTerms(fast).native).toBe(true);
    sameRun(slow, runEngine(fast, input));
  });
});
