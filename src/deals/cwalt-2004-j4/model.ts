/**
 * CWALT 2004-J4 as the run layer sees it (`src/deals/types.ts` `DealModel`): the description from
 * terms.ts, `run` (`runCwalt` as src/engine/dealRun.ts reads any engine run), the A-IO notional
 * schedule and its reference checks. Register it in `src/deals/index.ts` beside the Impac model.
 */
import { EngineError } from '../../errors';
import type { Scenario } from '../../scenario/types';
import { parseIsoDate } from '../../time/date';
import { dayCount } from '../../time/daycount';
import { toDealRun } from '../../engine/dealRun';
import { printedTableChecks } from '../../engine/referenceChecks';
import type { DealModel, DealRun, ReferenceCheck } from '../types';
import { CALIBRATED_POOL, poolLines } from './collateral';
import { priceCwalt, projectCwaltCollateral, runCwalt } from './index';
import { cwaltWaterfallReport } from './waterfallReport';
import { CWALT_CURVE_DATE } from '../../market/data/rates-2004-04';
import { ACCRUAL, AIO, CLASSES, DATES, DEAL_ID, INDEX_LEVELS, PRICING_SPEED, TOTAL_PRINCIPAL, aioNotional, aioRatePct } from './terms';

/** The pricing run; the waterfall report runs the scenario again with every series when asked for. */
function run(scenario: Scenario): DealRun {
  const { run: r, inputs } = priceCwalt(scenario);
  return toDealRun(r, inputs, () => cwaltWaterfallReport(runCwalt(scenario)));
}

/** The A-IO schedule (p.6): notionals (2 dp) and rates (2 dp) as terms.ts holds them. */
function referenceChecks(reference: unknown): ReferenceCheck[] {
  return printedTableChecks<{ period: number }>(reference, 'aioNotional', (row) => `period ${row.period}`, {
    notional1AIO: [2, (row) => aioNotional(1, row.period)],
    rate1AIO: [2, (row) => aioRatePct(row.period)],
    notional2AIO: [2, (row) => aioNotional(2, row.period)],
    rate2AIO: [2, (row) => aioRatePct(row.period)],
  });
}

function notionalSchedule(className: string, period: number): number {
  const name = className.toUpperCase().replace(/[\s-]/g, '');
  if (!Number.isInteger(period) || period < 1) throw new EngineError('period', `expected a distribution period of 1 or more, got ${period}`);
  if (period > AIO.lastPeriod) throw new EngineError('period', `the A-IO notional schedules end after period ${AIO.lastPeriod}; got ${period}`, 'notAvailable');
  if (name === '1AIO') return aioNotional(1, period);
  if (name === '2AIO') return aioNotional(2, period);
  throw new EngineError('class', `expected 1-A-IO or 2-A-IO (the classes with a notional schedule), got "${className}"`, 'notAvailable');
}

/** Days of accrued interest a fixed class carries at settlement (29 for Apr 1 → Apr 30), from the terms. */
const FIXED_ACCRUED_DAYS = dayCount(ACCRUAL.fixed.basis, parseIsoDate(ACCRUAL.fixed.accruedInterestFrom), parseIsoDate(DATES.settlement));

export const CWALT_MODEL: DealModel = {
  description: {
    id: DEAL_ID,
    name: 'CWALT 2004-J4',
    aliases: ['cwalt 2004-j4', 'cwalt2004j4', 'j4', 'cwalt j4', 'cwalt'],
    sizeDollars: TOTAL_PRINCIPAL,
    settlement: DATES.settlement,
    firstPayDate: DATES.firstDistribution,
    callWord: 'auction',
    // cwalt-readings.md reading 1: 1-A-5 to auction at 100% is one payment in month 67 and prints
    // 5.57 = 2005/360 on 30/360 from settlement; months/12 would print 5.58.
    walBasis: '30/360',
    pricingSpeeds: [0, 80, 100, 120, 150],
    pricingSpeedText: '100% PPC (fixed, group 1), 25% CPR (hybrid ARMs, group 2)',
    pricingSpeed: PRICING_SPEED.groups,
    pricingIndexLevels: INDEX_LEVELS.levels,
    curveDate: CWALT_CURVE_DATE,
    // p.16 "Margin 0.160%", "Coupon 3.108%": three decimals.
    couponDecimals: 3,
    notes: [
      `A-IO notional schedules end after period ${AIO.lastPeriod}`,
      'horizon call = the Mandatory Auction (20% of the cut-off balance); to maturity the coupons step up after it',
      'curve flat|forward (April 2004 forward curves, curve date 2004-04-06); shiftBp from shiftFromPeriod',
    ],
    classes: CLASSES.map((c) => ({
      name: c.name,
      kind: c.coupon.kind,
      originalBalance: c.principal,
      ...(c.coupon.kind === 'floater' ? { marginPct: c.coupon.marginPct } : {}),
      ...(c.coupon.kind === 'fixed' ? { couponPct: c.coupon.couponPct } : {}),
      // A-IO: the p.6 rate on the notional; priced by yield from a price in points of notional.
      ...(c.coupon.kind === 'interestOnly' ? { couponPct: AIO.ratePct } : {}),
      measure: c.coupon.kind === 'floater' ? ('DM' as const) : ('Yield' as const),
      accrual: c.coupon.kind === 'floater' ? ('act/360' as const) : ('30/360' as const),
      // Fixed classes: accrued interest from April 1 to the April 30 settlement on 30/360 (p.4).
      accruedDaysAtSettlement: c.coupon.kind === 'floater' ? 0 : FIXED_ACCRUED_DAYS,
      type: c.type,
    })),
  },
  run,
  projectCollateral: (scenario) => projectCwaltCollateral(scenario),
  referenceChecks,
  notionalSchedule,
  // Built on first use, not when the registry loads.
  get repLineCount() {
    const l = poolLines(CALIBRATED_POOL);
    return l.group1.length + l.group2.length;
  },
};
