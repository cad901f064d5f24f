/**
 * The scenario (architecture.md, "The scenario"): one normalised, hashable type used by the
 * custom functions, the task pane and the CLI alike, and read by the deals. It sits below the
 * deals so that they read it without importing the run layer. Every field defaults to the deal's
 * pricing assumptions. Price is not part of a run: it is applied to the run's cash flows
 * afterwards, so every price of a grid shares one run.
 */

export type Speed =
  /** Percent of the deal's pricing speed (100 = the pricing speed). */
  | { readonly kind: 'pctOfPricing'; readonly pct: number }
  /** A CPR path in percent, period 1 first; the last value holds after its end. */
  | { readonly kind: 'cprVector'; readonly cpr: readonly number[] };

export type Horizon = 'call' | 'maturity';

/** Current index levels in percent, held flat unless a forward curve is chosen. */
export interface IndexLevels {
  readonly libor1m: number;
  readonly libor6m: number;
  readonly libor12m: number;
  readonly cmt1y: number;
}

export interface Credit {
  /** Constant default rate, percent a year. */
  readonly cdr: number;
  /** Loss severity, percent of the defaulted balance. */
  readonly severity: number;
  /** Months from default to liquidation. */
  readonly lagMonths: number;
}

/** Switches where the street is ambiguous; defaults reproduce the term sheets. */
export interface Conventions {
  /**
   * Time basis of WAL: 'deal' (default) uses the basis the deal's own tables were printed on
   * (DealDescription.walBasis); or SF 30/360 from settlement to the pay date, act/365, months/12.
   */
  readonly walBasis: 'deal' | '30/360' | 'act/365' | 'months/12';
  /**
   * Time basis of modified duration: 'accrual' (default) measures T_k on the class's coupon basis,
   * act/360 for floaters, 30/360 for fixed classes; '30/360' uses 30/360 for every class.
   * Evidence: CWALT floater durations at 100% match on act/360 and run 1.5% short on 30/360.
   */
  readonly durationBasis: 'accrual' | '30/360';
}

export interface Scenario {
  readonly speed: Speed;
  readonly horizon: Horizon;
  /** Flat current levels; `undefined` fields take the deal's pricing-date levels. */
  readonly indices: Partial<IndexLevels>;
  /** Index paths: flat at the current level, or the deal's forward curves where it has them. */
  readonly curve: 'flat' | 'forward';
  /** Parallel shift of every index, bp, from `shiftFromPeriod` on. */
  readonly shiftBp: number;
  readonly shiftFromPeriod: number;
  readonly credit: Credit;
  /** Derivative contracts (Impac) on or off. */
  readonly derivatives: boolean;
  readonly conventions: Conventions;
}

export const DEFAULT_SCENARIO: Scenario = {
  speed: { kind: 'pctOfPricing', pct: 100 },
  horizon: 'call',
  indices: {},
  curve: 'flat',
  shiftBp: 0,
  shiftFromPeriod: 1,
  credit: { cdr: 0, severity: 0, lagMonths: 0 },
  derivatives: true,
  conventions: { walBasis: 'deal', durationBasis: 'accrual' },
};

/** Loose input as a user or a caller gives it; the normaliser checks every field. */
export interface ScenarioInput {
  speed?: number | string | readonly number[] | Speed | null;
  horizon?: string | null;
  indices?: Partial<Record<keyof IndexLevels, number | null>>;
  curve?: string | null;
  shiftBp?: number | null;
  shiftFromPeriod?: number | null;
  cdr?: number | null;
  severity?: number | null;
  lagMonths?: number | null;
  derivatives?: boolean | null;
  walBasis?: string | null;
  durationBasis?: string | null;
}

/** One problem of an input: the field and what was expected. */
export interface Issue {
  readonly field: string;
  readonly expected: string;
}

export type Normalised = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly issues: readonly Issue[] };
