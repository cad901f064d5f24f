/**
 * The term-sheet scoreboard: every printed figure of `shared/reference/<deal>.json` that the
 * engine can produce, compared at printed precision (a number matches when both round to the
 * same value at the printed decimals; a month matches exactly). Pricing tables and class tables
 * are compared here for every deal; each deal adds its own tables through `referenceChecks`.
 * The withheld (masked) columns are not in the reference files and are checked elsewhere.
 */
import fs from 'fs';
import path from 'path';
import type { DealModel, ReferenceCheck } from '../deals/types';
import { listDeals } from './registry';
import { type PricingTable, pricingTables } from './pricingTables';

/** A printed figure the engine did not reproduce at printed precision. */
export type FidelityMiss = Omit<ReferenceCheck, 'decimals'>;

export interface DealFidelity {
  matched: number;
  total: number;
  tables: Record<string, { matched: number; total: number }>;
  misses: FidelityMiss[];
}

export interface FidelityReport {
  deals: Record<string, DealFidelity>;
}

/** Where the reference files are: `../shared/reference` beside the project, or $CWALT_REFERENCE_DIR. */
export function referenceDir(): string {
  return process.env.CWALT_REFERENCE_DIR ?? path.resolve(__dirname, '../../../shared/reference');
}

export function loadReference(dealId: string): Record<string, unknown> {
  const file = path.join(referenceDir(), `${dealId}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function matchesAtPrecision(check: ReferenceCheck): boolean {
  const { printed, measured } = check;
  if (printed === null || measured === null) return printed === measured;
  if (typeof printed === 'string' || typeof measured === 'string') return String(printed) === String(measured);
  const f = 10 ** (check.decimals ?? 0);
  return Math.round(measured * f + 1e-9 * Math.sign(measured)) === Math.round(printed * f);
}

interface ReferencePricingTable {
  class: string;
  horizon: string;
  speeds: number[];
  measure?: string;
  dmOrYield?: (number | null)[];
  dm?: (number | null)[];
  wal: (number | null)[];
  mdur: (number | null)[];
  firstPrinPay: (string | null)[];
  lastPrinPay: (string | null)[];
}

/** Pricing tables: the measure (DM whole bp, yield 2 dp), WAL and MDUR 2 dp, first/last principal month. */
function pricingChecks(deal: DealModel, reference: Record<string, unknown>): ReferenceCheck[] {
  const printedTables = (reference.pricingTables ?? []) as ReferencePricingTable[];
  const speeds = [...new Set(printedTables.flatMap((t) => t.speeds))];
  const computed = pricingTables(deal, { speeds });
  const checks: ReferenceCheck[] = [];
  for (const printed of printedTables) {
    const mine = computed.tables.find((t) => t.class === printed.class && t.horizon === printed.horizon);
    printed.speeds.forEach((speed, i) => {
      const j = mine ? mine.speeds.indexOf(speed) : -1;
      const at = <T>(list: readonly (T | null)[] | undefined): T | null => (mine && j >= 0 && list ? (list[j] ?? null) : null);
      const row = `${printed.class} ${printed.horizon} ${speed}%`;
      const values = printed.dmOrYield ?? printed.dm ?? [];
      const isDm = (printed.measure ?? 'DM') === 'DM';
      checks.push(
        { table: 'pricingTables', row, field: isDm ? 'dm' : 'yield', printed: values[i] ?? null, measured: at((mine as PricingTable | undefined)?.value), decimals: isDm ? 0 : 2 },
        { table: 'pricingTables', row, field: 'wal', printed: printed.wal[i], measured: at(mine?.wal), decimals: 2 },
        { table: 'pricingTables', row, field: 'mdur', printed: printed.mdur[i], measured: at(mine?.mdur), decimals: 2 },
        { table: 'pricingTables', row, field: 'firstPrinPay', printed: printed.firstPrinPay[i], measured: at(mine?.firstPrinPay) },
        { table: 'pricingTables', row, field: 'lastPrinPay', printed: printed.lastPrinPay[i], measured: at(mine?.lastPrinPay) },
      );
    });
  }
  return checks;
}

/** Class table: WAL (and MDUR where printed) and windows at 100% of the pricing speed, both horizons. */
function classTableChecks(deal: DealModel, reference: Record<string, unknown>): ReferenceCheck[] {
  const rows = (reference.classes ?? []) as Record<string, unknown>[];
  const word = deal.description.callWord;
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const computed = pricingTables(deal, { speeds: [100] });
  const checks: ReferenceCheck[] = [];
  for (const row of rows) {
    const name = String(row.name);
    for (const horizon of [word, 'maturity']) {
      const mine = computed.tables.find((t) => t.class === name && t.horizon === horizon);
      const h = cap(horizon);
      if (row[`wal${h}`] === null || row[`wal${h}`] === undefined) continue;
      checks.push({ table: 'classes', row: name, field: `wal${h}`, printed: row[`wal${h}`] as number, measured: mine?.wal[0] ?? null, decimals: 2 });
      if (typeof row[`mdur${h}`] === 'number') {
        checks.push({ table: 'classes', row: name, field: `mdur${h}`, printed: row[`mdur${h}`] as number, measured: mine?.mdur[0] ?? null, decimals: 2 });
      }
      const window = row[`window${h}`] as [number, number] | null;
      if (window) {
        const periodOf = (month: string | null | undefined) => (month ? monthsFrom(deal.description.firstPayDate, month) : null);
        checks.push(
          { table: 'classes', row: name, field: `window${h}.first`, printed: window[0], measured: periodOf(mine?.firstPrinPay[0]) },
          { table: 'classes', row: name, field: `window${h}.last`, printed: window[1], measured: periodOf(mine?.lastPrinPay[0]) },
        );
      }
    }
  }
  return checks;
}

/** Period number of a 'YYYY-MM' month, period 1 being the month of the first pay date. */
function monthsFrom(firstPayDate: string, month: string): number {
  const [y0, m0] = firstPayDate.split('-').map(Number);
  const [y, m] = month.split('-').map(Number);
  return (y - y0) * 12 + (m - m0) + 1;
}

/** Every printed figure of the deal's reference file the engine is checked on, with the engine's value. */
export function dealChecks(deal: DealModel): ReferenceCheck[] {
  const reference = loadReference(deal.description.id);
  return [...pricingChecks(deal, reference), ...classTableChecks(deal, reference), ...(deal.referenceChecks?.(reference) ?? [])];
}

export function dealFidelity(deal: DealModel): DealFidelity {
  const checks = dealChecks(deal);
  const result: DealFidelity = { matched: 0, total: 0, tables: {}, misses: [] };
  for (const check of checks) {
    const table = (result.tables[check.table] ??= { matched: 0, total: 0 });
    table.total++;
    result.total++;
    if (matchesAtPrecision(check)) {
      table.matched++;
      result.matched++;
    } else {
      result.misses.push({ table: check.table, row: check.row, field: check.field, printed: check.printed, measured: check.measured });
    }
  }
  return result;
}

export function fidelityReport(): FidelityReport {
  const deals: Record<string, DealFidelity> = {};
  for (const deal of listDeals()) deals[deal.description.id] = dealFidelity(deal);
  return { deals };
}

export function formatFidelity(report: FidelityReport): string {
  const lines: string[] = [];
  for (const [id, d] of Object.entries(report.deals)) {
    lines.push(`${id}: ${d.matched}/${d.total} printed figures matched at printed precision`);
    for (const [name, t] of Object.entries(d.tables)) lines.push(`  ${name.padEnd(20)} ${t.matched}/${t.total}`);
    if (d.misses.length) lines.push('  misses (table | row | field | printed | measured):');
    for (const m of d.misses) {
      const measured = typeof m.measured === 'number' ? Number(m.measured.toFixed(4)) : m.measured;
      lines.push(`    ${m.table} | ${m.row} | ${m.field} | ${m.printed} | ${measured}`);
    }
  }
  if (lines.length === 0) lines.push('no deals registered');
  return lines.join('\n');
}
