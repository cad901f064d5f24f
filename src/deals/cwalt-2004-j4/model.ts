/**
 * CWALT 2004-J4 as the run layer sees it (src/deals/types.ts): the class descriptions from
 * terms.ts, the run adapted from `runCwalt`, the A-IO schedules, and the scoreboard's extra table.
 */
import { flatIndexPath, shiftedIndexPath } from '../../market/indices';
import type { Scenario } from '../../run/scenario';
import type { ClassDescription, ClassFlows, DealModel, DealRun, ReferenceCheck } from '../types';
import { CALIBRATED_POOL, poolLines } from './collateral';
import { normaliseCwaltScenario, projectCwaltCollateral, runCwalt, type CwaltScenario } from './index';
import { ACCRUAL, aioNotional, CLASSES, DATES, INDEX_LEVELS, TOTAL_PRINCIPAL } from './terms';

/** Days of accrued interest fixed classes carry at settlement: April 1 → April 30 on 30/360 (p.4). */
const FIXED_ACCRUED_DAYS = 29;

const classes: ClassDescription[] = CLASSES.map((c) => {
  const base = { name: c.name, originalBalance: c.principal, type: c.type };
  if (c.coupon.kind === 'floater') {
    return { ...base, kind: 'floater', marginPct: c.coupon.marginPct, measure: 'DM', accrual: ACCRUAL.floater.basis, accruedDaysAtSettlement: 0 };
  }
  if (c.coupon.kind === 'fixed') {
    return { ...base, kind: 'fixed', couponPct: c.coupon.couponPct, measure: 'Yield', accrual: ACCRUAL.fixed.basis, accruedDaysAtSettlement: FIXED_ACCRUED_DAYS };
  }
  return { ...base, kind: 'interestOnly', couponPct: 1.5, measure: null, accrual: ACCRUAL.fixed.basis, accruedDaysAtSettlement: FIXED_ACCRUED_DAYS };
});

/** The run layer's scenario in this deal's terms. */
export function cwaltScenarioOf(scenario: Scenario): CwaltScenario {
  const levels = { ...INDEX_LEVELS.levels, ...scenario.indices };
  const path = scenario.shiftBp !== 0 ? shiftedIndexPath(flatIndexPath(levels), scenario.shiftBp, scenario.shiftFromPeriod) : flatIndexPath(levels);
  return {
    speed: scenario.speed.kind === 'pctOfPricing' ? scenario.speed.pct : { kind: 'cprVector', cprPct: scenario.speed.cpr },
    horizon: scenario.horizon === 'call' ? 'auction' : 'maturity',
    indices: path,
    cdrPct: scenario.credit.cdr,
    severityPct: scenario.credit.severity,
    lagMonths: scenario.credit.lagMonths,
  };
}

function run(scenario: Scenario): DealRun {
  const r = runCwalt(cwaltScenarioOf(scenario));
  const flows = new Map<string, ClassFlows>();
  const caps = new Map<string, Float64Array>();
  // The Net Rate Cap a floater is paid at: its group's cap (30/360) × 30 / actual days; the
  // subordinates' cap is already on the act/360 basis (p.5 "Net Rate Cap").
  const actual = (cap: Float64Array) => cap.map((v, i) => (v * 30) / r.accrualDays[i]);
  for (const c of CLASSES) {
    const f = r.classes[c.name];
    const interest = new Float64Array(r.periods);
    for (let i = 0; i < r.periods; i++) interest[i] = f.interest[i] + f.carryoverPaid[i] + f.lossReimbursed[i];
    flows.set(c.name, { interest, principal: f.principal, balance: f.balance, writedown: f.writedown, couponPct: f.couponPct });
    if (c.coupon.kind === 'floater') {
      caps.set(c.name, c.group === 1 ? actual(r.netRateCap.group1) : c.group === 2 ? actual(r.netRateCap.group2) : r.netRateCap.subordinate);
    }
  }
  return { periods: r.periods, payDates: r.payDates, classes: flows, rateCapPct: caps, collateral: [r.collateral.group1, r.collateral.group2] };
}

/** The printed A-IO schedules (p.6), 2 dp, against what the engine's notional function gives. */
function referenceChecks(reference: unknown): ReferenceCheck[] {
  const rows = (reference as { aioNotional?: { period: number; notional1AIO: number; notional2AIO: number }[] }).aioNotional ?? [];
  return rows.flatMap((row) => [
    { table: 'aioNotional', row: `period ${row.period}`, field: 'notional1AIO', printed: row.notional1AIO, measured: aioNotional(1, row.period), decimals: 2 },
    { table: 'aioNotional', row: `period ${row.period}`, field: 'notional2AIO', printed: row.notional2AIO, measured: aioNotional(2, row.period), decimals: 2 },
  ]);
}

const lines = poolLines(CALIBRATED_POOL);

export const CWALT_MODEL: DealModel = {
  description: {
    id: 'cwalt-2004-j4',
    name: 'CWALT 2004-J4',
    aliases: ['j4', 'cwalt j4', 'cwalt 2004-j4', 'cwalt2004j4', '2004-j4'],
    sizeDollars: TOTAL_PRINCIPAL,
    settlement: DATES.settlement,
    firstPayDate: DATES.firstDistribution,
    callWord: 'auction',
    pricingSpeeds: [0, 80, 100, 120, 150],
    pricingSpeedText: '100% PPC (fixed, group 1) and 25% CPR (ARMs, group 2)',
    pricingIndexLevels: INDEX_LEVELS.levels,
    classes,
  },
  run,
  projectCollateral: (scenario) => {
    const c = projectCwaltCollateral(normaliseCwaltScenario(cwaltScenarioOf(scenario)));
    return [c.group1, c.group2];
  },
  repLineCount: lines.group1.length + lines.group2.length,
  referenceChecks,
  notionalSchedule: (className, period) => aioNotional(className === '1-A-IO' ? 1 : 2, period),
};
