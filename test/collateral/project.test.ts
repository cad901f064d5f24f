import v8 from 'v8';
import vm from 'vm';
import { amortize } from '../../src/analytics/amortization';
import { CWALT_J4_PPC, cprToSmm, rampCpr } from '../../src/analytics/prepayment';
import { projectPool } from '../../src/collateral/project';
import type { RepLine } from '../../src/collateral/repline';
import { scenarioTables } from '../../src/collateral/scenario';
import { EngineError } from '../../src/errors';
import { flatIndexPath } from '../../src/market/indices';
import { retainedBytes } from '../../src/run/runCache';
import { armLine, fixedLine, principalOut, total } from './helpers';

/**
 * Closed forms of a level-pay loan (BMA Standard Formulas §B.1; conventions.md §2):
 *   pmt = B·r / (1 − (1+r)^−n),   B_k = B·[(1+r)^n − (1+r)^k] / [(1+r)^n − 1].
 */
function closedFormBalance(b0: number, ratePct: number, n: number, k: number): number {
  const g = 1 + ratePct / 1200;
  return (b0 * (g ** n - g ** k)) / (g ** n - 1);
}

const CENT = 0.005;

describe('projectPool: one fixed-rate loan', () => {
  const loan = fixedLine({ balance: 250_000, grossRatePct: 6.5, remainingTermMonths: 360 });

  it('amortizes as the closed form, to the cent, every period (0 CPR)', () => {
    const flows = projectPool([loan], {});
    const r = 6.5 / 1200;
    const pmt = (250_000 * r) / (1 - (1 + r) ** -360);
    expect(pmt).toBeCloseTo(1580.17, 2); // standard table: $250,000 at 6.5%, 30 years
    for (let k = 1; k <= 360; k++) {
      const begin = closedFormBalance(250_000, 6.5, 360, k - 1);
      const end = closedFormBalance(250_000, 6.5, 360, k);
      expect(Math.abs(flows.beginBalance[k - 1] - begin)).toBeLessThan(CENT);
      expect(Math.abs(flows.endBalance[k - 1] - end)).toBeLessThan(CENT);
      expect(Math.abs(flows.grossInterest[k - 1] - begin * r)).toBeLessThan(CENT);
      expect(Math.abs(flows.scheduledPrincipal[k - 1] - (pmt - begin * r))).toBeLessThan(CENT);
      expect(flows.prepayment[k - 1]).toBe(0);
    }
    expect(flows.endBalance[359]).toBe(0);
  });

  it('pays net interest at gross − fees and reports the WA rates', () => {
    const flows = projectPool([loan], {});
    for (const k of [0, 100, 359]) {
      expect(flows.netInterest[k]).toBeCloseTo((flows.beginBalance[k] * 6.25) / 1200, 8);
      expect(flows.grossRate[k]).toBeCloseTo(6.5, 10);
      expect(flows.netRate[k]).toBeCloseTo(6.25, 10);
      expect(flows.netMaxRate[k]).toBeCloseTo(6.25, 10); // a fixed loan's net maximum rate is its net rate
    }
  });

  it.each([0, 6, 15, 30, 60, 100])('matches the reference amortization (src/analytics) at %d%% CPR', (cpr) => {
    const flows = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: cpr } });
    const reference = amortize({ balance: 250_000, grossRatePct: 6.5, remainingTermMonths: 360 }, cprToSmm(cpr));
    for (let i = 0; i < 360; i++) {
      expect(Math.abs(flows.scheduledPrincipal[i] - reference.scheduledPrincipal[i])).toBeLessThan(1e-6);
      expect(Math.abs(flows.prepayment[i] - reference.prepayment[i])).toBeLessThan(1e-6);
      expect(Math.abs(flows.endBalance[i] - reference.endBalance[i])).toBeLessThan(1e-6);
    }
  });

  it.each([0, 1, 8, 25, 50, 99.9, 100])('returns the whole balance as principal at %d%% CPR', (cpr) => {
    const flows = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: cpr } });
    expect(Math.abs(principalOut(flows) - 250_000)).toBeLessThan(1e-6);
  });

  it('returns the whole balance with defaults, severity and lag (scheduled + prepaid + defaulted)', () => {
    const flows = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: 12 }, cdrPct: 5, severityPct: 40, lagMonths: 6 });
    expect(flows.periods).toBe(366); // remaining term + lag, so every default liquidates
    expect(Math.abs(principalOut(flows) - 250_000)).toBeLessThan(1e-6);
    // Every defaulted dollar comes back as recovery or loss.
    expect(Math.abs(total(flows.recovery) + total(flows.loss) - total(flows.defaultedBalance))).toBeLessThan(1e-6);
    expect(total(flows.loss)).toBeCloseTo(0.4 * total(flows.defaultedBalance), 6);
    expect(flows.endBalance[365]).toBeCloseTo(0, 6);
  });

  it('uses the SF default formulas: MDR on the performing balance, then amortization and SMM', () => {
    const flows = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: 20 }, cdrPct: 10, severityPct: 25, lagMonths: 2 });
    const mdr = 1 - 0.9 ** (1 / 12);
    const smm = 1 - 0.8 ** (1 / 12);
    const r = 6.5 / 1200;
    const def1 = 250_000 * mdr;
    const perf1 = 250_000 - def1;
    const pmt = ((250_000 * r) / (1 - (1 + r) ** -360)) * (1 - mdr);
    const sched1 = pmt - perf1 * r;
    expect(flows.defaultedBalance[0]).toBeCloseTo(def1, 8);
    expect(flows.grossInterest[0]).toBeCloseTo(perf1 * r, 8); // no interest on defaulted loans (no advancing)
    expect(flows.scheduledPrincipal[0]).toBeCloseTo(sched1, 6);
    expect(flows.prepayment[0]).toBeCloseTo(smm * (perf1 - sched1), 6);
    // Liquidation two periods later: 25% loss, 75% recovery of the period-1 defaults.
    expect(flows.loss[0]).toBe(0);
    expect(flows.loss[2]).toBeCloseTo(0.25 * def1, 8);
    expect(flows.recovery[2]).toBeCloseTo(0.75 * def1, 8);
    // Defaulted loans stay in the pool balance until liquidated.
    for (let i = 0; i < flows.periods; i++) {
      const out = flows.scheduledPrincipal[i] + flows.prepayment[i] + flows.recovery[i] + flows.loss[i];
      expect(Math.abs(flows.beginBalance[i] - out - flows.endBalance[i])).toBeLessThan(1e-6);
    }
    // No new defaults in the last `lag` months of the loan.
    expect(flows.defaultedBalance[358]).toBe(0);
    expect(flows.defaultedBalance[359]).toBe(0);
    expect(flows.defaultedBalance[357]).toBeGreaterThan(0);
  });

  it('an interest-only loan pays no principal in its IO months, then level pay over the rest', () => {
    const io = fixedLine({ balance: 400_000, grossRatePct: 6, ioTermMonths: 120, remainingTermMonths: 360 });
    const flows = projectPool([io], {});
    for (let i = 0; i < 120; i++) {
      expect(flows.scheduledPrincipal[i]).toBe(0);
      expect(flows.grossInterest[i]).toBeCloseTo(2000, 8);
    }
    for (let k = 121; k <= 360; k++) {
      expect(Math.abs(flows.endBalance[k - 1] - closedFormBalance(400_000, 6, 240, k - 120))).toBeLessThan(CENT);
    }
  });

  it('a seasoned IO loan counts its IO months from origination', () => {
    const io = fixedLine({ ioTermMonths: 60, ageMonths: 50, remainingTermMonths: 310 });
    const flows = projectPool([io], {});
    expect(flows.scheduledPrincipal[9]).toBe(0);
    expect(flows.scheduledPrincipal[10]).toBeGreaterThan(0);
  });
});

