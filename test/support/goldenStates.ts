/**
 * Golden masters of what the cents golden (cwaltGolden.ts) does not hold: per class the coupon,
 * the rate cap, the cap carryover paid and unpaid (and for Impac, which had no golden master,
 * the cash flows too); per run the pay dates, OC target and amount, Stepdown Date and Trigger
 * Event states, the 1-A-6 Lockout Percentage, the cash check in cents and the rounding residual.
 *
 * Files: test/fixtures/cwalt-2004-j4/golden-states.json, test/fixtures/impac-cmb-2004-1/golden.json.
 * Write them (only for an intended change of results, and name it in the commit):
 *   npx tsx test/support/goldenStates.ts
 * A mismatch names the run, the class, the period and the field (`compareGolden`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioInput } from '../../src/run/scenario';
import { cwaltDetail, impacDetail, type RunDetail } from './dealDetail';

export type DealKey = 'cwalt-2004-j4' | 'impac-cmb-2004-1';

/** Rates are kept to 1e-8 %, the rounding residual to 1e-9 $; money in whole cents. */
export const RATE_DECIMALS = 8;
export const RESIDUAL_DECIMALS = 9;

export const GOLDEN_STATE_SCENARIOS: Record<DealKey, readonly { readonly name: string; readonly input: ScenarioInput }[]> = {
  'cwalt-2004-j4': [
    { name: 'speed 0, auction', input: { speed: 0, horizon: 'call' } },
    { name: 'speed 100, auction', input: { speed: 100, horizon: 'call' } },
    { name: 'speed 100, maturity', input: { speed: 100, horizon: 'maturity' } },
    { name: 'speed 150, maturity', input: { speed: 150, horizon: 'maturity' } },
    { name: 'speed 100, CDR 5, severity 40, lag 6, maturity', input: { speed: 100, horizon: 'maturity', cdr: 5, severity: 40, lagMonths: 6 } },
    { name: 'speed 100, LIBOR 5%, maturity', input: { speed: 100, horizon: 'maturity', indices: { libor1m: 5 } } },
    { name: 'speed 100, shift +300 bp from period 13, maturity', input: { speed: 100, horizon: 'maturity', shiftBp: 300, shiftFromPeriod: 13 } },
  ],
  'impac-cmb-2004-1': [
    { name: 'speed 0, call', input: { speed: 0, horizon: 'call' } },
    { name: 'speed 0, maturity', input: { speed: 0, horizon: 'maturity' } },
    { name: 'speed 100, call', input: { speed: 100, horizon: 'call' } },
    { name: 'speed 100, maturity', input: { speed: 100, horizon: 'maturity' } },
    { name: 'speed 180, call', input: { speed: 180, horizon: 'call' } },
    { name: 'speed 100, CDR 5, severity 40, lag 6, maturity', input: { speed: 100, horizon: 'maturity', cdr: 5, severity: 40, lagMonths: 6 } },
    { name: 'forward curves, call', input: { speed: 100, horizon: 'call', curve: 'forward' } },
    { name: 'forward curves +1000 bp from period 2, maturity', input: { speed: 100, horizon: 'maturity', curve: 'forward', shiftBp: 1000, shiftFromPeriod: 2 } },
    { name: 'speed 100, no derivatives, LIBOR 6%, call', input: { speed: 100, horizon: 'call', derivatives: false, indices: { libor1m: 6 } } },
  ],
};

export interface GoldenStateClass {
  /** Cash flows, cents (already in the CWALT cents golden, so kept only for Impac). */
  readonly interest?: number[];
  readonly principal?: number[];
  readonly balance?: number[];
  readonly writedown?: number[];
  /** Rates, percent × 1e8 (integers). */
  readonly couponPct: number[];
  readonly capPct: number[];
  /** Cap carryover, cents. */
  readonly carryoverPaid: number[];
  readonly carryoverUnpaid: number[];
}

export interface GoldenStateRun {
  readonly name: string;
  readonly periods: number;
  readonly payDates: string[];
  readonly classes: Record<string, GoldenStateClass>;
  /** Deal-level series (cents unless named). */
  readonly ocTarget: number[];
  readonly ocAmount: number[];
  readonly stepdown: number[];
  readonly trigger: number[];
  readonly lockoutPct?: number[];
  readonly depositedCents: number[];
  readonly paidCents: number[];
  readonly releasedCents: number[];
  /** Dollars × 1e9 (integers). */
  readonly roundingResidual: number[];
}

const toCents = (xs: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => Math.round((xs[i] ?? 0) * 100));
const scaled = (xs: ArrayLike<number>, n: number, decimals: number) => Array.from({ length: n }, (_, i) => Math.round((xs[i] ?? 0) * 10 ** decimals));
const plain = (xs: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => Number(xs[i] ?? 0));

