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
import { EngineError, requireFinite } from '../errors';
import { parsePrice } from '../analytics/quote';
import { accruedInterest, priceFromYield } from '../analytics/yield';
import { flatPrefix, type IndexPathPct, marginOfFlows, priceFromDiscountMargin } from '../analytics/discountMargin';
import { macaulayOfFlows, yieldAndMacaulay } from '../analytics/duration';
import { walAndWindow, walTimesFromDates } from '../analytics/wal';
import { monthOf, payDateTimesOf, type PayDateTimes } from '../analytics/payDateTimes';
import type { FloaterCashFlows } from '../analytics/cashflows';
import type { PlainDate } from '../time/date';
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

/** The cash-flow stream of a class with its times and accrual fractions (`classStream`: arrays of length `n`). */
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
  readonly price: number;
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
 * A class's stream in one run, with what its measures gave: the cells of a sheet ask the same
 * class and price several times, and a table cell asks the value and the duration at one price.
 * Its arrays are the run's series and the calendar's times, read to `n` (the kernels take `n`),
 * and its cash is summed into one shared buffer when a solve needs it (`cashOf`): building a
 * stream copies nothing.
 */
interface StreamEntry {
  /** Unique to the stream, for the cash buffer (`cashOf`). */
  readonly serial: number;
  readonly n: number;
  readonly face: number;
  /** The run's series whose sum is the cash, period by period. */
  readonly interest: Float64Array;
  readonly paid: Float64Array;
  /** 30/360 times; `tAccrual` and `tau` on the class's accrual basis. */
  readonly t: Float64Array;
  readonly tAccrual: Float64Array;
  readonly tau: Float64Array;
  readonly principal: Float64Array;
  readonly times: PayDateTimes;
  readonly perRun: RunMemo;
  /** `classStream`'s view (length-`n` arrays), made when asked. */
  stream: ClassStream | undefined;
  /** The last few prices asked (`PRICES_KEPT`). */
  readonly prices: PriceMemo[];
  /** WAL and window by WAL basis, as [basis, measures, basis, measures, ...]. */
  readonly principalMeasures: (string | PrincipalMeasures)[];
  /** The run's index path over the stream, read once: its level when flat (undefined: not read yet; null: the run reports none). */
  index: IndexPathPct | null | undefined;
}

const PRICES_KEPT = 16;

/** What the measures keep per run: its pay dates' times and each class's stream (a class with no cash keeps its error). */
interface RunMemo {
  readonly settlement: string;
  readonly times: PayDateTimes;
  readonly entries: Map<string, StreamEntry | EngineError>;
  /** How many of the run's first index levels are finite and equal to the first (-1: not read yet). */
  flatUntil: number;
}

/** Streams are pure functions of (run, class): built once, then shared by every price and measure. */
const memos = new WeakMap<DealRun, RunMemo>();

function memoOf(settlement: string, run: DealRun): RunMemo {
  let memo = memos.get(run);
  if (memo === undefined || memo.settlement !== settlement) {
    memo = { settlement, times: payDateTimesOf(settlement, run.payDates), entries: new Map(), flatUntil: -1 };
    memos.set(run, memo);
  }
  return memo;
}

export function classStream(deal: DealDescription, cls: ClassDescription, run: DealRun): ClassStream {
  const e = entryOf(deal, cls, run);
  return (e.stream ??= {
    face: e.face,
    t: e.t.subarray(0, e.n),
    tAccrual: e.tAccrual.subarray(0, e.n),
    tau: e.tau.subarray(0, e.n),
    amount: cashOf(e).slice(0, e.n),
    principal: e.principal.subarray(0, e.n),
    payDates: e.times.payDates.slice(0, e.n),
    n: e.n,
  });
}

function entryOf(deal: DealDescription, cls: ClassDescription, run: DealRun): StreamEntry {
  const memo = memoOf(deal.settlement, run);
  let entry = memo.entries.get(cls.name);
  if (entry === undefined) {
    try {
      entry = buildEntry(cls, run, memo);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      entry = error;
    }
    memo.entries.set(cls.name, entry);
  }
  if (entry instanceof EngineError) throw entry;
  return entry;
}

function priceMemo(entry: StreamEntry, price: number): PriceMemo {
  const prices = entry.prices;
  for (let i = 0; i < prices.length; i++) if (prices[i].price === price) return prices[i];
  if (prices.length >= PRICES_KEPT) prices.length = 0;
  const memo = { price, yield30: Number.NaN, macaulay30: Number.NaN, dm: Number.NaN, dmIndex: undefined, mdur30: Number.NaN, mdurAccrual: Number.NaN };
  prices.push(memo);
  return memo;
}

function buildEntry(cls: ClassDescription, run: DealRun, memo: RunMemo): StreamEntry {
  const flows = run.classes.get(cls.name);
  if (!flows) throw new EngineError('class', `the run has no cash flows for ${cls.name}`, 'notAvailable');
  // The last period with cash, found from the end: a class retired early stops the scan there.
  const { interest, principal } = flows;
  let n = run.periods;
  while (n > 0 && !(interest[n - 1] + principal[n - 1] > HALF_CENT)) n--;
  if (n === 0) throw new EngineError('class', `${cls.name} receives no cash in this scenario`, 'notAvailable');
  const times = memo.times;
  const thirty = cls.accrual === '30/360';
  return {
    serial: ++serials,
    n,
    face: cls.originalBalance,
    // The run's own series: never written after the run.
    interest,
    paid: principal,
    t: times.t30,
    tAccrual: thirty ? times.t30 : times.tAct,
    tau: thirty ? times.tau30 : times.tauAct,
    principal: cls.kind === 'interestOnly' ? notionalReductions(flows.balance, n) : principal,
    times,
    perRun: memo,
    stream: undefined,
    prices: [],
    principalMeasures: [],
    index: undefined,
  };
}

