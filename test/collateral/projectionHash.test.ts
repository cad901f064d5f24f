/**
 * The projection's every output bit, pinned: a SHA-256 of all PoolFlows arrays of a dozen pools
 * and scenarios that go through every branch of the line loop (IO periods, ARM resets with caps,
 * floors, lookback and a moving index, defaults with lag, 'totalPaydown', ramps by loan age and by
 * deal period, CPR vectors, CPR by age, truncated periods), the two deals' own projections, and a
 * dozen full deal runs (every class flow and rate cap). The hashes were recorded from the
 * projection before it was restructured for speed (issue 19): a change of any bit fails here.
 */
import { createHash } from 'crypto';
import { projectPool } from '../../src/collateral/project';
import type { ProjectionScenario } from '../../src/collateral/scenario';
import type { PoolFlows } from '../../src/collateral/types';
import { CWALT_J4_PPC } from '../../src/analytics/prepayment';
import { flatIndexPath, forwardIndexPath } from '../../src/market/indices';
import type { DealRun } from '../../src/deals/types';
import { listDeals } from '../../src/run/registry';
import { normaliseScenario, type ScenarioInput } from '../../src/run/scenario';
import { armLine, fixedLine } from './helpers';

const KEYS = ['beginBalance', 'scheduledPrincipal', 'prepayment', 'defaultedBalance', 'recovery', 'loss', 'grossInterest', 'netInterest', 'endBalance', 'grossRate', 'netRate', 'netMaxRate'] as const;

