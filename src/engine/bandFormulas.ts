/**
 * Schedules a term sheet prints as bands of periods, as named-formula building blocks for any
 * deal: a percentage by period (a lockout schedule, src/waterfall/principal.ts `LockoutBand`) and
 * a cumulative-loss trigger whose limit starts at a percent of the cut-off balance and rises by a
 * yearly increment (src/waterfall/triggers.ts `LossTriggerBand`; a [TBD] band never trips).
 */
import type { LockoutBand } from '../waterfall/principal';
import type { LossTriggerBand } from '../waterfall/triggers';
import { add, and, div, ge, gt, le, mul, q, sub, table, when, type Formula } from './formula';

/** The band's percentage for each of `periods` periods (0 outside every band; the first band that holds a period where bands overlap). */
export function bandSchedule(list: readonly LockoutBand[], periods = 480): Formula {
  const values = new Array<number>(periods).fill(0);
  // Each band's periods filled, the last band first, so an earlier band's percentage is the one
  // left (a loop a band, not a search of the bands a period: this runs as a cold add-in starts).
  for (let j = list.length - 1; j >= 0; j--) {
    const b = list[j];
    const last = b.toPeriod === null ? periods : Math.min(periods, Math.floor(b.toPeriod));
    for (let t = Math.max(1, Math.ceil(b.fromPeriod)); t <= last; t++) values[t - 1] = b.pct;
  }
  return table(values);
}

/** 1 when cumulative losses exceed the limit of the period's band (percent of `cutoffBalance`), else 0. */
export function cumulativeLossTrigger(list: readonly LossTriggerBand[], cutoffBalance: number): Formula {
  const period = q('period');
  let f: Formula = 0;
  for (const b of [...list].reverse()) {
    const inBand = and(ge(period, b.fromPeriod), b.toPeriod === null ? 1 : le(period, b.toPeriod));
    const limitPct = b.startPct === null ? null : add(b.startPct, div(mul(b.annualIncrementPct ?? 0, sub(period, b.fromPeriod)), 12));
    f = when(inBand, limitPct === null ? 0 : gt(q('cumulativeLoss'), mul(div(limitPct, 100), cutoffBalance)), f);
  }
  return f;
}
