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
import { accruedInterest, priceFromYield } from '../analytics/yield';
import { flatLevel, type IndexPathPct, marginOfFlows, priceFromDiscountMargin } from '../analytics/discountMargin';
import { macaulayOfFlows, yieldAndMacaulay } from '../analytics/duration';
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

/** What a stream's prices gave, at one full price (NaN: not asked yet). */
interface PriceMemo {
  /** CBE yield on 30/360 times: the YIELD measure, and MDUR's yield on 30/360 times. */
  yield30: number;
  /** Macaulay duration at `yield30` when its solve gave it (yieldAndMacaulay), else NaN. */
  macaulay30: number;
  dm: number;
  /** The index the DM was solved over: its flat level, or 'path' (the run's own path). */
  dmIndex: number | 'path' | undefined;
  mdur30: number;
  mdurAccrual: number;
}

/**
 * A class's stream with what its measures gave: the cells of a sheet ask the same class and price
 * several times, and a table cell asks the value and the duration at one price.
 */
interface StreamEntry {
  readonly stream: ClassStream;
  /** By full price; a few prices a stream. */
  readonly prices: Map<number, PriceMemo>;
  /** By WAL basis. */
  readonly principal: Map<string, PrincipalMeasures>;
  /** The run's index path over the stream, read once: its level when flat (undefined: not read yet; null: the run reports none). */
  index: IndexPathPct | null | undefined;
}

const PRICES_KEPT = 16;

/** Streams are pure functions of (run, class): built once, then shared by every price and measure. A class with no cash keeps its error. */
const streams = new WeakMap<DealRun, Map<string, StreamEntry | EngineError>>();

export function classStream(deal: DealDescription, cls: ClassDescription, run: DealRun): ClassStream {
  return entryOf(deal, cls, run).stream;
}

function entryOf(deal: DealDescription, cls: ClassDescription, run: DealRun): StreamEntry {
  let perRun = streams.get(run);
  if (!perRun) streams.set(run, (perRun = new Map()));
  let entry = perRun.get(cls.name);
  if (entry === undefined) {
    try {
      entry = { stream: buildClassStream(deal, cls, run), prices: new Map(), principal: new Map(), index: undefined };
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      entry = error;
    }
    perRun.set(cls.name, entry);
  }
  if (entry instanceof EngineError) throw entry;
  return entry;
}

