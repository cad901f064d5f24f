/**
 * CWALT 2004-J4 entry point: scenario → collateral projection → waterfall → class cash flows.
 *
 *   const run = runCwalt(normaliseScenario({ speed: 100, horizon: 'call' }));
 *   run.classes['1-A-3'].principal   // Float64Array, dollars, period k at index k − 1
 *
 * A run is a pure function of its normalised scenario (and the options, the terms by default).
 */
import { EngineError } from '../../errors';
import type { PoolFlows } from '../../collateral/types';
import type { RepLine } from '../../collateral/repline';
import { projectPool } from '../../collateral/project';
import type { ProjectionScenario } from '../../collateral/scenario';
import type { IndexPath } from '../../market/indices';
import { prepaymentOf, requireSpeedWithin } from '../../scenario/pricingSpeed';
import { scenarioIndexPath } from '../../scenario/indexPath';
import type { Scenario } from '../../scenario/types';
import type { LossTriggerBand } from '../../waterfall/triggers';
import { CALIBRATED_POOL, poolLines, type CwaltPoolParams } from './collateral';
import { CWALT_READINGS, DATES, DEAL_ID, INDEX_LEVELS, PRICING_SPEED, type CwaltReadings } from './terms';
import { runWaterfall, type CwaltHorizon, type TriggerMode, type WaterfallResult } from './waterfall';

export type { ClassCashFlows, CwaltHorizon, TriggerMode, WaterfallResult } from './waterfall';
export type { CwaltClassId, CwaltReadings } from './terms';

/**
 * What a CWALT run may set beyond the scenario: the readings of the open rules, the Trigger Event
 * mode and loss bands filling the [TBD]s, the redemption that "call" means, and the pool (for
 * calibration and what-ifs). Defaults: the terms.
 */
export interface CwaltOptions {
  readonly readings?: Partial<CwaltReadings>;
  readonly trigger?: TriggerMode;
  readonly cumulativeLossBands?: readonly LossTriggerBand[];
  /** The redemption a 'call' horizon runs to: the Mandatory Auction (default) or the Clean-up Call. */
  readonly redemption?: 'auction' | 'cleanUpCall';
  readonly pool?: CwaltPoolParams;
}

export interface CwaltRun extends WaterfallResult {
  readonly deal: typeof DEAL_ID;
  readonly settlement: string;
  readonly scenario: Scenario;
  readonly readings: CwaltReadings;
  readonly collateral: { readonly group1: PoolFlows; readonly group2: PoolFlows };
}

/** The index paths of a scenario: the pricing-date levels (terms.ts) under the scenario's, flat, shifted. */
function indicesOf(scenario: Scenario): IndexPath {
  return scenarioIndexPath(scenario, INDEX_LEVELS.levels, 'CWALT 2004-J4');
}

/** The projection scenario of a loan group: its pricing speed scaled, or the scenario's CPR vector (pricingSpeed.ts). */
function projectionOf(scenario: Scenario, indices: IndexPath, readings: CwaltReadings, group: 0 | 1, periods: number): ProjectionScenario {
  const { cdr, severity, lagMonths } = scenario.credit;
  return { cdrPct: cdr, severityPct: severity, lagMonths, indices, periods, prepayment: prepaymentOf(PRICING_SPEED.groups[group], scenario.speed, readings.ppcIndexing) };
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

/** The collateral flows of both groups for a scenario (the projection alone). */
export function projectCwaltCollateral(scenario: Scenario, options: CwaltOptions = {}): { readonly group1: PoolFlows; readonly group2: PoolFlows; readonly lines: CwaltLines } {
  requireSpeedWithin(PRICING_SPEED.groups, scenario.speed);
  const readings = { ...CWALT_READINGS, ...options.readings };
  const lines = linesOf(options.pool ?? CALIBRATED_POOL);
  const indices = indicesOf(scenario);
  const longest = Math.max(...lines.group1.map((l) => l.remainingTermMonths), ...lines.group2.map((l) => l.remainingTermMonths));
  const periods = longest + scenario.credit.lagMonths;
  return { group1: projectPool(lines.group1, projectionOf(scenario, indices, readings, 0, periods)), group2: projectPool(lines.group2, projectionOf(scenario, indices, readings, 1, periods)), lines };
}

/** Runs the deal for a scenario. */
export function runCwalt(scenario: Scenario, options: CwaltOptions = {}): CwaltRun {
  const readings = { ...CWALT_READINGS, ...options.readings };
  const trigger = options.trigger ?? 'terms';
  if (trigger !== 'terms' && trigger !== 'breached' && trigger !== 'notBreached') throw new EngineError('trigger', `expected 'terms', 'breached' or 'notBreached', got ${JSON.stringify(trigger)}`);
  const { group1, group2 } = projectCwaltCollateral(scenario, options);
  const indices = indicesOf(scenario);
  const libor = new Float64Array(group1.periods);
  for (let k = 1; k <= group1.periods; k++) libor[k - 1] = indices.rate('libor1m', k);
  const horizon: CwaltHorizon = scenario.horizon === 'maturity' ? 'maturity' : options.redemption ?? 'auction';
  const result = runWaterfall(group1, group2, { horizon, libor1mPct: libor, readings, trigger, cumulativeLossBands: options.cumulativeLossBands });
  return { ...result, deal: DEAL_ID, settlement: DATES.settlement, scenario, readings, collateral: { group1, group2 } };
}
