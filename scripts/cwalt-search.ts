/*
 * CWALT 2004-J4 calibration search: evaluates pool-parameter variations on the visible 0% and
 * 100% columns (WAL and windows, both horizons) and prints matched counts and a continuous
 * loss. Pool-level parameters only (never per class or per speed).
 *
 *   npx tsx scripts/cwalt-search.ts '<json patch of CwaltPoolParams>' ...
 */
import { CALIBRATED_POOL, type CwaltPoolParams } from '../src/deals/cwalt-2004-j4/collateral';
import { runCwalt } from '../src/deals/cwalt-2004-j4';
import { classNamed } from '../src/engine/dealRun';
import { normaliseScenario } from '../src/scenario/normalise';
import { loadReference, measure, monthOf } from './cwalt-calibrate';

function monthIndex(ym: string): number {
  const [y, m] = ym.split('-').map(Number);
  return (y - 2004) * 12 + (m - 4);
}

export interface Fit {
  matched: number;
  total: number;
  loss: number;
  detail: string[];
}

export function evaluate(pool: CwaltPoolParams, readings = {}): Fit {
  const ref = loadReference();
  const runs = new Map<string, ReturnType<typeof runCwalt>>();
  let matched = 0;
  let total = 0;
  let loss = 0;
  const detail: string[] = [];
  for (const t of ref.pricingTables) {
    t.speeds.forEach((speed, j) => {
      const key = `${speed}/${t.horizon}`;
      let run = runs.get(key);
      if (!run) {
        run = runCwalt(normaliseScenario({ speed, horizon: t.horizon }), { pool, readings });
        runs.set(key, run);
      }
      const m = measure(classNamed(run, t.class).principal);
      if (!m) {
        total += 3;
        loss += 100;
        return;
      }
      const walErr = m.wal - t.wal[j];
      const f = m.first - monthIndex(t.firstPrinPay[j]);
      const l = m.last - monthIndex(t.lastPrinPay[j]);
      total += 3;
      if (m.wal.toFixed(2) === t.wal[j].toFixed(2)) matched++;
      if (f === 0) matched++;
      if (l === 0) matched++;
      loss += (walErr / 0.01) ** 2 + f * f + l * l;
      if (Math.abs(walErr) >= 0.005 || f || l) detail.push(`${t.class} ${t.horizon} ${speed}%: wal ${walErr >= 0 ? '+' : ''}${walErr.toFixed(3)} first ${f} last ${l} (${monthOf(m.last)})`);
    });
  }
  return { matched, total, loss, detail };
}

function merge<T>(base: T, patch: unknown): T {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = merge((base as Record<string, unknown>)[k], v);
  return out as T;
}

export function patched(patch: unknown): CwaltPoolParams {
  return merge(CALIBRATED_POOL, patch);
}

if (require.main === module) {
  const patches = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const verbose = process.argv.includes('--verbose');
  for (const p of patches.length ? patches : ['{}']) {
    const fit = evaluate(patched(JSON.parse(p)));
    console.log(`${fit.matched}/${fit.total} loss ${fit.loss.toFixed(1)}  ${p}`);
    if (verbose) for (const d of fit.detail) console.log(`   ${d}`);
  }
}

/**
 * How closely the pool run at 60% CPR reproduces the printed A-IO notional schedules (p.6): the
 * largest relative error of each group's balance over periods 1-21.
 */
export function aioFit(pool: CwaltPoolParams): { group1: number; group2: number } {
  const run = runCwalt(normaliseScenario({ speed: [60], horizon: 'maturity' }), { pool });
  const ref = (loadReference() as unknown as { aioNotional: { period: number; notional1AIO: number; notional2AIO: number }[] }).aioNotional;
  let e1 = 0;
  let e2 = 0;
  for (const r of ref) {
    if (r.period > 21) continue;
    e1 = Math.max(e1, Math.abs(run.collateral[0].beginBalance[r.period - 1] / r.notional1AIO - 1));
    e2 = Math.max(e2, Math.abs(run.collateral[1].beginBalance[r.period - 1] / r.notional2AIO - 1));
  }
  return { group1: e1, group2: e2 };
}
