/*
 * CWALT 2004-J4 pool fit: coordinate search over a few pool-level physical parameters,
 * minimising the misfit on the visible 0% and 100% columns (WAL in 0.01 years, windows in
 * months) plus the misfit of the A-IO notional schedules at 60% CPR. Prints the path.
 *
 *   npx tsx scripts/cwalt-fit.ts <spec-name>
 */
import type { CwaltPoolParams } from '../src/deals/cwalt-2004-j4/collateral';
import { aioFit, evaluate, patched } from './cwalt-search';

interface Param {
  name: string;
  value: number;
  step: number;
  min: number;
  max: number;
  integer?: boolean;
}

type Build = (v: Record<string, number>) => unknown;

function objective(pool: CwaltPoolParams, aioWeight: number): { loss: number; matched: number; total: number; aio: { group1: number; group2: number } } {
  const fit = evaluate(pool);
  const aio = aioFit(pool);
  const loss = fit.loss + aioWeight * ((aio.group1 / 1e-4) ** 2 + (aio.group2 / 1e-4) ** 2);
  return { loss, matched: fit.matched, total: fit.total, aio };
}

export function search(params: Param[], build: Build, rounds = 4, aioWeight = 1): Record<string, number> {
  const v: Record<string, number> = Object.fromEntries(params.map((p) => [p.name, p.value]));
  let best = objective(patched(build(v)), aioWeight);
  console.log(`start loss ${best.loss.toFixed(1)} matched ${best.matched}/${best.total} aio ${best.aio.group1.toExponential(2)} ${best.aio.group2.toExponential(2)}`, JSON.stringify(v));
  for (let round = 0; round < rounds; round++) {
    for (const p of params) {
      for (const dir of [1, -1]) {
        for (;;) {
          const trial = { ...v, [p.name]: Math.min(p.max, Math.max(p.min, v[p.name] + dir * p.step)) };
          if (p.integer) trial[p.name] = Math.round(trial[p.name]);
          if (trial[p.name] === v[p.name]) break;
          const r = objective(patched(build(trial)), aioWeight);
          if (r.loss < best.loss - 1e-9) {
            best = r;
            Object.assign(v, trial);
            console.log(`  ${p.name}=${v[p.name]} loss ${best.loss.toFixed(1)} matched ${best.matched}/${best.total} aio ${best.aio.group1.toExponential(2)} ${best.aio.group2.toExponential(2)}`);
          } else break;
        }
      }
    }
    for (const p of params) if (!p.integer) p.step /= 2;
  }
  console.log('best', JSON.stringify(v), `matched ${best.matched}/${best.total}`);
  return v;
}

function armProducts(v: Record<string, number>) {
  const io = (share: number, term: number) => ({ ioSharePct: share, ioTermMonths: term });
  return [
    { id: '5/1', product: '5/1 LIB12M', sharePct: v.share51, grossRatePct: v.rate51, index: 'libor12m', marginPct: v.margin, fixedPeriodMonths: 60, resetFrequencyMonths: 12, initialCapPct: 5, periodicCapPct: 2, lifetimeCapAbovePct: 5, ...io(v.io, v.ioTerm51) },
    { id: '3/1', product: '3/1 LIB12M', sharePct: v.share31, grossRatePct: v.rate31, index: 'libor12m', marginPct: v.margin, fixedPeriodMonths: 36, resetFrequencyMonths: 12, initialCapPct: 2, periodicCapPct: 2, lifetimeCapAbovePct: 6, ...io(v.io, v.ioTerm31) },
    { id: '2/28', product: '2/28 LIB6M', sharePct: Math.max(0, 100 - v.share51 - v.share31), grossRatePct: v.rate228, index: 'libor6m', marginPct: v.margin6m, fixedPeriodMonths: 24, resetFrequencyMonths: 6, initialCapPct: 3, periodicCapPct: 1, lifetimeCapAbovePct: 6, ...io(v.io, v.ioTerm228) },
  ];
}