describe('projectPool: prepayment speeds', () => {
  it('a CPR vector applies period by period and its last value holds', () => {
    const flows = projectPool([fixedLine()], { prepayment: { kind: 'cpr', cprPct: [0, 10, 20] } });
    expect(flows.prepayment[0]).toBe(0);
    const after = (i: number): number => flows.beginBalance[i] - flows.scheduledPrincipal[i];
    expect(flows.prepayment[1] / after(1)).toBeCloseTo(cprToSmm(10) / 100, 12);
    expect(flows.prepayment[2] / after(2)).toBeCloseTo(cprToSmm(20) / 100, 12);
    expect(flows.prepayment[200] / after(200)).toBeCloseTo(cprToSmm(20) / 100, 12);
  });

  it('a ramp indexed by loan age reads each line at its own age (PPC: MONTH = age + k)', () => {
    const young = fixedLine({ id: 'young', ageMonths: 0, remainingTermMonths: 360 });
    const old = fixedLine({ id: 'old', ageMonths: 5, remainingTermMonths: 355 });
    const speed = { kind: 'ramp' as const, curve: CWALT_J4_PPC, pctOfPricing: 100 };
    const a = projectPool([young], { prepayment: speed });
    const b = projectPool([old], { prepayment: speed });
    const smmAt = (flows: typeof a, i: number): number => flows.prepayment[i] / (flows.beginBalance[i] - flows.scheduledPrincipal[i]);
    expect(smmAt(a, 0)).toBeCloseTo(cprToSmm(rampCpr(CWALT_J4_PPC, 100, 1)) / 100, 12); // 8% CPR
    expect(smmAt(b, 0)).toBeCloseTo(cprToSmm(rampCpr(CWALT_J4_PPC, 100, 6)) / 100, 12); // month 6
    expect(smmAt(b, 6)).toBeCloseTo(cprToSmm(24) / 100, 12); // plateau from month 12
    // Both lines together give the sum of their separate projections.
    const both = projectPool([young, old], { prepayment: speed });
    for (const i of [0, 3, 11, 40]) expect(both.prepayment[i]).toBeCloseTo(a.prepayment[i] + b.prepayment[i], 6);
  });

  it("a ramp with 'dealPeriod' indexing restarts at period 1 for every line", () => {
    const old = fixedLine({ ageMonths: 5, remainingTermMonths: 355 });
    const flows = projectPool([old], { prepayment: { kind: 'ramp', curve: CWALT_J4_PPC, pctOfPricing: 100, indexing: 'dealPeriod' } });
    expect(flows.prepayment[0] / (flows.beginBalance[0] - flows.scheduledPrincipal[0])).toBeCloseTo(cprToSmm(8) / 100, 12);
  });

  it('any CPR as a function of loan age', () => {
    const flows = projectPool([fixedLine({ ageMonths: 2, remainingTermMonths: 358 })], { prepayment: { kind: 'byAge', cprPctAtMonth: (m) => (m <= 3 ? 0 : 50) } });
    expect(flows.prepayment[0]).toBe(0); // month 3
    expect(flows.prepayment[1]).toBeGreaterThan(0); // month 4
  });
});

