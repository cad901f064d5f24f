import { EngineError, requireFinite } from '../errors';

/**
 * Prepayment conventions (conventions.md §1; BMA Uniform Practices, Standard Formulas §B.2).
 * Rates are in percent at this interface (24 = 24% CPR) because that is how they are quoted;
 * SMM is in percent of the balance after the month's scheduled principal. The one exception,
 * `smmDecimalFromCprPct`, says so in its name: it feeds the projection loop.
 */

/** Longest per-period array these functions build (100 years of months): bounds hostile input. */
export const MAX_PERIODS = 1200;

/** SMM = 1 − (1 − CPR)^(1/12), both in percent. */
export function cprToSmm(cprPct: number): number {
  requireRate('cpr', cprPct);
  return 100 * (1 - Math.pow(1 - cprPct / 100, 1 / 12));
}

/** CPR = 1 − (1 − SMM)^12, both in percent. */
export function smmToCpr(smmPct: number): number {
  requireRate('smm', smmPct);
  return 100 * (1 - Math.pow(1 - smmPct / 100, 12));
}

/**
 * Per-period SMM as decimals (0.0227, not 2.27) from CPRs in percent, for the projection loop.
 * Every CPR must lie in [0, 100].
 */
export function smmDecimalFromCprPct(cprPct: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cprPct.length);
  for (let i = 0; i < cprPct.length; i++) {
    const cpr = cprPct[i];
    requireRate('cpr', cpr);
    out[i] = 1 - Math.pow(1 - cpr / 100, 1 / 12);
  }
  return out;
}

/** PSA: CPR = (PSA/100) · 0.2% · min(max(month,1), 30). `month` is the loan age in months (1 = first month). */
export function psaCpr(psaPct: number, month: number): number {
  requireNonNegative('speed', psaPct);
  requireMonth(month);
  return Math.min(100, (psaPct / 100) * 0.2 * Math.max(1, Math.min(month, 30)));
}

/** A linear ramp prepayment curve: `start` CPR in month 1, rising linearly to `plateau` in month `plateauMonth`, flat after. */
export interface RampCurve {
  readonly startCprPct: number;
  readonly plateauCprPct: number;
  readonly plateauMonth: number;
}

/**
 * CPR of a ramp curve at `pct`% of its speed for loan month `month` (1 = the loan's first month;
 * 0 counts as 1). CWALT 2004-J4 PPC: start 8, plateau 24 at month 12, so 8 + (16/11)(month − 1).
 * Scaling applies to each month's CPR before any conversion to SMM; the result is capped at 100.
 */
export function rampCpr(curve: RampCurve, pct: number, month: number): number {
  requireNonNegative('speed', pct);
  requireMonth(month);
  const m = Math.min(Math.max(month, 1), curve.plateauMonth);
  const base =
    curve.plateauMonth === 1
      ? curve.plateauCprPct
      : curve.startCprPct + ((curve.plateauCprPct - curve.startCprPct) * (m - 1)) / (curve.plateauMonth - 1);
  return Math.min(100, (pct / 100) * base);
}

/** The CWALT 2004-J4 fixed-rate Prepayment Assumption, 100% PPC (term sheet, "Pricing Prepayment Speed"). */
export const CWALT_J4_PPC: RampCurve = { startCprPct: 8, plateauCprPct: 24, plateauMonth: 12 };

/** 100% PSA as a ramp: 0.2% CPR in month 1, +0.2% a month to 6% in month 30 (SF §B.2c). */
export const PSA_RAMP: RampCurve = { startCprPct: 0.2, plateauCprPct: 6, plateauMonth: 30 };

/**
 * Which month of a ramp applies in deal period k (k = 1 at the first distribution):
 * - `'loanAge'`: MONTH = WALA at cut-off + k, the loan's own life (SF §B.2: age runs MONTH−1 → MONTH;
 *   prospectuses: "in the first month of the life of the mortgage loans"). The default.
 * - `'dealPeriod'`: MONTH = k, the ramp restarts at the deal's first period whatever the seasoning.
 * The two differ only while a seasoned pool would still be on the ramp (conventions.md §1).
 */
