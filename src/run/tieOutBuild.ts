/**
 * Builds the tie-out data the pane, the sheets and DEALS() show (src/run/tieOut.json) from the
 * fidelity scoreboard (`npm run fidelity`): per deal, printed figures matched / total, per table,
 * and every miss under the cause that explains it (tieOutReasons.ts). Pure; the script
 * `npm run tie-out` writes the file and test/run/tieOut.test.ts fails when it is stale.
 */
import type { FidelityMiss, FidelityReport } from './fidelity';
import type { DealTieOut, TieOutData, TieOutMiss, TieOutReason } from './tieOut';
import { MISS_REASONS, type MissRule, UNDIAGNOSED } from './tieOutReasons';

/** Measured values to 4 decimals: enough to read against the printed value, stable across machines. */
function rounded(v: number | string | null): number | string | null {
  return typeof v === 'number' ? Number(v.toFixed(4)) : v;
}

function matches(rule: MissRule, miss: FidelityMiss): boolean {
  if (rule.table !== undefined && rule.table !== miss.table) return false;
  if (rule.row !== undefined && !rule.row.test(miss.row)) return false;
  if (rule.fields !== undefined && !rule.fields.includes(miss.field)) return false;
  return true;
}

export function buildTieOut(report: FidelityReport): TieOutData {
  const deals: Record<string, DealTieOut> = {};
  for (const [id, d] of Object.entries(report.deals)) {
    const known = MISS_REASONS[id] ?? { rules: [], assumptions: [] };
    const reasons = new Map<string, TieOutReason & { misses: TieOutMiss[] }>();
    for (const miss of d.misses) {
      const rule = known.rules.find((r) => matches(r, miss));
      const key = rule?.id ?? 'undiagnosed';
      let reason = reasons.get(key);
      if (!reason) {
        const { title, text, assumption } = rule ?? UNDIAGNOSED;
        reason = { id: key, title, text, assumption, misses: [] };
        reasons.set(key, reason);
      }
      reason.misses.push({ table: miss.table, row: miss.row, field: miss.field, printed: miss.printed, measured: rounded(miss.measured) });
    }
    // In the order of the rules (the causes as docs/fidelity.md lists them), the undiagnosed last.
    const order = (r: TieOutReason) => { const i = known.rules.findIndex((x) => x.id === r.id); return i < 0 ? known.rules.length : i; };
    deals[id] = { matched: d.matched, total: d.total, tables: d.tables, assumptions: known.assumptions, assumedIn: known.assumedIn ?? { speeds: [], horizons: [] }, reasons: [...reasons.values()].sort((a, b) => order(a) - order(b)) };
  }
  return { source: 'npm run fidelity', deals };
}
