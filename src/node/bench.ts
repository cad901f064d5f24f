/**
 * `npm run bench [-- --json]`: the cost of a scenario, a pricing grid and a sheet of functions,
 * each the median of repeated runs after warm-up, in one process (Node only).
 *
 * - kernelMs: a bare loop amortizing one level-pay line for 360 periods, repeated as many times as
 *   the deal has rep lines: the floor nothing can beat;
 * - per deal: projectionMs (collateral alone), waterfallMs (one scenario end to end, uncached),
 *   gridMs (every class, both horizons, the printed speeds, from a cold cache);
 * - sheetColdMs: 1,000 mixed custom-function calls over 20 scenarios on both deals through the
 *   built bundle (evaluated in an ordinary global, as Excel runs it: `BundleRealm`), freshly
 *   loaded (cold cache, and fresh closures that V8 has not yet optimized: the first sheet after
 *   Excel starts); sheetColdCpuMs: the process's CPU time over the same sheets (all threads, so V8's
 *   compiler and collector threads count; steadier than the wall clock on a shared machine) and
 *   sheetColdMainCpuMs the main thread's alone (Linux; null elsewhere): the wall clock less it is
 *   time the sheet's thread waited for a CPU, taken by the compiler's and collector's threads;
 *   sheetNewScenariosMs: the same sheet on 20 scenarios new to the cache of a bundle that has
 *   already computed other sheets for a second; callWarmMs: one call whose scenario is cached;
 * - sharedCacheRuns: engine runs for a pane table followed by cells of the same scenario, on the
 *   built page in headless Chromium (./sharedEngine.ts): 1 when pane and cells share one engine;
 * - coldStart: evaluating a fresh bundle, then per deal its first call and a second scenario;
 * - bundleBytes: the minified functions and task-pane bundles.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { amortizeKernel } from '../collateral/bench';
import type { DealModel } from '../deals/types';
import { listDeals } from '../run/registry';
import { pricingTables } from '../run/pricingTables';
import { resetRunCache } from '../run/runner';
import { normaliseScenario } from '../run/scenario';
import { DIST, loadFunctionsBundle } from './functionsBundle';
import { sharedCacheRuns } from './sharedEngine';

/**
 * Median of `runs` timed calls after a warm-up of at least `warmup` calls and `warmupMs` of
 * repeated calls, so the hot loops are compiled (V8 optimizes a function after many calls: with a
 * handful of warm-up runs a 2 ms waterfall measured 10-15 ms, interpreted).
 */
