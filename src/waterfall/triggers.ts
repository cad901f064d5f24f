import { EngineError } from '../errors';

/**
 * Stepdown and trigger tests.
 *
 * **Stepdown date** (the usual shelf wording, CWALT 2004-J4 "Stepdown Date"): the earlier of
 * (i) the date the seniors are retired and (ii) the later of an earliest date and the first date
 * on which the seniors are at most a percentage of the collateral. Once reached it stays
 * reached; a trigger event can still send principal back to the seniors.
 */
export interface StepdownInputs {
  readonly period: number;
  /** First period on which the stepdown may occur (CWALT: May 2007 = period 37). */
  readonly earliestPeriod: number;
  /** Senior balance used by the test (before or after the period's principal: the deal's switch). */
  readonly seniorBalance: number;
  /** Collateral balance used by the test. */
  readonly collateralBalance: number;
  /** The senior test: seniors ≤ this percent of the collateral (CWALT 88.40). */
  readonly seniorPctLimit: number;
  /** The first period on which the senior test passed, if it has. */
  readonly seniorTestFirstPassed: number | null;
}

export interface StepdownResult {
  readonly reached: boolean;
  readonly seniorTestFirstPassed: number | null;
}

export function stepdownTest(x: StepdownInputs): StepdownResult {
  const passes = x.collateralBalance > 0 ? x.seniorBalance <= (x.seniorPctLimit / 100) * x.collateralBalance : x.seniorBalance <= 0;
  const firstPassed = x.seniorTestFirstPassed ?? (passes ? x.period : null);
  const reached = x.seniorBalance <= 0 || (x.period >= x.earliestPeriod && firstPassed !== null);
  return { reached, seniorTestFirstPassed: firstPassed };
}

/**
 * A band of a cumulative-loss trigger: from `fromPeriod` the limit is `startPct`, rising by
 * `annualIncrementPct`/12 each period after (CWALT "[x]% with respect to May 2007, plus an
 * additional 1/12th of [y]% for each month thereafter"). `null` percentages are "[TBD]" in the
 * materials: a band with a null start never trips.
 */
export interface LossTriggerBand {
  readonly fromPeriod: number;
  readonly toPeriod: number | null;
  readonly startPct: number | null;
  readonly annualIncrementPct: number | null;
}

/** The cumulative-loss limit (percent of the cut-off balance) for `period`, or null when none applies or it is TBD. */
export function cumulativeLossLimitPct(bands: readonly LossTriggerBand[], period: number): number | null {
  for (const b of bands) {
    if (period >= b.fromPeriod && (b.toPeriod === null || period <= b.toPeriod)) {
      if (b.startPct === null) return null;
      return b.startPct + ((b.annualIncrementPct ?? 0) * (period - b.fromPeriod)) / 12;
    }
  }
  return null;
}

/** Cumulative Loss Trigger: cumulative realized losses exceed the limit × cut-off balance. Never in effect when the limit is null (TBD). */
export function cumulativeLossTriggered(cumulativeLoss: number, cutoffBalance: number, limitPct: number | null): boolean {
  if (limitPct === null) return false;
  if (cutoffBalance <= 0) throw new EngineError('cutoffBalance', `expected a positive cut-off balance, got ${cutoffBalance}`);
  return cumulativeLoss > (limitPct / 100) * cutoffBalance;
}

/**
 * Delinquency Trigger of the CWALT form: multiplier × rolling 60+ delinquency % ≥ the Required
 * Percentage (collateral less the most senior classes, over the collateral). A null multiplier
 * ("[TBD]") or no delinquency data never trips.
 */
export function delinquencyTriggered(args: { readonly multiplier: number | null; readonly rollingDelinquencyPct: number | null; readonly requiredPct: number }): boolean {
  if (args.multiplier === null || args.rollingDelinquencyPct === null) return false;
  return args.multiplier * args.rollingDelinquencyPct >= args.requiredPct;
}
