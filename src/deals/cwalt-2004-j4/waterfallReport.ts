/**
 * CWALT 2004-J4's waterfall as the waterfall sheet shows it: every fund and test of the
 * "Certificates Priority of Distributions" (priority.ts) by period, in the term sheet's words,
 * and where the deal ends (the Mandatory Auction, or the last certificate paid). The layout is
 * data; src/engine/waterfallReport.ts builds it.
 */
import { buildWaterfallReport, type ReportLayout, type ReportLine } from '../../engine/waterfallReport';
import type { WaterfallReport } from '../types';
import type { CwaltRun } from './index';
import { CLASSES, RESIDUAL_CLASS } from './terms';

const LAYOUT: ReportLayout = {
  groups: [
    { name: 'Excess Cashflow', lines: [['dollars', 'Excess Cashflow', 'excessCashflow'], ['pct', 'Excess spread %', 'excessSpreadPct'], ['dollars', `Paid to Class ${RESIDUAL_CLASS}`, 'residual']] },
    { name: 'Overcollateralization', lines: [['dollars', 'OC target', 'ocTarget'], ['dollars', 'OC actual', 'ocAmount'], ['dollars', 'Extra principal (OC build)', 'ocExtra'], ['dollars', 'OC release', 'ocRelease']] },
    {
      name: 'Tests',
      lines: [['flag', 'Stepdown Date passed', 'stepdown'], ['flag', 'Trigger Event', 'trigger'], ['pct', '1-A-6 Lockout %', 'lockoutPct'], ['flag', 'Mandatory Auction', 'redeemed'], ['flag', 'Coupon step-up', 'steppedUp']],
    },
    {
      name: 'Net Rate Cap',
      lines: [['pct', 'Net Rate Cap group 1 (30/360) %', 'netRateCap1'], ['pct', 'Net Rate Cap group 2 (30/360) %', 'netRateCap2'], ['pct', 'Net Rate Cap subordinates (act/360) %', 'netRateCapSub'], ['pct', '1M LIBOR %', 'libor1mPct']],
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
  const { group1, group2 } = r.collateral;
  return buildWaterfallReport(LAYOUT, {
    periods: r.lastPeriod,
    series: {
      excessCashflow: r.excessCashflow, residual: r.residual, ocTarget: r.oc.target, ocAmount: r.oc.amount, ocExtra: r.oc.extraPrincipal, ocRelease: r.oc.release,
      stepdown: r.stepdown, trigger: r.trigger, lockoutPct: r.lockoutPct, netRateCap1: r.netRateCap.group1, netRateCap2: r.netRateCap.group2,
      netRateCapSub: r.netRateCap.subordinate, libor1mPct: r.libor1mPct, roundingResidual: r.roundingResidual,
    },
    poolBegin: (i) => group1.beginBalance[i] + group2.beginBalance[i],
    excessCashflow: r.excessCashflow,
    redeemedPeriod: r.redemption.redeemedPeriod,
    stepUpFromPeriod: r.redemption.stepUpFromPeriod,
    cashCents: { deposited: r.cash.depositedCents, paid: r.cash.paidCents, released: r.cash.releasedCents },
    classes: CLASSES.map((c) => ({ name: c.name, lines: c.coupon.kind === 'interestOnly' ? IO_LINES : CLASS_LINES, series: r.classes[c.name] })),
  });
}
