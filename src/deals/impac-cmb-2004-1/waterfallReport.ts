/**
 * Impac CMB 2004-1's waterfall as the waterfall sheet shows it: every fund and test of the
 * "Priority of Payments" (waterfall.ts) by period, in the term sheet's words, and where the
 * deal ends (the clean-up call, or the last bond paid). The OC target does not step down and
 * the priority has no trigger, so the tests are the call and the margin step-up. The layout is
 * data naming the run's series; src/engine/dealRun.ts builds it.
 */
import { runReport } from '../../engine/dealRun';
import type { ReportLayout, ReportLine } from '../../engine/waterfallReport';
import type { WaterfallReport } from '../types';
import type { ImpacRun } from './index';

const LAYOUT: ReportLayout = {
  groups: [
    { name: 'Excess Cash Flow', lines: [['dollars', 'Excess Cash Flow', 'excessCashFlow'], ['pct', 'Excess spread %', 'excessSpreadPct'], ['dollars', 'Released to the Certificates', 'released']] },
    { name: 'Overcollateralization', lines: [['dollars', 'OC target', 'ocTarget'], ['dollars', 'OC actual', 'overcollateralization'], ['dollars', 'Extra principal (OC build)', 'extraPrincipal'], ['dollars', 'OC release', 'ocRelease']] },
    { name: 'Tests', lines: [['flag', 'Clean-up call', 'redeemed'], ['flag', 'Margin step-up', 'steppedUp']] },
    { name: 'Available Funds Rate', lines: [['pct', 'Available Funds Rate %', 'availableFundsRatePct'], ['pct', 'Net Mortgage Rate %', 'netMortgageRatePct'], ['pct', '1M LIBOR %', 'indexPct']] },
    {
      name: 'Derivative Contracts',
      lines: [['dollars', 'Derivative notional', 'derivativeNotional'], ['dollars', 'Derivative receipts', 'derivativeReceipts'], ['dollars', 'Net Derivative Fees paid', 'derivativePayments'], ['dollars', 'Derivative payments not funded', 'derivativeShortfall']],
    },
    { name: 'Cash check', lines: [['dollars', 'Cash deposited', 'cashDeposited'], ['dollars', 'Cash paid', 'cashPaid'], ['dollars', 'Cash released', 'cashReleased'], ['dollars', 'Rounding residual', 'roundingResidual']] },
  ],
};

/** Per class, the series beyond the class flows. */
const CLASS_LINES: readonly ReportLine[] = [
  ['dollars', 'Interest due', 'interestDue'],
  ['dollars', 'Basis Risk paid', 'carryoverPaid'],
  ['dollars', 'Basis Risk unpaid', 'carryoverAfter'],
  ['dollars', 'Unpaid interest shortfall', 'unpaidInterestAfter'],
  ['dollars', 'Realized loss reimbursed', 'lossReimbursed'],
  ['dollars', 'Realized loss unpaid', 'lossAfter'],
  ['pct', 'Uncapped rate %', 'uncappedCouponPct'],
];

export function impacWaterfallReport(run: ImpacRun): WaterfallReport {
  return runReport(LAYOUT, run.waterfall, [run.pool], { periods: run.waterfall.periods, excessCashflow: 'excessCashFlow', classLines: () => CLASS_LINES });
}
