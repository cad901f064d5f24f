import { bandSchedule } from '../../src/engine/bandFormulas';
import type { LockoutBand } from '../../src/waterfall/principal';

/** The definition: each period's percentage is the first band holding it, 0 outside every band. */
const byDefinition = (list: readonly LockoutBand[], periods: number) =>
  Array.from({ length: periods }, (_, i) => list.find((b) => i + 1 >= b.fromPeriod && (b.toPeriod === null || i + 1 <= b.toPeriod))?.pct ?? 0);

describe('bandSchedule', () => {
  it.each([
    ['consecutive bands, the last open', [{ fromPeriod: 1, toPeriod: 36, pct: 0 }, { fromPeriod: 37, toPeriod: 48, pct: 45 }, { fromPeriod: 49, toPeriod: null, pct: 300 }]],
    ['a gap and a band past the end', [{ fromPeriod: 5, toPeriod: 8, pct: 10 }, { fromPeriod: 12, toPeriod: 600, pct: 20 }]],
    ['overlapping bands: the first wins', [{ fromPeriod: 3, toPeriod: 10, pct: 1 }, { fromPeriod: 1, toPeriod: 20, pct: 2 }, { fromPeriod: 8, toPeriod: null, pct: 3 }]],
    ['fractional and out-of-range edges', [{ fromPeriod: -4, toPeriod: 2.5, pct: 7 }, { fromPeriod: 2.5, toPeriod: 4, pct: 8 }]],
    ['no bands', []],
  ] as [string, LockoutBand[]][])('%s', (_name, list) => {
    expect(bandSchedule(list, 40)).toEqual({ table: byDefinition(list, 40) });
  });
});
