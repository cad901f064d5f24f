/**
 * The printed figures the engine reproduces, one key per figure: `table | row | field` as the
 * scoreboard names them (src/run/fidelity.ts). test/fixtures/fidelity/matched.json commits the
 * list; test/reference/fidelity.test.ts fails when a listed figure stops matching.
 *
 * Rewrite the list only after a change that gains figures (and check that it lost none):
 *   npx tsx test/support/fidelityFigures.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dealChecks, matchesAtPrecision } from '../../src/run/fidelity';
import type { ReferenceCheck } from '../../src/deals/types';
import { listDeals } from '../../src/run/registry';

export const MATCHED_FIGURES_FILE = join(__dirname, '..', 'fixtures', 'fidelity', 'matched.json');

export const figureKey = (c: Pick<ReferenceCheck, 'table' | 'row' | 'field'>): string => `${c.table} | ${c.row} | ${c.field}`;

/** Per deal id, the keys of the figures matched at printed precision now, in scoreboard order. */
export function matchedFigures(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const deal of listDeals()) out[deal.description.id] = dealChecks(deal).filter(matchesAtPrecision).map(figureKey);
  return out;
}

if (require.main === module) {
  const figures = matchedFigures();
  writeFileSync(MATCHED_FIGURES_FILE, `${JSON.stringify({ note: 'printed figures matched at printed precision; written by test/support/fidelityFigures.ts', deals: figures }, null, 1)}\n`);
  for (const [id, keys] of Object.entries(figures)) console.log(`${id}: ${keys.length} figures`);
}
