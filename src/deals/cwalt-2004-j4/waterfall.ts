/**
 * CWALT 2004-J4 as the engine (src/engine) runs it: its classes and their coupon terms, the
 * collections of the two loan groups into the funds of the priority (priority.ts), the Mandatory
 * Auction and Clean-up Call with the coupon step-ups, and the readings (terms.ts). The Net Rate
 * Caps, A-IO notionals, OC, Stepdown Date, Trigger Event, principal amounts and lockout share
 * are named formulas (formulas.ts). `runWaterfall` runs them and reports in the deal's words.
 */
import { EngineError } from '../../errors';
import type { PoolFlows } from '../../collateral/types';
import { runEngine, type EngineRun } from '../../engine/run';
import type { EngineClassFlows } from '../../engine/outputs';
import type { EngineClass, EngineTerms } from '../../engine/terms';
import type { CouponTerms } from '../../waterfall/interest';
import type { LossTriggerBand } from '../../waterfall/triggers';
import { lastActivePeriod, redemptionEligibility } from '../../engine/view';
import { periodCalendar } from '../../engine/calendar';
import { cwaltFormulas } from './formulas';
import { PRIORITY } from './priority';
import { CLASSES, DATES, GROUPS, MAXIMUM_RATE_PCT, REDEMPTION, TRIGGERS, type CwaltClassId, type CwaltClassTerms, type CwaltReadings } from './terms';

export type CwaltHorizon = 'auction' | 'cleanUpCall' | 'maturity';

/** How the Trigger Event is decided: from the terms (TBD figures never trip), or forced either way. */
export type TriggerMode = 'terms' | 'breached' | 'notBreached';

export interface WaterfallOptions {
  readonly horizon: CwaltHorizon;
  /** One-month LIBOR for each period (element k − 1 = period k), percent. */
  readonly libor1mPct: ArrayLike<number>;
  readonly readings: CwaltReadings;
  readonly trigger: TriggerMode;
  /** Cumulative-loss trigger bands with the [TBD] figures filled in (default: the terms, all null). */
  readonly cumulativeLossBands?: readonly LossTriggerBand[];
}

/** A class's series as the engine records them (src/engine/outputs.ts), with its coupon terms. */
export interface ClassCashFlows extends EngineClassFlows {
  readonly name: CwaltClassId;
  readonly kind: CouponTerms['kind'];
  readonly dayCount: '30/360' | 'act/360';
  /** Days between the end of accrual and payment (fixed: 24; floaters: 0). */
  readonly delayDays: number;
  /** Original principal (notional for the A-IO classes), dollars. */
  readonly originalBalance: number;
}

export interface WaterfallResult {
  readonly periods: number;
  /** Last period in which any certificate had a balance or was paid. */
  readonly lastPeriod: number;
  /** Unadjusted distribution dates (the 25th), 'YYYY-MM-DD'. */
  readonly payDates: readonly string[];
  /** Actual/360 accrual days of the floaters. */
  readonly accrualDays: Float64Array;
  readonly libor1mPct: Float64Array;
  readonly classes: Readonly<Record<CwaltClassId, ClassCashFlows>>;
  /** Net Rate Caps, percent: each group's on a 30/360 basis, and the subordinates' (act/360). */
  readonly netRateCap: { readonly group1: Float64Array; readonly group2: Float64Array; readonly subordinate: Float64Array };
  /** A-IO notional interest accrued on: min(schedule, group balance), dollars. */
  readonly aioNotional: { readonly '1-A-IO': Float64Array; readonly '2-A-IO': Float64Array };
  readonly oc: {
    readonly target: Float64Array;
    /** Collateral less certificates after the period. */
    readonly amount: Float64Array;
    readonly extraPrincipal: Float64Array;
    readonly release: Float64Array;
  };
  /** Excess Cashflow (p.8): interest left after the certificates' interest, before any principal is released into it, dollars. */
  readonly excessCashflow: Float64Array;
  /** 1 from the Stepdown Date on. */
  readonly stepdown: Uint8Array;
  /** 1 when a Trigger Event is in effect. */
  readonly trigger: Uint8Array;
  readonly lockoutPct: Float64Array;
  readonly redemption: {
    readonly horizon: CwaltHorizon;
    /** First period the Mandatory Auction may happen (ending collateral ≤ 20% of cut-off). */
    readonly auctionEligiblePeriod: number | null;
    readonly cleanUpEligiblePeriod: number | null;
    /** Period in which the certificates were retired by the redemption, if any. */
    readonly redeemedPeriod: number | null;
    /** First period with stepped-up coupons, if any. */
    readonly stepUpFromPeriod: number | null;
  };
  /** Paid to the Class C (residual) holder, dollars. */
  readonly residual: Float64Array;
  /** Cash check per period, cents: deposited = paid + released (checked; throws otherwise). */
  readonly cash: { readonly depositedCents: Float64Array; readonly paidCents: Float64Array; readonly releasedCents: Float64Array };
  /** Float dollars of collateral cash minus the cents deposited (the named rounding residual). */
  readonly roundingResidual: Float64Array;
}

