/**
 * Impac CMB Trust 2004-1: the deal's entry point. `runImpac(scenario)` projects the pool
 * (`collateral.ts`), runs the priority of payments (`waterfall.ts`) with the Derivative
 * Contracts (`derivatives.ts`), and returns every period's class cash flows, coupons, Available
 * Funds Rate, OC and derivative cash. `impacDealModel` adapts it to the run layer's `DealModel`.
 */
import type { PoolFlows } from '../../collateral/types';
import { projectPool } from '../../collateral/project';
import type { RepLine } from '../../collateral/repline';
import type { ProjectionScenario } from '../../collateral/scenario';
import { EngineError, requireFinite } from '../../errors';
import { parseIsoDate } from '../../time';
import { type CurveInterpolation, type MonthlyForwardCurves, forwardCurves2004, forwardRateOn } from '../../market/forwardCurves2004';
import { type January2004Date, IMPAC_CURVE_DATE } from '../../market/data/rates-2004-01';
import { type IndexLevels, type IndexPath, INDEX_NAMES, type IndexName, flatIndexPath, forwardIndexPath, shiftedIndexPath } from '../../market/indices';
import { IMPAC_PRICING_LEVELS } from '../../market/levels2004';
import type { ClassFlows, DealModel, DealRun, WaterfallReport } from '../types';
import { impacWaterfallReport } from './waterfallReport';
import type { Scenario } from '../../run/scenario';
import { IMPAC_REP_LINES } from './collateral';
import { type DerivativeAssumption, type SwapContract, IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts } from './derivatives';
import { IMPAC_CLASSES, IMPAC_DEFAULT_CONVENTIONS, IMPAC_TERMS, type ImpacConventions } from './terms';
import { type ImpacWaterfallRun, impacPeriodDates, runImpacWaterfall } from './waterfall';

export * from './terms';
export { IMPAC_DERIVATIVE_ASSUMPTION, impacDerivativeContracts, type DerivativeAssumption, type SwapContract } from './derivatives';
export { IMPAC_PRIORITY, runImpacWaterfall, type ImpacClassFlows, type ImpacWaterfallInput, type ImpacWaterfallRun } from './waterfall';

