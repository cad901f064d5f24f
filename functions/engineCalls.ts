/**
 * What each custom function computes, over the engine's run layer. functions.ts only declares the
 * JSDoc-tagged entry points (the generator requires them there) and delegates here, so this module
 * holds the argument handling shared by all of them: deal and class names, speed, horizon, price,
 * scenario range, defaults from the deal's pricing assumptions.
 */
import { EngineError, decrementTable, formatDecrementPercent } from '../src/run';
import type { ClassDescription, DealModel, DealRun } from '../src/run';
import { classDuration, classValue, principalMeasures, priceFromMeasure, type PrincipalMeasures } from '../src/run/measures';
import { listDeals, resolveClass, resolveDeal } from '../src/run/registry';
import { tieOutLine } from '../src/run/tieOut';
import { runDeal } from '../src/run/runner';
import { normaliseScenario, type Scenario, type ScenarioInput } from '../src/run/scenario';
import { isOmitted, optionalText, scalar, describe, requiredNumber } from './arguments';
import { parseScenarioRange } from './scenarioRange';

export interface Target {
  readonly deal: DealModel;
  readonly cls: ClassDescription;
  readonly scenario: Scenario;
  readonly run: DealRun;
}

/** The `speed` argument: omitted, a number (% of pricing), a vector string, or a range of CPRs. */
export function speedArgument(value: unknown): ScenarioInput['speed'] {
  if (isOmitted(value)) return undefined;
  if (!Array.isArray(value)) return scalarSpeed(scalar('speed', value));
  const cells = (value as unknown[][]).flat().filter((v) => !isOmitted(v));
  if (cells.length === 0) return undefined;
  if (cells.length === 1) return scalarSpeed(scalar('speed', cells[0]));
  return cells.map((v, i) => {
    if (typeof v !== 'number') throw new EngineError('speed', `expected a range of CPRs (numbers), got ${describe(v)} in cell ${i + 1}`);
    return v;
  });
}

function scalarSpeed(v: unknown): ScenarioInput['speed'] {
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (isOmitted(v)) return undefined;
  throw new EngineError('speed', `expected a speed (% of the pricing speed) or a vector such as "8 12R 24", got ${describe(v)}`);
}

/** Builds the normalised scenario from the optional arguments; explicit arguments win over the range. */
export function scenarioFrom(speed: unknown, horizon: unknown, range: unknown): Scenario {
  const input = parseScenarioRange(range);
  try {
    normaliseScenario(input);
  } catch (error) {
    // A bad value from the range (CDR 150, CURVE zz, VECTOR abc) names the argument it came from.
    if (error instanceof EngineError) throw new EngineError('scenario', error.message, error.kind);
    throw error;
  }
  const s = speedArgument(speed);
  if (s !== undefined) input.speed = s;
  const h = optionalText('horizon', horizon, '');
  if (h !== '') input.horizon = h;
  return normaliseScenario(input);
}

export function target(deal: unknown, cls: unknown, speed: unknown, horizon: unknown, range: unknown): Target {
  const model = resolveDeal(scalar('deal', deal));
  const c = resolveClass(model, scalar('class', cls));
  const scenario = scenarioFrom(speed, horizon, range);
  return { deal: model, cls: c, scenario, run: runDeal(model, scenario) };
}

export function priceArgument(value: unknown): string | number {
  const v = scalar('price', value);
  if (isOmitted(v)) return '100-00';
  if (typeof v === 'number' || typeof v === 'string') return v;
  throw new EngineError('price', `expected a price such as 100-00, 99-24+ or 101.25, got ${describe(v)}`);
}

/** DM (bp) or yield (%) at the price argument. */
export function value(t: Target, price: unknown): number {
  return classValue(t.deal.description, t.cls, t.run, t.scenario, priceArgument(price));
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
  const m = requiredNumber('measure', measure, t.cls.measure === 'DM' ? 'a discount margin in bp' : 'a yield in percent');
  return priceFromMeasure(t.deal.description, t.cls, t.run, t.scenario, m);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 'YYYY-MM' → 'May-04', as the term sheets print windows. */
export function monthLabel(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number);
  return `${MONTHS[m - 1]}-${String(y % 100).padStart(2, '0')}`;
}

export function periodArgument(value: unknown, run: DealRun | null, field = 'period'): number {
  const p = requiredNumber(field, value, 'a distribution period, 1 or more');
  if (!Number.isInteger(p) || p < 1) throw new EngineError(field, `expected a whole period, 1 or more, got ${p}`);
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
  const rows: (string | number)[][] = [['Period', 'Date', 'Interest', 'Principal', 'Writedown', 'Balance', 'Coupon %', 'Cap %']];
  for (let k = 0; k < last; k++) {
    rows.push([k + 1, t.run.payDates[k], flows.interest[k], flows.principal[k], flows.writedown[k], flows.balance[k], flows.couponPct[k], cap ? cap[k] : '']);
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
  const paths = speeds.map((speed) => {
    const run = runDeal(deal, normaliseScenario({ speed, horizon: 'maturity' }));
    const flows = run.classes.get(cls.name);
    if (!flows) throw new EngineError('class', `no cash flows for ${cls.name}`, 'notAvailable');
    return flows.balance;
  });
  const run0 = runDeal(deal, normaliseScenario({ speed: speeds[0], horizon: 'maturity' }));
  const rows = decrementTable(paths, cls.originalBalance);
  const table: (string | number)[][] = [['Year', 'Date', ...speeds.map((s) => `${s}%`)]];
  for (const row of rows) {
    const date = row.period === 0 ? 'Initial' : (run0.payDates[row.period - 1] ?? '');
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