/** The buffer `cashOf` fills (grown to the longest stream), and the serial of the stream whose cash it holds (a number: it keeps no run alive). */
let cash = new Float64Array(0);
let cashSerial = 0;
let serials = 0;

/**
 * A stream's cash, interest + principal in each of its `n` periods (the first `n` of the array
 * returned), summed into one buffer when a solve needs it and the buffer holds another stream's:
 * the same sums a copy kept per stream would hold, without an array per class and run (a typed
 * array cost more than the sums).
 */
function cashOf(entry: StreamEntry): Float64Array {
  if (cashSerial === entry.serial) return cash;
  const { n, interest, paid } = entry;
  if (cash.length < n) cash = new Float64Array(n);
  for (let k = 0; k < n; k++) cash[k] = interest[k] + paid[k];
  cashSerial = entry.serial;
  return cash;
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

/** [WAL, first period, last period] of the last walAndWindow. */
const summary = new Float64Array(3);

function principalOf(deal: DealDescription, entry: StreamEntry, scenario: Scenario): PrincipalMeasures {
  const basis = scenario.conventions.walBasis === 'deal' ? deal.walBasis : scenario.conventions.walBasis;
  const known = entry.principalMeasures;
  for (let i = 0; i < known.length; i += 2) if (known[i] === basis) return known[i + 1] as PrincipalMeasures;
  const { n, times } = entry;
  const t = basis === '30/360' ? entry.t : walTimesFromDates(basis, deal.settlement, times.payDates.slice(0, n));
  walAndWindow(t, entry.principal, n, HALF_CENT, summary);
  const firstPeriod = summary[1];
  const lastPeriod = summary[2];
  const result = { walYears: summary[0], firstPrinPay: monthOf(times, firstPeriod), lastPrinPay: monthOf(times, lastPeriod), firstPeriod, lastPeriod };
  known.push(basis, result);
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
    const n = entry.n;
    entry.index = path !== undefined && path.length >= n ? flatOrPath(entry.perRun, path, n) : null;
  }
  return entry.index ?? scenario.indices.libor1m ?? deal.pricingIndexLevels.libor1m;
}

/**
 * As `flatLevel(path, n) ?? path.subarray(0, n)`, with the run's path read once for all its
 * classes: its level when the first `n` are flat, else the path (after the check `flatLevel`
 * makes of the first level that differs).
 */
function flatOrPath(perRun: RunMemo, path: Float64Array, n: number): number | Float64Array {
  if (perRun.flatUntil < 0) perRun.flatUntil = flatPrefix(path);
  if (n <= perRun.flatUntil) return path[0];
  requireFinite('index', path[perRun.flatUntil]);
  return path.subarray(0, n);
}

function valueAt(deal: DealDescription, cls: ClassDescription, entry: StreamEntry, run: DealRun, scenario: Scenario, memo: PriceMemo, price: number): number {
  if (cls.measure !== 'DM') return yield30(entry, memo, price);
  const index = streamIndex(deal, entry, run, scenario);
  const key = typeof index === 'number' && entry.index === null ? index : 'path';
  if (memo.dmIndex !== key) {
    memo.dm = marginOfFlows({ face: entry.face, t: entry.t, tau: entry.tau, amount: cashOf(entry) }, entry.n, index, price);
    memo.dmIndex = key;
  }
  return memo.dm;
}

/** [yield, Macaulay] of the last yieldAndMacaulay: one buffer for every solve. */
const solved = new Float64Array(2);

function yield30(s: StreamEntry, memo: PriceMemo, price: number): number {
  if (memo.yield30 !== memo.yield30) {
    yieldAndMacaulay(s.t, cashOf(s), s.n, 100 / s.face, price, solved);
    memo.yield30 = solved[0];
    memo.macaulay30 = solved[1];
  }
  return memo.yield30;
}

function durationAt(cls: ClassDescription, s: StreamEntry, scenario: Scenario, memo: PriceMemo, price: number): number {
  // On 30/360 times (a 30/360 class, or the 30/360 duration basis) the yield is the one the
  // YIELD measure solves at the same price: solved once per stream and price.
  if (scenario.conventions.durationBasis !== 'accrual' || cls.accrual === '30/360') {
    if (memo.mdur30 !== memo.mdur30) {
      const y = yield30(s, memo, price);
      const macaulay = memo.macaulay30 === memo.macaulay30 ? memo.macaulay30 : macaulayOfFlows(s.t, cashOf(s), s.n, y);
      memo.mdur30 = macaulay / (1 + y / 200);
    }
    return memo.mdur30;
  }
  if (memo.mdurAccrual !== memo.mdurAccrual) {
    // As modifiedDurationFromPrice on the accrual times, without copying the stream.
    const amount = cashOf(s);
    yieldAndMacaulay(s.tAccrual, amount, s.n, 100 / s.face, price, solved);
    const y = solved[0];
    const macaulay = solved[1] === solved[1] ? solved[1] : macaulayOfFlows(s.tAccrual, amount, s.n, y);
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