describe('projectPool: shape and errors', () => {
  it('defaults the periods to the longest remaining term (+ lag); explicit periods truncate', () => {
    const lines = [fixedLine({ id: 'a', remainingTermMonths: 120 }), fixedLine({ id: 'b', remainingTermMonths: 300 })];
    expect(projectPool(lines, {}).periods).toBe(300);
    expect(projectPool(lines, { lagMonths: 4 }).periods).toBe(304);
    const short = projectPool(lines, { periods: 60 });
    expect(short.periods).toBe(60);
    expect(short.endBalance[59]).toBeGreaterThan(0);
  });

  it('adds lines: a pool projects as the sum of its lines', () => {
    const a = fixedLine({ id: 'a', balance: 1e6, grossRatePct: 5.5 });
    const b = fixedLine({ id: 'b', balance: 5e5, grossRatePct: 7, remainingTermMonths: 240, fees: { servicingPct: 0.5 } });
    const sc = { prepayment: { kind: 'cpr' as const, cprPct: 15 } };
    const pa = projectPool([a], sc);
    const pb = projectPool([b], sc);
    const pool = projectPool([a, b], sc);
    for (const i of [0, 50, 239, 300]) {
      const sumOf = (f: (x: typeof pool) => Float64Array): number => (f(pa)[i] ?? 0) + (i < pb.periods ? f(pb)[i] : 0);
      expect(pool.scheduledPrincipal[i]).toBeCloseTo(sumOf((x) => x.scheduledPrincipal), 6);
      expect(pool.netInterest[i]).toBeCloseTo(sumOf((x) => x.netInterest), 6);
    }
    // WA net rate: beginning-balance weights of the lines still paying.
    expect(pool.netRate[0]).toBeCloseTo((1e6 * 5.25 + 5e5 * 6.5) / 1.5e6, 10);
  });

  it('keeps the last WA rates once the pool has paid off (never NaN)', () => {
    const flows = projectPool([fixedLine({ remainingTermMonths: 12 })], { periods: 24 });
    expect(flows.netRate[23]).toBeCloseTo(5.75, 10);
    expect(Number.isNaN(flows.grossRate[20])).toBe(false);
  });

  it('throws EngineError saying what was expected', () => {
    expect(() => projectPool([], {})).toThrow('lines: expected at least one rep line');
    expect(() => projectPool([fixedLine({ balance: -5 })], {})).toThrow(EngineError);
    expect(() => projectPool([fixedLine({ balance: -5 })], {})).toThrow(/balance above 0/);
    expect(() => projectPool([fixedLine({ remainingTermMonths: 400 })], {})).toThrow(/remainingTermMonths/);
    expect(() => projectPool([fixedLine({ ageMonths: 1.5 })], {})).toThrow(/ageMonths a whole number/);
    expect(() => projectPool([fixedLine({ fees: { servicingPct: 7 } })], {})).toThrow(/fee strips \(7\) no larger than the gross rate/);
    expect(() => projectPool([fixedLine()], { prepayment: { kind: 'cpr', cprPct: 120 } })).toThrow('cprPct: expected a rate from 0 to 100 (percent), got 120');
    expect(() => projectPool([fixedLine()], { prepayment: { kind: 'cpr', cprPct: [5, Number.NaN] } })).toThrow('cprPct[1]');
    expect(() => projectPool([fixedLine()], { cdrPct: -1 })).toThrow('cdrPct');
    expect(() => projectPool([fixedLine()], { periods: 0 })).toThrow('periods: expected a whole number of periods from 1 to 1200, got 0');
    expect(() => projectPool([fixedLine()], { lagMonths: 2.5 })).toThrow('lagMonths');
    expect(() => projectPool([armLine()], {})).toThrow('indices: expected an index path: line arm is an ARM on libor6m');
    expect(() => projectPool([armLine({}, { floorPct: 12 })], { indices: flatIndexPath({ libor1m: 1, libor6m: 1, libor12m: 1, cmt1y: 1 }) })).toThrow(/floorPct \(12\) ≤ arm.lifetimeCapPct/);
  });

  it('lets projections go at a young collection: nothing they leave behind holds them', () => {
    // A pool's link to its other series once lived in a WeakMap whose value led back to the pool,
    // a cycle only a full collection breaks: every projection outlived the young collections.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as (options?: { type: 'minor' | 'major'; execution?: 'sync' }) => void;
    const lines = [fixedLine({ id: 'a' }), armLine({ id: 'b' })];
    const indices = flatIndexPath({ libor1m: 1, libor6m: 1.2, libor12m: 1.5, cmt1y: 1.4 });
    gc({ type: 'major' });
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 200; i++) projectPool(lines, { indices }); // 200 buffers of 14 KB
    const projected = process.memoryUsage().arrayBuffers - before;
    // Two young collections: array buffers found dead are released by the sweep after the first.
    gc({ type: 'minor', execution: 'sync' });
    gc({ type: 'minor', execution: 'sync' });
    const left = process.memoryUsage().arrayBuffers - before;
    expect(projected).toBeGreaterThan(2e6);
    expect(left).toBeLessThan(projected / 10);
  });

  it('projects a pool whose lines changed since the last call as a fresh copy of them', () => {
    // The projection remembers each pool's starting payments (and keeps its line states) from call
    // to call: a line edited in place must not be projected with the old ones.
    const lines = [fixedLine({ id: 'a' }), fixedLine({ id: 'b', balance: 50_000, grossRatePct: 7 })];
    const scenario = { prepayment: { kind: 'cpr' as const, cprPct: 8 } };
    projectPool(lines, scenario);
    for (const edit of [{ balance: 75_000 }, { grossRatePct: 6.5 }, { remainingTermMonths: 240 }]) {
      Object.assign(lines[1], edit);
      expect(projectPool(lines, scenario)).toEqual(projectPool(lines.map((l) => ({ ...l })), scenario));
    }
  });

  it('gives the same figures when a prepayment function projects a pool itself, or an earlier call failed', () => {
    // A call keeps its line states and tables for the next one: a call made inside another must
    // not share them, and a failed call must not leave anything behind.
    const lines = [fixedLine({ id: 'a' }), armLine({ id: 'b', balance: 120_000 })];
    const indices = flatIndexPath({ libor1m: 1, libor6m: 1.2, libor12m: 1.4, cmt1y: 1.3 });
    const plain = { indices, prepayment: { kind: 'byAge' as const, cprPctAtMonth: (m: number) => Math.min(20, m) } };
    const expected = projectPool(lines, plain);
    const nested = {
      indices,
      prepayment: {
        kind: 'byAge' as const,
        cprPctAtMonth: (m: number) => {
          projectPool(lines, { indices, prepayment: { kind: 'cpr', cprPct: 12 } });
          return Math.min(20, m);
        },
      },
    };
    expect(projectPool(lines, nested)).toEqual(expected);
    const failing = { indices, prepayment: { kind: 'byAge' as const, cprPctAtMonth: (m: number) => (m > 30 ? Number.NaN : 5) } };
    expect(() => projectPool(lines, failing)).toThrow('cpr at loan month 31');
    expect(projectPool(lines, plain)).toEqual(expected);
  });

  it('gives each call fresh flows, and the pools without defaults of every call one shared array of zeros', () => {
    // The flows are kept and shared by runs, so a call never writes memory an earlier call returned;
    // the zeros nothing writes are the exception, outside the call's buffer.
    const lines = [fixedLine({ id: 'a' })];
    const first = projectPool(lines, { prepayment: { kind: 'cpr', cprPct: 8 } });
    const copy = first.scheduledPrincipal.slice();
    const second = projectPool(lines, { prepayment: { kind: 'cpr', cprPct: 20 } });
    expect(Array.from(first.scheduledPrincipal)).toEqual(Array.from(copy));
    expect(second.beginBalance.buffer).not.toBe(first.beginBalance.buffer);
    expect(second.defaultedBalance.buffer).toBe(first.defaultedBalance.buffer);
    expect(first.defaultedBalance.buffer).not.toBe(first.beginBalance.buffer);
    expect(first.loss).toBe(first.defaultedBalance);
    expect(first.defaultedBalance.every((x) => x === 0)).toBe(true);
    const withDefaults = projectPool(lines, { cdrPct: 2, severityPct: 40, lagMonths: 3 });
    expect(withDefaults.defaultedBalance.buffer).toBe(withDefaults.beginBalance.buffer);
    expect(second.defaultedBalance.every((x) => x === 0)).toBe(true);
  });

  it('projects the series no engine reads when one is first read, once, and sizing a pool for the run cache reads none', () => {
    // A line whose balance counts its reads: every projection of the pool reads it.
    let reads = 0;
    const arm = armLine({ id: 'arm' });
    const counted: RepLine = Object.defineProperty({ ...arm }, 'balance', { get: () => (reads++, arm.balance), enumerable: true });
    const lines = [fixedLine({ id: 'f' }), counted];
    const scenario = { prepayment: { kind: 'cpr' as const, cprPct: 12 }, indices: flatIndexPath({ libor1m: 1, libor6m: 1.2, libor12m: 1.4, cmt1y: 1.3 }) };
    const pool = projectPool(lines, scenario);
    const projected = reads;
    expect(Object.keys(pool)).not.toContain('grossInterest');
    expect(retainedBytes(pool)).toBeGreaterThan(0);
    expect(reads).toBe(projected);
    const grossRate = pool.grossRate;
    expect(reads).toBeGreaterThan(projected);
    const again = reads;
    expect(pool.grossInterest[0]).toBeCloseTo(100_000 * 0.005 + 100_000 * (5 / 1200), 8);
    expect(pool.netMaxRate).not.toBe(pool.netRate); // an ARM pool: its own array
    expect(pool.grossRate).toBe(grossRate);
    expect(reads).toBe(again);
    // A fixed-rate pool's net max rate is its net rate, with no second projection.
    const fixed = projectPool([fixedLine()], {});
    expect(fixed.netMaxRate).toBe(fixed.netRate);
  });

  it('says so when the lines changed between the projection and the first read of a series it projects on demand', () => {
    const lines = [fixedLine({ id: 'a' }), fixedLine({ id: 'b', grossRatePct: 7 })];
    const pool = projectPool(lines, { prepayment: { kind: 'cpr', cprPct: 10 } });
    Object.assign(lines[1], { balance: 90_000 });
    expect(() => pool.grossInterest).toThrow(/expected the rep lines of pool 1 unchanged since they were projected \(its beginBalance differs in period 1\); project them again/);
    // Unchanged lines: the gross series read, and match a fresh projection.
    const kept = [fixedLine({ id: 'a' })];
    const fresh = projectPool(kept, { prepayment: { kind: 'cpr', cprPct: 10 } });
    expect(Array.from(fresh.grossRate)).toEqual(Array.from(projectPool(kept, { prepayment: { kind: 'cpr', cprPct: 10 } }).grossRate));
  });

  it('fills the SMM table of a ramp alike whether it is the first of its curve and speed or not, longer or shorter than the ramp', () => {
    // Ramps' SMMs up to the plateau are remembered by curve and speed: the tables must not depend on it.
    const curve = { startCprPct: 3, plateauCprPct: 17.5, plateauMonth: 9 };
    const expected = (months: number) => Float64Array.from({ length: months + 1 }, (_, m) => (m === 0 ? 0 : 1 - Math.pow(1 - rampCpr(curve, 130, m) / 100, 1 / 12)));
    for (const periods of [5, 20, 9, 3, 40]) {
      const t = scenarioTables({ periods, prepayment: { kind: 'ramp', curve, pctOfPricing: 130, indexing: 'dealPeriod' } }, 360, 0);
      expect(Array.from(t.smm)).toEqual(Array.from(expected(periods)));
    }
  });

  it('names the first period whose index level is not finite, wherever the bad levels are', () => {
    const path = (level: (period: number) => number) => ({ description: 'test', has: () => true, rate: (_index: string, period: number) => level(period) });
    const project = (level: (period: number) => number) => () => projectPool([armLine()], { periods: 12, indices: path(level) });
    expect(project((p) => (p >= 5 ? Infinity : 1.5))).toThrow('indices.libor6m[period 5]');
    expect(project((p) => (p === 3 || p === 10 ? Number.NaN : 1.5))).toThrow('indices.libor6m[period 3]');
    expect(project((p) => (p === 12 || p === 7 ? Number.NaN : 1.5))).toThrow('indices.libor6m[period 7]');
    expect(project((p) => (p === 12 ? -Infinity : 1.5))).toThrow('indices.libor6m[period 12]');
    expect(project((p) => (p === 1 ? Number.NaN : 1.5))).toThrow('indices.libor6m[period 1]');
    expect(project((p) => (p < 6 ? 1.5 : 2))).not.toThrow();
  });
});

