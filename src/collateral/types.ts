/**
 * The contract between the collateral projection and the waterfalls.
 *
 * A projection turns a pool (representative lines) and a scenario into period arrays.
 * Period k (1-based: 1 = the first distribution) lives at index k − 1 of every array.
 * Amounts in dollars (float64); rates in percent per year.
 *
 * The arrays are read-only: a projection's arrays may share memory (the begin balances and the end
 * balances one period later; a pool without defaults has one array of zeros for its defaulted
 * balance, recoveries and losses, whose memory every such projection shares; a fixed-rate pool one
 * array for its net and net max rates), and runs of one scenario share one projection. The series
 * no engine reads (gross interest, gross rate, net max rate) may be getters that project them when
 * first read: read a series by its name, not by enumerating the object's fields.
 */
export interface PoolFlows {
  /** Number of projected periods (arrays have this length). */
  readonly periods: number;
  /** Pool balance at the start of the period (after the previous period's principal). */
  readonly beginBalance: Float64Array;
  /** Scheduled principal (amortization) collected in the period. */
  readonly scheduledPrincipal: Float64Array;
  /** Voluntary prepayments (SMM on the balance after scheduled principal). */
  readonly prepayment: Float64Array;
  /** Balance of loans newly defaulted in the period (CDR on the performing balance). */
  readonly defaultedBalance: Float64Array;
  /** Liquidation proceeds received as principal in the period (recoveries). */
  readonly recovery: Float64Array;
  /** Realized principal loss (defaulted balance liquidated × severity) in the period. */
  readonly loss: Float64Array;
  /** Interest at the gross mortgage rate on the performing balance. */
  readonly grossInterest: Float64Array;
  /** Interest at the net mortgage rate (after servicing and other fee strips) on the performing balance. */
  readonly netInterest: Float64Array;
  /** Pool balance at the end of the period. */
  readonly endBalance: Float64Array;
  /** Weighted-average net mortgage rate of the pool during the period (beginning-balance weights), %. */
  readonly netRate: Float64Array;
  /** Weighted-average gross mortgage rate during the period, %. */
  readonly grossRate: Float64Array;
  /** Weighted-average net maximum (lifetime cap net of fees) rate during the period, %; fixed loans count their net rate. */
  readonly netMaxRate: Float64Array;
}
