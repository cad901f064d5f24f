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
import { projectCollateral, sharedProjection, type CollateralTerms } from '../../engine/projection';
import type { Scenario } from '../../scenario/types';
import type { LossTriggerBand } from '../../waterfall/triggers';
import type { IndexPath } from '../../market/indices';
import { forwardCurves2004, forwardPathOnDates } from '../../market/forwardCurves2004';
import { CWALT_CURVE_DATE } from '../../market/data/rates-2004-04';
import { addMonths, parseIsoDate } from '../../time/date';
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

/** The pool's collateral terms: each group's lines (built once per pool parameters, frozen) and pricing speed. */
const collateralCache = new WeakMap<CwaltPoolParams, Map<string, CollateralTerms>>();
function collateralTerms(pool: CwaltPoolParams, readings: CwaltReadings): CollateralTerms {
  let perPool = collateralCache.get(pool);
  if (!perPool) collateralCache.set(pool, (perPool = new Map()));
  let terms = perPool.get(readings.ppcIndexing);
  if (!terms) {
    const lines = poolLines(pool);
    terms = {
      dealName: 'CWALT 2004-J4',
      groups: [
        { lines: deepFreeze(lines.group1), pricingSpeed: PRICING_SPEED.groups[0] },
        { lines: deepFreeze(lines.group2), pricingSpeed: PRICING_SPEED.groups[1] },
      ],
      pricingLevels: INDEX_LEVELS.levels,
      rampIndexing: readings.ppcIndexing,
      forward: cwaltForwardIndexPath,
    };
    perPool.set(readings.ppcIndexing, terms);
  }
  return terms;
}

let forwardPath: IndexPath | undefined;

/**
 * The April 2004 forward curves (curve date 2004-04-06, the materials' date) as a per-period path,
 * built as Impac's: period p reads the forwards fixed when its accrual starts (period 1 the closing
 * date, then the prior distribution date). Memoised: a pure function of the terms.
 */
export function cwaltForwardIndexPath(): IndexPath {
  if (forwardPath) return forwardPath;
  const first = parseIsoDate(DATES.firstDistribution);
  const starts = Array.from({ length: 480 }, (_, k) => (k === 0 ? parseIsoDate(DATES.closing) : addMonths(first, k - 1)));
  return (forwardPath = forwardPathOnDates(forwardCurves2004({ curveDate: CWALT_CURVE_DATE }), starts, `forward(${CWALT_CURVE_DATE},linearZero)`));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The collateral flows of both groups for a scenario (the projection alone). */
export function projectCwaltCollateral(scenario: Scenario, options: CwaltOptions = {}): { readonly group1: PoolFlows; readonly group2: PoolFlows } {
  const { pools } = projectCollateral(collateralTerms(options.pool ?? CALIBRATED_POOL, { ...CWALT_READINGS, ...options.readings }), scenario);
  return { group1: pools[0], group2: pools[1] };
}

/** Runs the deal for a scenario. */
export function runCwalt(scenario: Scenario, options: CwaltOptions = {}): CwaltRun {
  const readings = { ...CWALT_READINGS, ...options.readings };
  const trigger = options.trigger ?? 'terms';
  if (trigger !== 'terms' && trigger !== 'breached' && trigger !== 'notBreached') throw new EngineError('trigger', `expected 'terms', 'breached' or 'notBreached', got ${JSON.stringify(trigger)}`);
  const { pools, libor1mPct } = sharedProjection(collateralTerms(options.pool ?? CALIBRATED_POOL, readings), scenario);
  const [group1, group2] = pools;
  const horizon: CwaltHorizon = scenario.horizon === 'maturity' ? 'maturity' : options.redemption ?? 'auction';
  const result = runWaterfall(group1, group2, { horizon, libor1mPct, readings, trigger, cumulativeLossBands: options.cumulativeLossBands });
  return { ...result, deal: DEAL_ID, settlement: DATES.settlement, scenario, readings, collateral: { group1, group2 } };
}
