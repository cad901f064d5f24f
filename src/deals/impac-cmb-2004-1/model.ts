/**
 * Impac CMB 2004-1 as the run layer sees it (`src/deals/types.ts` `DealModel`): the description
 * from terms.ts, `run` (`runImpac` as src/engine/dealRun.ts reads any engine run) and the term
 * sheet's own tables (the Available Rate schedule, the collateral summary) for the CLI's `afr`
 * command and the scoreboard.
 */
import { toDealRun } from '../../engine/dealRun';
import { collateralSummaryChecks, printedTableChecks } from '../../engine/referenceChecks';
import { IMPAC_CURVE_DATE } from '../../market/data/rates-2004-01';
import { IMPAC_PRICING_LEVELS } from '../../market/levels2004';
import type { Scenario } from '../../scenario/types';
import type { DealModel, DealRun, ReferenceCheck } from '../types';
import { impacAvailableRateSchedule } from './availableFundsRate';
import { priceImpac, projectImpacCollateral, runImpac } from './index';
import { impacPool } from './collateral';
import { IMPAC_CLASSES, IMPAC_PRICING_SPEED, IMPAC_TERMS } from './terms';
import { impacWaterfallReport } from './waterfallReport';

/** Floaters discounted over the LIBOR the run read; the waterfall report runs the scenario again with every series when asked for. */
function run(scenario: Scenario): DealRun {
  const { run: r, inputs } = priceImpac(scenario);
  return toDealRun(r, inputs, () => impacWaterfallReport(runImpac(scenario)));
}

function rateSchedule(): { period: number; forwardCurves: number; plus1000bp: number }[] {
  const s = impacAvailableRateSchedule();
  return s.periods.map((period, i) => ({ period, forwardCurves: s.forwardCurves[i], plus1000bp: s.plus1000bp[i] }));
}

/** Available Rate schedule, both columns, 2 dp (term sheet, "Available Rate Schedule"), and the collateral summary. */
function referenceChecks(reference: unknown): ReferenceCheck[] {
  const mine = rateSchedule();
  const at = (row: { period: number }) => mine.find((r) => r.period === row.period);
  return [
    ...printedTableChecks<{ period: number }>(reference, 'availableFundsRate', (row) => `period ${row.period}`, {
      forwardCurves: [2, (row) => at(row)?.forwardCurves ?? null],
      plus1000bp: [2, (row) => at(row)?.plus1000bp ?? null],
    }),
    ...collateralSummaryChecks(reference, impacPool().lines),
  ];
}

export const IMPAC_MODEL: DealModel = {
  description: {
    id: 'impac-cmb-2004-1',
    name: 'Impac CMB 2004-1',
    aliases: ['impac 2004-1', 'impac cmb 2004-1', 'impac cmb trust 2004-1', 'impac'],
    sizeDollars: IMPAC_TERMS.bondTotal,
    settlement: IMPAC_TERMS.dates.closing,
    firstPayDate: IMPAC_TERMS.dates.firstPayment,
    callWord: 'call',
    // Countrywide Securities printed both term sheets; CWALT's 1-A-5 bullet pins its WAL basis to
    // 30/360 from settlement (cwalt-readings.md reading 1), so the same basis here. Months/12
    // would match the 100%-to-call WAL (2.127 vs our 2.116 on 30/360, printed 2.13) but nothing
    // else; the residual is in the cash flows (docs/fidelity.md).
    walBasis: '30/360',
    pricingSpeeds: [0, 80, 100, 150, 180],
    pricingSpeedText: '30% CPR',
    pricingSpeed: [IMPAC_PRICING_SPEED],
    pricingIndexLevels: IMPAC_PRICING_LEVELS.levels,
    curveDate: IMPAC_CURVE_DATE,
    // "Pass-Thru Margin (pre-step-up): 0.340%": three decimals.
    couponDecimals: 3,
    notes: ['derivatives on/off', 'curve flat|forward (January 2004 forward curves)', 'shiftBp from shiftFromPeriod'],
    classes: IMPAC_CLASSES.map((c) => ({
      name: c.name,
      kind: 'floater' as const,
      originalBalance: c.principal,
      marginPct: c.marginPct,
      measure: 'DM' as const,
      accrual: 'act/360' as const,
      accruedDaysAtSettlement: 0,
      type: c.name.startsWith('A') ? 'Floating Rate Senior' : 'Floating Rate Mezzanine',
    })),
  },
  run,
  projectCollateral: (scenario) => [projectImpacCollateral(scenario)],
  rateSchedule,
  referenceChecks,
  get repLineCount() {
    return impacPool().lines.length;
  },
};
