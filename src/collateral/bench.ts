import { EngineError } from '../errors';
import { annuityPayment, projectPool } from './project';
import type { RepLine } from './repline';
import type { ProjectionScenario } from './scenario';

/**
 * The speed yardstick for the projection: how long the whole pool takes against a bare kernel
 * that does the least a projection must do, amortize one level-pay line, as many times as the pool
 * has lines. Target (the collateral issue): the full projection within 3× the kernel.
 */

/**
 * Amortizes one level-pay loan for `periods` months (at most `termMonths`), adding each end
 * balance into `out` (so the work is observable and cannot be optimised away). Returns the final
 * balance. No prepayment, no defaults, no rate changes, no validation: the floor of the cost.
 */
export function amortizeKernel(balance: number, ratePct: number, termMonths: number, periods: number, out: Float64Array): number {
  const r = ratePct / 1200;
  const payment = annuityPayment(balance, r, termMonths);
  const n = Math.min(periods, termMonths, out.length);
  let b = balance;
  for (let k = 0; k < n; k++) {
    const interest = b * r;
    b -= payment - interest;
    out[k] += b;
  }
  return b;
}

export interface BenchmarkOptions {
  /** Timed samples of each (the median is reported). Default 300. */
  readonly runs?: number;
  /** Runs per sample (the sample is their mean), so one sample is well above the clock's resolution. Default 5. */
  readonly batch?: number;
  /** Untimed runs first, so the JIT has compiled both loops. Default 300. */
  readonly warmup?: number;
  /** Clock in milliseconds. Default `performance.now`. */
  readonly now?: () => number;
}

export interface BenchmarkResult {
  readonly lines: number;
  readonly periods: number;
  readonly runs: number;
  /** Runs per sample. */
  readonly batch: number;
  /** Median time of one full projection, ms. */
  readonly projectionMs: number;
  /** Median time of `lines` kernel runs of `periods` periods, ms. */
  readonly kernelMs: number;
  /** projectionMs / kernelMs. */
  readonly ratio: number;
  /** The target ratio. */
  readonly target: number;
}

/** Times `projectPool(lines, scenario)` against `lines.length` kernel runs of the same number of periods. */
export function benchmarkProjection(lines: readonly RepLine[], scenario: ProjectionScenario, options: BenchmarkOptions = {}): BenchmarkResult {
  const runs = options.runs ?? 300;
  const batch = options.batch ?? 5;
  const warmup = options.warmup ?? 300;
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new EngineError('batch', `expected a whole number of runs per sample from 1 to 1000, got ${batch}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000) throw new EngineError('runs', `expected a whole number of runs from 1 to 100000, got ${runs}`);
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > 100_000) throw new EngineError('warmup', `expected a whole number of warm-up runs from 0 to 100000, got ${warmup}`);
  const now = options.now ?? (() => performance.now());

  const periods = projectPool(lines, scenario).periods;
  const out = new Float64Array(periods);
  const kernelOnce = (): number => {
    let sink = 0;
    for (let i = 0; i < lines.length; i++) sink += amortizeKernel(lines[i].balance, lines[i].grossRatePct, periods, periods, out);
    return sink;
  };
  const projectOnce = (): number => projectPool(lines, scenario).endBalance[0];

  let sink = 0;
  for (let i = 0; i < warmup; i++) {
    sink += kernelOnce();
    sink += projectOnce();
  }
  const kernelTimes: number[] = [];
  const projectionTimes: number[] = [];
  // Interleave so both see the same machine state.
  for (let i = 0; i < runs; i++) {
    let t0 = now();
    for (let b = 0; b < batch; b++) sink += kernelOnce();
    kernelTimes.push((now() - t0) / batch);
    t0 = now();
    for (let b = 0; b < batch; b++) sink += projectOnce();
    projectionTimes.push((now() - t0) / batch);
  }
  if (!Number.isFinite(sink)) throw new EngineError('benchmark', 'expected finite results from the benchmark runs');
  const projectionMs = median(projectionTimes);
  const kernelMs = median(kernelTimes);
  return { lines: lines.length, periods, runs, batch, projectionMs, kernelMs, ratio: projectionMs / kernelMs, target: 3 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
