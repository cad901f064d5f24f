/**
 * CWALT 2004-J4 entry point: scenario → collateral projection → waterfall → class cash flows.
 *
 *   const run = runCwalt({ speed: 100, horizon: 'auction' });
 *   run.classes['1-A-3'].principal   // Float64Array, dollars, period k at index k − 1
 *
 * A run is a pure function of its (normalised) scenario.
 */
import { EngineError, requireFinite } from '../../errors';
import type { PoolFlows } from '../../collateral/types';
import type { RepLine } from '../../collateral/repline';
import { projectPool } from '../../collateral/project';
import type { ProjectionScenario } from '../../collateral/scenario';
import { flatIndexPath, type IndexLevels, type IndexPath } from '../../market/indices';
import type { LossTriggerBand } from '../../waterfall/triggers';
import { CALIBRATED_POOL, poolLines, type CwaltPoolParams } from './collateral';
import { CLASSES, CWALT_READINGS, DATES, DEAL_ID, INDEX_LEVELS, PRICING_SPEED, type CwaltClassId, type CwaltReadings } from './terms';
import { runWaterfall, type ClassCashFlows, type CwaltHorizon, type TriggerMode, type WaterfallResult } from './waterfall';

export type { ClassCashFlows, CwaltHorizon, TriggerMode, WaterfallResult } from './waterfall';
export type { CwaltClassId, CwaltReadings } from './terms';

/**
 * Prepayment speed:
 * - a number or `{ kind: 'pctOfPricing', pct }`: percent of the Pricing Prepayment Speed (p.5):
 *   100 = 100% PPC on group 1 (by loan age, reading 2) and 25% CPR on group 2; each month's CPR
 *   is scaled, then converted to SMM;
 * - `{ kind: 'cprVector', cprPct }`: CPR per period (percent) for both groups; the last value
 *   holds after the vector ends.
 */
export type CwaltSpeed = number | { readonly kind: 'pctOfPricing'; readonly pct: number } | { readonly kind: 'cprVector'; readonly cprPct: readonly number[] };

export interface CwaltScenario {
  /** Default 100 (the pricing speed). */
  readonly speed?: CwaltSpeed;
  /** Default 'auction'. 'call' is accepted for the Mandatory Auction (the architecture's word). */
  readonly horizon?: CwaltHorizon | 'call';
  /** One-month LIBOR held flat, percent (default: the pricing-date level, terms.ts `INDEX_LEVELS`). */
  readonly libor1mPct?: number;
  /** Levels or a path for the ARM indices and 1M LIBOR (a `libor1mPct` overrides the path's 1M LIBOR). */
  readonly indices?: IndexLevels | IndexPath;
  /** Constant default rate, percent a year (default 0). */
  readonly cdrPct?: number;
  /** Loss severity, percent (default 0). */
  readonly severityPct?: number;
  /** Months from default to liquidation (default 0). */
  readonly lagMonths?: number;
  /** Readings of the open rules (default `CWALT_READINGS`). */
  readonly readings?: Partial<CwaltReadings>;
  /** Trigger Event: from the terms (default; TBD figures never trip), or forced. */
  readonly trigger?: TriggerMode;
  /** Cumulative-loss trigger figures filling the [TBD]s. */
  readonly cumulativeLossBands?: readonly LossTriggerBand[];
  /** The pool (default `CALIBRATED_POOL`); for calibration and what-ifs. */
  readonly pool?: CwaltPoolParams;
}

export interface NormalisedCwaltScenario {
  readonly speed: { readonly kind: 'pctOfPricing'; readonly pct: number } | { readonly kind: 'cprVector'; readonly cprPct: readonly number[] };
  readonly horizon: CwaltHorizon;
  readonly indices: IndexPath;
  readonly cdrPct: number;
  readonly severityPct: number;
  readonly lagMonths: number;
  readonly readings: CwaltReadings;
  readonly trigger: TriggerMode;
  readonly cumulativeLossBands?: readonly LossTriggerBand[];
  readonly pool: CwaltPoolParams;
}

export interface CwaltRun extends WaterfallResult {
  readonly deal: typeof DEAL_ID;
  readonly settlement: string;
  readonly scenario: NormalisedCwaltScenario;
  readonly collateral: { readonly group1: PoolFlows; readonly group2: PoolFlows };
}

function isIndexPath(x: IndexLevels | IndexPath): x is IndexPath {
  return typeof (x as IndexPath).rate === 'function';
}