/** A class's terms as the engine reads them: its coupon, accrual basis and the Net Rate Cap that caps it. */
function engineClass(c: CwaltClassTerms, readings: CwaltReadings): EngineClass {
  if (c.coupon.kind === 'interestOnly') {
    return { name: c.name, originalBalance: c.principal, coupon: { kind: 'interestOnly' }, accrual: '30/360', notional: `aioEffective${c.coupon.group}`, rate: 'ioRate' };
  }
  const cap30 = c.group === 'sub' ? 'netRateCapSub' : `netRateCap${c.group}`;
  if (c.coupon.kind === 'fixed') {
    return { name: c.name, originalBalance: c.principal, coupon: { kind: 'fixed', couponPct: c.coupon.couponPct, stepUpPct: c.coupon.stepUpPct }, accrual: '30/360', cap: cap30, carryoverInterest: 'uncapped' };
  }
  const maximumRatePct = readings.maximumRateCapsCoupon ? MAXIMUM_RATE_PCT : Infinity;
  return { name: c.name, originalBalance: c.principal, coupon: { kind: 'floater', marginPct: c.coupon.marginPct, stepUpMultiplier: c.coupon.stepUpMultiplier, maximumRatePct, floorPct: 0 }, accrual: 'act/360', cap: `${cap30}Actual`, carryoverInterest: 'uncapped' };
}

const termsCache = new Map<string, EngineTerms>();

/** The deal's terms for the engine under a set of readings, trigger mode, loss bands and redemption (memoised). */
export function cwaltEngineTerms(readings: CwaltReadings, trigger: TriggerMode, bands: readonly LossTriggerBand[], redemption: 'auction' | 'cleanUpCall'): EngineTerms {
  const key = JSON.stringify([readings, trigger, bands, redemption]);
  const known = termsCache.get(key);
  if (known) return known;
  const terms: EngineTerms = {
    name: 'CWALT 2004-J4',
    cutoffBalance: GROUPS.cutoffBalance,
    dates: { closing: DATES.closing, firstPayment: DATES.firstDistribution },
    payDates: 'unadjusted',
    couponOfRetiredClass: 'zero',
    roundingResidual: 'perCollection',
    seriesLength: 'projection',
    accrualDays: readings.accrualDates === 'businessDayAdjusted' ? 'accrualDays' : 'unadjustedDays',
    classes: CLASSES.map((c) => engineClass(c, readings)),
    funds: ['interest1', 'interest2', 'interestAll', 'principal1', 'principal2', 'principalAll', 'excess', 'redemption'],
    collections: [
      { fund: 'interest1', sources: ['netInterest'], group: 0 },
      { fund: 'interest2', sources: ['netInterest'], group: 1 },
      { fund: 'principal1', sources: ['scheduledPrincipal', 'prepayment', 'recovery'], group: 0 },
      { fund: 'principal2', sources: ['scheduledPrincipal', 'prepayment', 'recovery'], group: 1 },
      // The auction or clean-up proceeds: the collateral at par (p.4).
      { fund: 'redemption', sources: ['redemption'] },
    ],
    ...cwaltFormulas(readings, trigger, bands),
    priority: PRIORITY,
    redemption: {
      poolPctOfCutoff: redemption === 'auction' ? REDEMPTION.auctionPctOfCutoff : REDEMPTION.cleanUpCallPctOfCutoff,
      basis: readings.redemptionBalance,
      stepUpStart: readings.stepUpStart,
      stepUpPoolPctOfCutoff: REDEMPTION.auctionPctOfCutoff,
    },
    unpaidInterestBearsInterest: false,
  };
  termsCache.set(key, terms);
  return terms;
}

