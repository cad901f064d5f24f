/**
 * What each custom function computes, over the engine's run layer. functions.ts only declares the
 * JSDoc-tagged entry points (the generator requires them there) and delegates here, so this module
 * holds the argument handling shared by all of them: deal and class names, speed, horizon, price,
 * scenario range, defaults from the deal's pricing assumptions.
 */
import { EngineError, decrementTable, formatDecrementPercent } from '../src/run';
import type { ClassDescription, DealDescription, DealModel, DealRun } from '../src/run';
import { classDuration, classValue, principalMeasures, priceFromMeasure, type PrincipalMeasures } from '../src/run/measures';
import { listDeals, resolveClass, resolveDeal } from '../src/run/registry';
import { tieOutLine } from '../src/run/tieOutLine';
import { runDeal } from '../src/run/runner';
import { excelDateSerial, quotedCoupon } from '../src/run/spills';
import { spreadToCurve } from '../src/run/spread';
import { BREAKEVEN_DEFAULTS, breakevenCdr } from '../src/run/breakeven';
import { measureInput, measureResult, periodInRange, priceInRange, priceResult, speedInRange } from '../src/run/limits';
import { normaliseScenario, type Scenario } from '../src/run/scenario';
import { isOmitted, optionalNumber, optionalText, scalar, describe, requiredNumber } from './arguments';
import { parseScenarioRange } from './scenarioRange';
import { speedArgument, speedNumber } from './speed';

export interface Target {
  readonly deal: DealModel;
  readonly cls: ClassDescription;
  readonly scenario: Scenario;
  readonly run: DealRun;
}

/**
 * Scenarios built from a speed and a horizon with no scenario range, per deal: every cell passes
 * its scenario's arguments again, and building one (the speed's checks, the normaliser's pass over
 * every field) was most of what a cell whose run is cached cost. Only single values are kept (a
 * number or a text, or a 1x1 range holding one: read alike), and only once built without error,
 * so every error is raised as it was. A scenario is never written after it is built.
 */
const scenarioMemo = new WeakMap<DealDescription, Map<number | string | null, Map<number | string | null, Scenario>>>();
const SPEEDS_KEPT = 256;

/** The key of a single argument value; undefined for anything the memo does not keep (ranges, booleans, −0). */
function memoKey(value: unknown): number | string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Object.is(value, -0) ? undefined : value;
  if (Array.isArray(value) && value.length === 1) {
    const row: unknown = value[0];
    if (Array.isArray(row) && row.length === 1 && !Array.isArray(row[0])) return memoKey(row[0]);
  }
  return undefined;
}

/** Builds the normalised scenario from the optional arguments; explicit arguments win over the range. */
export function scenarioFrom(speed: unknown, horizon: unknown, range: unknown, deal: DealDescription): Scenario {
  if (range !== null && range !== undefined) return buildScenario(speed, horizon, range, deal);
  const speedKey = memoKey(speed);
  const horizonKey = memoKey(horizon);
  if (speedKey === undefined || horizonKey === undefined) return buildScenario(speed, horizon, range, deal);
  let bySpeed = scenarioMemo.get(deal);
  if (!bySpeed) scenarioMemo.set(deal, (bySpeed = new Map()));
  let byHorizon = bySpeed.get(speedKey);
  let scenario = byHorizon?.get(horizonKey);
  if (scenario === undefined) {
    scenario = buildScenario(speed, horizon, range, deal);
    if (!byHorizon) {
      if (bySpeed.size >= SPEEDS_KEPT) bySpeed.clear();
      bySpeed.set(speedKey, (byHorizon = new Map()));
    }
    byHorizon.set(horizonKey, scenario);
  }
  return scenario;
}

function buildScenario(speed: unknown, horizon: unknown, range: unknown, deal: DealDescription): Scenario {
  const input = parseScenarioRange(range);
  // A speed in the range (SPEED row) is checked against the deal's limit and named after the range.
  if (speedNumber(input.speed) !== null) {
    input.speed = speedArgument(input.speed, deal, 'scenario: SPEED');
  }
  // A bad value from the range (CDR 150, CURVE zz, VECTOR abc) names the argument it came from
  // (an empty range has none).
  if (Object.keys(input).length > 0) {
    try {
      normaliseScenario(input);
    } catch (error) {
      if (error instanceof EngineError) throw new EngineError('scenario', error.message, error.kind);
      throw error;
    }
  }
  const s = speedArgument(speed, deal);
  if (s !== undefined) input.speed = s;
  const h = optionalText('horizon', horizon, '');
  if (h !== '') input.horizon = h;
  return normaliseScenario(input);
}

export function target(deal: unknown, cls: unknown, speed: unknown, horizon: unknown, range: unknown): Target {
  const model = resolveDeal(scalar('deal', deal));
  const c = resolveClass(model, scalar('class', cls));
  const scenario = scenarioFrom(speed, horizon, range, model.description);
  return { deal: model, cls: c, scenario, run: runDeal(model, scenario) };
}

