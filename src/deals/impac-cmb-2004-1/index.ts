/**
 * Impac CMB Trust 2004-1: the deal's entry point. `runImpac(scenario)` projects the pool
 * (`collateral.ts`) and runs the deal's terms (`waterfall.ts`) on the engine with the Derivative
 * Contracts (`derivatives.ts`): every period's class cash flows, coupons, Available Funds Rate,
 * OC and derivative cash. `model.ts` offers it to the run layer.
 */
import type { PoolFlows } from '../../collateral/types';
import { memoByOwner } from '../../engine/memo';
import { projectCollateral, sharedProjection, type CollateralTerms } from '../../engine/projection';
import { runEngine } from '../../engine/run';
import type { EngineRun, PricingRun } from '../../engine/outputs';
import type { RunInputs } from '../../engine/dealRun';
import type { EngineInput, EngineTerms } from '../../engine/terms';
import type { RepLine } from '../../collateral/repline';
import type { CurveInterpolation } from '../../market/forwardCurves2004';
import { dealForwardPath } from '../../market/forwardPath';
import { type January2004Date, IMPAC_CURVE_DATE } from '../../market/data/rates-2004-01';
import { IMPAC_PRICING_LEVELS } from '../../market/levels2004';
import type { Scenario } from '../../scenario/types';
import { impacPool } from './collateral';
import { type DerivativeAssumption, type SwapContract, IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts } from './derivatives';
import { IMPAC_DEFAULT_CONVENTIONS, IMPAC_PRICING_SPEED, IMPAC_TERMS, type ImpacConventions } from './terms';
import { impacEngineTerms } from './waterfall';

export * from './terms';
export { IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts, type DerivativeAssumption, type SwapContract } from './derivatives';
export { IMPAC_PRIORITY, impacEngineTerms } from './waterfall';

/**
 * What an Impac run may set beyond the scenario: the forward-curve construction
 * (`forwardCurves2004.ts`), the derivative contracts' reading, the deal's reading switches
 * (`terms.ts`) and the pool. Defaults: the terms.
 */
export interface ImpacOptions {
  readonly curveDate?: January2004Date;
  readonly interpolation?: CurveInterpolation;
  readonly derivativeAssumption?: DerivativeAssumption;
  readonly conventions?: Partial<ImpacConventions>;
  readonly lines?: readonly RepLine[];
}

/** The engine's run of the terms under the run's readings, and what it ran on. */
export interface ImpacRun {
  readonly conventions: ImpacConventions;
  readonly terms: EngineTerms;
  readonly indexPath: string;
  readonly pool: PoolFlows;
  readonly contracts: readonly SwapContract[];
  readonly waterfall: EngineRun;
}

/** One terms object per pool, curve and prepayment base, so runs of one scenario share a projection (`sharedProjection`). */
const collateralTermsOf = memoByOwner<readonly RepLine[], CollateralTerms>();

/**
 * The pool's collateral terms under a run's options: the sample pool (or `options.lines`), 30% CPR,
 * the pricing-date levels or the January 2004 forward curves, period p reading the forwards fixed
 * when its bond accrual starts (the prior payment date; period 1: the closing date).
 */
function collateralTerms(options: ImpacOptions, conventions: ImpacConventions): CollateralTerms {
  const lines = options.lines ?? impacPool().lines;
  const { closing, firstPayment } = IMPAC_TERMS.dates;
  return collateralTermsOf(lines, `${options.curveDate}|${options.interpolation}|${conventions.prepaymentBase}`, () => ({
    dealName: 'Impac CMB 2004-1',
    groups: [{ lines, pricingSpeed: IMPAC_PRICING_SPEED }],
    pricingLevels: IMPAC_PRICING_LEVELS.levels,
    forward: () => dealForwardPath({ curveDate: options.curveDate ?? IMPAC_CURVE_DATE, interpolation: options.interpolation, closing, firstPayment, payDates: 'adjusted' }),
    prepaymentBase: conventions.prepaymentBase,
  }));
}

const contractsOf = memoByOwner<DerivativeAssumption, SwapContract[]>();

/** The collateral projection alone (benchmarks time it apart from the waterfall). */
export function projectImpacCollateral(scenario: Scenario, options: ImpacOptions = {}): PoolFlows {
  return projectCollateral(collateralTerms(options, { ...IMPAC_DEFAULT_CONVENTIONS, ...options.conventions }), scenario).pools[0];
}

/** What a run of a scenario reads: the terms for the conventions, the contracts in force and the engine's input. */
function impacInput(scenario: Scenario, options: ImpacOptions) {
  const conventions: ImpacConventions = { ...IMPAC_DEFAULT_CONVENTIONS, ...options.conventions };
  const { pools, indices, libor1mPct } = sharedProjection(collateralTerms(options, conventions), scenario);
  const assumption = options.derivativeAssumption ?? IMPAC_DERIVATIVE_ASSUMPTION;
  const contracts = scenario.derivatives ? contractsOf(assumption, '', () => impacDerivativeContracts(assumption)) : [];
  const terms = impacEngineTerms(IMPAC_TERMS, conventions);
  const input: EngineInput = { pools, indexPct: libor1mPct, horizon: scenario.horizon, contracts };
  return { conventions, terms, input, indices, pools, contracts, libor1mPct };
}

/** Runs the deal for a scenario on the sample pool (or on `options.lines`). */
export function runImpac(scenario: Scenario, options: ImpacOptions = {}): ImpacRun {
  const { conventions, terms, input, indices, pools, contracts } = impacInput(scenario, options);
  return { conventions, terms, indexPath: indices.description, pool: pools[0], contracts, waterfall: runEngine(terms, input) };
}

/** The deal's pricing run of a scenario (each class's pricing series) and what it read. */
export function priceImpac(scenario: Scenario): { run: PricingRun; inputs: RunInputs } {
  const { terms, input, pools, libor1mPct } = impacInput(scenario, {});
  return { run: runEngine(terms, input, 'pricing'), inputs: { terms, collateral: pools, indexPct: libor1mPct } };
}
