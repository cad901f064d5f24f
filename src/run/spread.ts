/**
 * Spread to the curve (issue 17, item 5): a fixed-rate class's yield at a price minus the
 * benchmark par yield interpolated at the class's WAL, on the deal's pricing date, in bp.
 * Benchmarks: the H.15 Treasury CMT curve (default) or the LIBOR/swap curve of that day
 * (`src/market/parCurves2004.ts`). Floaters are quoted by DM over their index: #N/A here.
 */
import { EngineError } from '../errors';
import type { ClassDescription, DealDescription, DealRun } from '../deals/types';
import { type BenchmarkCurve, parCurve, parYieldAt } from '../market/parCurves2004';
import { classValue, principalMeasures } from './measures';
import type { Scenario } from './scenario';

export type { BenchmarkCurve } from '../market/parCurves2004';

export interface SpreadResult {
  readonly spreadBp: number;
  readonly yieldPct: number;
  readonly walYears: number;
  readonly benchmarkPct: number;
  readonly curve: BenchmarkCurve;
  readonly curveDate: string;
}

export function spreadToCurve(deal: DealDescription, cls: ClassDescription, run: DealRun, scenario: Scenario, price: string | number, curve: BenchmarkCurve): SpreadResult {
  if (cls.measure !== 'Yield') {
    throw new EngineError('class', `${cls.name} is a floater, quoted by DM over its index, not by a spread to the ${curve} curve; use CWALT.DMARGIN`, 'notAvailable');
  }
  if (deal.curveDate === undefined) throw new EngineError('deal', `${deal.name} has no sourced curve date`, 'notAvailable');
  const yieldPct = classValue(deal, cls, run, scenario, price);
  const walYears = principalMeasures(deal, cls, run, scenario).walYears;
  const benchmarkPct = parYieldAt(parCurve(curve, deal.curveDate), walYears);
  return { spreadBp: (yieldPct - benchmarkPct) * 100, yieldPct, walYears, benchmarkPct, curve, curveDate: deal.curveDate };
}
