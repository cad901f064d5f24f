/** Named formulas (src/engine/formula.ts, compiled by src/engine/program.ts): names resolved once with clear errors, evaluated exactly. */
import { add, amount, eq, fund, ge, groupQ, gt, le, lt, min, ne, not, prior, q, shareOf, table, when, type Formula, type FormulaContext, QUANTITIES } from '../../src/engine/formula';
import { compileFormula, evaluate, execute, prepare, ProgramBuilder, registerLayout } from '../../src/engine/program';

const names = { funds: ['excess'], classes: ['A', 'B'], amounts: ['target', 'paid', 'latch'], groups: 1 };

function context(period: number, funds: number[] = [0], amounts: number[] = [0, 0, 0]): FormulaContext {
  const quantities = new Float64Array(QUANTITIES.length);
  quantities[QUANTITIES.indexOf('period')] = period;
  return { quantities, groupQuantities: new Float64Array(3), amounts: Float64Array.from(amounts), depositedCents: new Float64Array(1), funds: funds.map((cents) => ({ cents })), classes: [{ balance: 0 }, { balance: 0 }], outputs: new Float64Array(0) };
}

describe('named formulas', () => {
  it('names the term, the name and what exists when a name is wrong, and reads only earlier amounts', () => {
    expect(() => compileFormula(fund('reserve'), names, 'amounts.x')).toThrow(/terms\.amounts\.x: no fund "reserve"; expected one of excess/);
    expect(() => compileFormula(amount('latch'), names, 'amounts.paid', 1)).toThrow(/no amount evaluated before "latch"/);
    expect(() => compileFormula(prior('latch'), names, 'amounts.paid', 1)).not.toThrow();
  });

  it('evaluates arithmetic, tests, schedules by period and splits to the cent', () => {
    const f = compileFormula(when(ge(q('period'), 7), min(fund('excess'), 2_152_500), 0), names, 'x');
    expect(evaluate(f, context(6, [5_000_000]))).toBe(0);
    expect(evaluate(f, context(7, [5_000_000]))).toBe(2_152_500);
    expect(evaluate(compileFormula(table([1.5, 1.5]), names, 'x'), context(3))).toBe(0);
    const split = (i: number) => evaluate(compileFormula(shareOf(101, [1, 2], i), names, 'x'), context(1));
    expect([split(0), split(1)]).toEqual([34, 67]);
    expect(evaluate(compileFormula(add(prior('latch'), 1), names, 'x'), context(1, [0], [0, 0, 4]))).toBe(5);
  });

  it('takes the branch of an if on a comparison exactly as the comparison evaluates, NaN included', () => {
    const values = [1, 2, Number.NaN];
    for (const op of [gt, ge, lt, le, eq, ne]) {
      for (const a of values) {
        for (const b of values) {
          const test: Formula = op(a, b);
          expect(evaluate(compileFormula(when(test, 7, 9), names, 'x'), context(1))).toBe(evaluate(compileFormula(test, names, 'x'), context(1)) !== 0 ? 7 : 9);
        }
      }
    }
  });

  it('names the loan groups a formula may read', () => {
    expect(() => compileFormula(groupQ('poolEnd', 1), names, 'amounts.x')).toThrow(/terms\.amounts\.x: no loan group 1; expected 0 to 0/);
  });

  it('runs amounts under one guard as one jump, to the same values as each amount alone', () => {
    const list = ['g', 'a', 'b', 'c', 'd', 'e'];
    const all = { ...names, amounts: list };
    const cases: Formula[][] = [
      // A regime in force or not; the second guard reads an amount of its own run, which ends the run there.
      [q('period'), when(not(amount('g')), add(prior('a'), 1), 0), when(not(amount('g')), add(amount('a'), 2), 7), when(gt(amount('b'), 3), 1, 2), when(gt(amount('b'), 3), amount('c'), 0), when(not(amount('g')), 5, 0)],
      [Number.NaN, when(amount('g'), 1, 0), when(amount('g'), add(amount('a'), 1), 0), 4, when(amount('g'), 2, 3), when(amount('g'), 9, 0)],
      // The guard reads the first amount of the run: the second amount's guard sees its new value.
      [0, when(lt(prior('a'), 1), 5, 0), when(lt(prior('a'), 1), 6, 0), 0, 0, 0],
    ];
    for (const formulas of cases) {
      for (const period of [0, 1, 2]) {
        const run = (grouped: boolean) => {
          const b = new ProgramBuilder(all);
          const entries = formulas.map((f, i) => ({ f, i, where: `amounts.${list[i]}` }));
          if (grouped) b.addAmounts(entries);
          else for (const x of entries) b.addAmount(x.f, x.i, x.where);
          const p = b.build();
          const r = new Float64Array(p.registers).fill(0.5);
          prepare(p, r);
          r[registerLayout(all).quantities + QUANTITIES.indexOf('period')] = period;
          execute(p, r, context(period));
          return Array.from(r.subarray(0, list.length));
        };
        expect(run(true)).toEqual(run(false));
      }
    }
  });
});
