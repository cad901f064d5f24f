/**
 * Pay-fixed LIBOR swaps derived from a deal's printed derivative terms: one swap per hedged
 * bucket, the printed aggregate notionals split in proportion to the buckets' balances, each
 * declining at a CPR after the last printed date, struck at market on a discount curve plus a
 * spread (or at one common strike). The deal supplies its buckets and calibration as data
 * (e.g. src/deals/impac-cmb-2004-1/derivatives.ts) and its calendar and curve.
 */
import { EngineError } from '../errors';
import type { PlainDate } from '../time';
import type { SwapContract } from './derivatives';

export interface SwapBucket {
  readonly name: string;
  /** Balance of the hedged loans, $ (the deal says from which strat). */
  readonly hedgedBalance: number;
  readonly source: string;
  /** Date of the swap's last payment, ISO (unadjusted 25th). */
  readonly lastPaymentDate: string;
}

/** The calibration of the swaps: buckets, amortisation and strike (the deal's data). */
export interface SwapScheduleAssumption {
  readonly buckets: readonly SwapBucket[];
  /** CPR at which each notional declines after the last printed date, %. */
  readonly amortizationCprPct: number;
  /** Added to each at-market strike, bp. */
  readonly strikeSpreadBp: number;
  /** When set, every swap's strike is this rate instead of at market + spread, %. */
  readonly commonStrikePct?: number;
}

/** What the derivation reads from the deal: printed notionals by period, the calendar and the strike curve. */
export interface SwapScheduleInputs {
  readonly printed: readonly { readonly period: number; readonly notional: number }[];
  /** Last period any contract may run (the printed maximum remaining term). */
  readonly maxPeriod: number;
  readonly periodOf: (iso: string) => number;
  /** Payment date of period t (t = 0: the closing date), as day numbers. */
  readonly paymentDate: (period: number) => PlainDate;
  readonly df: (date: PlainDate) => number;
}

/** The swap contracts of `assumption` over the deal's printed notionals. */
export function deriveSwapContracts(assumption: SwapScheduleAssumption, inputs: SwapScheduleInputs): SwapContract[] {
  const { printed, maxPeriod } = inputs;
  if (printed.length === 0) throw new EngineError('derivatives', 'expected printed notionals');
  const lastPrinted = printed[printed.length - 1];
  const total = assumption.buckets.reduce((a, b) => a + b.hedgedBalance, 0);
  if (!(total > 0)) throw new EngineError('derivatives.buckets', 'expected hedged balances adding to more than 0');
  if (assumption.amortizationCprPct < 0 || assumption.amortizationCprPct >= 100) {
    throw new EngineError('derivatives.amortizationCprPct', `expected a CPR from 0 to under 100, got ${assumption.amortizationCprPct}`);
  }
  const monthlyFactor = Math.pow(1 - assumption.amortizationCprPct / 100, 1 / 12);

  return assumption.buckets.map((bucket) => {
    const share = bucket.hedgedBalance / total;
    const lastPeriod = Math.min(inputs.periodOf(bucket.lastPaymentDate), maxPeriod);
    const firstPeriod = printed[0].period;
    const notionalByPeriod = new Float64Array(lastPeriod);
    for (let t = firstPeriod; t <= lastPeriod; t++) {
      const p = printed.find((x) => x.period === t);
      notionalByPeriod[t - 1] = p !== undefined ? share * p.notional : share * lastPrinted.notional * Math.pow(monthlyFactor, t - lastPrinted.period);
    }
    // At-market strike: Σ N_t (DF_{t−1} − DF_t) / Σ N_t τ_t DF_t on the accrual dates of the bonds.
    let floating = 0, annuity = 0;
    for (let t = firstPeriod; t <= lastPeriod; t++) {
      const start = inputs.paymentDate(t - 1), end = inputs.paymentDate(t);
      const n = notionalByPeriod[t - 1];
      floating += n * (inputs.df(start) - inputs.df(end));
      annuity += n * ((end - start) / 360) * inputs.df(end);
    }
    const strikePct = assumption.commonStrikePct ?? (floating / annuity) * 100 + assumption.strikeSpreadBp / 100;
    return { name: bucket.name, kind: 'payFixedReceiveLibor', index: 'libor1m', dayCount: 'act/360', strikePct, notionalByPeriod, firstPeriod, lastPeriod };
  });
}
