/**
 * Derivative contracts as a term of a deal: interest-rate swaps on a notional schedule, netted
 * each period. The deal lists its contracts (data); the engine evaluates them here, once a period,
 * without allocating.
 */

/** One swap: the trust pays `strikePct` and receives one-month LIBOR on the period's notional, act/360. */
export interface SwapContract {
  readonly name: string;
  readonly kind: 'payFixedReceiveLibor';
  readonly index: 'libor1m';
  readonly dayCount: 'act/360';
  readonly strikePct: number;
  /** Notional for the payment of period t at index t − 1 ($); 0 outside the swap's term. */
  readonly notionalByPeriod: Float64Array;
  readonly firstPeriod: number;
  readonly lastPeriod: number;
}

/** Which payment a notional of the schedule applies to: the one on its date, or the one a period later. */
export type NotionalTiming = 'paymentDate' | 'accrualStart';

/** The contract's notional for the payment of `period` before the bond-balance limit, $. */
export function scheduledNotional(contract: SwapContract, period: number, timing: NotionalTiming): number {
  const p = timing === 'paymentDate' ? period : period - 1;
  return p >= 1 && p <= contract.notionalByPeriod.length ? contract.notionalByPeriod[p - 1] : 0;
}

export interface DerivativePeriodFlow {
  /** Aggregate notional used this period (after the bond-balance limit), $. */
  notional: number;
  /** Net payments the trust receives (sum over contracts of their positive nets), $. */
  receipts: number;
  /** Net payments the trust makes: "Net Derivative Fees" (sum over contracts of their negative nets), $. */
  payments: number;
}

export interface DerivativePeriodInputs {
  readonly period: number;
  readonly libor1mPct: number;
  readonly days: number;
  /** The bonds' balance before the payment, $: the aggregate notional never exceeds it. */
  readonly bondBalance: number;
  readonly timing: NotionalTiming;
}

/**
 * One period's derivative cash into `out`: each contract nets its legs,
 *   net_c = N_c · (L − K_c) · days/360,
 * positive to the trust. When the aggregate scheduled notional exceeds the bonds' balance
 * before the payment, every contract is scaled down in proportion.
 */
export function derivativeFlowInto(contracts: readonly SwapContract[], args: DerivativePeriodInputs, out: DerivativePeriodFlow): DerivativePeriodFlow {
  let total = 0;
  for (let i = 0; i < contracts.length; i++) total += scheduledNotional(contracts[i], args.period, args.timing);
  // The share is worked out every period, used only once the notional exceeds the bonds, so code
  // optimized before then has seen it.
  const bonds = Math.max(0, args.bondBalance);
  const share = bonds / total;
  const scale = total > bonds ? share : 1;
  let receipts = 0;
  let payments = 0;
  for (let i = 0; i < contracts.length; i++) {
    const net = scheduledNotional(contracts[i], args.period, args.timing) * scale * ((args.libor1mPct - contracts[i].strikePct) / 100) * (args.days / 360);
    if (net > 0) receipts += net;
    else payments -= net;
  }
  out.notional = total * scale;
  out.receipts = receipts;
  out.payments = payments;
  return out;
}

/** `derivativeFlowInto` with a fresh result (for callers outside a period loop). */
export function derivativeFlowForPeriod(contracts: readonly SwapContract[], args: DerivativePeriodInputs): DerivativePeriodFlow {
  return derivativeFlowInto(contracts, args, { notional: 0, receipts: 0, payments: 0 });
}
