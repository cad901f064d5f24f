import { capRate, fullyIndexedRate, resetRate, roundRate } from '../../src/collateral/arm';
import { projectPool } from '../../src/collateral/project';
import type { RepLine } from '../../src/collateral/repline';
import { flatIndexPath, forwardIndexPath, type IndexPath } from '../../src/market/indices';
import { armLine } from './helpers';

const FLAT: IndexPath = flatIndexPath({ libor1m: 1.1, libor6m: 1.17, libor12m: 1.35, cmt1y: 1.18 });

/** The line's gross rate in periods 1 … n, read off a one-line projection (the WA of one line is its rate). */
function ratePath(line: RepLine, indices: IndexPath, periods = 40): number[] {
  const flows = projectPool([line], { indices, periods });
  return Array.from(flows.grossRate.subarray(0, periods), (r) => Math.round(r * 1e9) / 1e9);
}

/** `value` for periods from … to (1-based, inclusive). */
function run(value: number, from: number, to: number): number[] {
  return new Array<number>(to - from + 1).fill(value);
}

describe('roundRate and the reset formula (conventions.md §3)', () => {
  it('rounds to the nearest, up or down 1/8', () => {
    expect(roundRate(1.17 + 2.25, 0.125, 'nearest')).toBe(3.375); // 3.42
    expect(roundRate(3.4375, 0.125, 'nearest')).toBe(3.5); // halves go up
    expect(roundRate(3.42, 0.125, 'up')).toBe(3.5);
    expect(roundRate(3.42, 0.125, 'down')).toBe(3.375);
    expect(roundRate(3.375, 0.125, 'up')).toBe(3.375);
    expect(roundRate(4.6875 - 1e-12, 0.125, 'nearest')).toBe(4.75); // binary noise does not flip a half
    expect(roundRate(3.42, 0, 'nearest')).toBe(3.42);
  });

  const arm = armLine({}, { marginPct: 2.25, initialCapPct: 2, periodicCapPct: 1, floorPct: 2.25, lifetimeCapPct: 11 }).arm!;

  it('index + margin, rounded', () => {
    expect(fullyIndexedRate(1.17, arm)).toBe(3.375);
  });

  it('clamps a move to the initial cap at the first change, the periodic cap after, both ways', () => {
    expect(resetRate(6, 1.17, arm, true)).toBe(4); // down 2.625, initial cap 2
    expect(resetRate(6, 1.17, arm, false)).toBe(5); // periodic cap 1
    expect(resetRate(2.5, 5, arm, true)).toBe(4.5); // up: full 7.25, cap 2
    expect(resetRate(4, 1.17, arm, false)).toBe(3.375); // within the cap
  });

  it('applies the floor and the lifetime cap last', () => {
    expect(capRate(3, 1, { ...arm, floorPct: 3.5 }, true)).toBe(3.5); // below the floor after the cap: floor wins
    expect(capRate(10.5, 14, arm, false)).toBe(11); // up 1 to 11.5, lifetime cap 11
  });
});