/** Prices already checked (a sheet quotes a few prices in many cells); only those that passed. */
const pricesInRange = new Set<string | number>();

export function priceArgument(value: unknown): string | number {
  const v = scalar('price', value);
  if (isOmitted(v)) return '100-00';
  if (typeof v === 'number' || typeof v === 'string') {
    if (!pricesInRange.has(v)) {
      priceInRange(v);
      if (pricesInRange.size >= 256) pricesInRange.clear();
      pricesInRange.add(v);
    }
    return v;
  }
  throw new EngineError('price', `expected a price such as 100-00, 99-24+ or 101.25, got ${describe(v)}`);
}

/** DM (bp) or yield (%) at the price argument. */
export function value(t: Target, price: unknown): number {
  const p = priceArgument(price);
  return measureResult(t.cls.measure === 'DM' ? 'DM' : 'Yield', classValue(t.deal.description, t.cls, t.run, t.scenario, p), p);
}

export function duration(t: Target, price: unknown): number {
  return classDuration(t.deal.description, t.cls, t.run, t.scenario, priceArgument(price));
}

/** WAL and principal window (no price needed). */
export function principal(t: Target): PrincipalMeasures {
  return principalMeasures(t.deal.description, t.cls, t.run, t.scenario);
}

export function requireMeasure(t: Target, measure: 'DM' | 'Yield', fn: string): void {
  if (t.cls.measure !== measure) {
    const other = t.cls.measure === 'DM' ? 'DMARGIN' : t.cls.measure === 'Yield' ? 'YIELD' : null;
    throw new EngineError('class', `${t.cls.name} is quoted by ${t.cls.measure ?? 'no measure'}, not ${measure}${other ? `; use CWALT.${other}` : ''} (called from ${fn})`, 'notAvailable');
  }
}

export function priceFrom(t: Target, measure: unknown): number {
  const kind = t.cls.measure === 'DM' ? 'DM' : 'Yield';
  const m = measureInput(kind, requiredNumber('measure', measure, kind === 'DM' ? 'a discount margin in bp' : 'a yield in percent'));
  return priceResult(priceFromMeasure(t.deal.description, t.cls, t.run, t.scenario, m), `${m}${kind === 'DM' ? ' bp' : '%'}`);
}

export function periodArgument(value: unknown, run: DealRun | null, field = 'period'): number {
  const p = requiredNumber(field, value, 'a distribution period, 1 or more');
  periodInRange(p, field);
  if (run && p > run.periods) throw new EngineError(field, `the run has ${run.periods} periods; got ${p}`, 'notAvailable');
  return p;
}

export function cashFlowTable(t: Target): (string | number)[][] {
  const flows = t.run.classes.get(t.cls.name);
  if (!flows) throw new EngineError('class', `no cash flows for ${t.cls.name}`, 'notAvailable');
  const cap = t.run.rateCapPct.get(t.cls.name);
  let last = 0;
  for (let k = 0; k < t.run.periods; k++) if (flows.interest[k] + flows.principal[k] + flows.writedown[k] > 0.005) last = k + 1;
  if (last === 0) throw new EngineError('class', `${t.cls.name} receives no cash in this scenario`, 'notAvailable');
  const rows: (string | number)[][] = [['Period', 'Pay date (Excel date serial)', 'Interest', 'Principal', 'Writedown', 'Balance', 'Coupon %', 'Cap %']];
  for (let k = 0; k < last; k++) {
    const coupon = quotedCoupon(t.deal.description, flows.couponPct[k]);
    rows.push([k + 1, excelDateSerial(t.run.payDates[k]), flows.interest[k], flows.principal[k], flows.writedown[k], flows.balance[k], coupon, cap ? cap[k] : '']);
  }
  return rows;
}

export function decrement(dealArg: unknown, classArg: unknown, speedsArg: unknown): (string | number)[][] {
  const deal = resolveDeal(scalar('deal', dealArg));
  const cls = resolveClass(deal, scalar('class', classArg));
  const speeds: number[] = isOmitted(speedsArg)
    ? [...deal.description.pricingSpeeds]
    : (Array.isArray(speedsArg) ? (speedsArg as unknown[][]).flat() : [speedsArg]).filter((v) => !isOmitted(v)).map((v) => requiredNumber('speeds', v, 'speeds of 0 or more'));
  if (speeds.length === 0 || speeds.length > 20 || speeds.some((s) => s < 0)) throw new EngineError('speeds', 'expected 1 to 20 speeds of 0 or more');
  for (const s of speeds) speedInRange(deal.description, s, 'speeds');
  const paths = speeds.map((speed) => {
    const run = runDeal(deal, normaliseScenario({ speed, horizon: 'maturity' }));
    const flows = run.classes.get(cls.name);
    if (!flows) throw new EngineError('class', `no cash flows for ${cls.name}`, 'notAvailable');
    return flows.balance;
  });
  const run0 = runDeal(deal, normaliseScenario({ speed: speeds[0], horizon: 'maturity' }));
  const rows = decrementTable(paths, cls.originalBalance);
  const table: (string | number)[][] = [['Year', 'Date (Excel date serial; year 0: settlement)', ...speeds.map((s) => `${s}%`)]];
  for (const row of rows) {
    const iso = row.period === 0 ? deal.description.settlement : run0.payDates[row.period - 1];
    const date = iso === undefined ? '' : excelDateSerial(iso);
    table.push([row.year, date, ...row.percents.map((p) => {
      const f = formatDecrementPercent(p);
      return f === '*' ? f : Number(f);
    })]);
  }
  return table;
}

