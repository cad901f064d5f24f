/**
 * What a run records: per class and per deal, each series a view on a few shared buffers sized to
 * the periods the run can reach (a handful of allocations for the run's outputs, none per period).
 */

/** Per class; `nonPrincipal` is all its cash but principal (interest, carryover, reimbursed losses: what the analytics call its interest). */
export const CLASS_SERIES = [
  'beginBalance', 'endBalance', 'couponPct', 'uncappedCouponPct', 'capPct', 'interestDue', 'interest', 'principal',
  'carryoverPaid', 'lossReimbursed', 'nonPrincipal', 'writedown', 'cashFlow', 'unpaidInterestAfter', 'carryoverAfter', 'lossAfter',
] as const;

export const DEAL_SERIES = [
  'indexPct', 'bondBeginBalance', 'bondEndBalance', 'collateralEnd', 'derivativeNotional', 'derivativeReceipts',
  'derivativePayments', 'derivativeShortfall', 'released', 'cashInCents', 'paidCents', 'releasedCents',
  'roundingResidual', 'redemptionProceeds',
] as const;

/** What a pricing run records of each class: what the analytics and the run's last active period read. */
export const PRICING_CLASS_SERIES = ['endBalance', 'couponPct', 'capPct', 'principal', 'nonPrincipal', 'writedown'] as const;

/** Which series a run records: every one, or a class's pricing series only (`PRICING_CLASS_SERIES`). */
export type RunOutputs = 'all' | 'pricing';

export type ClassSeries = { readonly [K in (typeof CLASS_SERIES)[number]]: Float64Array };
export type DealSeries = { readonly [K in (typeof DEAL_SERIES)[number]]: Float64Array };

export interface EngineClassFlows extends ClassSeries {
  readonly name: string;
}

export type PricingClassFlows = { readonly name: string } & { readonly [K in (typeof PRICING_CLASS_SERIES)[number]]: Float64Array };

/** What a pricing run gives (`runEngine(…, 'pricing')`): each class's pricing series and the run's periods. */
export interface PricingRun {
  readonly periods: number;
  readonly payDates: readonly string[];
  readonly classes: readonly PricingClassFlows[];
  /** First period the optional redemption may happen, the period it happened (horizon 'call'), and the first stepped-up period (horizon 'maturity'). */
  readonly firstRedemptionPeriod: number | null;
  readonly redemptionPeriod: number | null;
  readonly stepUpFromPeriod: number | null;
}

/** A run with every series: the deal's, each class's, the recorded ones. */
export interface EngineRun extends DealSeries, PricingRun {
  readonly accrualDays: Int32Array;
  readonly unadjustedDays: Int32Array;
  readonly classes: readonly EngineClassFlows[];
  /** The deal's recorded series (terms `record`). */
  readonly series: Readonly<Record<string, Float64Array>>;
}

/** Hands out `count` zeroed series of `length` as views on blocks of at most 64 KiB. */
export function seriesBuffer(length: number, count: number): () => Float64Array {
  // Blocks of at most 64 KiB: the allocator serves them from memory it already holds, where one
  // block of a whole run (740 KB for CWALT) came fresh from the system and every page of it
  // faulted on first write (a millisecond or more a run).
  const perBlock = Math.max(1, Math.floor(BLOCK_DOUBLES / Math.max(1, length)));
  let block = new Float64Array(0);
  let taken = 0;
  return () => {
    if (taken === count) throw new Error('more output series than reserved');
    const k = taken++ % perBlock;
    if (k === 0) block = new Float64Array(length * Math.min(perBlock, count - taken + 1));
    return block.subarray(length * k, length * (k + 1));
  };
}

const BLOCK_DOUBLES = 8192;

export function namedSeries<K extends string>(names: readonly K[], take: () => Float64Array): { [P in K]: Float64Array } {
  const out = {} as { [P in K]: Float64Array };
  for (const name of names) out[name] = take();
  return out;
}

/** Views of the first `n` periods of each series (no copy: the run owns its arrays); the series themselves when they are `n` long. */
export function cutSeries<T extends Record<string, Float64Array>>(series: T, n: number): T {
  const out = {} as Record<string, Float64Array>;
  for (const [name, values] of Object.entries(series)) out[name] = values.length === n ? values : values.subarray(0, n);
  return out as T;
}

export type ClassOutputs = { [K in (typeof CLASS_SERIES)[number]]: Float64Array };
export type DealOutputs = { [K in (typeof DEAL_SERIES)[number]]: Float64Array };

/**
 * A run's outputs of `length` periods (`seriesBuffer`): each class's series, the deal's, the
 * recorded ones, and in `series` every one recorded, in that order. With `discard` (a pricing
 * run) only the classes' pricing series are recorded: every other series is `discard`, one
 * scratch array the run writes and nobody reads, and is not in `series`.
 */
export function runOutputs(classes: number, recordNames: readonly string[], length: number, discard: Float64Array | null = null): { flows: ClassOutputs[]; out: DealOutputs; recorded: Record<string, Float64Array>; series: Float64Array[] } {
  const kept = (name: string) => discard === null || (PRICING_CLASS_SERIES as readonly string[]).includes(name);
  const count = discard === null ? classes * CLASS_SERIES.length + DEAL_SERIES.length + recordNames.length : classes * PRICING_CLASS_SERIES.length;
  const take = seriesBuffer(length, count);
  const series: Float64Array[] = [];
  const flows: ClassOutputs[] = [];
  for (let k = 0; k < classes; k++) {
    const f = {} as ClassOutputs;
    for (const name of CLASS_SERIES) {
      if (kept(name)) series.push((f[name] = take()));
      else f[name] = discard as Float64Array;
    }
    flows.push(f);
  }
  const other = discard === null ? take : () => discard;
  const out = namedSeries(DEAL_SERIES, other);
  const recorded = namedSeries(recordNames, other);
  if (discard === null) {
    for (const name of DEAL_SERIES) series.push(out[name]);
    for (const name of recordNames) series.push(recorded[name]);
  }
  return { flows, out, recorded, series };
}

/** A pricing run's class series: views of the first `n` periods of the pricing series only. */
export function pricingSeries(name: string, flows: ClassOutputs, n: number): PricingClassFlows {
  const out = { name } as { name: string } & Record<string, Float64Array>;
  for (const key of PRICING_CLASS_SERIES) out[key] = flows[key].length === n ? flows[key] : flows[key].subarray(0, n);
  return out as unknown as PricingClassFlows;
}
