import { EngineError } from '../../errors';
import type { EngineRun } from '../../engine/outputs';
import { DEFAULT_SCENARIO, type Scenario } from '../../scenario/types';
import { runImpac, type ImpacOptions, type ImpacRun } from './index';
import type { ImpacConventions } from './terms';

/**
 * The Available Rate schedule of the term sheet (TS "Available Rate Schedule"; the text calls it
 * the "Available Funds Rate Schedule"):
 *
 *   AFR_t = [ Net Mortgage Rate_t × P_t + 1200 × (receipts_t − payments_t) ] / B_{t−1} × 30 / d_t
 *
 * where the Net Mortgage Rate is the pool's WA net rate (gross less servicing, master servicing,
 * trustee and premium rates), P_t the pool balance at the end of the prior Due Period, B_{t−1}
 * the bonds before the payment, receipts and payments the period's net cash on the Derivative
 * Contracts ("includes all projected cash proceeds from the Derivative Contracts", footnotes (2)
 * and (3)), and d_t the days of the period (TS "Available Funds Rate"). A payment the trust makes
 * is the Net Mortgage Rate's "Net Derivative Fees" expressed per annum of the pool
 * (× 12 / P_t), so both terms share the pool/bond ratio.
 *
 * The schedule uses days between unadjusted 25ths (`afrScheduleDayBasis`, impac-readings.md
 * item 5); the waterfall's coupon cap uses the accrual period's days and excludes receipts,
 * which pay Basis Risk Amounts instead.
 */

/** Periods of the printed schedule (TS "Available Rate Schedule"; the call window at 100%: 1 - 47). */
export const PRINTED_PERIODS = 47;

export type AfrDayBasis = ImpacConventions['afrScheduleDayBasis'];

/** The Available Rate of each period of a waterfall run, %, derivative receipts included. */
export function availableRateFromRun(run: EngineRun, dayBasis: AfrDayBasis = 'unadjusted25ths'): Float64Array {
  const out = new Float64Array(run.periods);
  for (let i = 0; i < run.periods; i++) {
    const bonds = run.bondBeginBalance[i];
    if (!(bonds > 0)) continue;
    const days = dayBasis === 'unadjusted25ths' ? run.unadjustedDays[i] : run.accrualDays[i];
    // netMortgageRatePct already carries the payments (as a rate on the pool's beginning balance).
    const rateTimesPool = run.series.netMortgageRatePct[i] * run.series.afrPoolBalance[i] + 1200 * run.derivativeReceipts[i];
    out[i] = (rateTimesPool / bonds) * (30 / days);
  }
  return out;
}

export interface AvailableRateSchedule {
  /** Periods 1..n. */
  readonly periods: readonly number[];
  /** Footnote (2): forward curves, Pricing Prepayment Speed, to call, with derivative proceeds, %. */
  readonly forwardCurves: Float64Array;
  /** Footnote (3): the same with every curve +1000 bp from period 2 on, %. */
  readonly plus1000bp: Float64Array;
  readonly forwardRun: ImpacRun;
  readonly shockedRun: ImpacRun;
  /** First period the clean-up call may be exercised in the forward-curve run (the printed schedule ends at 47). */
  readonly callPeriod: number | null;
}

export interface AvailableRateScheduleOptions {
  /** Run options for both columns (curve date, interpolation, conventions, derivative assumption). */
  readonly options?: ImpacOptions;
  /** Periods to report (default: the printed 47, or fewer if the run calls earlier). */
  readonly periods?: number;
  /** Shock of column (3), bp (TS: 1000) and its first period (TS: 2). */
  readonly shockBp?: number;
  readonly shockFromPeriod?: number;
}

/**
 * Both printed columns, computed as the footnotes describe: forward 1M/6M/12M LIBOR and 1Y CMT
 * curves of the pricing date, 100% of the Pricing Prepayment Speed (30% CPR) to the call,
 * derivative proceeds included; and the same with the curves +1000 bp from period 2.
 */
export function impacAvailableRateSchedule(options: AvailableRateScheduleOptions = {}): AvailableRateSchedule {
  const shockBp = options.shockBp ?? 1000;
  const shockFromPeriod = options.shockFromPeriod ?? 2;
  // "to call": the rate of a period depends only on balances before its payment, so runs to
  // maturity give the same values through the call period and also the periods after it when
  // our call comes earlier than the printed 47th period (the pool's open amortization question).
  const base: Scenario = { ...DEFAULT_SCENARIO, curve: 'forward', speed: { kind: 'pctOfPricing', pct: 100 }, horizon: 'maturity' };
  const forwardRun = runImpac(base, options.options);
  const shockedRun = runImpac({ ...base, shiftBp: shockBp, shiftFromPeriod: shockFromPeriod }, options.options);
  const dayBasis = forwardRun.conventions.afrScheduleDayBasis;
  const fwd = availableRateFromRun(forwardRun.waterfall, dayBasis);
  const shocked = availableRateFromRun(shockedRun.waterfall, dayBasis);
  const n = options.periods ?? Math.min(PRINTED_PERIODS, fwd.length);
  if (!Number.isInteger(n) || n < 1) throw new EngineError('periods', `expected a whole number of periods of 1 or more, got ${String(options.periods)}`);
  const take = (a: Float64Array) => {
    const out = new Float64Array(n);
    out.set(a.subarray(0, Math.min(n, a.length)));
    return out;
  };
  return {
    periods: Array.from({ length: n }, (_, i) => i + 1),
    forwardCurves: take(fwd),
    plus1000bp: take(shocked),
    forwardRun,
    shockedRun,
    callPeriod: forwardRun.waterfall.firstRedemptionPeriod,
  };
}
