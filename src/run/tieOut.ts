/**
 * How far each deal's figures can be trusted: printed figures reproduced / total, from the same
 * scoreboard as `npm run fidelity`, with every miss under its cause (docs/fidelity.md). The data
 * is generated into tieOut.json (`npm run tie-out`; a test fails when it is stale), so the
 * bundles show it without reading the reference files.
 */
import data from './tieOut.json';

export interface TieOutMiss {
  readonly table: string;
  readonly row: string;
  readonly field: string;
  readonly printed: number | string | null;
  readonly measured: number | string | null;
}

export interface TieOutReason {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** The figures rest on dealer assumptions the term sheet does not print. */
  readonly assumption: boolean;
  readonly misses: readonly TieOutMiss[];
}

export interface DealTieOut {
  readonly matched: number;
  readonly total: number;
  readonly tables: Readonly<Record<string, { readonly matched: number; readonly total: number }>>;
  /** What the deal's shown figures rest on beyond the term sheet (empty when nothing does). */
  readonly assumptions: readonly string[];
  /** Which pricing-table figures rest on them: columns at these speeds, whole tables of these horizons. */
  readonly assumedIn: { readonly speeds: readonly number[]; readonly horizons: readonly string[] };
  readonly reasons: readonly TieOutReason[];
}

export interface TieOutData {
  readonly source: string;
  readonly deals: Readonly<Record<string, DealTieOut>>;
}

export const TIE_OUT: TieOutData = data as TieOutData;

export function tieOutOf(dealId: string): DealTieOut | null {
  return TIE_OUT.deals[dealId] ?? null;
}

/** '328/348 printed figures reproduced (94.3%)'. */
export function tieOutText(t: DealTieOut): string {
  const pct = t.total > 0 ? (100 * t.matched) / t.total : 0;
  return `${t.matched}/${t.total} printed figures reproduced (${pct.toFixed(1)}%)`;
}

/**
 * The mark a pricing table of this horizon carries over the given speeds, or null: '0% column:
 * rests on undisclosed dealer assumptions', or the whole table when its horizon does.
 */
export function assumptionMark(dealId: string, horizon: 'call' | 'maturity', speeds: readonly (number | string)[]): string | null {
  const scope = tieOutOf(dealId)?.assumedIn;
  if (!scope) return null;
  if (scope.horizons.includes(horizon)) return 'the whole table rests on undisclosed dealer assumptions';
  const cols = speeds.filter((s): s is number => typeof s === 'number' && scope.speeds.includes(s));
  if (cols.length === 0) return null;
  return `${cols.map((s) => `${s}%`).join(', ')} column${cols.length > 1 ? 's' : ''}: rest${cols.length > 1 ? '' : 's'} on undisclosed dealer assumptions`;
}

/** The one line a sheet header or DEALS() shows for a deal's tie-out (tieOutLine.ts reads it, generated). */
export function tieOutLineOf(t: DealTieOut): string {
  const misses = t.total - t.matched;
  const assumed = t.reasons.filter((r) => r.assumption).reduce((n, r) => n + r.misses.length, 0);
  const tail = misses === 0 ? '' : assumed > 0 ? `; ${assumed} of the ${misses} misses rest on undisclosed dealer assumptions` : `; ${misses} misses, each diagnosed`;
  return `${tieOutText(t)}${tail}`;
}

/** Each deal's line (`tieOutLineOf`), what `npm run tie-out` writes into tieOutLines.json. */
export function tieOutLines(data: TieOutData): Record<string, string> {
  return Object.fromEntries(Object.entries(data.deals).map(([id, t]) => [id, tieOutLineOf(t)]));
}
