/**
 * The measures of a term-sheet pricing table for one class of one run: DM (floaters) or yield
 * (fixed) at a price, WAL, modified duration, first and last principal month. Pure arithmetic
 * over the run's cash flows with the street conventions of conventions.md §5-§9:
 *
 * - times T_k: 30/360 years from settlement to the actual pay date (delay included, §6);
 * - full price = quoted price + accrued interest from the accrual start to settlement (§5);
 * - yield: CBE, `P_full = Σ CF_k (1 + Y/200)^(−2 T_k)`;
 * - DM: product form over act/360 accrual fractions, a constant spread over the index path the run
 *   projected (flat for the term sheets, shifted or forward in a scenario), settlement stub (§7);
 * - modified duration: Macaulay at the CBE yield implied by the full price, / (1 + Y/200) (§9),
 *   for floaters too, on their flat-index cash flows, with times on the class's accrual basis
 *   (act/360 for floaters: `conventions.durationBasis`, default 'accrual');
 * - WAL on the scenario's basis (default 30/360 from settlement, §8); window: first and last
 *   period with principal, as pay months.
 */
import Decimal from 'decimal.js';
import { EngineError } from '../errors';
import { parsePrice } from '../analytics/quote';
import { accruedInterest, yieldFromPrice } from '../analytics/yield';
import { discountMarginFromPrice, priceFromDiscountMargin } from '../analytics/discountMargin';
import { macaulayDuration, modifiedDurationFromPrice } from '../analytics/duration';
import { priceFromYield } from '../analytics/yield';
import { weightedAverageLife, walTimesFromDates } from '../analytics/wal';
import { principalWindow } from '../analytics/window';
import type { FloaterCashFlows } from '../analytics/cashflows';
import { dateParts, parseIsoDate, yearMonth, type PlainDate } from '../time/date';
import { dayCount, thirty360 } from '../time/daycount';
import type { ClassDescription, DealDescription, DealRun } from '../deals/types';
import type { Scenario } from './scenario';

/** Principal below half a cent is float dust, not a payment. */
const HALF_CENT = 0.005;

export interface ClassMeasures {
  readonly measure: 'DM' | 'Yield';
  /** DM in bp or yield in percent, at `price`. */
  readonly value: number;
  readonly walYears: number;
  readonly modifiedDuration: number;
  readonly firstPrinPay: string;
  readonly lastPrinPay: string;
  readonly firstPeriod: number;
  readonly lastPeriod: number;
}

/** The cash-flow stream of a class with its times and accrual fractions; built once per class and run. */
export interface ClassStream extends FloaterCashFlows {
  /** Years from settlement to each pay date on the class's accrual basis (act/360 for floaters). */
  readonly tAccrual: Float64Array;
  /** Principal, or for an interest-only class the reductions of its notional (WAL and window). */
  readonly principal: Float64Array;
  readonly payDates: readonly PlainDate[];
  /** Number of periods with cash. */
  readonly n: number;
}

/** Streams are pure functions of (run, class): built once, then shared by every price and measure. */
const streams = new WeakMap<DealRun, Map<string, ClassStream>>();

export function classStream(deal: DealDescription, cls: ClassDescription, run: DealRun): ClassStream {
  let perRun = streams.get(run);
  if (!perRun) streams.set(run, (perRun = new Map()));
  const hit = perRun.get(cls.name);
  if (hit) return hit;
  const stream = buildClassStream(deal, cls, run);
  perRun.set(cls.name, stream);
  return stream;
}

/** Times of a run's pay dates from settlement, on both bases: shared by every class and every run with the same dates. */
interface PayDateTimes {
  readonly payDates: readonly PlainDate[];
  /** 30/360 years from settlement. */
  readonly t30: Float64Array;
  /** act/360 years from settlement. */
  readonly tAct: Float64Array;
  /** Accrual fraction of each period (first: settlement → first pay) on 30/360 and on act/360. */
  readonly tau30: Float64Array;
  readonly tauAct: Float64Array;
}

/**
 * Times already computed, newest first: a run's pay dates are a prefix of its deal's calendar, so
 * the times of a longer schedule with the same first dates serve a shorter one (each period's
 * times read only settlement and its own and the previous pay date). Readers take the first `n`.
 */
const payDateTimes: { readonly settlement: string; readonly isoDates: readonly string[]; readonly times: PayDateTimes }[] = [];
const TIMES_KEPT = 8;

/** The times each run was given (its classes ask for them one after another). */
const timesByRun = new WeakMap<DealRun, { readonly settlement: string; readonly times: PayDateTimes }>();

function timesOf(settlement: string, run: DealRun): PayDateTimes {
  const own = timesByRun.get(run);
  if (own && own.settlement === settlement) return own.times;
  const times = sharedTimesOf(settlement, run);
  timesByRun.set(run, { settlement, times });
  return times;
}

/** True when `dates` begins with every date of `prefix`. */
function startsWith(dates: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > dates.length) return false;
  for (let k = 0; k < prefix.length; k++) if (dates[k] !== prefix[k]) return false;
  return true;
}