/** A scenario for this deal. Every field is optional; defaults are the term sheet's pricing assumptions. */
export interface ImpacScenario {
  /** % of the Pricing Prepayment Speed (100 = 30% CPR), or a CPR vector by period (last value holds). */
  readonly speed?: { readonly kind: 'pctOfPricing'; readonly pct: number } | { readonly kind: 'cprVector'; readonly cpr: readonly number[] };
  readonly horizon?: 'call' | 'maturity';
  /** Current index levels held flat (defaults: the pricing-date levels of `levels2004.ts`). */
  readonly indices?: Partial<IndexLevels>;
  /** 'flat' (default, as the DM tables) or 'forward' (the January 2004 forward curves). */
  readonly curve?: 'flat' | 'forward';
  /** Parallel shift of every index path, bp, from `shiftFromPeriod` (default 1) on. */
  readonly shiftBp?: number;
  readonly shiftFromPeriod?: number;
  readonly credit?: { readonly cdr?: number; readonly severity?: number; readonly lagMonths?: number };
  /** Derivative Contracts on (default) or off. */
  readonly derivatives?: boolean;
  /** Forward-curve construction (`forwardCurves2004.ts`). */
  readonly curveDate?: January2004Date;
  readonly interpolation?: CurveInterpolation;
  readonly derivativeAssumption?: DerivativeAssumption;
  /** Overrides of the deal's reading switches (`terms.ts`). */
  readonly impacConventions?: Partial<ImpacConventions>;
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

function indexPathOf(scenario: ImpacScenario): IndexPath {
  const shiftBp = scenario.shiftBp ?? 0;
  const from = scenario.shiftFromPeriod ?? 1;
  requireFinite('shiftBp', shiftBp);
  let path: IndexPath;
  if ((scenario.curve ?? 'flat') === 'forward') {
    const curves = impacForwardCurves(scenario.curveDate, scenario.interpolation);
    let forward = pathCache.get(curves);
    if (!forward) {
      forward = impacForwardIndexPath(curves);
      pathCache.set(curves, forward);
    }
    path = forward;
  } else if (scenario.curve === undefined || scenario.curve === 'flat') {
    path = flatIndexPath({ ...IMPAC_PRICING_LEVELS.levels, ...definedOnly(scenario.indices) });
  } else {
    throw new EngineError('curve', `expected "flat" or "forward", got "${String(scenario.curve)}"`);
  }
  return shiftedIndexPath(path, shiftBp, from);
}

function definedOnly(levels: Partial<IndexLevels> | undefined): Partial<IndexLevels> {
  const out: Partial<Record<IndexName, number>> = {};
  if (levels) for (const k of INDEX_NAMES) if (levels[k] !== undefined) out[k] = levels[k];
  return out;
}

function projectionOf(scenario: ImpacScenario, indices: IndexPath, conventions: ImpacConventions): ProjectionScenario {
  const speed = scenario.speed ?? { kind: 'pctOfPricing', pct: 100 };
  let cprPct: number | readonly number[];
  if (speed.kind === 'pctOfPricing') {
    requireFinite('speed', speed.pct);
    if (speed.pct < 0) throw new EngineError('speed', `expected a speed of 0 or more (% of ${IMPAC_TERMS.pricingSpeedCprPct}% CPR), got ${speed.pct}`);
    // Above this the pool would prepay more than 100% CPR (every loan prepaid in the month).
    const maxPct = Math.floor((100 * 100) / IMPAC_TERMS.pricingSpeedCprPct);
    if (speed.pct > maxPct) {
      throw new EngineError('speed', `expected at most ${maxPct}% of the pricing speed (${speed.pct}% would be ${(speed.pct * IMPAC_TERMS.pricingSpeedCprPct) / 100}% CPR; 100% CPR is every loan prepaid), got ${speed.pct}`);
    }
    cprPct = (speed.pct / 100) * IMPAC_TERMS.pricingSpeedCprPct;
  } else if (speed.kind === 'cprVector') {
    if (speed.cpr.length === 0) throw new EngineError('speed', 'expected a CPR vector of at least one value');
    cprPct = speed.cpr;
  } else {
    throw new EngineError('speed', 'expected { kind: "pctOfPricing", pct } or { kind: "cprVector", cpr }');
  }
  const credit = scenario.credit ?? {};
  return {
    prepayment: { kind: 'cpr', cprPct: cprPct as number | ArrayLike<number> },
    cdrPct: credit.cdr ?? 0,
    severityPct: credit.severity ?? 0,
    lagMonths: credit.lagMonths ?? 0,
    indices,
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
export function projectImpacCollateral(scenario: ImpacScenario = {}, lines: readonly RepLine[] = IMPAC_REP_LINES): PoolFlows {
  const conventions: ImpacConventions = { ...IMPAC_DEFAULT_CONVENTIONS, ...scenario.impacConventions };
  return projectPool(lines, projectionOf(scenario, indexPathOf(scenario), conventions));
}

/** Runs the deal for `scenario` on the sample pool (or on `lines`). */
export function runImpac(scenario: ImpacScenario = {}, lines: readonly RepLine[] = IMPAC_REP_LINES): ImpacRun {
  const horizon = scenario.horizon ?? 'call';
  if (horizon !== 'call' && horizon !== 'maturity') throw new EngineError('horizon', `expected call or maturity, got "${String(horizon)}"`);
  const conventions: ImpacConventions = { ...IMPAC_DEFAULT_CONVENTIONS, ...scenario.impacConventions };
  const indices = indexPathOf(scenario);
  const pool = projectPool(lines, projectionOf(scenario, indices, conventions));
  const libor1mPct = new Float64Array(pool.periods);
  for (let p = 1; p <= pool.periods; p++) libor1mPct[p - 1] = indices.rate('libor1m', p);
  const contracts = scenario.derivatives === false ? [] : contractsOf(scenario.derivativeAssumption ?? IMPAC_DERIVATIVE_ASSUMPTION);
  const waterfall = runImpacWaterfall({ pool, libor1mPct, horizon, derivatives: contracts, conventions });
  return { conventions, indexPath: indices.description, pool, contracts, waterfall };
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
    for (let i = 0; i < w.periods; i++) interest[i] = c.interest[i] + c.basisRisk[i] + c.lossReimbursed[i];
    classes.set(c.name, { interest, principal: c.principal, balance: c.endBalance, writedown: c.writedown, couponPct: c.couponPct });
    rateCapPct.set(c.name, w.availableFundsRatePct);
  }
  let report: WaterfallReport | undefined;
  return {
    periods: w.periods,
    payDates: w.paymentDates,
    classes,
    rateCapPct,
    collateral: [run.pool],
    floaterIndexPct: w.libor1mPct,
    // Built when the waterfall sheet asks, not on every run the pricing makes.
    get waterfall(): WaterfallReport {
      return (report ??= impacWaterfallReport(run));
    },
  };
}

/** The run layer's scenario in this deal's terms. */
export function impacScenarioOf(scenario: Scenario): ImpacScenario {
  return {
    speed: scenario.speed,
    horizon: scenario.horizon,
    indices: scenario.indices,
    curve: scenario.curve,
    shiftBp: scenario.shiftBp,
    shiftFromPeriod: scenario.shiftFromPeriod,
    credit: scenario.credit,
    derivatives: scenario.derivatives,
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
    maxSpeedPct: Math.floor((100 * 100) / IMPAC_TERMS.pricingSpeedCprPct),
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
  run: (scenario: Scenario): DealRun => toDealRun(runImpac(impacScenarioOf(scenario))),
  projectCollateral: (scenario: Scenario) => [projectImpacCollateral(impacScenarioOf(scenario))],
};
