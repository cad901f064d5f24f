/**
 * Impac CMB 2004-1 as the run layer sees it: the DealModel of index.ts plus the term sheet's
 * own tables (the Available Rate schedule) for the CLI's `afr` command and the scoreboard.
 */
import type { DealModel, ReferenceCheck } from '../types';
import { impacAvailableRateSchedule } from './availableFundsRate';
import { impacDealModel } from './index';
import { summarizePool, type PoolSummary } from '../../collateral/summary';
import { impacPool } from './collateral';

/** The printed "Summary of Loans in Sample Calculation Pool" figures the rep lines reproduce. */
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

function summaryChecks(reference: unknown): ReferenceCheck[] {
  const fields = (reference as { collateralSummary?: { fields?: Record<string, { value: number }> } }).collateralSummary?.fields ?? {};
  const summary = summarizePool(impacPool().lines);
  return SUMMARY_FIGURES.filter(([key]) => fields[key] !== undefined).map(([key, decimals, rebuilt]) => ({
    table: 'collateralSummary',
    row: 'pool',
    field: key,
    printed: fields[key].value,
    measured: rebuilt(summary) ?? null,
    decimals,
  }));
}

function rateSchedule(): { period: number; forwardCurves: number; plus1000bp: number }[] {
  const s = impacAvailableRateSchedule();
  return s.periods.map((period, i) => ({ period, forwardCurves: s.forwardCurves[i], plus1000bp: s.plus1000bp[i] }));
}

interface PrintedRate {
  period: number;
  forwardCurves: number | null;
  plus1000bp: number | null;
}

/** Available Rate schedule, both columns, 2 dp (term sheet, "Available Rate Schedule"), and the collateral summary. */
function referenceChecks(reference: unknown): ReferenceCheck[] {
  const printed = ((reference as { availableFundsRate?: PrintedRate[] }).availableFundsRate ?? []);
  const mine = rateSchedule();
  const rates = printed.flatMap((row) => {
    const m = mine.find((r) => r.period === row.period);
    return [
      { table: 'availableFundsRate', row: `period ${row.period}`, field: 'forwardCurves', printed: row.forwardCurves, measured: m?.forwardCurves ?? null, decimals: 2 },
      { table: 'availableFundsRate', row: `period ${row.period}`, field: 'plus1000bp', printed: row.plus1000bp, measured: m?.plus1000bp ?? null, decimals: 2 },
    ];
  });
  return [...rates, ...summaryChecks(reference)];
}

export const IMPAC_MODEL: DealModel = {
  ...impacDealModel,
  rateSchedule,
  referenceChecks,
  get repLineCount() {
    return impacPool().lines.length;
  },
};
