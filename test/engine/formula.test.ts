/** Named formulas (src/engine/formula.ts, compiled by src/engine/program.ts): names resolved once with clear errors, evaluated exactly. */
import { add, amount, eq, fund, ge, groupQ, gt, le, lt, min, ne, prior, q, shareOf, table, when, type Formula, type FormulaContext, QUANTITIES } from '../../src/engine/formula';
import { compileFormula, evaluate } from '../../src/engine/program';

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
});
