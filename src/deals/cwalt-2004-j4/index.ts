/**
 * CWALT 2004-J4 entry point: scenario → collateral projection → the engine's run of the terms.
 *
 *   const run = runCwalt(normaliseScenario({ speed: 100, horizon: 'call' }));
 *   classNamed(run, '1-A-3').principal   // Float64Array, dollars, period k at index k − 1
 *
 * A run is a pure function of its normalised scenario (and the options, the terms by default).
 */
import { EngineError } from '../../errors';
import type { PoolFlows } from '../../collateral/types';
import { lastPeriodOf, type RunInputs } from '../../engine/dealRun';
import { deepFreeze, memoByOwner } from '../../engine/memo';
import { projectCollateral, sharedProjection, type CollateralTerms } from '../../engine/projection';
import { runEngine } from '../../engine/run';
import type { EngineRun, PricingRun } from '../../engine/outputs';
import type { EngineInput, EngineTerms } from '../../engine/terms';
import type { Scenario } from '../../scenario/types';
import type { LossTriggerBand } from '../../waterfall/triggers';
import type { IndexPath } from '../../market/indices';
import { dealForwardPath } from '../../market/forwardPath';
import { CWALT_CURVE_DATE } from '../../market/data/rates-2004-04';
import { CALIBRATED_POOL, poolLines, type CwaltPoolParams } from './collateral';
import { CWALT_READINGS, DATES, INDEX_LEVELS, PRICING_SPEED, TRIGGERS, type CwaltReadings } from './terms';
import { cwaltEngineTerms, type CwaltHorizon, type TriggerMode } from './waterfall';

export type { CwaltHorizon, TriggerMode } from './waterfall';
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

/** The engine's run (every series over the projection's periods, zero after the last) and what it ran. */
export interface CwaltRun extends EngineRun {
  readonly terms: EngineTerms;
  readonly scenario: Scenario;
  readonly readings: CwaltReadings;
  readonly horizon: CwaltHorizon;
  /** The two loan groups' collateral flows. */
  readonly collateral: readonly PoolFlows[];
  /** One-month LIBOR of every projected period, percent: the path the floaters were run on. */
  readonly libor1mPct: Float64Array;
  /** Last period in which any certificate was paid or had a balance. */
  readonly lastPeriod: number;
}

const collateralTermsOf = memoByOwner<CwaltPoolParams, CollateralTerms>();

/** The pool's collateral terms: each group's lines (built once per pool parameters, frozen) and pricing speed. */
function collateralTerms(pool: CwaltPoolParams, readings: CwaltReadings): CollateralTerms {
  return collateralTermsOf(pool, readings.ppcIndexing, () => {
    const lines = poolLines(pool);
    return {
      dealName: 'CWALT 2004-J4',
      groups: [
        { lines: deepFreeze(lines.group1), pricingSpeed: PRICING_SPEED.groups[0] },
        { lines: deepFreeze(lines.group2), pricingSpeed: PRICING_SPEED.groups[1] },
      ],
      pricingLevels: INDEX_LEVELS.levels,
      rampIndexing: readings.ppcIndexing,
      forward: cwaltForwardIndexPath,
    };
  });
}

/**
 * The April 2004 forward curves (curve date 2004-04-06, the materials' date) as a per-period path,
 * built as Impac's: period p reads the forwards fixed when its accrual starts (period 1 the closing
 * date, then the prior distribution date, the unadjusted 25th as the floaters accrue).
 */
export function cwaltForwardIndexPath(): IndexPath {
  return dealForwardPath({ curveDate: CWALT_CURVE_DATE, closing: DATES.closing, firstPayment: DATES.firstDistribution, payDates: 'unadjusted' });
}

/** The collateral flows of both groups for a scenario (the projection alone, never shared). */
export function projectCwaltCollateral(scenario: Scenario, options: CwaltOptions = {}): readonly PoolFlows[] {
  return projectCollateral(collateralTerms(options.pool ?? CALIBRATED_POOL, { ...CWALT_READINGS, ...options.readings }), scenario).pools;
}

/** What a run of a scenario reads: the deal's terms as the options read them, and the engine's input. */
function cwaltInput(scenario: Scenario, options: CwaltOptions) {
  const readings = { ...CWALT_READINGS, ...options.readings };
  const trigger = options.trigger ?? 'terms';
  if (trigger !== 'terms' && trigger !== 'breached' && trigger !== 'notBreached') throw new EngineError('trigger', `expected 'terms', 'breached' or 'notBreached', got ${JSON.stringify(trigger)}`);
  const { pools, libor1mPct } = sharedProjection(collateralTerms(options.pool ?? CALIBRATED_POOL, readings), scenario);
  const horizon: CwaltHorizon = scenario.horizon === 'maturity' ? 'maturity' : options.redemption ?? 'auction';
  const terms = cwaltEngineTerms(readings, trigger, options.cumulativeLossBands ?? TRIGGERS.cumulativeLoss, horizon === 'cleanUpCall' ? 'cleanUpCall' : 'auction');
  const input: EngineInput = { pools, indexPct: libor1mPct, horizon: horizon === 'maturity' ? 'maturity' : 'call', contracts: [] };
  return { readings, horizon, terms, input, pools, libor1mPct };
}

/** Runs the deal for a scenario. */
export function runCwalt(scenario: Scenario, options: CwaltOptions = {}): CwaltRun {
  const { readings, horizon, terms, input, pools, libor1mPct } = cwaltInput(scenario, options);
  const run = runEngine(terms, input);
  return { ...run, terms, scenario, readings, horizon, collateral: pools, libor1mPct, lastPeriod: lastPeriodOf(run, terms) };
}

/** The deal's pricing run of a scenario (each class's pricing series) and what it read. */
export function priceCwalt(scenario: Scenario): { run: PricingRun; inputs: RunInputs } {
  const { terms, input, pools, libor1mPct } = cwaltInput(scenario, {});
  return { run: runEngine(terms, input, 'pricing'), inputs: { terms, collateral: pools, indexPct: libor1mPct } };
}
