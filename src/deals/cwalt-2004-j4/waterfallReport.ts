/**
 * CWALT 2004-J4's waterfall as the waterfall sheet shows it: every fund and test of the
 * "Certificates Priority of Distributions" (priority.ts) by period, in the term sheet's words,
 * and where the deal ends (the Mandatory Auction, or the last certificate paid). The layout is
 * data naming the run's series; src/engine/dealRun.ts builds it.
 */
import { runReport } from '../../engine/dealRun';
import type { ReportLayout, ReportLine } from '../../engine/waterfallReport';
import type { WaterfallReport } from '../types';
import type { CwaltRun } from './index';
import { CLASSES, RESIDUAL_CLASS } from './terms';

const LAYOUT: ReportLayout = {
  groups: [
    { name: 'Excess Cashflow', lines: [['dollars', 'Excess Cashflow', 'excessCashflow'], ['pct', 'Excess spread %', 'excessSpreadPct'], ['dollars', `Paid to Class ${RESIDUAL_CLASS}`, 'released']] },
    { name: 'Overcollateralization', lines: [['dollars', 'OC target', 'ocTarget'], ['dollars', 'OC actual', 'ocAmount'], ['dollars', 'Extra principal (OC build)', 'ocExtra'], ['dollars', 'OC release', 'ocRelease']] },
    {
      name: 'Tests',
      lines: [['flag', 'Stepdown Date passed', 'stepdown'], ['flag', 'Trigger Event', 'trigger'], ['pct', '1-A-6 Lockout %', 'lockoutPct'], ['flag', 'Mandatory Auction', 'redeemed'], ['flag', 'Coupon step-up', 'steppedUp']],
    },
    {
      name: 'Net Rate Cap',
      lines: [['pct', 'Net Rate Cap group 1 (30/360) %', 'netRateCap1'], ['pct', 'Net Rate Cap group 2 (30/360) %', 'netRateCap2'], ['pct', 'Net Rate Cap subordinates (act/360) %', 'netRateCapSub'], ['pct', '1M LIBOR %', 'indexPct']],
    },
    { name: 'Cash check', lines: [['dollars', 'Cash deposited', 'cashDeposited'], ['dollars', 'Cash paid', 'cashPaid'], ['dollars', 'Cash released', 'cashReleased'], ['dollars', 'Rounding residual', 'roundingResidual']] },
  ],
};

/** Per class, the series beyond the class flows (the A-IO classes carry no cap or principal). */
const IO_LINES: readonly ReportLine[] = [['dollars', 'Unpaid interest', 'unpaidInterestAfter']];
const CLASS_LINES: readonly ReportLine[] = [
  ['dollars', 'Net Rate Carryover paid', 'carryoverPaid'],
  ['dollars', 'Net Rate Carryover unpaid', 'carryoverAfter'],
  ['dollars', 'Unpaid interest', 'unpaidInterestAfter'],
  ['dollars', 'Realized loss reimbursed', 'lossReimbursed'],
  ['pct', 'Uncapped rate %', 'uncappedCouponPct'],
];

export function cwaltWaterfallReport(r: CwaltRun): WaterfallReport {
  return runReport(LAYOUT, r, r.collateral, { periods: r.lastPeriod, excessCashflow: 'excessCashflow', classLines: (k) => (CLASSES[k].coupon.kind === 'interestOnly' ? IO_LINES : CLASS_LINES) });
}