function sharedTimesOf(settlement: string, run: DealRun): PayDateTimes {
  for (const entry of payDateTimes) {
    if (entry.settlement === settlement && startsWith(entry.isoDates, run.payDates)) return entry.times;
  }
  const settle = parseIsoDate(settlement, 'settlement');
  const settleParts = dateParts(settle);
  const payDates = run.payDates.map((d) => parseIsoDate(d, 'payDate'));
  const n = payDates.length;
  const times = { payDates, t30: new Float64Array(n), tAct: new Float64Array(n), tau30: new Float64Array(n), tauAct: new Float64Array(n) };
  let previous = settle;
  let previousParts = settleParts;
  for (let k = 0; k < n; k++) {
    const date = payDates[k];
    // (dayCount's checks: no pay date before settlement or the previous one.)
    if (date < settle) dayCount('act/360', settle, date);
    if (date < previous) dayCount('act/360', previous, date);
    const parts = dateParts(date);
    // As yearFraction('30/360', …) and dayCount(basis, …) / 360, with each date's fields read once.
    times.t30[k] = thirty360(settleParts, parts) / 360;
    times.tAct[k] = (date - settle) / 360;
    times.tau30[k] = thirty360(previousParts, parts) / 360;
    times.tauAct[k] = (date - previous) / 360;
    previous = date;
    previousParts = parts;
  }
  payDateTimes.unshift({ settlement, isoDates: run.payDates, times });
  if (payDateTimes.length > TIMES_KEPT) payDateTimes.pop();
  return times;
}

function buildClassStream(deal: DealDescription, cls: ClassDescription, run: DealRun): ClassStream {
  const flows = run.classes.get(cls.name);
  if (!flows) throw new EngineError('class', `the run has no cash flows for ${cls.name}`, 'notAvailable');
  let n = 0;
  for (let k = 0; k < run.periods; k++) if (flows.interest[k] + flows.principal[k] > HALF_CENT) n = k + 1;
  if (n === 0) throw new EngineError('class', `${cls.name} receives no cash in this scenario`, 'notAvailable');
  const times = timesOf(deal.settlement, run);
  const thirty = cls.accrual === '30/360';
  const amount = new Float64Array(n);
  for (let k = 0; k < n; k++) amount[k] = flows.interest[k] + flows.principal[k];
  return {
    face: cls.originalBalance,
    t: times.t30.subarray(0, n),
    tAccrual: (thirty ? times.t30 : times.tAct).subarray(0, n),
    tau: (thirty ? times.tau30 : times.tauAct).subarray(0, n),
    amount,
    principal: cls.kind === 'interestOnly' ? notionalReductions(flows.balance, n) : flows.principal.slice(0, n),
    payDates: times.payDates.slice(0, n),
    n,
  };
}

/**
 * An interest-only class has no principal; its WAL and window are those of its notional (as the
 * street quotes an IO's average life): the notional a period accrues on (`balance`) less the next
 * period's, the last cash period retiring what remains.
 */
function notionalReductions(notional: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = notional[k] - (k + 1 < n ? notional[k + 1] : 0);
  return out;
}

/** Full price per 100: the quote plus accrued interest to settlement (none for floaters, which settle flat). */
export function fullPrice(cls: ClassDescription, price: Decimal): number {
  const accrued = cls.couponPct !== undefined && cls.accruedDaysAtSettlement > 0 ? accruedInterest(cls.couponPct, cls.accruedDaysAtSettlement) : 0;
  return price.toNumber() + accrued;
}

/**
 * The index path the DM is a spread over: the 1M LIBOR the run projected for each of the stream's
 * periods (flat for the term sheets, shifted or forward in a scenario); a run that does not report
 * its path is read as the scenario's flat level.
 */
function indexPath(deal: DealDescription, scenario: Scenario, run: DealRun, stream: ClassStream): number | Float64Array {
  const path = run.floaterIndexPct;
  if (path !== undefined && path.length >= stream.n) return path.subarray(0, stream.n);
  return scenario.indices.libor1m ?? deal.pricingIndexLevels.libor1m;
}

/** WAL and window need no price: computed once per stream and time basis. */
export interface PrincipalMeasures {
  readonly walYears: number;
  readonly firstPrinPay: string;
  readonly lastPrinPay: string;
  readonly firstPeriod: number;
  readonly lastPeriod: number;
}

const principalCache = new WeakMap<ClassStream, Map<string, PrincipalMeasures>>();

export function principalMeasures(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario): PrincipalMeasures {
  const stream = classStream(deal, cls, run);
  const basis = scenario.conventions.walBasis === 'deal' ? deal.walBasis : scenario.conventions.walBasis;
  let perStream = principalCache.get(stream);
  if (!perStream) principalCache.set(stream, (perStream = new Map()));
  const hit = perStream.get(basis);
  if (hit) return hit;
  const times = basis === '30/360' ? stream.t : walTimesFromDates(basis, deal.settlement, stream.payDates);
  const window = principalWindow(stream.principal, HALF_CENT);
  const result = {
    walYears: weightedAverageLife(times, stream.principal),
    firstPrinPay: yearMonth(stream.payDates[window.firstPeriod - 1]),
    lastPrinPay: yearMonth(stream.payDates[window.lastPeriod - 1]),
    firstPeriod: window.firstPeriod,
    lastPeriod: window.lastPeriod,
  };
  perStream.set(basis, result);
  return result;
}

