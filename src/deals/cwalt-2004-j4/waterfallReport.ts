/**
 * CWALT 2004-J4's waterfall as the waterfall sheet shows it: every fund and test of the
 * "Certificates Priority of Distributions" (priority.ts) by period, in the term sheet's words,
 * and where the deal ends (the Mandatory Auction, or the last certificate paid).
 */
import type { WaterfallReport, WaterfallSeries } from '../types';
import type { CwaltRun } from './index';
import { CLASSES, RESIDUAL_CLASS } from './terms';

const dollars = (label: string, values: ArrayLike<number>): WaterfallSeries => ({ label, unit: 'dollars', values });
const pct = (label: string, values: ArrayLike<number>): WaterfallSeries => ({ label, unit: 'pct', values });
const flag = (label: string, values: ArrayLike<number>): WaterfallSeries => ({ label, unit: 'flag', values });

/** Series of the first `n` periods from a function of the 0-based index. */
function series(n: number, at: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = at(i);
  return out;
}

export function cwaltWaterfallReport(r: CwaltRun): WaterfallReport {
  const n = r.lastPeriod;
  const { group1, group2 } = r.collateral;
  const poolBegin = (i: number) => group1.beginBalance[i] + group2.beginBalance[i];
  const redeemed = r.redemption.redeemedPeriod;
  const stepUp = r.redemption.stepUpFromPeriod;
  const classes = classSeries(r);
  return {
    lastPeriod: n,
    redeemedPeriod: redeemed,
    groups: [
      {
        name: 'Excess Cashflow',
        series: [
          dollars('Excess Cashflow', r.excessCashflow),
          pct('Excess spread %', series(n, (i) => (poolBegin(i) > 0 ? (1200 * r.excessCashflow[i]) / poolBegin(i) : 0))),
          dollars(`Paid to Class ${RESIDUAL_CLASS}`, r.residual),
        ],
      },
      {
        name: 'Overcollateralization',
        series: [dollars('OC target', r.oc.target), dollars('OC actual', r.oc.amount), dollars('Extra principal (OC build)', r.oc.extraPrincipal), dollars('OC release', r.oc.release)],
      },
      {
        name: 'Tests',
        series: [
          flag('Stepdown Date passed', r.stepdown),
          flag('Trigger Event', r.trigger),
          pct('1-A-6 Lockout %', r.lockoutPct),
          flag('Mandatory Auction', series(n, (i) => (redeemed === i + 1 ? 1 : 0))),
          flag('Coupon step-up', series(n, (i) => (stepUp !== null && i + 1 >= stepUp ? 1 : 0))),
        ],
      },
      {
        name: 'Net Rate Cap',
        series: [pct('Net Rate Cap group 1 (30/360) %', r.netRateCap.group1), pct('Net Rate Cap group 2 (30/360) %', r.netRateCap.group2), pct('Net Rate Cap subordinates (act/360) %', r.netRateCap.subordinate), pct('1M LIBOR %', r.libor1mPct)],
      },
      {
        name: 'Cash check',
        series: [
          dollars('Cash deposited', series(n, (i) => r.cash.depositedCents[i] / 100)),
          dollars('Cash paid', series(n, (i) => r.cash.paidCents[i] / 100)),
          dollars('Cash released', series(n, (i) => r.cash.releasedCents[i] / 100)),
          dollars('Rounding residual', r.roundingResidual),
        ],
      },
    ],
    classes,
  };
}

/** Per class, the series beyond the class flows. */
function classSeries(r: CwaltRun): Map<string, readonly WaterfallSeries[]> {
  const classes = new Map<string, readonly WaterfallSeries[]>();
  for (const c of CLASSES) {
    const f = r.classes[c.name];
    classes.set(
      c.name,
      c.coupon.kind === 'interestOnly'
        ? [dollars('Unpaid interest', f.unpaidInterest)]
        : [
            dollars('Net Rate Carryover paid', f.carryoverPaid),
            dollars('Net Rate Carryover unpaid', f.unpaidCarryover),
            dollars('Unpaid interest', f.unpaidInterest),
            dollars('Realized loss reimbursed', f.lossReimbursed),
            pct('Uncapped rate %', f.uncappedCouponPct),
          ],
    );
  }
  return classes;
}