describe("projectPool: prepaymentBase 'totalPaydown' (the CPR includes scheduled principal)", () => {
  const loan = fixedLine({ balance: 250_000, grossRatePct: 6.5, remainingTermMonths: 360 });

  it('defaults to the SF rule: an explicit afterScheduled gives the same numbers, bit for bit', () => {
    const a = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: 30 } });
    const b = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: 30 }, prepaymentBase: 'afterScheduled' });
    expect(Array.from(b.endBalance)).toEqual(Array.from(a.endBalance));
    expect(Array.from(b.prepayment)).toEqual(Array.from(a.prepayment));
  });

  it('pays the pool down at exactly the SMM while the SMM exceeds the scheduled rate: B_k = B_0 (1 − CPR)^(k/12)', () => {
    const flows = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: 30 }, prepaymentBase: 'totalPaydown' });
    const smm = 1 - 0.7 ** (1 / 12);
    for (const k of [1, 12, 47, 120, 200]) {
      expect(flows.endBalance[k - 1] / (250_000 * 0.7 ** (k / 12))).toBeCloseTo(1, 10);
      const begin = flows.beginBalance[k - 1];
      expect(flows.scheduledPrincipal[k - 1] + flows.prepayment[k - 1]).toBeCloseTo(smm * begin, 6);
      expect(flows.prepayment[k - 1]).toBeGreaterThan(0);
    }
    expect(principalOut(flows)).toBeCloseTo(250_000, 4);
  });

  it('prepays nothing when the scheduled principal alone exceeds SMM · balance, and is the SF rule at 0 CPR', () => {
    const slow = projectPool([loan], { prepayment: { kind: 'cpr', cprPct: 0.5 }, prepaymentBase: 'totalPaydown' });
    const amortizing = projectPool([loan], {});
    for (let k = 1; k <= 60; k++) {
      expect(slow.prepayment[k - 1]).toBe(0);
      expect(slow.endBalance[k - 1]).toBeCloseTo(amortizing.endBalance[k - 1], 6);
    }
    const zero = projectPool([loan], { prepaymentBase: 'totalPaydown' });
    for (let k = 1; k <= 360; k++) expect(zero.endBalance[k - 1]).toBeCloseTo(amortizing.endBalance[k - 1], 6);
  });

  it('conserves the balance with ARM resets and defaults too', () => {
    const line = armLine({ balance: 300_000, grossRatePct: 6 });
    const flows = projectPool([line], {
      prepayment: { kind: 'cpr', cprPct: 25 },
      prepaymentBase: 'totalPaydown',
      cdrPct: 2,
      severityPct: 40,
      lagMonths: 4,
      indices: flatIndexPath({ libor1m: 1.1, libor6m: 1.2, libor12m: 1.4, cmt1y: 1.2 }),
    });
    let out = 0;
    for (let i = 0; i < flows.periods; i++) {
      out += flows.scheduledPrincipal[i] + flows.prepayment[i] + flows.recovery[i] + flows.loss[i];
      const next = flows.beginBalance[i] - flows.scheduledPrincipal[i] - flows.prepayment[i] - flows.recovery[i] - flows.loss[i];
      expect(Math.abs(next - flows.endBalance[i])).toBeLessThan(1e-6);
      expect(flows.prepayment[i]).toBeGreaterThanOrEqual(0);
    }
    expect(out).toBeCloseTo(300_000, 4);
  });

  it('rejects an unknown base', () => {
    expect(() => projectPool([loan], { prepaymentBase: 'gross' as 'totalPaydown' })).toThrow(EngineError);
  });
});