function priceMemo(entry: StreamEntry, price: number): PriceMemo {
  let memo = entry.prices.get(price);
  if (memo === undefined) {
    if (entry.prices.size >= PRICES_KEPT) entry.prices.clear();
    memo = { yield30: Number.NaN, macaulay30: Number.NaN, dm: Number.NaN, dmIndex: undefined, mdur30: Number.NaN, mdurAccrual: Number.NaN };
    entry.prices.set(price, memo);
  }
  return memo;
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
  // The last period with cash, found from the end: a class retired early stops the scan there.
  let n = run.periods;
  while (n > 0 && !(flows.interest[n - 1] + flows.principal[n - 1] > HALF_CENT)) n--;
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
    // A view, not a copy: the run's series are never written after the run.
    principal: cls.kind === 'interestOnly' ? notionalReductions(flows.balance, n) : flows.principal.subarray(0, n),
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

export function principalMeasures(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario): PrincipalMeasures {
  return principalOf(deal, entryOf(deal, cls, run), scenario);
}

function principalOf(deal: DealDescription, entry: StreamEntry, scenario: Scenario): PrincipalMeasures {
  const basis = scenario.conventions.walBasis === 'deal' ? deal.walBasis : scenario.conventions.walBasis;
  const hit = entry.principal.get(basis);
  if (hit) return hit;
  const stream = entry.stream;
  const times = basis === '30/360' ? stream.t : walTimesFromDates(basis, deal.settlement, stream.payDates);
  const window = principalWindow(stream.principal, HALF_CENT);
  const result = {
    walYears: weightedAverageLife(times, stream.principal),
    firstPrinPay: yearMonth(stream.payDates[window.firstPeriod - 1]),
    lastPrinPay: yearMonth(stream.payDates[window.lastPeriod - 1]),
    firstPeriod: window.firstPeriod,
    lastPeriod: window.lastPeriod,
  };
  entry.principal.set(basis, result);
  return result;
}

/** DM (bp) or yield (%) at a price. */
export function classValue(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, priceText: string | number): number {
  requireMeasure(cls);
  const price = fullPriceOf(cls, priceText);
  const entry = entryOf(deal, cls, run);
  return valueAt(deal, cls, entry, run, scenario, priceMemo(entry, price), price);
}

/** Modified duration at a price (times on the convention's basis). */
export function classDuration(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, priceText: string | number): number {
  requireMeasure(cls);
  const price = fullPriceOf(cls, priceText);
  const entry = entryOf(deal, cls, run);
  return durationAt(cls, entry, scenario, priceMemo(entry, price), price);
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
 * The index a DM is solved over, as `marginOfFlows` takes it: the run's path over the stream,
 * read once per stream (its level when flat), or the scenario's level when the run reports none.
 */
function streamIndex(deal: DealDescription, entry: StreamEntry, run: DealRun, scenario: Scenario): IndexPathPct {
  if (entry.index === undefined) {
    const path = run.floaterIndexPct;
    const n = entry.stream.n;
    entry.index = path !== undefined && path.length >= n ? (flatLevel(path, n) ?? path.subarray(0, n)) : null;
  }
  return entry.index ?? scenario.indices.libor1m ?? deal.pricingIndexLevels.libor1m;
}

function valueAt(deal: DealDescription, cls: ClassDescription, entry: StreamEntry, run: DealRun, scenario: Scenario, memo: PriceMemo, price: number): number {
  if (cls.measure !== 'DM') return yield30(entry, memo, price);
  const index = streamIndex(deal, entry, run, scenario);
  const key = typeof index === 'number' && entry.index === null ? index : 'path';
  if (memo.dmIndex !== key) {
    memo.dm = marginOfFlows(entry.stream, entry.stream.n, index, price);
    memo.dmIndex = key;
  }
  return memo.dm;
}

/** [yield, Macaulay] of the last yieldAndMacaulay: one buffer for every solve. */
const solved = new Float64Array(2);

function yield30(entry: StreamEntry, memo: PriceMemo, price: number): number {
  if (memo.yield30 !== memo.yield30) {
    const s = entry.stream;
    yieldAndMacaulay(s.t, s.amount, s.n, 100 / s.face, price, solved);
    memo.yield30 = solved[0];
    memo.macaulay30 = solved[1];
  }
  return memo.yield30;
}

function durationAt(cls: ClassDescription, entry: StreamEntry, scenario: Scenario, memo: PriceMemo, price: number): number {
  const s = entry.stream;
  // On 30/360 times (a 30/360 class, or the 30/360 duration basis) the yield is the one the
  // YIELD measure solves at the same price: solved once per stream and price.
  if (scenario.conventions.durationBasis !== 'accrual' || cls.accrual === '30/360') {
    if (memo.mdur30 !== memo.mdur30) {
      const y = yield30(entry, memo, price);
      const macaulay = memo.macaulay30 === memo.macaulay30 ? memo.macaulay30 : macaulayOfFlows(s.t, s.amount, s.n, y);
      memo.mdur30 = macaulay / (1 + y / 200);
    }
    return memo.mdur30;
  }
  if (memo.mdurAccrual !== memo.mdurAccrual) {
    // As modifiedDurationFromPrice on the accrual times, without copying the stream.
    yieldAndMacaulay(s.tAccrual, s.amount, s.n, 100 / s.face, price, solved);
    const y = solved[0];
    const macaulay = solved[1] === solved[1] ? solved[1] : macaulayOfFlows(s.tAccrual, s.amount, s.n, y);
    memo.mdurAccrual = macaulay / (1 + y / 200);
  }
  return memo.mdurAccrual;
}

function requireMeasure(cls: ClassDescription): 'DM' | 'Yield' {
  if (cls.measure === null) throw new EngineError('class', `${cls.name} has no price/yield table (an interest-only notional class)`, 'notAvailable');
  return cls.measure;
}

export function classMeasures(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, priceText: string | number): ClassMeasures {
  const measure = requireMeasure(cls);
  const price = fullPriceOf(cls, priceText);
  const entry = entryOf(deal, cls, run);
  const memo = priceMemo(entry, price);
  const value = valueAt(deal, cls, entry, run, scenario, memo, price);
  const modifiedDuration = durationAt(cls, entry, scenario, memo, price);
  const p = principalOf(deal, entry, scenario);
  return { measure, value, walYears: p.walYears, modifiedDuration, firstPrinPay: p.firstPrinPay, lastPrinPay: p.lastPrinPay, firstPeriod: p.firstPeriod, lastPeriod: p.lastPeriod };
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
