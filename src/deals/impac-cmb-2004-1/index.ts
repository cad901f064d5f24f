/**
 * Impac CMB Trust 2004-1: the deal's entry point. `runImpac(scenario)` projects the pool
 * (`collateral.ts`), runs the priority of payments (`waterfall.ts`) with the Derivative
 * Contracts (`derivatives.ts`), and returns every period's class cash flows, coupons, Available
 * Funds Rate, OC and derivative cash. `impacDealModel` adapts it to the run layer's `DealModel`.
 */
import type { PoolFlows } from '../../collateral/types';
import { projectCollateral, sharedProjection, type CollateralTerms } from '../../engine/projection';
import type { RepLine } from '../../collateral/repline';
import { parseIsoDate } from '../../time';
import { type CurveInterpolation, type MonthlyForwardCurves, forwardCurves2004, forwardRateOn } from '../../market/forwardCurves2004';
import { type January2004Date, IMPAC_CURVE_DATE } from '../../market/data/rates-2004-01';
import { type IndexPath, INDEX_NAMES, type IndexName, forwardIndexPath } from '../../market/indices';
import { IMPAC_PRICING_LEVELS } from '../../market/levels2004';
import type { ClassFlows, DealModel, DealRun, WaterfallReport } from '../types';
import { impacWaterfallReport } from './waterfallReport';
import type { Scenario } from '../../scenario/types';
import { impacPool } from './collateral';
import { type DerivativeAssumption, type SwapContract, IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts } from './derivatives';
import { IMPAC_CLASSES, IMPAC_DEFAULT_CONVENTIONS, IMPAC_PRICING_SPEED, IMPAC_TERMS, type ImpacConventions } from './terms';
import { type ImpacWaterfallRun, impacPeriodDates, runImpacWaterfall } from './waterfall';

export * from './terms';
export { IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts, type DerivativeAssumption, type SwapContract } from './derivatives';
export { IMPAC_PRIORITY, runImpacWaterfall, type ImpacWaterfallInput, type ImpacWaterfallRun } from './waterfall';

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

export interface ImpacRun {
  readonly conventions: ImpacConventions;
  readonly indexPath: string;
  readonly pool: PoolFlows;
  readonly contracts: readonly SwapContract[];
  readonly waterfall: ImpacWaterfallRun;
}

const curveCache = new Map<string, MonthlyForwardCurves>();
const pathCache = new WeakMap<MonthlyForwardCurves, IndexPath>();

/** The January 2004 forward curves (memoised: a pure function of its two arguments). */
export function impacForwardCurves(curveDate: January2004Date = IMPAC_CURVE_DATE, interpolation: CurveInterpolation = 'linearZero'): MonthlyForwardCurves {
  const key = `${curveDate}|${interpolation}`;
  let curves = curveCache.get(key);
  if (!curves) {
    curves = forwardCurves2004({ curveDate, interpolation });
    curveCache.set(key, curves);
  }
  return curves;
}

/**
 * The forward curves as a per-period index path: period p reads the forward fixed on the date
 * its bond accrual starts (the prior payment date; period 1: the closing date), which is also
 * how `src/collateral` reads an index for a rate change (repline.ts, "Index observation").
 */
export function impacForwardIndexPath(curves: MonthlyForwardCurves, periods = 480): IndexPath {
  const { dates } = impacPeriodDates(periods);
  const table: Partial<Record<IndexName, Float64Array>> = {};
  for (const index of INDEX_NAMES) {
    const values = new Float64Array(periods);
    for (let p = 1; p <= periods; p++) {
      const start = p === 1 ? parseIsoDate(IMPAC_TERMS.dates.closing) : dates[p - 2];
      values[p - 1] = forwardRateOn(curves, index, start);
    }
    table[index] = values;
  }
  return forwardIndexPath(table, `forward(${curves.curveDate},${curves.interpolation})`);
}

/** The pool's collateral terms under a run's options: the sample pool (or `options.lines`), 30% CPR, the pricing-date levels or the forward curves. */
function collateralTerms(options: ImpacOptions, conventions: ImpacConventions): CollateralTerms {
  const lines = options.lines ?? impacPool().lines;
  let perLines = termsCache.get(lines);
  if (!perLines) termsCache.set(lines, (perLines = new Map()));
  const key = `${options.curveDate}|${options.interpolation}|${conventions.prepaymentBase}`;
  let terms = perLines.get(key);
  if (!terms) perLines.set(key, (terms = newCollateralTerms(lines, options, conventions)));
  return terms;
}

/** One terms object per pool, curve and prepayment base, so runs of one scenario share a projection (`sharedProjection`). */
const termsCache = new WeakMap<readonly RepLine[], Map<string, CollateralTerms>>();

function newCollateralTerms(lines: readonly RepLine[], options: ImpacOptions, conventions: ImpacConventions): CollateralTerms {
  return {
    dealName: 'Impac CMB 2004-1',
    groups: [{ lines, pricingSpeed: IMPAC_PRICING_SPEED }],
    pricingLevels: IMPAC_PRICING_LEVELS.levels,
    forward: () => {
      const curves = impacForwardCurves(options.curveDate, options.interpolation);
      let forward = pathCache.get(curves);
      if (!forward) pathCache.set(curves, (forward = impacForwardIndexPath(curves)));
      return forward;
    },
    prepaymentBase: conventions.prepaymentBase,
  };
}

