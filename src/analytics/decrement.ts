import { EngineError, requireFinite } from '../errors';

/**
 * Decrement tables: "Percent of Original Certificate Balance Outstanding" at each anniversary, one
 * column a prepayment speed, as prospectuses print them.
 *
 * Anniversary choice: year n reads the balance AFTER the distribution of period 12·n, counting
 * period 1 as the first distribution. When the first distribution falls in the month after closing
 * (CWALT 2004-J4: closed April 2004, first distribution May 25, 2004; Impac CMB 2004-1: January and
 * February 2004) period 12·n is the distribution in the n-th anniversary month of closing, the row
 * a prospectus labels "April 2005", "April 2006", …. Year 0 is the "Initial Percentage", 100.
 *
 * Values stay unrounded numbers; `formatDecrementPercent` prints them the way term sheets do.
 */

export interface DecrementRow {
  /** 0 for the initial row, then 1, 2, … */
  readonly year: number;
  /** The period whose ending balance the row reads (12·year; 0 for the initial row). */
  readonly period: number;
  /** Percent of the original balance outstanding, one per column (path), unrounded. */
  readonly percents: readonly number[];
}

export interface DecrementOptions {
  /** Periods a year (12 for monthly distributions). */
  readonly periodsPerYear?: number;
}

/**
 * Rows for year 0, 1, 2, … of the ending-balance paths (`endBalances[c][k − 1]` = column c's balance
 * after period k), as 100 × balance / originalBalance. Rows stop at the first year in which every
 * column is 0 (that row included), or at the last full year the paths cover. A path may be shorter
 * than the others only if it ends at 0 (the class retired); it reads 0 after its end.
 */
export function decrementTable(endBalances: readonly ArrayLike<number>[], originalBalance: number, options: DecrementOptions = {}): DecrementRow[] {
  requireFinite('originalBalance', originalBalance);
  if (originalBalance <= 0) throw new EngineError('originalBalance', `expected a positive original balance, got ${originalBalance}`);
  const perYear = options.periodsPerYear ?? 12;
  if (!Number.isInteger(perYear) || perYear < 1 || perYear > 12) {
    throw new EngineError('periodsPerYear', `expected a whole number from 1 to 12, got ${perYear}`);
  }
  if (endBalances.length === 0) throw new EngineError('endBalances', 'expected at least one balance path');

  let longest = 0;
  endBalances.forEach((path, c) => {
    for (let i = 0; i < path.length; i++) {
      const b = path[i];
      requireFinite(`endBalances[${c}][${i}]`, b);
      if (b < 0) throw new EngineError(`endBalances[${c}][${i}]`, `expected a balance of 0 or more, got ${b}`);
    }
    longest = Math.max(longest, path.length);
  });

  const rows: DecrementRow[] = [{ year: 0, period: 0, percents: endBalances.map(() => 100) }];
  for (let year = 1; year * perYear <= longest; year++) {
    const period = year * perYear;
    const percents = endBalances.map((path, c) => {
      if (period <= path.length) return (100 * path[period - 1]) / originalBalance;
      if (path.length === 0 || path[path.length - 1] !== 0) {
        throw new EngineError(`endBalances[${c}]`, `expected a path through period ${period} or one that ends at 0, got ${path.length} periods`);
      }
      return 0;
    });
    rows.push({ year, period, percents });
    if (percents.every((p) => p === 0)) break;
  }
  return rows;
}

/**
 * A decrement-table cell as term sheets print it: whole percent, halves rounded up ("12.5" → "13");
 * "*" for more than 0 and less than 0.5 (the footnote "indicates a number greater than zero but less
 * than 0.5%"); "0" only for nothing outstanding.
 */
export function formatDecrementPercent(percent: number): string {
  requireFinite('percent', percent);
  if (percent < 0) throw new EngineError('percent', `expected a percent of 0 or more, got ${percent}`);
  if (percent > 0 && percent < 0.5) return '*';
  return String(Math.floor(percent + 0.5));
}
