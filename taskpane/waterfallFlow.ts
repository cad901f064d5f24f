/**
 * The Waterfall button (and Enter in its section): the form and the waterfall's own speed parsed,
 * every problem shown at once; then one run of the deal at that speed and horizon laid out period
 * by period (waterfallLayout.ts) and delivered to the workbook or the preview.
 */
import { runDeal } from '../src/run/runner';
import { normaliseScenario } from '../src/run/scenario';
import { describeScenario, engineDetail, parseSpeedItem } from './assumptions';
import { parsedAssumptions } from './assumptionsForm';
import type { Pane } from './paneContext';
import { Cancelled, nextTask } from './runPricing';
import { waterfallSheet } from './waterfallLayout';

export async function writeWaterfall(pane: Pane): Promise<void> {
  const { page, tasks } = pane;
  const deal = pane.deal;
  const problems: string[] = [];
  const a = parsedAssumptions(page, deal, problems);
  let speed: number | string = 100;
  const speedInput = page.input('w-speed');
  speedInput.removeAttribute('aria-invalid');
  try {
    if (speedInput.value.trim() === '') throw new Error('expected a speed (100 = the pricing speed, or a vector such as 8 12R 24), got nothing');
    speed = parseSpeedItem(speedInput.value).speed;
  } catch (error) {
    speedInput.setAttribute('aria-invalid', 'true');
    problems.push(`Waterfall speed: ${engineDetail(error)}`);
  }
  if (tasks.reportProblems(problems) || !deal || !a) return;
  const horizon = page.select('w-horizon').value === 'maturity' ? 'maturity' : 'call';
  await tasks.run(`Running the waterfall of ${deal.description.name}…`, async () => {
    await nextTask();
    const scenario = normaliseScenario({ ...a.scenario, speed, horizon });
    const run = runDeal(deal, scenario);
    tasks.progress(0.5, 'Laying out the waterfall…');
    await nextTask();
    if (tasks.isCancelled) throw new Cancelled();
    const describe = describeScenario(deal.description, a).filter((l) => ['Indices', 'Shift', 'Credit', 'Derivatives'].includes(l.label));
    const label = typeof speed === 'number' ? `${speed}%` : speed;
    const layout = waterfallSheet({ deal: deal.description, run, scenario, speedLabel: label, describe, ranAt: new Date() });
    return pane.delivery.deliver(layout, 0.6, '');
  });
}
