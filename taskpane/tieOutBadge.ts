/**
 * The tie-out badge of a deal in the pane: printed figures reproduced / total (the scoreboard of
 * `npm run fidelity`, generated into src/run/tieOut.json), opening onto what is off and why,
 * with the causes that rest on undisclosed dealer assumptions marked as such.
 */
import { type DealTieOut, tieOutOf, tieOutText } from '../src/run/tieOut';
import { escapeHtml } from './escapeHtml';

const TABLE_WORDS: Readonly<Record<string, string>> = {
  pricingTables: 'DM / Yield tables',
  classes: 'class table (WAL, duration, window at 100%)',
  aioNotional: 'A-IO notional schedule',
  availableFundsRate: 'Available Rate schedule',
  collateralSummary: 'collateral summary',
};

const FIELD_WORDS: Readonly<Record<string, string>> = {
  dm: 'DM',
  yield: 'Yield',
  wal: 'WAL',
  mdur: 'Mod Dur',
  firstPrinPay: 'first principal',
  lastPrinPay: 'last principal',
  forwardCurves: 'forward curves',
  plus1000bp: '+1000 bp',
};

export const ASSUMPTION_MARK = 'rests on undisclosed dealer assumptions';

/** 'good' from 90%, 'partial' from 50%, else 'low': the badge's colour. */
export function tieOutLevel(t: DealTieOut): 'good' | 'partial' | 'low' {
  const share = t.total > 0 ? t.matched / t.total : 0;
  return share >= 0.9 ? 'good' : share >= 0.5 ? 'partial' : 'low';
}

function cell(v: number | string | null): string {
  return v === null ? 'NA' : escapeHtml(String(v));
}

/** The badge and its expandable list, as HTML. */
export function tieOutHtml(dealId: string): string {
  const t = tieOutOf(dealId);
  if (!t) return `<div class="tie-out" data-deal-id="${escapeHtml(dealId)}"><span class="tie-out-badge" data-level="none">No printed figures to compare</span></div>`;
  const tables = Object.entries(t.tables)
    .map(([name, x]) => `<li>${escapeHtml(TABLE_WORDS[name] ?? name)}: ${x.matched}/${x.total}</li>`)
    .join('');
  const assumptions = t.assumptions.length
    ? `<p class="tie-out-assumed"><strong>Undisclosed assumptions.</strong> These figures rest on what the dealer assumed and the term sheet does not print: ${t.assumptions.map(escapeHtml).join('; ')}.</p>`
    : '';
  const reasons = t.reasons
    .map((r) => {
      const rows = r.misses
        .map((m) => `<tr><td>${escapeHtml(m.row)}</td><td>${escapeHtml(FIELD_WORDS[m.field] ?? m.field)}</td><td class="num">${cell(m.printed)}</td><td class="num">${cell(m.measured)}</td></tr>`)
        .join('');
      const mark = r.assumption ? ` <span class="tie-out-mark">${ASSUMPTION_MARK}</span>` : '';
      return (
        `<li data-reason="${escapeHtml(r.id)}"${r.assumption ? ' data-assumption="true"' : ''}><strong>${escapeHtml(r.title)}</strong> (${r.misses.length} figure${r.misses.length === 1 ? '' : 's'})${mark}` +
        `<p>${escapeHtml(r.text)}</p><details><summary>Printed and measured</summary><table><thead><tr><th>Row</th><th>Figure</th><th>Printed</th><th>Ours</th></tr></thead><tbody>${rows}</tbody></table></details></li>`
      );
    })
    .join('');
  const off = t.total - t.matched;
  return (
    `<details class="tie-out" data-deal-id="${escapeHtml(dealId)}"><summary>Tie-out: <span class="tie-out-badge" data-level="${tieOutLevel(t)}">${escapeHtml(tieOutText(t))}</span></summary>` +
    `<p class="hint">The term sheet’s printed figures compared at printed precision (the scoreboard of <code>npm run fidelity</code>).</p>` +
    `<ul class="tie-out-tables">${tables}</ul>${assumptions}` +
    (off > 0 ? `<p>What is off (${off}) and why:</p><ol class="tie-out-reasons">${reasons}</ol>` : '<p>Every printed figure is reproduced.</p>') +
    `</details>`
  );
}