export function dealsTable(): (string | number)[][] {
  const deals = listDeals();
  if (deals.length === 0) throw new EngineError('deals', 'no deals are available', 'notAvailable');
  // The last column: how far the deal's figures tie out to its term sheet (src/run/tieOut.ts).
  return [
    ['Deal', 'Name', 'Size', 'Settlement', 'Pricing speed', 'Classes', 'Tie-out'],
    ...deals.map((d) => [d.description.id, d.description.name, d.description.sizeDollars, d.description.settlement, d.description.pricingSpeedText, d.description.classes.length, tieOutLine(d.description.id)]),
  ];
}

export function classesTable(dealArg: unknown): (string | number)[][] {
  const deal = resolveDeal(scalar('deal', dealArg));
  return [
    ['Class', 'Kind', 'Original balance', 'Margin %', 'Coupon %', 'Measure', 'Type'],
    ...deal.description.classes.map((c) => [c.name, c.kind, c.originalBalance, c.marginPct ?? '', c.couponPct ?? '', c.measure ?? 'NA', c.type]),
  ];
}

/** BREAKEVEN: the credit arguments over the scenario range, then the solve (src/run/breakeven.ts). */
export function breakeven(dealArg: unknown, classArg: unknown, speed: unknown, severity: unknown, lag: unknown, horizon: unknown, range: unknown): number {
  const model = resolveDeal(scalar('deal', dealArg));
  const cls = resolveClass(model, scalar('class', classArg));
  const fromRange = parseScenarioRange(range);
  if (fromRange.cdr !== undefined) throw new EngineError('scenario', 'CDR is what BREAKEVEN solves for; remove the CDR row');
  const sev = optionalNumber('severity', severity, fromRange.severity ?? BREAKEVEN_DEFAULTS.severityPct, 'a loss severity in percent from 0 to 100');
  if (sev <= 0 || sev > 100) throw new EngineError('severity', `expected a loss severity above 0 and at most 100 (percent of the defaulted balance), got ${sev}`);
  const lagMonths = optionalNumber('lag', lag, fromRange.lagMonths ?? BREAKEVEN_DEFAULTS.lagMonths, 'a recovery lag in whole months from 0 to 120');
  if (!Number.isInteger(lagMonths) || lagMonths < 0 || lagMonths > 120) throw new EngineError('lag', `expected a recovery lag in whole months from 0 to 120, got ${lagMonths}`);
  const base = scenarioFrom(speed, isOmitted(scalar('horizon', horizon)) ? BREAKEVEN_DEFAULTS.horizon : horizon, range, model.description);
  return breakevenCdr(model, cls, { ...base, credit: { cdr: 0, severity: sev, lagMonths } });
}

/** SPREAD: yield minus the benchmark par yield at the class's WAL, bp (src/run/spread.ts). */
export function spread(t: Target, price: unknown, curveArg: unknown): number {
  const curve = optionalText('curve', curveArg, 'treasury').toLowerCase();
  if (curve !== 'treasury' && curve !== 'swap') throw new EngineError('curve', `expected "treasury" or "swap", got "${curve}"`);
  const p = priceArgument(price);
  const result = spreadToCurve(t.deal.description, t.cls, t.run, t.scenario, p, curve);
  measureResult('Yield', result.yieldPct, p);
  return result.spreadBp;
}

/** WINDOW: a header row, then the first and last principal pay dates as Excel date serials. */
export function windowTable(t: Target): (string | number)[][] {
  const m = principal(t);
  let serials = windowSerials.get(m);
  if (!serials) windowSerials.set(m, (serials = [excelDateSerial(t.run.payDates[m.firstPeriod - 1]), excelDateSerial(t.run.payDates[m.lastPeriod - 1])]));
  return [['First principal (Excel date serial)', 'Last principal (Excel date serial)'], [serials[0], serials[1]]];
}

/** The window's pay dates as serials, by the measures of one class of one run (each a parse of an ISO date). */
const windowSerials = new WeakMap<PrincipalMeasures, readonly [number, number]>();
