/**
 * The CLI's commands, each a thin shell over src/run (architecture.md, "Contracts").
 */
import { EngineError } from '../errors';
import { fidelityReport, formatFidelity } from './fidelity';
import { pricingTables, type PricingTablesResult } from './pricingTables';
import { resolveDeal } from './registry';
import { normaliseHorizon } from './scenario';

type Options = Record<string, string | boolean | undefined>;
type Register = (name: string, usage: string, run: (options: Options) => Promise<string> | string) => void;

function format(options: Options): 'json' | 'text' {
  const f = options.format ?? (options.json ? 'json' : 'text');
  if (f !== 'json' && f !== 'text') throw new EngineError('format', `expected json or text, got ${String(f)}`);
  return f;
}

function parseSpeeds(text: string | boolean | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || text.trim() === '') throw new EngineError('speeds', 'expected a list such as 0,80,100,120,150');
  return text.split(',').map((s) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(v) || v < 0) throw new EngineError('speeds', `expected speeds of 0 or more separated by commas, got "${s.trim()}"`);
    return v;
  });
}

function textTables(result: PricingTablesResult): string {
  const lines = [`${result.deal}  settle ${result.settlement}  price ${result.price}`];
  const cell = (v: number | string | null, d = 2) => (v === null ? 'NA' : typeof v === 'number' ? v.toFixed(d) : v).padStart(9);
  for (const t of result.tables) {
    lines.push('', `${t.class}  to ${t.horizon}  ${t.measure}${t.marginPct !== undefined ? `  margin ${t.marginPct}` : ''}${t.couponPct !== undefined ? `  coupon ${t.couponPct}` : ''}`);
    lines.push(`  ${'speed'.padEnd(14)}${t.speeds.map((s) => cell(`${s}%`)).join('')}`);
    lines.push(`  ${t.measure.padEnd(14)}${t.value.map((v) => cell(v, t.measure === 'DM' ? 0 : 2)).join('')}`);
    lines.push(`  ${'WAL'.padEnd(14)}${t.wal.map((v) => cell(v)).join('')}`);
    lines.push(`  ${'Mod Dur'.padEnd(14)}${t.mdur.map((v) => cell(v)).join('')}`);
    lines.push(`  ${'First Prin Pay'.padEnd(14)}${t.firstPrinPay.map((v) => cell(v)).join('')}`);
    lines.push(`  ${'Last Prin Pay'.padEnd(14)}${t.lastPrinPay.map((v) => cell(v)).join('')}`);
  }
  return lines.join('\n');
}

export function registerAll(register: Register): void {
  register('price', 'price --deal <id> [--speeds 0,80,100,120,150] [--price 100-00] [--horizon call|maturity|both] --format json', (options) => {
    const deal = resolveDeal(options.deal, 'deal');
    const h = options.horizon;
    const horizons = h === undefined || h === 'both' ? undefined : [normaliseHorizon(String(h))];
    const price = typeof options.price === 'string' ? options.price : undefined;
    const result = pricingTables(deal, { speeds: parseSpeeds(options.speeds), price, horizons });
    return format(options) === 'json' ? JSON.stringify(result) : textTables(result);
  });
  register('afr', 'afr --deal impac-cmb-2004-1 --format json', (options) => {
    const deal = resolveDeal(options.deal, 'deal');
    if (!deal.rateSchedule) throw new EngineError('deal', `${deal.description.name} prints no Available Rate schedule`, 'notAvailable');
    const periods = deal.rateSchedule();
    if (format(options) === 'json') return JSON.stringify({ deal: deal.description.id, periods });
    return ['period  forward curves  +1000bp', ...periods.map((p) => `${String(p.period).padStart(6)}  ${p.forwardCurves.toFixed(2).padStart(14)}  ${p.plus1000bp.toFixed(2).padStart(7)}`)].join('\n');
  });
  register('fidelity', 'fidelity [--format json]', (options) => {
    const report = fidelityReport();
    return format(options) === 'json' ? JSON.stringify(report) : formatFidelity(report);
  });
  register('bench', 'bench [--json] [--soak <calls>]', async (options) => {
    const { runBenchmarks, formatBenchmarks, runSoak } = await import('../node/bench');
    if (options.soak !== undefined) {
      const calls = Number(options.soak);
      if (!Number.isInteger(calls) || calls < 1 || calls > 1_000_000) throw new EngineError('soak', `expected a whole number of calls from 1 to 1000000, got ${String(options.soak)}`);
      return JSON.stringify(runSoak(calls));
    }
    const report = await runBenchmarks();
    return format(options) === 'json' ? JSON.stringify(report) : formatBenchmarks(report);
  });
}