export function captureGolden(deal: DealKey, name: string, input: ScenarioInput): GoldenStateRun {
  const d: RunDetail & { lockoutPct?: Float64Array } = deal === 'cwalt-2004-j4' ? cwaltDetail(input) : impacDetail(input);
  const run = d.run;
  const n = run.periods;
  const m = d.waterfallPeriods;
  const classes: Record<string, GoldenStateClass> = {};
  for (const [id, f] of run.classes) {
    const flows = deal === 'impac-cmb-2004-1' ? { interest: toCents(f.interest, n), principal: toCents(f.principal, n), balance: toCents(f.balance, n), writedown: toCents(f.writedown, n) } : {};
    classes[id] = {
      ...flows,
      couponPct: scaled(f.couponPct, n, RATE_DECIMALS),
      capPct: scaled(run.rateCapPct.get(id) ?? [], n, RATE_DECIMALS),
      carryoverPaid: toCents(d.carryoverPaid.get(id) ?? [], m),
      carryoverUnpaid: toCents(d.carryoverUnpaid.get(id) ?? [], m),
    };
  }
  return {
    name,
    periods: n,
    payDates: [...run.payDates],
    classes,
    ocTarget: toCents(d.ocTarget, m),
    ocAmount: toCents(d.ocAmount, m),
    stepdown: plain(d.stepdown, m),
    trigger: plain(d.trigger, m),
    ...(d.lockoutPct ? { lockoutPct: plain(d.lockoutPct, m) } : {}),
    depositedCents: plain(d.depositedCents, m),
    paidCents: plain(d.paidCents, m),
    releasedCents: plain(d.releasedCents, m),
    roundingResidual: scaled(d.roundingResidual, m, RESIDUAL_DECIMALS),
  };
}

/** How far a recorded value may be from the run's: a rounding step of its stored precision, else exact. */
const TOLERANCE: Record<string, number> = { couponPct: 1, capPct: 1, roundingResidual: 2 };

/**
 * Every difference between a recorded run and the run now, as
 * `<run> | <class or "deal"> | period <k> (<pay date>) | <field>: recorded <x>, now <y>`,
 * at most `limit` of them.
 */
export function compareGolden(expected: GoldenStateRun, actual: GoldenStateRun, limit = 20): string[] {
  const out: string[] = [];
  const add = (line: string) => {
    if (out.length < limit) out.push(line);
  };
  const series = (owner: string, field: string, a: readonly (number | string)[] | undefined, b: readonly (number | string)[] | undefined) => {
    if (a === undefined && b === undefined) return;
    const x = a ?? [];
    const y = b ?? [];
    const tol = TOLERANCE[field] ?? 0;
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const r = x[i];
      const v = y[i];
      const same = typeof r === 'number' && typeof v === 'number' ? Math.abs(r - v) <= tol : r === v;
      if (!same) add(`${expected.name} | ${owner} | period ${i + 1} (${expected.payDates[i] ?? actual.payDates[i] ?? '?'}) | ${field}: recorded ${String(r)}, now ${String(v)}`);
    }
  };
  if (expected.periods !== actual.periods) add(`${expected.name} | deal | periods: recorded ${expected.periods}, now ${actual.periods}`);
  series('deal', 'payDates', expected.payDates, actual.payDates);
  const names = new Set([...Object.keys(expected.classes), ...Object.keys(actual.classes)]);
  for (const id of names) {
    const e = expected.classes[id];
    const a = actual.classes[id];
    if (!e || !a) {
      add(`${expected.name} | ${id} | class ${e ? 'missing now' : 'not recorded'}`);
      continue;
    }
    for (const field of ['interest', 'principal', 'balance', 'writedown', 'couponPct', 'capPct', 'carryoverPaid', 'carryoverUnpaid'] as const) series(id, field, e[field], a[field]);
  }
  for (const field of ['ocTarget', 'ocAmount', 'stepdown', 'trigger', 'lockoutPct', 'depositedCents', 'paidCents', 'releasedCents', 'roundingResidual'] as const) {
    series('deal', field, expected[field], actual[field]);
  }
  return out;
}

export const GOLDEN_STATE_FILES: Record<DealKey, string> = {
  'cwalt-2004-j4': join(__dirname, '..', 'fixtures', 'cwalt-2004-j4', 'golden-states.json'),
  'impac-cmb-2004-1': join(__dirname, '..', 'fixtures', 'impac-cmb-2004-1', 'golden.json'),
};

if (require.main === module) {
  for (const deal of Object.keys(GOLDEN_STATE_SCENARIOS) as DealKey[]) {
    const runs = GOLDEN_STATE_SCENARIOS[deal].map((s) => captureGolden(deal, s.name, s.input));
    const units = 'money in cents; couponPct and capPct in percent x 1e8; roundingResidual in dollars x 1e9';
    // One line per series keeps diffs readable.
    const text = JSON.stringify({ generatedBy: 'test/support/goldenStates.ts', units, runs }, null, 1).replace(/\[\s+([-\d,\s]+?)\s+\]/g, (_m, xs: string) => `[${xs.replace(/\s+/g, '')}]`)
      .replace(/\[\s+("[\d-]+"(?:,\s+"[\d-]+")*)\s+\]/g, (_m, xs: string) => `[${xs.replace(/,\s+/g, ',')}]`);
    writeFileSync(GOLDEN_STATE_FILES[deal], `${text}\n`);
    process.stdout.write(`wrote ${runs.length} runs to ${GOLDEN_STATE_FILES[deal]}\n`);
  }
}
