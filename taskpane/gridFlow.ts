/**
 * The Build grid button (and Enter in its section): the assumptions and the grid form parsed,
 * every problem of both shown at once; then the grid's values computed where they are needed,
 * the deal's saved grids read back (and checked) with the new one added or replaced in place,
 * and the grids sheet delivered. Only a grid that reached its sheet is remembered.
 */
import { horizonWord } from '../src/run/pricingTables';
import { defaultAssumptions, parseAssumptions } from './assumptions';
import { parsedAssumptions } from './assumptionsForm';
import { computeGrid } from './gridCompute';
import { readGridForm } from './gridPanel';
import { parseGridForm } from './gridParse';
import { gridsSheet } from './gridSheet';
import { gridKey, type PlacedGrid, withGrid } from './gridSpec';
import type { Pane } from './paneContext';
import { toStored } from './store';
import { fillValues, restoreGrids } from './storedGrids';

export async function buildGrid(pane: Pane): Promise<void> {
  const { page, tasks, options } = pane;
  const deal = pane.deal;
  const problems: string[] = [];
  const a = parsedAssumptions(page, deal, problems);
  if (!deal) return;
  const form = readGridForm(page);
  // The grid's own problems are listed with the form's, all at once.
  const termSheet = parseAssumptions(deal.description, defaultAssumptions(deal.description));
  const base = a ?? (termSheet.ok ? termSheet.value : null);
  const parsed = base ? parseGridForm(deal, base, form) : null;
  if (parsed && !parsed.ok) problems.push(...parsed.issues.map((i) => i.message));
  if (tasks.reportProblems(problems) || !a || !parsed?.ok) return;
  const spec = parsed.spec;
  await tasks.run(`Building the ${spec.measure} grid of ${spec.className}…`, async () => {
    // Values are computed for a values grid, and in the preview (which cannot run formulas).
    const needValues = spec.mode === 'values' || options.host !== 'excel';
    const values = needValues
      ? await computeGrid(deal, spec, { onProgress: (done, total, what) => tasks.progress((0.7 * done) / total, `Computing ${what}`), isCancelled: () => tasks.isCancelled })
      : null;
    const id = deal.description.id;
    const placed: PlacedGrid = { spec, values, builtAt: new Date() };
    // Saved grids are re-validated (and values grids recomputed) before they reach a sheet.
    const restored = restoreGrids(deal, pane.state.grids[id]);
    const grids = await fillValues(deal, withGrid(restored.grids, placed), (s) => s.mode === 'values' || options.host !== 'excel', { isCancelled: () => tasks.isCancelled });
    const message = await pane.delivery.deliver(gridsSheet(deal, grids), 0.7, `${gridKey(spec)}-title`);
    if (!message.startsWith('Nothing written')) pane.state = { ...pane.state, grids: { ...pane.state.grids, [id]: grids.map(toStored) }, gridForms: { ...pane.state.gridForms, [id]: form } };
    pane.scheduleSave();
    const left = restored.dropped > 0 ? ` ${restored.dropped} saved grid${restored.dropped > 1 ? 's' : ''} of this deal could not be read back and ${restored.dropped > 1 ? 'were' : 'was'} left out.` : '';
    return `${message} ${spec.rows.values.length} × ${spec.cols.values.length} ${spec.mode === 'formulas' ? 'live formulas' : 'values'}, to ${horizonWord(deal, spec.horizon)}.${left}`;
  });
}
