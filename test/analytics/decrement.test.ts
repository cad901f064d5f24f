import { EngineError } from '../../src/errors';
import { amortize, balanceFactor } from '../../src/analytics/amortization';
import { decrementTable, formatDecrementPercent } from '../../src/analytics/decrement';

/** A balance falling by `step` a period from `start`, floored at 0, for `periods` periods. */
function straightLine(start: number, step: number, periods: number): Float64Array {
  return Float64Array.from({ length: periods }, (_, i) => Math.max(0, start - step * (i + 1)));
}

describe('decrementTable: percent of original balance after the distributions of periods 12, 24, …', () => {
  it('reads the ending balance of period 12·n, starting with the initial 100', () => {
    const rows = decrementTable([straightLine(1200, 25, 60)], 1200);
    expect(rows.map((r) => [r.year, r.period, r.percents[0]])).toEqual([
      [0, 0, 100],
      [1, 12, 75],
      [2, 24, 50],
      [3, 36, 25],
      [4, 48, 0],
    ]);
  });

  it('stops at the first year every column is 0, and reads 0 after a retired path\'s end', () => {
    const fast = straightLine(1000, 100, 10); // retired in period 10
    const slow = straightLine(1000, 10, 60);
    const rows = decrementTable([slow, fast], 1000);
    expect(rows.map((r) => r.percents)).toEqual([
      [100, 100],
      [88, 0],
      [76, 0],
      [64, 0],
      [52, 0],
      [40, 0],
    ]);
  });

  it('ends with the last full year the paths cover when something is still outstanding', () => {
    expect(decrementTable([straightLine(1000, 1, 30)], 1000).map((r) => r.year)).toEqual([0, 1, 2]);
  });

  it('matches the zero-prepayment balance factor of a level-pay loan (conventions.md §2)', () => {
    const path = amortize({ balance: 250_000, grossRatePct: 5.5, remainingTermMonths: 360 }, 0);
    const rows = decrementTable([path.endBalance], 250_000);
    expect(rows.length).toBe(31);
    for (const row of rows.slice(1)) expect(row.percents[0]).toBeCloseTo(100 * balanceFactor(5.5, 360, 360 - row.period), 9);
    expect(rows[30].percents[0]).toBe(0);
  });

  it('rejects bad input', () => {
    expect(() => decrementTable([[1]], 0)).toThrow('originalBalance: expected a positive original balance');
    expect(() => decrementTable([], 100)).toThrow('endBalances: expected at least one balance path');
    expect(() => decrementTable([[5, -1]], 100)).toThrow('endBalances[0][1]: expected a balance of 0 or more');
    expect(() => decrementTable([[1, Number.NaN]], 100)).toThrow(EngineError);
    expect(() => decrementTable([straightLine(100, 1, 24), straightLine(100, 1, 12)], 100)).toThrow(
      'endBalances[1]: expected a path through period 24 or one that ends at 0, got 12 periods',
    );
    expect(() => decrementTable([[1]], 100, { periodsPerYear: 0 })).toThrow('periodsPerYear:');
  });
});

describe('formatDecrementPercent (term-sheet decrement tables: whole percent, "*" for more than 0 and less than 0.5%)', () => {
  it.each([
    [100, '100'],
    [99.6, '100'],
    [12.5, '13'],
    [12.49, '12'],
    [0.5, '1'],
    [0.4999, '*'],
    [1e-9, '*'],
    [0, '0'],
    [104.2, '104'],
  ])('%s → %s', (percent, printed) => {
    expect(formatDecrementPercent(percent)).toBe(printed);
  });

  it('rejects negative and non-finite percents', () => {
    expect(() => formatDecrementPercent(-0.1)).toThrow('percent: expected a percent of 0 or more');
    expect(() => formatDecrementPercent(Number.NaN)).toThrow(EngineError);
  });
});