function update(h: ReturnType<typeof createHash>, a: Float64Array): void {
  h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

function poolHash(flows: readonly PoolFlows[]): string {
  const h = createHash('sha256');
  for (const f of flows) {
    h.update(String(f.periods));
    for (const k of KEYS) update(h, f[k]);
  }
  return h.digest('hex').slice(0, 16);
}

function runHash(run: DealRun): string {
  const h = createHash('sha256');
  h.update(`${run.periods}|${run.payDates.join(',')}`);
  for (const [name, c] of run.classes) {
    h.update(name);
    for (const a of [c.interest, c.principal, c.balance, c.writedown, c.couponPct]) update(h, a);
  }
  for (const [name, a] of run.rateCapPct) {
    h.update(name);
    update(h, a);
  }
  h.update(poolHash(run.collateral));
  return h.digest('hex').slice(0, 16);
}

const moving = forwardIndexPath({ libor6m: Array.from({ length: 400 }, (_, k) => 1.2 + 0.02 * k + 0.3 * Math.sin(k / 7)), libor1m: Array.from({ length: 400 }, (_, k) => 1.1 + 0.015 * k) });
const flat = flatIndexPath({ libor1m: 1.1, libor6m: 1.23, libor12m: 1.51, cmt1y: 1.31 });
const mixed = [
  fixedLine({ id: 'f1', balance: 250_000.37, grossRatePct: 6.125, remainingTermMonths: 355, ageMonths: 5 }),
  fixedLine({ id: 'io', balance: 180_000, grossRatePct: 5.75, ioTermMonths: 120, remainingTermMonths: 350, ageMonths: 10 }),
  armLine({ id: 'a1', balance: 300_000, grossRatePct: 4.5 }),
  armLine({ id: 'a2', balance: 120_500.5, grossRatePct: 3.9, ioTermMonths: 60, remainingTermMonths: 340, ageMonths: 20 }, { monthsToNextReset: 5, lookbackMonths: 1, periodicCapPct: 2 }),
  fixedLine({ id: 'f2', balance: 75_000, grossRatePct: 7.25, remainingTermMonths: 178, originalTermMonths: 180, ageMonths: 2 }),
];

const POOLS: [string, ProjectionScenario, string][] = [
  ['cpr 0, flat', { indices: flat }, '65ce1d8d59b19331'],
  ['cpr 25, moving index', { prepayment: { kind: 'cpr', cprPct: 25 }, indices: moving }, '2ecff8621dba1577'],
  ['cpr vector', { prepayment: { kind: 'cpr', cprPct: [2, 4, 8, 16, 30, 12] }, indices: moving }, '3abdc9bde43aef5c'],
  ['PPC by loan age, defaults with lag', { prepayment: { kind: 'ramp', curve: CWALT_J4_PPC, pctOfPricing: 150 }, cdrPct: 3, severityPct: 40, lagMonths: 9, indices: moving }, '06ee4e2d4315067e'],
  ['ramp by deal period', { prepayment: { kind: 'ramp', curve: CWALT_J4_PPC, pctOfPricing: 80, indexing: 'dealPeriod' }, indices: flat }, 'b66460da228035ba'],
  ['CPR by age', { prepayment: { kind: 'byAge', cprPctAtMonth: (m) => Math.min(40, m / 3) }, cdrPct: [0, 1, 2, 5], severityPct: 25, indices: moving }, '4316d978a6f1aa41'],
  ['total paydown', { prepayment: { kind: 'cpr', cprPct: 18 }, prepaymentBase: 'totalPaydown', indices: moving }, '6f54893b93e358f9'],
  ['total paydown with defaults, 60 periods', { prepayment: { kind: 'cpr', cprPct: 9 }, prepaymentBase: 'totalPaydown', cdrPct: 2, severityPct: 30, lagMonths: 3, periods: 60, indices: flat }, '4305d52465ac133a'],
];

const RUNS: [string, ScenarioInput, string][] = [
  ['cwalt-2004-j4', { speed: 100 }, 'c080dee8c5ecb4b8/0a8fa747af40d972'],
  ['cwalt-2004-j4', { speed: 0, horizon: 'maturity' }, '0250974964b8ca4a/527f88fa61adecce'],
  ['cwalt-2004-j4', { speed: 250, horizon: 'maturity' }, 'd1dd056bd4ac7af1/5006bd83ab858731'],
  ['cwalt-2004-j4', { speed: 175, horizon: 'maturity', cdr: 2, severity: 35, lagMonths: 12 }, 'd456f035f798cf76/bed2436048f9d820'],
  ['cwalt-2004-j4', { speed: '8 12R 24', horizon: 'maturity', shiftBp: 150 }, 'da7802263d6d3b7a/e28bb2047aa3800f'],
  ['cwalt-2004-j4', { speed: 60, indices: { libor1m: 3.5, libor6m: 4 } }, 'e804b964e804c288/71f4b75c4587c114'],
  ['impac-cmb-2004-1', { speed: 100 }, 'f2c12554a8f7e925/254d634346db9377'],
  ['impac-cmb-2004-1', { speed: 0, horizon: 'maturity' }, '700ec66cb59bea79/73fadc308bb6e835'],
  ['impac-cmb-2004-1', { speed: 200, horizon: 'maturity', cdr: 3, severity: 45, lagMonths: 6 }, 'ac15614b5faadba7/84eabd034702bc6b'],
  ['impac-cmb-2004-1', { speed: 100, horizon: 'maturity', curve: 'forward' }, '079308f94b0bb0c6/5c6fb21c91e9601c'],
  ['impac-cmb-2004-1', { speed: 70, curve: 'forward', shiftBp: 300 }, 'cf4976a8c2ba10d8/2222e29eab8c0717'],
  ['impac-cmb-2004-1', { speed: '5 24R 30', horizon: 'maturity', indices: { libor1m: 2.2 } }, 'df8809781f76dd0a/f9ca34b5e52639a9'],
];

const record = process.env.RECORD_HASHES === '1';

describe('the projection, bit for bit', () => {
  it.each(POOLS)('%s', (_name, scenario, expected) => {
    const h = poolHash([projectPool(mixed, scenario)]);
    if (record) console.log(`POOL ${_name} ${h}`);
    else expect(h).toBe(expected);
  });

  it.each(RUNS)('%s %j: projection and full run', (id, input, expected) => {
    const deal = listDeals().find((d) => d.description.id === id);
    if (!deal) throw new Error(`no deal ${id}`);
    const s = normaliseScenario(input);
    const h = `${poolHash(deal.projectCollateral?.(s) ?? [])}/${runHash(deal.run(s))}`;
    if (record) console.log(`RUN ${id} ${JSON.stringify(input)} ${h}`);
    else expect(h).toBe(expected);
  });
});
