/**
 * A small deal with known answers, to test the run layer without a real waterfall:
 * one pool of 30-year level-pay loans at 5.5% (gross = net), paying two classes pro rata:
 * FLT, a 1M LIBOR + 0.40% floater (act/360, no delay, settles flat), and FIX, a 5.5% fixed class
 * (30/360, accrues from the 1st, paid on the 25th: 24-day delay, 29 days accrued at settlement).
 * Dates as CWALT's: dated 2004-04-01, settle 2004-04-30, first pay 2004-05-25. Pricing speed:
 * a flat 24% CPR. The call horizon redeems everything when the pool falls to 20% or below.
 */
import { addMonths, dayCount, formatIsoDate, parseIsoDate } from '../../src/time';
import type { DealId, DealModel, DealRun, ClassFlows } from '../../src/deals/types';
import type { Scenario } from '../../src/run/scenario';

const SETTLE = parseIsoDate('2004-04-30');
const FIRST_PAY = parseIsoDate('2004-05-25');

export function syntheticDeal(options: { libor?: number } = {}): DealModel & { runs: number } {
  const libor = options.libor ?? 1.1;
  const deal = {
    runs: 0,
    description: {
      // Its own id: the run cache keys runs by deal id, so a shared id would mix its runs with CWALT's.
      id: 'synthetic-2004-s1' as DealId,
      name: 'Synthetic 2004-S1',
      aliases: ['s1', 'synthetic'],
      sizeDollars: 200_000_000,
      settlement: '2004-04-30',
      firstPayDate: '2004-05-25',
      callWord: 'auction' as const,
      walBasis: '30/360' as const,
      pricingSpeeds: [0, 100, 200],
      pricingSpeedText: '24% CPR',
      pricingIndexLevels: { libor1m: libor, libor6m: 1.23, libor12m: 1.51, cmt1y: 1.31 },
      classes: [
        { name: 'FLT', kind: 'floater' as const, originalBalance: 100_000_000, marginPct: 0.4, measure: 'DM' as const, accrual: 'act/360' as const, accruedDaysAtSettlement: 0, type: 'Floater' },
        { name: 'FIX', kind: 'fixed' as const, originalBalance: 100_000_000, couponPct: 5.5, measure: 'Yield' as const, accrual: '30/360' as const, accruedDaysAtSettlement: 29, type: 'Fixed' },
      ],
    },
    run(scenario: Scenario): DealRun {
      deal.runs++;
      const periods = 360;
      const cprPct = scenario.speed.kind === 'pctOfPricing' ? (24 * scenario.speed.pct) / 100 : scenario.speed.cpr[0];
      const smm = 1 - Math.pow(1 - cprPct / 100, 1 / 12);
      const r = 5.5 / 1200;
      const index = scenario.indices.libor1m ?? libor;
      const flows = () => ({ interest: new Float64Array(periods), principal: new Float64Array(periods), balance: new Float64Array(periods), writedown: new Float64Array(periods), couponPct: new Float64Array(periods) });
      const flt: ClassFlows = flows();
      const fix: ClassFlows = flows();
      const payDates: string[] = [];
      let pool = 200_000_000;
      let previous = SETTLE;
      for (let k = 1; k <= periods; k++) {
        const pay = addMonths(FIRST_PAY, k - 1);
        payDates.push(formatIsoDate(pay));
        const n = periods - k + 1;
        const sched = pool * r / (1 - Math.pow(1 + r, -n)) - pool * r;
        let principal = sched + smm * (pool - sched);
        const end = pool - principal;
        const call = scenario.horizon === 'call' && end <= 0.2 * 200_000_000;
        if (call) principal = pool;
        const half = pool / 2;
        const days = dayCount('act/360', previous, pay);
        flt.couponPct[k - 1] = index + 0.4;
        fix.couponPct[k - 1] = 5.5;
        flt.interest[k - 1] = (half * (index + 0.4) * days) / 36000;
        fix.interest[k - 1] = (half * 5.5) / 1200;
        flt.principal[k - 1] = fix.principal[k - 1] = principal / 2;
        pool -= principal;
        flt.balance[k - 1] = fix.balance[k - 1] = pool / 2;
        previous = pay;
        if (pool <= 1e-6) break;
      }
      return { periods, payDates, classes: new Map([['FLT', flt], ['FIX', fix]]), rateCapPct: new Map(), collateral: [] };
    },
  };
  return deal;
}