describe('ARM rate paths in a projection (new rate from the period after the change date)', () => {
  it('an up move: first change capped at 1, later changes by the periodic cap, then fully indexed', () => {
    // 6M LIBOR 1.17 in period 1, 3.00 in periods 2–11, 5.00 from period 12. Margin 2.25, caps 1/1.
    const indices = forwardIndexPath({ libor6m: [1.17, ...run(3, 2, 11), 5] });
    const line = armLine({ grossRatePct: 4 }, { monthsToNextReset: 2, initialCapPct: 1, periodicCapPct: 1, lifetimeCapPct: 10 });
    // Change month 2 (reads period 2: 3.00 → full 5.25, capped at 4 + 1) applies from period 3;
    // month 8 (3.00 → 5.25) from period 9; month 14 (5.00 → 7.25, capped at 5.25 + 1) from 15; month 20 from 21.
    expect(ratePath(line, indices, 30)).toEqual([...run(4, 1, 2), ...run(5, 3, 8), ...run(5.25, 9, 14), ...run(6.25, 15, 20), ...run(7.25, 21, 30)]);
  });

  it('a down move held back by the caps: 1.5 at the first change, 1 after, to the fully indexed 3.375', () => {
    const line = armLine({ grossRatePct: 8 }, { monthsToNextReset: 1, initialCapPct: 1.5, periodicCapPct: 1, lifetimeCapPct: 14 });
    expect(ratePath(line, FLAT, 32)).toEqual([8, ...run(6.5, 2, 7), ...run(5.5, 8, 13), ...run(4.5, 14, 19), ...run(3.5, 20, 25), ...run(3.375, 26, 32)]);
  });

  it('a fall stopped by the floor', () => {
    // full = round(1.17 + 2.00) = 3.125; initial cap 2 allows 3.00; the floor 4.75 wins.
    const line = armLine({ grossRatePct: 5 }, { marginPct: 2, floorPct: 4.75, monthsToNextReset: 3, initialCapPct: 2 });
    expect(ratePath(line, FLAT, 12)).toEqual([...run(5, 1, 3), ...run(4.75, 4, 12)]);
  });

  it('a rise stopped by the lifetime cap', () => {
    // Index 6.00: full 8.25; initial cap 2 allows 7.00; the lifetime cap 6.50 wins, and stays.
    const indices = flatIndexPath({ libor1m: 6, libor6m: 6, libor12m: 6, cmt1y: 6 });
    const line = armLine({ grossRatePct: 5 }, { monthsToNextReset: 3, initialCapPct: 2, lifetimeCapPct: 6.5 });
    expect(ratePath(line, indices, 16)).toEqual([...run(5, 1, 3), ...run(6.5, 4, 16)]);
  });

  it('a loan past its first change uses the periodic cap at the next one', () => {
    const line = armLine({ grossRatePct: 7 }, { monthsToNextReset: 1, initialCapPct: 3, periodicCapPct: 1, firstResetDone: true });
    expect(ratePath(line, FLAT, 8)).toEqual([7, ...run(6, 2, 7), 5]);
  });

  it('a lookback of one month reads the index of the period before the change month', () => {
    const indices = forwardIndexPath({ libor6m: [1, 1, 3] }); // 1.00 in periods 1–2, 3.00 from period 3
    const noLookback = armLine({ grossRatePct: 4 }, { monthsToNextReset: 3, initialCapPct: 5 });
    const lookback = armLine({ grossRatePct: 4 }, { monthsToNextReset: 3, initialCapPct: 5, lookbackMonths: 1 });
    expect(ratePath(noLookback, indices, 5)[3]).toBe(5.25); // month 3 reads period 3: 3.00 + 2.25
    expect(ratePath(lookback, indices, 5)[3]).toBe(3.25); // reads period 2: 1.00 + 2.25
  });

  it('recasts the payment on the new rate over the payments left', () => {
    const line = armLine({ grossRatePct: 6, balance: 200_000 }, { monthsToNextReset: 12, resetFrequencyMonths: 12, index: 'libor12m', initialCapPct: 5 });
    const flows = projectPool([line], { indices: FLAT, periods: 30 });
    const b12 = flows.endBalance[11];
    const r = 3.625 / 1200; // 1.35 + 2.25 = 3.60 → 3.625
    const pmt = (b12 * r) / (1 - (1 + r) ** -348);
    expect(flows.grossRate[12]).toBe(3.625);
    expect(flows.scheduledPrincipal[12]).toBeCloseTo(pmt - b12 * r, 8);
    // ...and the new payment retires the loan on schedule: level from there on.
    const b13 = flows.endBalance[12];
    expect(flows.scheduledPrincipal[13]).toBeCloseTo(pmt - b13 * r, 8);
  });

  it('an IO loan recasts at the end of its IO period, on the rate of the day', () => {
    // 5/1 IO: 60 IO months, first change month 60 (applies period 61), 12M LIBOR 1.35 → 3.625.
    const line = armLine(
      { grossRatePct: 5, balance: 300_000, ioTermMonths: 60 },
      { index: 'libor12m', monthsToNextReset: 60, resetFrequencyMonths: 12, initialCapPct: 5, periodicCapPct: 2 },
    );
    const flows = projectPool([line], { indices: FLAT, periods: 80 });
    for (let i = 0; i < 60; i++) {
      expect(flows.scheduledPrincipal[i]).toBe(0);
      expect(flows.grossInterest[i]).toBeCloseTo(1250, 8);
    }
    const r = 3.625 / 1200;
    const pmt = (300_000 * r) / (1 - (1 + r) ** -300);
    expect(flows.grossRate[60]).toBe(3.625);
    expect(flows.scheduledPrincipal[60]).toBeCloseTo(pmt - 300_000 * r, 8);
  });

  it('an IO loan whose IO period ends before the first change: two recasts', () => {
    const line = armLine(
      { grossRatePct: 5, balance: 300_000, ioTermMonths: 36 },
      { index: 'libor12m', monthsToNextReset: 60, resetFrequencyMonths: 12, initialCapPct: 5, periodicCapPct: 2 },
    );
    const flows = projectPool([line], { indices: FLAT, periods: 80 });
    const r5 = 5 / 1200;
    const pmt37 = (300_000 * r5) / (1 - (1 + r5) ** -324);
    expect(flows.scheduledPrincipal[35]).toBe(0);
    expect(flows.scheduledPrincipal[36]).toBeCloseTo(pmt37 - 300_000 * r5, 8);
    const b60 = flows.endBalance[59];
    const r = 3.625 / 1200;
    const pmt61 = (b60 * r) / (1 - (1 + r) ** -300);
    expect(flows.scheduledPrincipal[60]).toBeCloseTo(pmt61 - b60 * r, 8);
  });

  it('reports the net maximum rate: lifetime cap − fees', () => {
    const line = armLine({ grossRatePct: 5, fees: { servicingPct: 0.375, lpmiPct: 0.1 } }, { lifetimeCapPct: 11 });
    const flows = projectPool([line], { indices: FLAT, periods: 10 });
    expect(flows.netMaxRate[0]).toBeCloseTo(11 - 0.475, 10);
    expect(flows.netRate[0]).toBeCloseTo(5 - 0.475, 10);
  });
});