export type RampIndexing = 'loanAge' | 'dealPeriod';

export interface RampVectorOptions {
  /** The curve at 100% of the pricing speed (e.g. `CWALT_J4_PPC`). */
  readonly curve: RampCurve;
  /** Percent of the pricing speed (100 = the curve itself); scales each month's CPR. */
  readonly pctOfPricing: number;
  /** Number of deal periods to build (1 … MAX_PERIODS). */
  readonly periods: number;
  /** Weighted-average loan age at cut-off in whole months (WALA); ignored for `'dealPeriod'`. Default 0. */
  readonly loanAgeAtCutoff?: number;
  /** Default `'loanAge'`. */
  readonly indexing?: RampIndexing;
}

/**
 * Per-period CPR (percent) of a ramp at a percent of pricing speed: element k − 1 holds deal
 * period k's CPR = rampCpr(curve, pctOfPricing, MONTH) with MONTH as `RampIndexing` says.
 */
export function rampCprVector(options: RampVectorOptions): Float64Array {
  const { curve, pctOfPricing } = options;
  const periods = requirePeriods(options.periods);
  requireNonNegative('speed', pctOfPricing);
  requireCurve(curve);
  const indexing = options.indexing ?? 'loanAge';
  if (indexing !== 'loanAge' && indexing !== 'dealPeriod') {
    throw new EngineError('indexing', `expected 'loanAge' or 'dealPeriod', got ${JSON.stringify(indexing)}`);
  }
  const age = options.loanAgeAtCutoff ?? 0;
  requireMonth(age, 'loanAgeAtCutoff');
  const offset = indexing === 'loanAge' ? age : 0;
  const out = new Float64Array(periods);
  for (let k = 1; k <= periods; k++) out[k - 1] = rampCpr(curve, pctOfPricing, offset + k);
  return out;
}

/**
 * Per-period CPR (percent) of a flat pricing speed (CWALT group 2: 25% CPR; Impac: 30% CPR) at a
 * percent of it: min(100, pricingCprPct · pctOfPricing / 100) every period.
 */
export function flatCprVector(pricingCprPct: number, pctOfPricing: number, periods: number): Float64Array {
  requireRate('cpr', pricingCprPct);
  requireNonNegative('speed', pctOfPricing);
  const n = requirePeriods(periods);
  return new Float64Array(n).fill(Math.min(100, (pricingCprPct * pctOfPricing) / 100));
}

function requireRate(field: string, pct: number): void {
  requireFinite(field, pct);
  if (pct < 0 || pct > 100) throw new EngineError(field, `expected ${RATE_NAMES[field] ?? 'a rate'} from 0 to 100 (percent), got ${pct}`);
}

const RATE_NAMES: Readonly<Record<string, string>> = { cpr: 'a CPR', smm: 'an SMM' };

function requireNonNegative(field: string, value: number): void {
  requireFinite(field, value);
  if (value < 0) throw new EngineError(field, `expected a speed of 0 or more, got ${value}`);
}

function requireMonth(month: number, field = 'month'): void {
  requireFinite(field, month);
  if (!Number.isInteger(month) || month < 0) throw new EngineError(field, `expected a loan age in whole months (0 or more), got ${month}`);
}

function requirePeriods(periods: number): number {
  requireFinite('periods', periods);
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    throw new EngineError('periods', `expected a whole number of periods from 1 to ${MAX_PERIODS}, got ${periods}`);
  }
  return periods;
}

function requireCurve(curve: RampCurve): void {
  requireRate('curve.startCprPct', curve.startCprPct);
  requireRate('curve.plateauCprPct', curve.plateauCprPct);
  requireFinite('curve.plateauMonth', curve.plateauMonth);
  if (!Number.isInteger(curve.plateauMonth) || curve.plateauMonth < 1) {
    throw new EngineError('curve.plateauMonth', `expected a whole month of 1 or more, got ${curve.plateauMonth}`);
  }
}
