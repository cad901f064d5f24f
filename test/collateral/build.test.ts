import { amortizeKernel, benchmarkProjection } from '../../src/collateral/bench';
import { buildRepLines, nextResetFromAge, splitFractionalAge } from '../../src/collateral/build';
import { projectPool } from '../../src/collateral/project';
import { summarizePool } from '../../src/collateral/summary';
import { flatIndexPath } from '../../src/market/indices';
import { fixedLine } from './helpers';

describe('buildRepLines: rep lines from pool-level parameters', () => {
  const params = {
    idPrefix: 'g2',
    balance: 200_000_000,
    grossWacPct: 5.6,
    netWacPct: 5.2,
    originalTermMonths: 360,
    ageMonths: 2.4,
    ioShare: 0.3,
    ioTermMonths: 120,
    products: [
      { name: '5/1 LIB12M', share: 0.7, index: 'libor12m' as const, fixedPeriodMonths: 60, resetFrequencyMonths: 12, marginPct: 2.25, initialCapPct: 5, periodicCapPct: 2, lifetimeCapSpreadPct: 5 },
      { name: '3/1 CMT1Y', share: 0.1, index: 'cmt1y' as const, fixedPeriodMonths: 36, resetFrequencyMonths: 12, marginPct: 2.75, initialCapPct: 2, periodicCapPct: 2, lifetimeCapPct: 11.5, floorPct: 3 },
    ],
    wacSpreadPct: 0.25,
  };
  const lines = buildRepLines(params);
  const summary = summarizePool(lines);

  it('keeps the pool balance, WAC, net WAC and WA age exactly', () => {
    expect(summary.balance).toBeCloseTo(200_000_000, 4);
    expect(summary.waGrossRatePct).toBeCloseTo(5.6, 12);
    expect(summary.waNetRatePct).toBeCloseTo(5.2, 12);
    expect(summary.waAgeMonths).toBeCloseTo(2.4, 12);
    expect(summary.waRemainingTermMonths).toBeCloseTo(357.6, 12);
    for (const line of lines) expect(Number.isInteger(line.ageMonths)).toBe(true);
  });

  it('splits by product share, IO share, whole ages and the WAC spread', () => {
    // (2 products + fixed) × (IO, amortizing) × (age 2, age 3) × (lo, hi) = 24 lines.
    expect(lines).toHaveLength(24);
    const share = (f: (id: string) => boolean): number => lines.filter((l) => f(l.id)).reduce((s, l) => s + l.balance, 0) / 200_000_000;
    expect(share((id) => id.includes('5/1 LIB12M'))).toBeCloseTo(0.7, 12);
    expect(share((id) => id.includes('FIXED'))).toBeCloseTo(0.2, 12);
    expect(share((id) => id.includes(':IO:'))).toBeCloseTo(0.3, 12);
    expect(summary.arm?.balance).toBeCloseTo(160_000_000, 4);
    expect(summary.arm?.waMarginPct).toBeCloseTo((0.7 * 2.25 + 0.1 * 2.75) / 0.8, 12);
  });

  it('sets the ARM terms from the product and the line age', () => {
    const line = lines.find((l) => l.id === 'g2:5/1 LIB12M:AM:age3:hi');
    expect(line?.arm).toMatchObject({ index: 'libor12m', monthsToNextReset: 57, firstResetDone: false, floorPct: 2.25, lifetimeCapPct: 5.85 + 5 });
    expect(line?.ioTermMonths).toBeUndefined();
    const cmt = lines.find((l) => l.id === 'g2:3/1 CMT1Y:IO:age2:lo');
    expect(cmt?.arm).toMatchObject({ monthsToNextReset: 34, lifetimeCapPct: 11.5, floorPct: 3 });
    expect(cmt?.ioTermMonths).toBe(120);
  });

  it('projects', () => {
    const flows = projectPool(lines, { prepayment: { kind: 'cpr', cprPct: 25 }, indices: flatIndexPath({ libor1m: 1.1, libor6m: 1.23, libor12m: 1.51, cmt1y: 1.31 }) });
    expect(flows.netRate[0]).toBeCloseTo(5.2, 10);
  });

  it('splits a fractional age into adjacent whole ages that keep the mean', () => {
    expect(splitFractionalAge(5.83)).toEqual([
      { age: 5, weight: expect.closeTo(0.17, 12) as number },
      { age: 6, weight: expect.closeTo(0.83, 12) as number },
    ]);
    expect(splitFractionalAge(4)).toEqual([{ age: 4, weight: 1 }]);
    expect(splitFractionalAge(0.0013)).toEqual([{ age: 0, weight: 1 }]);
  });

  it('finds the next change from the loan age', () => {
    expect(nextResetFromAge(24, 6, 1)).toEqual({ monthsToNextReset: 23, firstResetDone: false });
    expect(nextResetFromAge(24, 6, 40)).toEqual({ monthsToNextReset: 2, firstResetDone: true }); // changes at 24, 30, 36, 42
    expect(nextResetFromAge(6, 6, 6)).toEqual({ monthsToNextReset: 6, firstResetDone: true });
  });

  it('rejects inconsistent parameters', () => {
    expect(() => buildRepLines({ ...params, products: [{ ...params.products[0], share: 0.9 }, params.products[1], params.products[1]] })).toThrow('products: expected product shares adding to at most 1');
    expect(() => buildRepLines({ ...params, netWacPct: 6 })).toThrow(/net WAC at or below the gross WAC/);
    expect(() => buildRepLines({ ...params, remainingTermMonths: 300 })).toThrow(/remaining term \+ age = original term/);
  });
});

describe('benchmark and kernel', () => {
  it('the kernel amortizes a level-pay loan to zero at its term', () => {
    const out = new Float64Array(360);
    expect(Math.abs(amortizeKernel(100_000, 6, 360, 360, out))).toBeLessThan(1e-6);
    expect(out[0]).toBeCloseTo(100_000 - (599.55 - 500), 1);
  });

  it('reports medians and their ratio', () => {
    const result = benchmarkProjection([fixedLine({ id: 'a' }), fixedLine({ id: 'b', grossRatePct: 7 })], { prepayment: { kind: 'cpr', cprPct: 30 } }, { runs: 5, warmup: 2, batch: 2 });
    expect(result.lines).toBe(2);
    expect(result.periods).toBe(360);
    expect(result.projectionMs).toBeGreaterThan(0);
    expect(result.kernelMs).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.projectionMs / result.kernelMs, 12);
    expect(() => benchmarkProjection([fixedLine()], {}, { runs: 0 })).toThrow('runs: expected a whole number of runs from 1 to 100000, got 0');
  });
});
