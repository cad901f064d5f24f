/**
 * The engine's golden grid: a wide set of runs of every deal (every class, speeds 0 to the
 * deal's maximum, both horizons, credit, index levels and shifts, CPR vectors, and Impac's
 * forward curves and derivatives switch), recorded before the deals were moved onto one engine.
 *
 * Per run and class it keeps, in whole cents, each period's interest (all non-principal cash),
 * principal, balance and writedown, and the coupon and rate cap (percent, to 1e-9), as hashes of
 * 60-period blocks, so a mismatch names the run, the class, the series and the periods that
 * moved; and in full, the priced measures (DM or yield at 100-00, WAL, modified duration,
 * principal window). `npx tsx test/engine/writeGoldenGrid.ts` rewrites the fixture: only for an
 * intended change of figures, named with its reason in the commit.
 */
import { createHash } from 'node:crypto';
import type { ScenarioInput } from '../../src/run/scenario';
import { normaliseScenario } from '../../src/run/scenario';
import { listDeals } from '../../src/run/registry';
import { runDeal } from '../../src/run/runner';
import { classMeasures } from '../../src/run/measures';
import { EngineError } from '../../src/errors';

export const BLOCK = 60;

export interface GridCase {
  readonly deal: string;
  readonly name: string;
  readonly input: ScenarioInput;
}

const SPEEDS: Record<string, readonly number[]> = {
  'cwalt-2004-j4': [0, 25, 50, 80, 100, 120, 150, 200, 300, 400],
  'impac-cmb-2004-1': [0, 25, 50, 80, 100, 150, 180, 250, 333],
};

const VARIANTS: readonly { readonly name: string; readonly input: ScenarioInput; readonly deals?: readonly string[] }[] = [
  { name: 'cdr 2 sev 35', input: { speed: 100, cdr: 2, severity: 35 } },
  { name: 'cdr 5 sev 40 lag 6', input: { speed: 100, cdr: 5, severity: 40, lagMonths: 6 } },
  { name: 'cdr 10 sev 50 lag 12 speed 50', input: { speed: 50, cdr: 10, severity: 50, lagMonths: 12 } },
  { name: 'cdr 20 sev 60 lag 3 speed 150', input: { speed: 150, cdr: 20, severity: 60, lagMonths: 3 } },
  { name: 'shift +200', input: { speed: 100, shiftBp: 200 } },
  { name: 'shift -100 from 13', input: { speed: 100, shiftBp: -100, shiftFromPeriod: 13 } },
  { name: 'shift +500 speed 0', input: { speed: 0, shiftBp: 500 } },
  { name: 'libor1m 5', input: { speed: 100, indices: { libor1m: 5 } } },
  { name: 'levels all 3', input: { speed: 120, indices: { libor1m: 3, libor6m: 3, libor12m: 3, cmt1y: 3 } } },
  { name: 'vector 8 12R 24', input: { speed: '8 12R 24' } },
  { name: 'vector array', input: { speed: [5, 10, 15, 20, 30, 40] } },
  { name: 'vector with credit', input: { speed: '6 24R 18', cdr: 3, severity: 45, lagMonths: 6 } },
  { name: 'forward curve', input: { speed: 100, curve: 'forward' }, deals: ['impac-cmb-2004-1'] },
  { name: 'forward curve +300', input: { speed: 80, curve: 'forward', shiftBp: 300 }, deals: ['impac-cmb-2004-1'] },
  { name: 'no derivatives', input: { speed: 100, derivatives: false }, deals: ['impac-cmb-2004-1'] },
  { name: 'no derivatives shift +400', input: { speed: 100, derivatives: false, shiftBp: 400 }, deals: ['impac-cmb-2004-1'] },
];

export function gridCases(): GridCase[] {
  const cases: GridCase[] = [];
  for (const deal of listDeals()) {
    const id = deal.description.id;
    for (const horizon of ['call', 'maturity'] as const) {
      for (const speed of SPEEDS[id]) cases.push({ deal: id, name: `speed ${speed} ${horizon}`, input: { speed, horizon } });
      for (const v of VARIANTS) {
        if (v.deals && !v.deals.includes(id)) continue;
        cases.push({ deal: id, name: `${v.name} ${horizon}`, input: { ...v.input, horizon } });
      }
    }
  }
  return cases;
}

/** One class of one run: per series, a hash of each block of BLOCK periods. */
export type SeriesHashes = Record<string, string[]>;

export interface MeasuresRecord {
  readonly value: number | null;
  readonly walYears: number | null;
  readonly modifiedDuration: number | null;
  readonly firstPrinPay: string | null;
  readonly lastPrinPay: string | null;
}

export interface GridRecord {
  readonly deal: string;
  readonly name: string;
  readonly periods: number;
  readonly payDates: string;
  readonly classes: Record<string, SeriesHashes>;
  readonly measures: Record<string, MeasuresRecord>;
  /** Readable, for the speed-100 runs only: the first 12 periods of every class, cents (interest, principal, balance, writedown). */
  readonly head?: Record<string, number[][]>;
}

const cents = (a: ArrayLike<number>): number[] => Array.from(a, (x) => Math.round(x * 100));
const nano = (a: ArrayLike<number>): number[] => Array.from(a, (x) => Math.round(x * 1e9));

function blockHashes(values: readonly number[]): string[] {
  const out: string[] = [];
  for (let start = 0; start < values.length; start += BLOCK) {
    out.push(createHash('sha256').update(values.slice(start, start + BLOCK).join(',')).digest('hex').slice(0, 8));
  }
  return out;
}

export function recordCase(c: GridCase): GridRecord {
  const deal = listDeals().find((d) => d.description.id === c.deal);
  if (!deal) throw new Error(`no deal ${c.deal}`);
  const scenario = normaliseScenario(c.input);
  const run = runDeal(deal, scenario);
  const classes: Record<string, SeriesHashes> = {};
  const head: Record<string, number[][]> = {};
  const measures: Record<string, MeasuresRecord> = {};
  for (const [name, f] of run.classes) {
    const series = { interest: cents(f.interest), principal: cents(f.principal), balance: cents(f.balance), writedown: cents(f.writedown), couponPct: nano(f.couponPct) };
    const cap = run.rateCapPct.get(name);
    classes[name] = Object.fromEntries([...Object.entries(series), ['rateCapPct', cap ? nano(cap) : []]].map(([k, v]) => [k, blockHashes(v as number[])]));
    if (c.name.startsWith('speed 100 ')) head[name] = [series.interest.slice(0, 12), series.principal.slice(0, 12), series.balance.slice(0, 12), series.writedown.slice(0, 12)];
  }
  for (const cls of deal.description.classes) {
    if (cls.measure === null) continue;
    try {
      const m = classMeasures(deal.description, cls, run, scenario, '100-00');
      measures[cls.name] = { value: m.value, walYears: m.walYears, modifiedDuration: m.modifiedDuration, firstPrinPay: m.firstPrinPay, lastPrinPay: m.lastPrinPay };
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      measures[cls.name] = { value: null, walYears: null, modifiedDuration: null, firstPrinPay: null, lastPrinPay: null };
    }
  }
  const payDates = createHash('sha256').update(run.payDates.join(',')).digest('hex').slice(0, 10);
  return { deal: c.deal, name: c.name, periods: run.periods, payDates, classes, measures, ...(Object.keys(head).length > 0 ? { head } : {}) };
}