/** The highest CPR the pricing speed reaches (group 2's flat CPR or group 1's PPC plateau), percent. */
const FASTEST_PRICING_CPR_PCT = Math.max(PRICING_SPEED.group2CprPct, PRICING_SPEED.group1Ppc.plateauCprPct);
/** The fastest speed, percent of pricing, that keeps every month at or below 100% CPR. */
export const MAX_SPEED_PCT = Math.floor((100 * 100) / FASTEST_PRICING_CPR_PCT);

/** Checks a scenario and fills the defaults; throws one EngineError listing every problem. */
export function normaliseCwaltScenario(sc: CwaltScenario = {}): NormalisedCwaltScenario {
  const issues: string[] = [];
  const check = (field: string, value: number | undefined, min: number, max: number, whole = false): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
      issues.push(`${field}: expected ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${String(value)}`);
    }
    return value;
  };
  let speed: NormalisedCwaltScenario['speed'] = { kind: 'pctOfPricing', pct: 100 };
  const sp = sc.speed;
  const pct = typeof sp === 'number' ? sp : sp && sp.kind === 'pctOfPricing' ? sp.pct : undefined;
  if (pct !== undefined) {
    check('speed', pct, 0, 10_000);
    // Above MAX_SPEED_PCT the faster group would prepay more than 100% CPR.
    if (typeof pct === 'number' && pct > MAX_SPEED_PCT && pct <= 10_000) {
      issues.push(`speed: expected at most ${MAX_SPEED_PCT}% of the pricing speed (${pct}% would be ${(pct * FASTEST_PRICING_CPR_PCT) / 100}% CPR; 100% CPR is every loan prepaid), got ${pct}`);
    }
    speed = { kind: 'pctOfPricing', pct };
  } else if (sp && typeof sp === 'object' && sp.kind === 'cprVector') {
    if (!Array.isArray(sp.cprPct) || sp.cprPct.length === 0) issues.push('speed: expected a non-empty CPR vector');
    else sp.cprPct.forEach((c, j) => check(`speed[${j}]`, c, 0, 100));
    speed = { kind: 'cprVector', cprPct: [...sp.cprPct] };
  } else if (sp !== undefined) {
    issues.push(`speed: expected a percent of the pricing speed or a CPR vector, got ${JSON.stringify(sp)}`);
  }
  const h = sc.horizon ?? 'auction';
  const horizon: CwaltHorizon | undefined = h === 'call' ? 'auction' : h === 'auction' || h === 'cleanUpCall' || h === 'maturity' ? h : undefined;
  if (horizon === undefined) issues.push(`horizon: expected 'auction', 'cleanUpCall' or 'maturity', got ${JSON.stringify(h)}`);
  check('libor1mPct', sc.libor1mPct, -10, 100);
  check('cdrPct', sc.cdrPct, 0, 100);
  check('severityPct', sc.severityPct, 0, 100);
  check('lagMonths', sc.lagMonths, 0, 120, true);
  const trigger = sc.trigger ?? 'terms';
  if (trigger !== 'terms' && trigger !== 'breached' && trigger !== 'notBreached') issues.push(`trigger: expected 'terms', 'breached' or 'notBreached', got ${JSON.stringify(trigger)}`);
  if (issues.length > 0) throw new EngineError('scenario', issues.join('; '));

  let indices: IndexPath = sc.indices === undefined ? flatIndexPath(INDEX_LEVELS.levels) : isIndexPath(sc.indices) ? sc.indices : flatIndexPath(sc.indices);
  if (sc.libor1mPct !== undefined) {
    const base = indices;
    const level = requireFinite('libor1mPct', sc.libor1mPct);
    indices = { description: `${base.description};libor1m=${level}`, has: (x) => x === 'libor1m' || base.has(x), rate: (x, p) => (x === 'libor1m' ? level : base.rate(x, p)) };
  }
  return {
    speed,
    horizon: horizon as CwaltHorizon,
    indices,
    cdrPct: sc.cdrPct ?? 0,
    severityPct: sc.severityPct ?? 0,
    lagMonths: sc.lagMonths ?? 0,
    readings: { ...CWALT_READINGS, ...(sc.readings ?? {}) },
    trigger,
    cumulativeLossBands: sc.cumulativeLossBands,
    pool: sc.pool ?? CALIBRATED_POOL,
  };
}

/**
 * The projection scenario of a loan group: group 1 runs the PPC ramp on each line's loan age
 * (reading 2), group 2 a flat 25% CPR, both scaled by the speed; a CPR vector applies to both.
 */
