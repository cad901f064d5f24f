/**
 * Impac CMB 2004-1's waterfall as the waterfall sheet shows it: every fund and test of the
 * "Priority of Payments" (waterfall.ts) by period, in the term sheet's words, and where the
 * deal ends (the clean-up call, or the last bond paid). The OC target does not step down and
 * the priority has no trigger, so the tests are the call and the margin step-up.
 */
import type { WaterfallReport, WaterfallSeries } from '../types';
import type { ImpacRun } from './index';

const dollars = (label: string, values: ArrayLike<number>): WaterfallSeries => ({ label, unit: 'dollars', values });
const pct = (label: string, values: ArrayLike<number>): WaterfallSeries => ({ label, unit: 'pct', values });
const flag = (label: string, values: ArrayLike<number>): WaterfallSeries => ({ label, unit: 'flag', values });

function series(n: number, at: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = at(i);
  return out;
}

export function impacWaterfallReport(run: ImpacRun): WaterfallReport {
  const w = run.waterfall;
  const n = w.periods;
  const pool = run.pool;
  const classes = classSeries(w);
  const call = w.callPeriod;
  const stepUp = w.stepUpFromPeriod;
  return {
    lastPeriod: n,
    redeemedPeriod: call,
    groups: [
      {
        name: 'Excess Cash Flow',
        series: [
          dollars('Excess Cash Flow', w.excessCashFlow),
          pct('Excess spread %', series(n, (i) => (pool.beginBalance[i] > 0 ? (1200 * w.excessCashFlow[i]) / pool.beginBalance[i] : 0))),
          dollars('Released to the Certificates', w.releasedToCertificates),
        ],
      },
      {
        name: 'Overcollateralization',
        series: [dollars('OC target', w.ocTarget), dollars('OC actual', w.overcollateralization), dollars('Extra principal (OC build)', w.extraPrincipal), dollars('OC release', w.ocRelease)],
      },
      {
        name: 'Tests',
        series: [flag('Clean-up call', series(n, (i) => (call === i + 1 ? 1 : 0))), flag('Margin step-up', series(n, (i) => (stepUp !== null && i + 1 >= stepUp ? 1 : 0)))],
      },
      {
        name: 'Available Funds Rate',
        series: [pct('Available Funds Rate %', w.availableFundsRatePct), pct('Net Mortgage Rate %', w.netMortgageRatePct), pct('1M LIBOR %', w.libor1mPct)],
      },
      {
        name: 'Derivative Contracts',
        series: [
          dollars('Derivative notional', w.derivativeNotional),
          dollars('Derivative receipts', w.derivativeReceipts),
          dollars('Net Derivative Fees paid', w.derivativePayments),
          dollars('Derivative payments not funded', w.derivativeShortfall),
        ],
      },
      {
        name: 'Cash check',
        series: [
          dollars('Cash deposited', series(n, (i) => w.cashInCents[i] / 100)),
          dollars('Cash paid', series(n, (i) => w.paidCents[i] / 100)),
          dollars('Cash released', series(n, (i) => w.releasedCents[i] / 100)),
          dollars('Rounding residual', w.roundingResidual),
        ],
      },
    ],
    classes,
  };
}

/** Per class, the series beyond the class flows. */
function classSeries(w: ImpacRun['waterfall']): Map<string, readonly WaterfallSeries[]> {
  const classes = new Map<string, readonly WaterfallSeries[]>();
  for (const c of w.classes) {
    classes.set(c.name, [
      dollars('Interest due', c.interestDue),
      dollars('Basis Risk paid', c.basisRisk),
      dollars('Basis Risk unpaid', c.basisRiskAfter),
      dollars('Unpaid interest shortfall', c.unpaidInterestAfter),
      dollars('Realized loss reimbursed', c.lossReimbursed),
      dollars('Realized loss unpaid', c.lossAfter),
      pct('Uncapped rate %', c.uncappedCouponPct),
    ]);
  }
  return classes;
}
