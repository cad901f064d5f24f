/**
 * Reference checks any deal can hand the fidelity scoreboard (`DealModel.referenceChecks`) from
 * its reference file (`shared/reference/<deal-id>.json`): the rows of a printed table against
 * what the deal measures, and the printed collateral summary against the deal's rep lines.
 */
import type { RepLine } from '../collateral/repline';
import { summarizePool, type PoolSummary } from '../collateral/summary';
import type { ReferenceCheck } from './dealModel';

type Measured = number | string | null;

/**
 * Each row of the reference's `table` (an array of printed rows), field by field in the order
 * given: the printed value beside the measured one, compared at the given decimals.
 */
export function printedTableChecks<Row>(
  reference: unknown,
  table: string,
  rowName: (row: Row) => string,
  fields: Readonly<Record<string, readonly [decimals: number, measure: (row: Row) => Measured]>>,
): ReferenceCheck[] {
  const rows = ((reference as Record<string, unknown>)[table] ?? []) as Row[];
  return rows.flatMap((row) =>
    Object.entries(fields).map(([field, [decimals, measure]]) => ({ table, row: rowName(row), field, printed: (row as Record<string, Measured>)[field], measured: measure(row), decimals })),
  );
}

/** The collateral summary's printed figures ("Summary of Loans"), by the reference's field names, as the rep lines give them. */
const SUMMARY_FIGURES: readonly [key: string, decimals: number, rebuilt: (s: PoolSummary) => number | undefined][] = [
  ['totalOutstandingBalance', 0, (s) => s.balance],
  ['waMortgageRate', 3, (s) => s.waGrossRatePct],
  ['waMortgageRateNetLpmi', 3, (s) => s.waRateNetLpmiPct],
  ['netWac', 3, (s) => s.waNetRatePct],
  ['waGrossMargin', 3, (s) => s.arm?.waMarginPct],
  ['waMonthsToFirstRoll', 0, (s) => s.arm?.waMonthsToNextReset],
  ['waFirstPeriodicCap', 3, (s) => s.arm?.waInitialCapPct],
  ['waSubsequentPeriodicCap', 3, (s) => s.arm?.waPeriodicCapPct],
  ['waLifetimeCap', 3, (s) => s.arm?.waLifetimeCapPct],
  ['waLifetimeFloor', 3, (s) => s.arm?.waFloorPct],
  ['waOriginalTerm', 0, (s) => s.waOriginalTermMonths],
  ['waRemainingTerm', 0, (s) => s.waRemainingTermMonths],
  ['waAge', 0, (s) => s.waAgeMonths],
];

/** The printed collateral summary (`collateralSummary.fields`) the rep lines reproduce, each figure the reference prints. */
export function collateralSummaryChecks(reference: unknown, lines: readonly RepLine[]): ReferenceCheck[] {
  const fields = (reference as { collateralSummary?: { fields?: Record<string, { value: number }> } }).collateralSummary?.fields ?? {};
  const summary = summarizePool(lines);
  return SUMMARY_FIGURES.filter(([key]) => fields[key] !== undefined).map(([key, decimals, rebuilt]) => ({
    table: 'collateralSummary',
    row: 'pool',
    field: key,
    printed: fields[key].value,
    measured: rebuilt(summary) ?? null,
    decimals,
  }));
}
