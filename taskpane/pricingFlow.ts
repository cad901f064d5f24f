/**
 * The Run button (and Enter in the assumptions): the form parsed, every problem shown at once;
 * then the deal priced at each speed and horizon (runPricing.ts) with progress and Cancel, and
 * the pricing sheet delivered to the workbook or the preview.
 */
import { count } from './assumptions';
import { parsedAssumptions } from './assumptionsForm';
import { pricingSheet } from './layout';
import type { Pane } from './paneContext';
import { runPricing } from './runPricing';

export async function runPricingSpeeds(pane: Pane): Promise<void> {
  const { page, tasks } = pane;
  const deal = pane.deal;
  const problems: string[] = [];
  const a = parsedAssumptions(page, deal, problems);
  if (tasks.reportProblems(problems) || !deal || !a) return;
  await tasks.run(`Pricing ${deal.description.name}…`, async () => {
    const started = performance.now();
    const run = await runPricing(deal, a, {
      onProgress: (done, total, what) => tasks.progress((0.8 * done) / total, `${deal.description.name}: ${what} (${done}/${total})`),
      isCancelled: () => tasks.isCancelled,
    });
    const computed = performance.now() - started;
    const message = await pane.delivery.deliver(pricingSheet(run), 0.8, '');
    return `${message} ${count(a.speeds.length, 'speed')} × ${count(a.horizons.length, 'horizon')} computed in ${Math.round(computed)} ms.`;
  });
  pane.scheduleSave();
}