function projectionOf(sc: NormalisedCwaltScenario, group: 1 | 2, periods: number): ProjectionScenario {
  const credit = { cdrPct: sc.cdrPct, severityPct: sc.severityPct, lagMonths: sc.lagMonths, indices: sc.indices, periods };
  const speed = sc.speed;
  if (speed.kind === 'cprVector') return { ...credit, prepayment: { kind: 'cpr', cprPct: speed.cprPct } };
  if (group === 2) return { ...credit, prepayment: { kind: 'cpr', cprPct: (PRICING_SPEED.group2CprPct * speed.pct) / 100 } };
  return { ...credit, prepayment: { kind: 'ramp', curve: PRICING_SPEED.group1Ppc, pctOfPricing: speed.pct, indexing: sc.readings.ppcIndexing } };
}

type CwaltLines = { readonly group1: readonly RepLine[]; readonly group2: readonly RepLine[] };

/** Rep lines already built, per pool parameters object (frozen: every run of that pool shares them). */
const linesCache = new WeakMap<CwaltPoolParams, CwaltLines>();

function linesOf(pool: CwaltPoolParams): CwaltLines {
  let lines = linesCache.get(pool);
  if (!lines) {
    const built = poolLines(pool);
    lines = Object.freeze({ group1: deepFreeze(built.group1), group2: deepFreeze(built.group2) });
    linesCache.set(pool, lines);
  }
  return lines;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The collateral flows of both groups for a normalised scenario (the projection alone). */
export function projectCwaltCollateral(sc: NormalisedCwaltScenario): { readonly group1: PoolFlows; readonly group2: PoolFlows; readonly lines: CwaltLines } {
  const lines = linesOf(sc.pool);
  const longest = Math.max(...lines.group1.map((l) => l.remainingTermMonths), ...lines.group2.map((l) => l.remainingTermMonths));
  const periods = longest + sc.lagMonths;
  return { group1: projectPool(lines.group1, projectionOf(sc, 1, periods)), group2: projectPool(lines.group2, projectionOf(sc, 2, periods)), lines };
}

/** Runs the deal for a scenario. */
export function runCwalt(scenario: CwaltScenario = {}): CwaltRun {
  const sc = normaliseCwaltScenario(scenario);
  const { group1, group2 } = projectCwaltCollateral(sc);
  const periods = group1.periods;
  const libor = new Float64Array(periods);
  for (let k = 1; k <= periods; k++) libor[k - 1] = sc.indices.rate('libor1m', k);
  const result = runWaterfall(group1, group2, {
    horizon: sc.horizon,
    libor1mPct: libor,
    readings: sc.readings,
    trigger: sc.trigger,
    cumulativeLossBands: sc.cumulativeLossBands,
  });
  return { ...result, deal: DEAL_ID, settlement: DATES.settlement, scenario: sc, collateral: { group1, group2 } };
}

/** Class names in printed order. */
export const CWALT_CLASS_NAMES: readonly CwaltClassId[] = CLASSES.map((c) => c.name);

/**
 * The class cash flows the run layer prices, for a class, horizon and speed: per period interest
 * (all non-principal cash: current interest, earlier shortfalls, Net Rate Carryover and reimbursed
 * realized losses, as the Impac model reports it), principal and ending balance, cut after the
 * class's last distribution.
 */
export function cwaltClassCashFlows(
  className: string,
  scenario: CwaltScenario = {},
): { readonly class: CwaltClassId; readonly periods: number; readonly payDates: readonly string[]; readonly interest: Float64Array; readonly principal: Float64Array; readonly balance: Float64Array; readonly couponPct: Float64Array; readonly flows: ClassCashFlows } {
  const name = CWALT_CLASS_NAMES.find((c) => c.toLowerCase().replace(/-/g, '') === String(className).toLowerCase().replace(/[-\s]/g, ''));
  if (!name) throw new EngineError('class', `expected one of ${CWALT_CLASS_NAMES.join(', ')}, got "${className}"`, 'notAvailable');
  const run = runCwalt(scenario);
  const flows = run.classes[name];
  let last = 0;
  for (let i = 0; i < run.periods; i++) {
    if (flows.interest[i] + flows.principal[i] + flows.carryoverPaid[i] + flows.lossReimbursed[i] > 0) last = i + 1;
  }
  const cut = (a: Float64Array) => a.slice(0, last);
  const interest = cut(flows.interest);
  for (let i = 0; i < last; i++) interest[i] += flows.carryoverPaid[i] + flows.lossReimbursed[i];
  const principal = cut(flows.principal);
  return { class: name, periods: last, payDates: run.payDates.slice(0, last), interest, principal, balance: cut(flows.balance), couponPct: cut(flows.couponPct), flows };
}
