/**
 * Impac CMB 2004-1 as the run layer sees it: the DealModel of index.ts plus the term sheet's
 * own tables (the Available Rate schedule) for the CLI's `afr` command and the scoreboard.
 */
import type { DealModel, ReferenceCheck } from '../types';
import { impacAvailableRateSchedule } from './availableFundsRate';
import { impacDealModel } from './index';

function rateSchedule(): { period: number; forwardCurves: number; plus1000bp: number }[] {
  const s = impacAvailableRateSchedule();
  return s.periods.map((period, i) => ({ period, forwardCurves: s.forwardCurves[i], plus1000bp: s.plus1000bp[i] }));
}

interface PrintedRate {
  period: number;
  forwardCurves: number | null;
  plus1000bp: number | null;
}

/** Available Rate schedule, both columns, 2 dp (term sheet, "Available Rate Schedule"). */
function referenceChecks(reference: unknown): ReferenceCheck[] {
  const printed = ((reference as { availableFundsRate?: PrintedRate[] }).availableFundsRate ?? []);
  const mine = rateSchedule();
  return printed.flatMap((row) => {
    const m = mine.find((r) => r.period === row.period);
    return [
      { table: 'availableFundsRate', row: `period ${row.period}`, field: 'forwardCurves', printed: row.forwardCurves, measured: m?.forwardCurves ?? null, decimals: 2 },
      { table: 'availableFundsRate', row: `period ${row.period}`, field: 'plus1000bp', printed: row.plus1000bp, measured: m?.plus1000bp ?? null, decimals: 2 },
    ];
  });
}

export const IMPAC_MODEL: DealModel = { ...impacDealModel, run: impacDealModel.run, rateSchedule, referenceChecks };