const contractCache = new Map<DerivativeAssumption, SwapContract[]>();

function contractsOf(assumption: DerivativeAssumption): SwapContract[] {
  let contracts = contractCache.get(assumption);
  if (!contracts) {
    contracts = impacDerivativeContracts(assumption);
    contractCache.set(assumption, contracts);
  }
  return contracts;
}

/** The collateral projection alone (benchmarks time it apart from the waterfall). */
export function projectImpacCollateral(scenario: Scenario, options: ImpacOptions = {}): PoolFlows {
  return projectCollateral(collateralTerms(options, { ...IMPAC_DEFAULT_CONVENTIONS, ...options.conventions }), scenario).pools[0];
}

/** Runs the deal for a scenario on the sample pool (or on `options.lines`). */
export function runImpac(scenario: Scenario, options: ImpacOptions = {}): ImpacRun {
  const conventions: ImpacConventions = { ...IMPAC_DEFAULT_CONVENTIONS, ...options.conventions };
  const { pools, indices, libor1mPct } = sharedProjection(collateralTerms(options, conventions), scenario);
  const contracts = scenario.derivatives ? contractsOf(options.derivativeAssumption ?? IMPAC_DERIVATIVE_ASSUMPTION) : [];
  const waterfall = runImpacWaterfall({ pool: pools[0], libor1mPct, horizon: scenario.horizon, derivatives: contracts, conventions });
  return { conventions, indexPath: indices.description, pool: pools[0], contracts, waterfall };
}

/**
 * The run layer's view: class cash flows with `interest` = all non-principal cash (current and
 * unpaid interest, Basis Risk Amounts, reimbursed Allocated Realized Loss Amounts).
 */
export function toDealRun(run: ImpacRun): DealRun {
  const w = run.waterfall;
  const classes = new Map<string, ClassFlows>();
  const rateCapPct = new Map<string, Float64Array>();
  for (const c of w.classes) {
    const interest = new Float64Array(w.periods);
    for (let i = 0; i < w.periods; i++) interest[i] = c.interest[i] + c.carryoverPaid[i] + c.lossReimbursed[i];
    classes.set(c.name, { interest, principal: c.principal, balance: c.endBalance, writedown: c.writedown, couponPct: c.couponPct });
    rateCapPct.set(c.name, w.series.availableFundsRatePct);
  }
  let report: WaterfallReport | undefined;
  return {
    periods: w.periods,
    payDates: w.payDates,
    classes,
    rateCapPct,
    collateral: [run.pool],
    floaterIndexPct: w.indexPct,
    // Built when the waterfall sheet asks, not on every run the pricing makes.
    get waterfall(): WaterfallReport {
      return (report ??= impacWaterfallReport(run));
    },
  };
}

/** The deal for the run layer's registry (`src/deals/index.ts`). */
export const impacDealModel: DealModel = {
  description: {
    id: 'impac-cmb-2004-1',
    name: 'Impac CMB 2004-1',
    aliases: ['impac 2004-1', 'impac cmb 2004-1', 'impac cmb trust 2004-1', 'impac'],
    sizeDollars: IMPAC_TERMS.bondTotal,
    settlement: IMPAC_TERMS.dates.closing,
    firstPayDate: IMPAC_TERMS.dates.firstPayment,
    callWord: 'call',
    // Countrywide Securities printed both term sheets; CWALT's 1-A-5 bullet pins its WAL basis to
    // 30/360 from settlement (cwalt-readings.md reading 1), so the same basis here. Months/12
    // would match the 100%-to-call WAL (2.127 vs our 2.116 on 30/360, printed 2.13) but nothing
    // else; the residual is in the cash flows (docs/fidelity.md).
    walBasis: '30/360',
    pricingSpeeds: [0, 80, 100, 150, 180],
    pricingSpeedText: '30% CPR',
    pricingSpeed: [IMPAC_PRICING_SPEED],
    pricingIndexLevels: IMPAC_PRICING_LEVELS.levels,
    curveDate: IMPAC_CURVE_DATE,
    // "Pass-Thru Margin (pre-step-up): 0.340%": three decimals.
    couponDecimals: 3,
    notes: ['derivatives on/off', 'curve flat|forward (January 2004 forward curves)', 'shiftBp from shiftFromPeriod'],
    classes: IMPAC_CLASSES.map((c) => ({
      name: c.name,
      kind: 'floater' as const,
      originalBalance: c.principal,
      marginPct: c.marginPct,
      measure: 'DM' as const,
      accrual: 'act/360' as const,
      accruedDaysAtSettlement: 0,
      type: c.name.startsWith('A') ? 'Floating Rate Senior' : 'Floating Rate Mezzanine',
    })),
  },
  run: (scenario: Scenario): DealRun => toDealRun(runImpac(scenario)),
  projectCollateral: (scenario: Scenario) => [projectImpacCollateral(scenario)],
};
