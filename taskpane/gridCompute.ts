/**
 * A grid's values from the engine, cell by cell: each cell's scenario and price are the grid's
 * inputs with the row's and the column's axis values put in. Used for a values grid, and in the
 * preview (which cannot run formulas) to show what the formulas will give.
 */
import { EngineError } from '../src/run';
import type { DealModel } from '../src/run';
import { classMeasures } from '../src/run/measures';
import { resolveClass } from '../src/run/registry';
import { runDeal } from '../src/run/runner';
import { normaliseScenario } from '../src/run/scenario';
import type { CellValue } from './cells';
import type { GridSpec } from './gridSpec';
import { Cancelled, nextTask, type RunControl } from './runPricing';

/** One cell's scenario and price under a grid's inputs. */
function cellInputs(spec: GridSpec, rowValue: number | string, colValue: number | string) {
  let speed = spec.speed;
  let price = spec.price;
  let shiftBp = spec.scenario.shiftBp ?? 0;
  let cdr = spec.scenario.cdr ?? 0;
  for (const [axis, value] of [
    [spec.rows.axis, rowValue],
    [spec.cols.axis, colValue],
  ] as const) {
    if (axis === 'speed') speed = value;
    else if (axis === 'price') price = String(value);
    else if (axis === 'shift') shiftBp = Number(value);
    else cdr = Number(value);
  }
  return { speed, price, scenario: normaliseScenario({ ...spec.scenario, shiftBp, cdr, speed, horizon: spec.horizon }) };
}

/** The grid's values from the engine (values mode, and the preview's picture of formulas). */
export async function computeGrid(deal: DealModel, spec: GridSpec, control: RunControl = {}): Promise<CellValue[][]> {
  const cls = resolveClass(deal, spec.className);
  const out: CellValue[][] = [];
  const yieldToUi = control.yieldToUi ?? nextTask;
  for (const [i, rowValue] of spec.rows.values.entries()) {
    if (control.isCancelled?.()) throw new Cancelled();
    out.push(
      spec.cols.values.map((colValue) => {
        const { price, scenario } = cellInputs(spec, rowValue, colValue);
        try {
          const m = classMeasures(deal.description, cls, runDeal(deal, scenario), scenario, price);
          return spec.measure === 'WAL' ? m.walYears : spec.measure === 'MDUR' ? m.modifiedDuration : m.value;
        } catch (error) {
          if (error instanceof EngineError && error.kind === 'notAvailable') return 'NA';
          throw error;
        }
      }),
    );
    control.onProgress?.(i + 1, spec.rows.values.length, `row ${i + 1} of ${spec.rows.values.length}`);
    await yieldToUi();
  }
  return out;
}