/** Group 1 as one 30-year amortizing line and an interest-only share at one rate (age 6). */
function thirtyYearLines(v: Record<string, number>) {
  const line = { grossRatePct: v.wac1, originalTermMonths: 360, ageMonths: 6 };
  return [{ id: 'fixed30', sharePct: 100 - v.io1, ...line }, ...(v.io1 > 0 ? [{ id: 'fixed30-io', sharePct: v.io1, ioTermMonths: v.ioTerm1, ...line }] : [])];
}

const SPECS: Record<string, { params: Param[]; build: Build }> = {
  oneRate: {
    params: [
      { name: 'wac1', value: 6.1, step: 0.05, min: 5.5, max: 7.5 },
      { name: 'io1', value: 10, step: 2, min: 0, max: 60 },
      { name: 'ioTerm1', value: 48, step: 12, min: 24, max: 180, integer: true },
      { name: 'io', value: 68.5, step: 2, min: 0, max: 100 },
      { name: 'rate2', value: 5.8, step: 0.125, min: 3.5, max: 7.5 },
      { name: 'share51', value: 55, step: 5, min: 0, max: 100 },
      { name: 'share31', value: 30, step: 5, min: 0, max: 100 },
      { name: 'margin', value: 2.25, step: 0.125, min: 1.5, max: 3.5 },
      { name: 'margin6m', value: 3.75, step: 0.25, min: 2, max: 6 },
    ],
    build: (v) => ({
      group1: { subPools: thirtyYearLines(v) },
      group2: { products: armProducts({ ...v, rate51: v.rate2, rate31: v.rate2, rate228: v.rate2, ioTerm51: 60, ioTerm31: 36, ioTerm228: 24 }) },
    }),
  },
  both: {
    params: [
      { name: 'wac1', value: 6.25, step: 0.1, min: 5.5, max: 7.5 },
      { name: 'io1', value: 0, step: 4, min: 0, max: 60 },
      { name: 'ioTerm1', value: 120, step: 12, min: 24, max: 180, integer: true },
      { name: 'io', value: 68.5, step: 5, min: 0, max: 100 },
      { name: 'ioTerm51', value: 60, step: 12, min: 12, max: 120, integer: true },
      { name: 'ioTerm31', value: 36, step: 12, min: 12, max: 120, integer: true },
      { name: 'ioTerm228', value: 24, step: 12, min: 12, max: 120, integer: true },
      { name: 'rate51', value: 5.5, step: 0.25, min: 3.5, max: 7.5 },
      { name: 'rate31', value: 5.0, step: 0.25, min: 3.5, max: 7.5 },
      { name: 'rate228', value: 5.75, step: 0.25, min: 3.5, max: 8.5 },
      { name: 'share51', value: 60, step: 10, min: 0, max: 100 },
      { name: 'share31', value: 20, step: 10, min: 0, max: 100 },
      { name: 'margin', value: 2.25, step: 0.25, min: 1.5, max: 3.5 },
      { name: 'margin6m', value: 3.5, step: 0.5, min: 2, max: 6 },
    ],
    build: (v) => ({
      group1: { subPools: thirtyYearLines(v) },
      group2: { products: armProducts(v) },
    }),
  },
};

if (require.main === module) {
  const name = process.argv[2] ?? 'both';
  const spec = SPECS[name];
  if (!spec) throw new Error(`unknown spec ${name}`);
  const rounds = Number(process.argv[3] ?? 3);
  const aioWeight = Number(process.argv[4] ?? 1);
  const start = process.argv[5] ? (JSON.parse(process.argv[5]) as Record<string, number>) : {};
  for (const p of spec.params) if (start[p.name] !== undefined) p.value = start[p.name];
  const v = search(spec.params, spec.build, rounds, aioWeight);
  console.log(JSON.stringify(spec.build(v), null, 1));
}
