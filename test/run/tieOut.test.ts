/**
 * The tie-out data the pane, the sheets and DEALS() show is generated (src/run/tieOut.json): it
 * must equal what the live scoreboard says now, and every miss must sit under a written cause.
 */
import { fidelityReport } from '../../src/run/fidelity';
import { listDeals } from '../../src/run/registry';
import { assumptionMark, TIE_OUT, tieOutLines, tieOutOf, tieOutText } from '../../src/run/tieOut';
import { tieOutLine } from '../../src/run/tieOutLine';
import LINES from '../../src/run/tieOutLines.json';
import { buildTieOut } from '../../src/run/tieOutBuild';

const live = buildTieOut(fidelityReport());

it('is not stale: the committed data equals the live scoreboard (refresh with `npm run tie-out`)', () => {
  expect(TIE_OUT).toEqual(live);
  // The one line each deal shows, which the functions bundle carries without the reasons.
  expect(LINES).toEqual(tieOutLines(live));
});

it.each(listDeals().map((d) => d.description.id))('%s: counts agree with the scoreboard and every miss is diagnosed', (id) => {
  const t = tieOutOf(id);
  expect(t).not.toBeNull();
  if (!t) return;
  const tables = Object.values(t.tables);
  expect(tables.reduce((n, x) => n + x.matched, 0)).toBe(t.matched);
  expect(tables.reduce((n, x) => n + x.total, 0)).toBe(t.total);
  expect(t.reasons.reduce((n, r) => n + r.misses.length, 0)).toBe(t.total - t.matched);
  expect(t.reasons.map((r) => r.id)).not.toContain('undiagnosed');
});

it('says the figures in words, and marks Impac’s undisclosed assumptions', () => {
  const j4 = tieOutOf('cwalt-2004-j4');
  const impac = tieOutOf('impac-cmb-2004-1');
  if (!j4 || !impac) throw new Error('both deals have a scoreboard');
  expect(tieOutText(j4)).toBe(`${j4.matched}/${j4.total} printed figures reproduced (${((100 * j4.matched) / j4.total).toFixed(1)}%)`);
  expect(j4.reasons.some((r) => r.assumption)).toBe(false);
  expect(impac.assumptions.length).toBeGreaterThan(0);
  const assumed = impac.reasons.filter((r) => r.assumption).reduce((n, r) => n + r.misses.length, 0);
  expect(assumed).toBeGreaterThan(0);
  expect(tieOutLine('impac-cmb-2004-1')).toContain(`${assumed} of the ${impac.total - impac.matched} misses rest on undisclosed dealer assumptions`);
  expect(tieOutLine('no-such-deal')).toBe('no printed figures to compare');
});

it('marks the pricing tables whose figures rest on undisclosed assumptions: Impac’s 0% column and its to-maturity table', () => {
  expect(assumptionMark('impac-cmb-2004-1', 'call', [0, 80, 100, '8 12R 24'])).toBe('0% column: rests on undisclosed dealer assumptions');
  expect(assumptionMark('impac-cmb-2004-1', 'call', [80, 100])).toBeNull();
  expect(assumptionMark('impac-cmb-2004-1', 'maturity', [100])).toBe('the whole table rests on undisclosed dealer assumptions');
  expect(assumptionMark('cwalt-2004-j4', 'maturity', [0, 100])).toBeNull();
});