/** DM (bp) or yield (%) at a price. */
export function classValue(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, priceText: string | number): number {
  requireMeasure(cls);
  return valueAt(deal, cls, run, scenario, fullPriceOf(cls, priceText));
}

/** Modified duration at a price (times on the convention's basis). */
export function classDuration(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, priceText: string | number): number {
  requireMeasure(cls);
  return durationAt(deal, cls, run, scenario, fullPriceOf(cls, priceText));
}

/** Full prices by class and quote: a sheet asks a few prices of each class again and again. */
const fullPrices = new WeakMap<ClassDescription, Map<string | number, number>>();

function fullPriceOf(cls: ClassDescription, priceText: string | number): number {
  let perClass = fullPrices.get(cls);
  if (!perClass) fullPrices.set(cls, (perClass = new Map()));
  let price = perClass.get(priceText);
  if (price === undefined) {
    price = fullPrice(cls, parsePrice(priceText));
    if (perClass.size >= 64) perClass.clear();
    perClass.set(priceText, price);
  }
  return price;
}

/**
 * Measures of a stream by what they depend on besides it (the measure, the price, the index level
 * a DM reads when the run reports no path, the duration's time basis): the cells of a sheet ask
 * the same class and price several times.
 */
const streamMeasures = new WeakMap<ClassStream, Map<string, number>>();

function remembered(stream: ClassStream, key: string, compute: () => number): number {
  let perStream = streamMeasures.get(stream);
  if (!perStream) streamMeasures.set(stream, (perStream = new Map()));
  let value = perStream.get(key);
  if (value === undefined) {
    value = compute();
    if (perStream.size >= 32) perStream.clear();
    perStream.set(key, value);
  }
  return value;
}

function valueAt(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, price: number): number {
  const stream = classStream(deal, cls, run);
  if (cls.measure !== 'DM') return streamYield(stream, price);
  const index = indexPath(deal, scenario, run, stream);
  return remembered(stream, `dm|${price}|${typeof index === 'number' ? index : 'path'}`, () => discountMarginFromPrice(stream, index, price));
}

function durationAt(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, price: number): number {
  const stream = classStream(deal, cls, run);
  // On 30/360 times (a 30/360 class, or the 30/360 duration basis) the yield is the one the
  // YIELD measure solves at the same price: solved once per stream and price.
  if (scenario.conventions.durationBasis !== 'accrual' || cls.accrual === '30/360') {
    return remembered(stream, `mdur30|${price}`, () => {
      const y = streamYield(stream, price);
      return macaulayDuration(stream, y) / (1 + y / 200);
    });
  }
  return remembered(stream, `mdurAccrual|${price}`, () => modifiedDurationFromPrice({ ...stream, t: stream.tAccrual }, price));
}

/** CBE yield of a stream (30/360 times) at a full price, by stream and price: a few prices a stream. */
const yields = new WeakMap<ClassStream, Map<number, number>>();

function streamYield(stream: ClassStream, price: number): number {
  let perStream = yields.get(stream);
  if (!perStream) yields.set(stream, (perStream = new Map()));
  let y = perStream.get(price);
  if (y === undefined) {
    y = yieldFromPrice(stream, price);
    if (perStream.size >= 16) perStream.clear();
    perStream.set(price, y);
  }
  return y;
}

function requireMeasure(cls: ClassDescription): 'DM' | 'Yield' {
  if (cls.measure === null) throw new EngineError('class', `${cls.name} has no price/yield table (an interest-only notional class)`, 'notAvailable');
  return cls.measure;
}

export function classMeasures(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, priceText: string | number): ClassMeasures {
  const measure = requireMeasure(cls);
  const price = fullPriceOf(cls, priceText);
  return {
    measure,
    value: valueAt(deal, cls, run, scenario, price),
    modifiedDuration: durationAt(deal, cls, run, scenario, price),
    ...principalMeasures(deal, cls, run, scenario),
  };
}

/** Price (decimal, clean) from a DM in bp (floaters) or a yield in percent (fixed). */
export function priceFromMeasure(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, measureValue: number): number {
  if (cls.measure === null) throw new EngineError('class', `${cls.name} has no price/yield table (an interest-only notional class)`, 'notAvailable');
  const stream = classStream(deal, cls, run);
  const full = cls.measure === 'DM' ? priceFromDiscountMargin(stream, indexPath(deal, scenario, run, stream), measureValue) : priceFromYield(stream, measureValue);
  const clean = full - fullPrice(cls, new Decimal(0));
  if (!(clean > 0)) {
    throw new EngineError('measure', `${measureValue} ${cls.measure === 'DM' ? 'bp' : '%'} gives no positive price for ${cls.name} (the accrued interest alone is worth more)`);
  }
  return clean;
}