/**
 * Runs the waterfall over the two groups' collateral flows (same length). Pure: allocates its
 * own arrays, never mutates its inputs. Every series has the projection's length (zero after
 * the last distribution).
 */
export function runWaterfall(group1: PoolFlows, group2: PoolFlows, options: WaterfallOptions): WaterfallResult {
  if (group1.periods !== group2.periods) throw new EngineError('collateral', `expected both groups projected over the same periods, got ${group1.periods} and ${group2.periods}`);
  const n = group1.periods;
  if (options.libor1mPct.length < n) throw new EngineError('libor1mPct', `expected a 1M LIBOR level for each of ${n} periods, got ${options.libor1mPct.length}`);
  const redemption = options.horizon === 'cleanUpCall' ? 'cleanUpCall' : 'auction';
  const terms = cwaltEngineTerms(options.readings, options.trigger, options.cumulativeLossBands ?? TRIGGERS.cumulativeLoss, redemption);
  const run = runEngine(terms, { pools: [group1, group2], indexPct: options.libor1mPct, horizon: options.horizon === 'maturity' ? 'maturity' : 'call', contracts: [] });
  return cwaltView(run, [group1, group2], options, terms);
}

/** The engine's run in the deal's words, each series padded to the projection's `n` periods. */
function cwaltView(run: EngineRun, pools: readonly [PoolFlows, PoolFlows], options: WaterfallOptions, terms: EngineTerms): WaterfallResult {
  const n = pools[0].periods;
  // The engine records every series over the projection's n periods (terms `seriesLength`): views, no copies.
  const classes = classFlowsOf(run);
  const series = run.series;
  const flags = (a: Float64Array) => {
    const out = new Uint8Array(n);
    out.set(a);
    return out;
  };
  const lastPeriod = lastActivePeriod(run, (k) => CLASSES[k].coupon.kind !== 'interestOnly');
  const eligible = redemptionEligibility(pools, terms.cutoffBalance, terms.redemption.basis);
  const libor1mPct = new Float64Array(n);
  for (let i = 0; i < n; i++) libor1mPct[i] = options.libor1mPct[i];
  const calendar = periodCalendar(DATES.closing, DATES.firstDistribution, n);
  return {
    periods: n,
    lastPeriod,
    payDates: calendar.unadjustedIsoDates.slice(0, n),
    accrualDays: Float64Array.from((terms.accrualDays === 'accrualDays' ? calendar.accrualDays : calendar.unadjustedDays).subarray(0, n)),
    libor1mPct,
    classes,
    netRateCap: { group1: series.netRateCap1, group2: series.netRateCap2, subordinate: series.netRateCapSub },
    aioNotional: { '1-A-IO': series.aio1, '2-A-IO': series.aio2 },
    oc: { target: series.ocTarget, amount: series.ocAmount, extraPrincipal: series.ocExtra, release: series.ocRelease },
    excessCashflow: series.excessCashflow,
    stepdown: flags(series.stepdown),
    trigger: flags(series.trigger),
    lockoutPct: series.lockoutPct,
    redemption: {
      horizon: options.horizon,
      auctionEligiblePeriod: eligible(REDEMPTION.auctionPctOfCutoff),
      cleanUpEligiblePeriod: eligible(REDEMPTION.cleanUpCallPctOfCutoff),
      redeemedPeriod: run.redemptionPeriod,
      stepUpFromPeriod: run.stepUpFromPeriod,
    },
    residual: run.released,
    cash: { depositedCents: run.cashInCents, paidCents: run.paidCents, releasedCents: run.releasedCents },
    roundingResidual: run.roundingResidual,
  };
}

/** Each class's series (the engine's, no copies) with its coupon terms, by name. */
function classFlowsOf(run: EngineRun): Record<CwaltClassId, ClassCashFlows> {
  const classes = {} as Record<CwaltClassId, ClassCashFlows>;
  CLASSES.forEach((c, k) => {
    const floater = c.coupon.kind === 'floater';
    classes[c.name] = { ...run.classes[k], name: c.name, kind: c.coupon.kind, dayCount: floater ? 'act/360' : '30/360', delayDays: floater ? 0 : 24, originalBalance: c.principal };
  });
  return classes;
}