export function medianMs(fn: () => void, runs = 15, warmup = 3, warmupMs = 300): number {
  const warmStart = process.hrtime.bigint();
  for (let i = 0; i < warmup || Number(process.hrtime.bigint() - warmStart) / 1e6 < warmupMs; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function kernelMs(lines: number): number {
  const out = new Float64Array(360);
  return medianMs(() => {
    for (let i = 0; i < lines; i++) amortizeKernel(1_000_000 + i, 5.5, 360, 360, out);
  }, 51, 5);
}

export interface DealBench {
  repLines: number;
  kernelMs: number;
  projectionMs: number | null;
  waterfallMs: number;
  gridMs: number;
  gridRuns: number;
  ratios: { projectionToKernel: number | null; gridToRunsKernel: number };
}

function benchDeal(deal: DealModel): DealBench {
  const lines = deal.repLineCount ?? 1;
  const kernel = kernelMs(lines);
  const scenario = normaliseScenario({ speed: 100, horizon: 'maturity' });
  const projectionMs = deal.projectCollateral ? medianMs(() => void deal.projectCollateral?.(scenario), 31, 30) : null;
  const waterfallMs = medianMs(() => void deal.run(scenario), 21, 20);
  const speeds = deal.description.pricingSpeeds;
  const gridRuns = speeds.length * 2;
  const gridMs = medianMs(() => {
    resetRunCache();
    pricingTables(deal, {});
  }, 21, 3, 1000);
  return {
    repLines: lines,
    kernelMs: kernel,
    projectionMs,
    waterfallMs,
    gridMs,
    gridRuns,
    ratios: { projectionToKernel: projectionMs === null ? null : projectionMs / kernel, gridToRunsKernel: gridMs / (gridRuns * kernel) },
  };
}

/** 1,000 calls: 20 scenarios (10 speeds × 2 deals), each asked by 50 cells of mixed functions. */
function sheetCalls(deals: readonly DealModel[], speedOffset = 0): { id: string; args: unknown[] }[] {
  const calls: { id: string; args: unknown[] }[] = [];
  const speeds = [0, 20, 40, 60, 80, 100, 120, 150, 180, 200].map((x) => x + speedOffset);
  for (let i = 0; i < 1000; i++) {
    const deal = deals[i % deals.length];
    const speed = speeds[Math.floor(i / deals.length) % speeds.length];
    const priced = deal.description.classes.filter((c) => c.measure !== null);
    const cls = priced[i % priced.length];
    const kind = i % 4;
    const name = deal.description.name;
    if (kind === 0) calls.push({ id: 'WAL', args: [name, cls.name, [[speed]], 'maturity', null] });
    else if (kind === 1) calls.push({ id: cls.measure === 'DM' ? 'DMARGIN' : 'YIELD', args: [name, cls.name, '100-00', [[speed]], 'maturity', null] });
    else if (kind === 2) calls.push({ id: 'MDUR', args: [name, cls.name, '99-16', [[speed]], 'maturity', null] });
    else calls.push({ id: 'WINDOW', args: [name, cls.name, [[speed]], 'maturity', null] });
  }
  return calls;
}

/** The CPU time of this process's main thread, ms (Linux: /proc), or null where it is not told. */
function mainThreadCpuMs(): number | null {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

function sheetBench(deals: readonly DealModel[]): { sheetColdMs: number; sheetColdCpuMs: number; sheetColdMainCpuMs: number | null; sheetNewScenariosMs: number; callWarmMs: number; errors: number } | null {
  if (!fs.existsSync(path.join(DIST, 'functions.js'))) return null;
  const calls = sheetCalls(deals);
  // Each repetition loads a fresh bundle (a cold engine cache) outside the timed part.
  let errors = 0;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const mainTimes: number[] = [];
  for (let rep = 0; rep < 6; rep++) {
    const fresh = loadFunctionsBundle('ordinary');
    errors = 0;
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    for (const c of calls) if (fresh.call(c.id, ...c.args) instanceof Error) errors++;
    const cpu = process.cpuUsage(cpu0);
    const main1 = mainThreadCpuMs();
    if (rep > 0) {
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      if (main0 !== null && main1 !== null) mainTimes.push(main1 - main0);
    }
  }
  const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sheetColdMs = middle(times);
  const sheetColdCpuMs = middle(cpuTimes);
  const sheetColdMainCpuMs = mainTimes.length > 0 ? middle(mainTimes) : null;
  // The same sheet in a session that has already computed others for a second (V8 has optimized
  // the engine), where every one of the 20 scenarios is new to the cache: speeds shifted by a
  // fraction never used before.
  const session = loadFunctionsBundle('ordinary');
  const warmStart = process.hrtime.bigint();
  for (let j = 1; j <= 200 && Number(process.hrtime.bigint() - warmStart) / 1e6 < 1000; j++) {
    for (const c of sheetCalls(deals, j / 4)) session.call(c.id, ...c.args);
  }
  const newTimes: number[] = [];
  for (let offset = 1; offset <= 7; offset++) {
    const shifted = sheetCalls(deals, 60 + offset / 3);
    const t0 = process.hrtime.bigint();
    for (const c of shifted) if (session.call(c.id, ...c.args) instanceof Error) errors++;
    newTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  newTimes.sort((a, b) => a - b);
  const sheetNewScenariosMs = newTimes[Math.floor(newTimes.length / 2)];
  const bundle = loadFunctionsBundle('ordinary');
  const first = calls[0];
  bundle.call(first.id, ...first.args);
  const callWarmMs = medianMs(() => {
    for (let i = 0; i < 1000; i++) bundle.call(first.id, ...first.args);
  }, 15, 3) / 1000;
  return { sheetColdMs, sheetColdCpuMs, sheetColdMainCpuMs, sheetNewScenariosMs, callWarmMs, errors };
}

/**
 * Cold start apart from the engine's steady cost, each the median over 7 freshly loaded bundles:
 * evaluating the bundle (read, compile, run its top level: deal terms built at load), then per
 * deal the first call (what the deal builds once: calendars, date tables, calibrated pool; and a
 * first run in the interpreter) and a second call on a new scenario (a run alone, still cold).
 */
function coldStart(deals: readonly DealModel[]): { bundleEvalMs: number; firstCallMs: Record<string, number>; secondRunMs: Record<string, number> } {
  const evalTimes: number[] = [];
  const first: Record<string, number[]> = {};
  const second: Record<string, number[]> = {};
  const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
  for (let rep = 0; rep < 7; rep++) {
    let t0 = process.hrtime.bigint();
    const bundle = loadFunctionsBundle('ordinary');
    evalTimes.push(since(t0));
    for (const deal of deals) {
      const cls = deal.description.classes.find((c) => c.measure !== null) ?? deal.description.classes[0];
      t0 = process.hrtime.bigint();
      bundle.call('WAL', deal.description.name, cls.name, [[100]], 'maturity', null);
      (first[deal.description.id] ??= []).push(since(t0));
      t0 = process.hrtime.bigint();
      bundle.call('WAL', deal.description.name, cls.name, [[101]], 'maturity', null);
      (second[deal.description.id] ??= []).push(since(t0));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const medians = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
  return { bundleEvalMs: median(evalTimes), firstCallMs: medians(first), secondRunMs: medians(second) };
}

/**
 * Memory under a sheet of `calls` distinct scenarios (`npm run bench -- --soak 10000`): WAL calls
 * through the built bundle, each on a speed no other call uses, alternating the deals. After every
 * tenth of the calls the heap is collected (when node runs with --expose-gc) and measured: with a
 * bounded run cache the figures level off instead of growing with the number of scenarios.
 */
export function runSoak(calls: number): { calls: number; gcExposed: boolean; samples: { calls: number; heapUsedMB: number; arrayBuffersMB: number; rssMB: number }[]; errors: number; ms: number } {
  const bundle = loadFunctionsBundle('ordinary');
  const deals = listDeals();
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: { calls: number; heapUsedMB: number; arrayBuffersMB: number; rssMB: number }[] = [];
  const sample = (done: number) => {
    // Two collections: array buffers' memory is released by the sweep that follows the first.
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    samples.push({ calls: done, heapUsedMB: m.heapUsed / 2 ** 20, arrayBuffersMB: m.arrayBuffers / 2 ** 20, rssMB: m.rss / 2 ** 20 });
  };
  const every = Math.max(1, Math.floor(calls / 10));
  let errors = 0;
  const t0 = process.hrtime.bigint();
  sample(0);
  for (let i = 0; i < calls; i++) {
    const deal = deals[i % deals.length];
    const cls = deal.description.classes.find((c) => c.measure !== null) ?? deal.description.classes[0];
    // Distinct speeds from 50% to 250% of pricing (both deals stay under 100% CPR).
    const speed = 50 + (200 * i) / calls;
    if (bundle.call('WAL', deal.description.name, cls.name, [[speed]], 'maturity', null) instanceof Error) errors++;
    if ((i + 1) % every === 0) sample(i + 1);
  }
  return { calls, gcExposed: gc !== undefined, samples, errors, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function bundleBytes(): Record<string, number | null> {
  const size = (f: string) => (fs.existsSync(path.join(DIST, f)) ? fs.statSync(path.join(DIST, f)).size : null);
  return { functions: size('functions.js'), taskpane: size('taskpane.js') };
}

export async function runBenchmarks(): Promise<Record<string, unknown>> {
  const deals = listDeals();
  const perDeal: Record<string, DealBench> = {};
  for (const d of deals) perDeal[d.description.id] = benchDeal(d);
  const sheet = deals.length ? sheetBench(deals) : null;
  const cold = deals.length && fs.existsSync(path.join(DIST, 'functions.js')) ? coldStart(deals) : null;
  const shared = await sharedCacheRuns();
  return {
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    date: new Date().toISOString().slice(0, 10),
    kernelMs: Object.fromEntries(Object.entries(perDeal).map(([id, b]) => [id, b.kernelMs])),
    projectionMs: Object.fromEntries(Object.entries(perDeal).map(([id, b]) => [id, b.projectionMs])),
    waterfallMs: Object.fromEntries(Object.entries(perDeal).map(([id, b]) => [id, b.waterfallMs])),
    gridMs: Object.fromEntries(Object.entries(perDeal).map(([id, b]) => [id, b.gridMs])),
    repLines: Object.fromEntries(Object.entries(perDeal).map(([id, b]) => [id, b.repLines])),
    ratios: Object.fromEntries(Object.entries(perDeal).map(([id, b]) => [id, b.ratios])),
    sheetColdMs: sheet?.sheetColdMs ?? null,
    sheetColdCpuMs: sheet?.sheetColdCpuMs ?? null,
    sheetColdMainCpuMs: sheet?.sheetColdMainCpuMs ?? null,
    sheetNewScenariosMs: sheet?.sheetNewScenariosMs ?? null,
    callWarmMs: sheet?.callWarmMs ?? null,
    sheetErrors: sheet?.errors ?? null,
    coldStart: cold,
    sharedCacheRuns: shared.runs,
    engineInstances: shared.engines,
    ...(shared.note ? { sharedCacheNote: shared.note } : {}),
    bundleBytes: bundleBytes(),
  };
}

export function formatBenchmarks(report: Record<string, unknown>): string {
  const lines = [`machine ${String(report.machine)}, ${String(report.date)}`];
  const perDeal = ['kernelMs', 'projectionMs', 'waterfallMs', 'gridMs', 'repLines'] as const;
  for (const key of perDeal) {
    for (const [id, v] of Object.entries(report[key] as Record<string, number | null>)) lines.push(`${key.padEnd(14)} ${id.padEnd(18)} ${v === null ? 'n/a' : v.toFixed(3)}`);
  }
  for (const [id, r] of Object.entries(report.ratios as Record<string, { projectionToKernel: number | null; gridToRunsKernel: number }>)) {
    lines.push(`${'ratios'.padEnd(14)} ${id.padEnd(18)} projection/kernel ${r.projectionToKernel?.toFixed(2) ?? 'n/a'}, grid/(runs×kernel) ${r.gridToRunsKernel.toFixed(2)}`);
  }
  const n = (v: unknown, d = 3) => (typeof v === 'number' ? v.toFixed(d) : 'n/a (npm run build first)');
  lines.push(`sheetColdMs    ${n(report.sheetColdMs)} (CPU ${n(report.sheetColdCpuMs)}, main thread ${typeof report.sheetColdMainCpuMs === 'number' ? report.sheetColdMainCpuMs.toFixed(3) : 'n/a'})`, `sheetNewScenariosMs ${n(report.sheetNewScenariosMs)}`, `callWarmMs     ${n(report.callWarmMs, 4)}`, `sharedCacheRuns ${report.sharedCacheRuns ?? `n/a (${String(report.sharedCacheNote)})`} (engines in the page: ${report.engineInstances ?? 'n/a'})`);
  const cold = report.coldStart as { bundleEvalMs: number; firstCallMs: Record<string, number>; secondRunMs: Record<string, number> } | null;
  if (cold) {
    lines.push(`coldStart      bundle evaluation ${cold.bundleEvalMs.toFixed(1)} ms`);
    for (const id of Object.keys(cold.firstCallMs)) lines.push(`coldStart      ${id.padEnd(18)} first call ${cold.firstCallMs[id].toFixed(1)} ms, next scenario ${cold.secondRunMs[id].toFixed(1)} ms`);
  }
  const b = report.bundleBytes as Record<string, number | null>;
  lines.push(`bundleBytes    functions ${b.functions ?? 'n/a'}, taskpane ${b.taskpane ?? 'n/a'}`);
  return lines.join('\n');
}
