/**
 * An engine run as the run layer and the waterfall sheet read it, the same for every deal: the
 * `DealRun` the shells price from (src/engine/dealModel.ts) and the waterfall report built from
 * the deal's layout (waterfallReport.ts). A deal hands over its run, its terms and what the run
 * read (collateral, index path); it writes no view of its own.
 */
import type { PoolFlows } from '../collateral/types';
import { EngineError } from '../errors';
import { periodCalendar } from './calendar';
import type { ClassFlows, DealRun, WaterfallReport } from './dealModel';
import { sumGroups } from './inputs';
import type { EngineClassFlows } from './outputs';
import type { EngineRun, PricingRun } from './outputs';
import type { EngineTerms } from './terms';
import { lastActivePeriod } from './view';
import { buildWaterfallReport, type ReportLayout, type ReportLine } from './waterfallReport';

/** What a run was made of besides its series. */
export interface RunInputs {
  readonly terms: EngineTerms;
  /** Each loan group's collateral flows. */
  readonly collateral: readonly PoolFlows[];
  /** The index the floaters' coupons were projected on, per period, percent (the discount margin's path). */
  readonly indexPct: Float64Array;
}

/** A class's series by its printed name ('1-A-3', 'M-2'). */
export function classNamed(run: EngineRun, name: string): EngineClassFlows {
  const found = run.classes.find((c) => c.name === name);
  if (!found) throw new EngineError('class', `expected one of ${run.classes.map((c) => c.name).join(', ')}, got "${name}"`, 'notAvailable');
  return found;
}

/** Last period in which any class was paid or a principal class still had a balance (an interest-only class's notional is not one). */
export function lastPeriodOf(run: PricingRun, terms: EngineTerms): number {
  return lastActivePeriod(run, (k) => terms.classes[k].coupon.kind !== 'interestOnly');
}

/**
 * The run layer's view of a run: per class, `interest` is all its non-principal cash (current and
 * unpaid interest, cap carryover, reimbursed losses) and the cap of its coupon; one period for each
 * recorded value (the projection's periods when the terms record over them), each with its pay
 * date. The waterfall report is built when the sheet asks, not on every run the pricing makes.
 */
export function toDealRun(run: PricingRun, inputs: RunInputs, report: () => WaterfallReport): DealRun {
  const { terms } = inputs;
  const periods = terms.seriesLength === 'projection' ? inputs.collateral[0].periods : run.periods;
  const classes = new Map<string, ClassFlows>();
  const rateCapPct = new Map<string, Float64Array>();
  for (const c of run.classes) {
    classes.set(c.name, { interest: c.nonPrincipal, principal: c.principal, balance: c.endBalance, writedown: c.writedown, couponPct: c.couponPct });
    rateCapPct.set(c.name, c.capPct);
  }
  const calendar = () => periodCalendar(terms.dates.closing, terms.dates.firstPayment, periods);
  let built: WaterfallReport | undefined;
  const dealRun: DealRun = {
    periods,
    payDates: run.payDates.length === periods ? run.payDates : (terms.payDates === 'unadjusted' ? calendar().unadjustedIsoDates : calendar().isoDates).slice(0, periods),
    classes,
    rateCapPct,
    collateral: inputs.collateral,
    floaterIndexPct: inputs.indexPct,
  };
  // Not enumerable: what enumerates a run's data (the run cache's size estimate) does not build it.
  const waterfall = (): WaterfallReport => {
    if (built === undefined) {
      built = report();
      reportBuilt(dealRun, built);
    }
    return built;
  };
  return Object.defineProperty(dealRun, 'waterfall', { get: waterfall, enumerable: false });
}

let reportBuilt: (run: DealRun, report: WaterfallReport) => void = () => {};

/**
 * Tells `listener` of each waterfall report a run builds, once a run (the run layer counts it in
 * its cache, src/run/runner.ts). One listener: a later call replaces it.
 */
export function onWaterfallReport(listener: (run: DealRun, report: WaterfallReport) => void): void {
  reportBuilt = listener;
}

/** What a deal's waterfall report reads besides its layout. */
export interface RunReport {
  /** Periods shown: to the redemption, or the deal's last active period. */
  readonly periods: number;
  /** The recorded series that is the deal's excess interest (for the excess spread), dollars. */
  readonly excessCashflow: string;
  /** Per class (by its place in the terms), the series shown beyond its cash flows. */
  readonly classLines: (classIndex: number) => readonly ReportLine[];
}

/** The waterfall sheet's report of a run: the layout names the run's series (its own and the recorded ones). */
export function runReport(layout: ReportLayout, run: EngineRun, collateral: readonly PoolFlows[], report: RunReport): WaterfallReport {
  const excess = run.series[report.excessCashflow];
  if (excess === undefined) throw new EngineError('excessCashflow', `expected a recorded series, got "${report.excessCashflow}"`);
  return buildWaterfallReport(layout, {
    periods: report.periods,
    series: { ...run, ...run.series },
    poolBegin: (i) => sumGroups(collateral, 'beginBalance', i),
    excessCashflow: excess,
    redeemedPeriod: run.redemptionPeriod,
    stepUpFromPeriod: run.stepUpFromPeriod,
    cashCents: { deposited: run.cashInCents, paid: run.paidCents, released: run.releasedCents },
    classes: run.classes.map((c, k) => ({ name: c.name, lines: report.classLines(k), series: c })),
  });
}
