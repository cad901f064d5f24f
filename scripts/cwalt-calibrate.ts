/*
 * CWALT 2004-J4 calibration check: WAL (30/360, T_k = (25 + 30(k − 1))/360 from settlement
 * 2004-04-30) and first/last principal month of every class at 0% and 100% of the pricing speed,
 * to the auction and to maturity, against the visible columns of
 * shared/reference/cwalt-2004-j4.json (pricingTables) and its class table (100% speed).
 *
 *   npx tsx scripts/cwalt-calibrate.ts [--verbose] [--json]
 *
 * Indicative only: the final figures come from the run layer (src/run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCwalt, type CwaltOptions } from '../src/deals/cwalt-2004-j4';
import { classNamed } from '../src/engine/dealRun';
import { normaliseScenario } from '../src/scenario/normalise';

interface PricingTable {
  class: string;
  horizon: 'auction' | 'maturity';
  speeds: number[];
  wal: number[];
  firstPrinPay: string[];
  lastPrinPay: string[];
}
interface ClassRow {
  name: string;
  walAuction: number | null;
  walMaturity: number | null;
  windowAuction: [number, number] | null;
  windowMaturity: [number, number] | null;
}

const REFERENCE = join(__dirname, '..', '..', 'shared', 'reference', 'cwalt-2004-j4.json');

export function loadReference(): { pricingTables: PricingTable[]; classes: ClassRow[] } {
  let path = REFERENCE;
  try {
    readFileSync(path);
  } catch {
    path = join(__dirname, '..', 'test', 'fixtures', 'cwalt-2004-j4', 'cwalt-2004-j4.json');
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function monthOf(period: number): string {
  const m = 4 + period; // period 1 = May 2004
  const y = 2004 + Math.floor((m - 1) / 12);
  const mm = ((m - 1) % 12) + 1;
  return `${y}-${String(mm).padStart(2, '0')}`;
}

export interface Measured {
  wal: number;
  first: number;
  last: number;
}

export function measure(principal: ArrayLike<number>): Measured | null {
  let w = 0;
  let t = 0;
  let first = 0;
  let last = 0;
  for (let i = 0; i < principal.length; i++) {
    const p = principal[i];
    if (p <= 0.004) continue;
    const tk = (25 + 30 * i) / 360;
    w += tk * p;
    t += p;
    if (!first) first = i + 1;
    last = i + 1;
  }
  return t > 0 ? { wal: w / t, first, last } : null;
}

export interface Score {
  matched: number;
  total: number;
  walMatched: number;
  walTotal: number;
  windowMatched: number;
  windowTotal: number;
  misses: string[];
  lines: string[];
}

export function score(base: CwaltOptions = {}): Score {
  const ref = loadReference();
  const out: Score = { matched: 0, total: 0, walMatched: 0, walTotal: 0, windowMatched: 0, windowTotal: 0, misses: [], lines: [] };
  const runs = new Map<string, ReturnType<typeof runCwalt>>();
  const get = (speed: number, horizon: 'auction' | 'maturity') => {
    const key = `${speed}/${horizon}`;
    let r = runs.get(key);
    if (!r) {
      r = runCwalt(normaliseScenario({ speed, horizon }), base);
      runs.set(key, r);
    }
    return r;
  };
  for (const t of ref.pricingTables) {
    t.speeds.forEach((speed, j) => {
      const run = get(speed, t.horizon);
      const flows = classNamed(run, t.class);
      const m = measure(flows.principal);
      const cells: [string, string, string, 'wal' | 'window'][] = [
        ['wal', t.wal[j].toFixed(2), m ? m.wal.toFixed(2) : 'NA', 'wal'],
        ['first', t.firstPrinPay[j], m ? monthOf(m.first) : 'NA', 'window'],
        ['last', t.lastPrinPay[j], m ? monthOf(m.last) : 'NA', 'window'],
      ];
      const row: string[] = [];
      for (const [field, printed, got, kind] of cells) {
        const ok = printed === got;
        out.total++;
        if (kind === 'wal') out.walTotal++;
        else out.windowTotal++;
        if (ok) {
          out.matched++;
          if (kind === 'wal') out.walMatched++;
          else out.windowMatched++;
        } else out.misses.push(`${t.class} ${t.horizon} ${speed}% ${field}: printed ${printed}, measured ${got}${m && kind === 'wal' ? ` (${m.wal.toFixed(4)})` : ''}`);
        row.push(`${field} ${printed}/${got}${ok ? '' : ' ✗'}`);
      }
      out.lines.push(`${t.class.padEnd(6)} ${t.horizon.padEnd(8)} ${String(speed).padStart(3)}%  ${row.join('  ')}`);
    });
  }
  // Class table (100% speed): WAL and windows as month numbers.
  for (const c of ref.classes) {
    if (c.walAuction === null) continue;
    for (const horizon of ['auction', 'maturity'] as const) {
      const run = get(100, horizon);
      const m = measure(classNamed(run, c.name).principal);
      const wal = horizon === 'auction' ? c.walAuction : c.walMaturity;
      const win = horizon === 'auction' ? c.windowAuction : c.windowMaturity;
      const cells: [string, string, string, 'wal' | 'window'][] = [
        ['classes.wal', (wal as number).toFixed(2), m ? m.wal.toFixed(2) : 'NA', 'wal'],
        ['classes.window', `${win?.[0]}-${win?.[1]}`, m ? `${m.first}-${m.last}` : 'NA', 'window'],
      ];
      for (const [field, printed, got, kind] of cells) {
        out.total++;
        if (kind === 'wal') out.walTotal++;
        else out.windowTotal++;
        if (printed === got) {
          out.matched++;
          if (kind === 'wal') out.walMatched++;
          else out.windowMatched++;
        } else out.misses.push(`${c.name} ${horizon} 100% ${field}: printed ${printed}, measured ${got}`);
      }
    }
  }
  return out;
}

function breakdown(base: CwaltOptions = {}): string[] {
  const ref = loadReference();
  const rows: string[] = [];
  for (const speed of [0, 100]) {
    for (const horizon of ['auction', 'maturity'] as const) {
      const run = runCwalt(normaliseScenario({ speed, horizon }), base);
      let walOk = 0;
      let walN = 0;
      let winOk = 0;
      let winN = 0;
      for (const t of ref.pricingTables.filter((x) => x.horizon === horizon)) {
        const j = t.speeds.indexOf(speed);
        const m = measure(classNamed(run, t.class).principal);
        walN++;
        if (m && m.wal.toFixed(2) === t.wal[j].toFixed(2)) walOk++;
        winN += 2;
        if (m && monthOf(m.first) === t.firstPrinPay[j]) winOk++;
        if (m && monthOf(m.last) === t.lastPrinPay[j]) winOk++;
      }
      rows.push(`${String(speed).padStart(3)}% ${horizon.padEnd(8)}  WAL ${walOk}/${walN}  windows ${winOk}/${winN}   (redemption period ${run.firstRedemptionPeriod})`);
    }
  }
  return rows;
}

if (require.main === module) {
  const verbose = process.argv.includes('--verbose');
  const s = score();
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
  } else {
    if (verbose) for (const l of s.lines) console.log(l);
    for (const l of breakdown()) console.log(l);
    console.log(`pricing tables + class table: matched ${s.matched}/${s.total}  (WAL ${s.walMatched}/${s.walTotal}, windows ${s.windowMatched}/${s.windowTotal})`);
    console.log('misses:');
    for (const m of s.misses) console.log(`  ${m}`);
  }
}
