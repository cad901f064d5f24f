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

/** A view of the first `n` periods of a series (no copy: the run owns its arrays); the series itself when it is `n` long. */
function firstPeriods(values: Float64Array, n: number): Float64Array {
  return values.length === n ? values : values.subarray(0, n);
}

/** `firstPeriods` of each series. */
export function cutSeries<T extends Record<string, Float64Array>>(series: T, n: number): T {
  const out = {} as Record<string, Float64Array>;
  for (const [name, values] of Object.entries(series)) out[name] = firstPeriods(values, n);
  return out as T;
}

export type ClassOutputs = { [K in (typeof CLASS_SERIES)[number]]: Float64Array };
export type DealOutputs = { [K in (typeof DEAL_SERIES)[number]]: Float64Array };

/** A series by name: a fresh array, or the run's scratch array for one it does not keep. */
type SeriesOf<K extends string> = (name: K) => Float64Array;

/**
 * A class's series as one object literal (one shape for every class and run): named stores of a
 * loop over the names cost a keyed store each, 9 µs of a 12-class run's 12 µs of set-up.
 */
function classOutputs(s: SeriesOf<(typeof CLASS_SERIES)[number]>): ClassOutputs {
  return {
    beginBalance: s('beginBalance'), endBalance: s('endBalance'), couponPct: s('couponPct'), uncappedCouponPct: s('uncappedCouponPct'),
    capPct: s('capPct'), interestDue: s('interestDue'), interest: s('interest'), principal: s('principal'),
    carryoverPaid: s('carryoverPaid'), lossReimbursed: s('lossReimbursed'), nonPrincipal: s('nonPrincipal'), writedown: s('writedown'),
    cashFlow: s('cashFlow'), unpaidInterestAfter: s('unpaidInterestAfter'), carryoverAfter: s('carryoverAfter'), lossAfter: s('lossAfter'),
  };
}

/** The deal's series, as `classOutputs` does a class's. */
function dealOutputs(s: SeriesOf<(typeof DEAL_SERIES)[number]>): DealOutputs {
  return {
    indexPct: s('indexPct'), bondBeginBalance: s('bondBeginBalance'), bondEndBalance: s('bondEndBalance'), collateralEnd: s('collateralEnd'),
    derivativeNotional: s('derivativeNotional'), derivativeReceipts: s('derivativeReceipts'), derivativePayments: s('derivativePayments'),
    derivativeShortfall: s('derivativeShortfall'), released: s('released'), cashInCents: s('cashInCents'), paidCents: s('paidCents'),
    releasedCents: s('releasedCents'), roundingResidual: s('roundingResidual'), redemptionProceeds: s('redemptionProceeds'),
  };
}

const PRICING_KEPT: ReadonlySet<string> = new Set(PRICING_CLASS_SERIES);

/**
 * A run's outputs of `length` periods (`seriesBuffer`): each class's series, the deal's, the
 * recorded ones, and in `series` every one recorded, in the order taken. With `discard` (a
 * pricing run) only the classes' pricing series are recorded: every other series is `discard`,
 * one scratch array the run writes and nobody reads, and is not in `series`.
 */
export function runOutputs(classes: number, recordNames: readonly string[], length: number, discard: Float64Array | null = null): { flows: ClassOutputs[]; out: DealOutputs; recorded: Record<string, Float64Array>; series: Float64Array[] } {
  const count = discard === null ? classes * CLASS_SERIES.length + DEAL_SERIES.length + recordNames.length : classes * PRICING_CLASS_SERIES.length;
  const take = seriesBuffer(length, count);
  const series: Float64Array[] = [];
  const kept = () => {
    const values = take();
    series.push(values);
    return values;
  };
  const other = discard === null ? kept : () => discard;
  const ofClass = discard === null ? kept : (name: string) => (PRICING_KEPT.has(name) ? kept() : discard);
  const flows: ClassOutputs[] = [];
  for (let k = 0; k < classes; k++) flows.push(classOutputs(ofClass));
  const out = dealOutputs(other);
  const recorded = namedSeries(recordNames, other);
  return { flows, out, recorded, series };
}

/** A pricing run's class series: views of the first `n` periods of the pricing series only. */
export function pricingSeries(name: string, flows: ClassOutputs, n: number): PricingClassFlows {
  const cut = (values: Float64Array) => firstPeriods(values, n);
  return { name, endBalance: cut(flows.endBalance), couponPct: cut(flows.couponPct), capPct: cut(flows.capPct), principal: cut(flows.principal), nonPrincipal: cut(flows.nonPrincipal), writedown: cut(flows.writedown) };
}
