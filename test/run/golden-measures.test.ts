/**
 * Golden master of DM / yield, WAL, modified duration and principal windows for every priced
 * class of both deals (test/support/goldenMeasures.ts): the cash-flow goldens pin the cents, this
 * pins what a trader reads off them. Numbers to 1e-6 (DM in bp, yield in %, years); months exactly.
 * A failure lists `request | class horizon speed | field: recorded x, now y`.
 */
import { readFileSync } from 'node:fs';
import { MEASURE_DECIMALS, goldenMeasuresFile, measureRows } from '../support/goldenMeasures';

describe.each(['cwalt-2004-j4', 'impac-cmb-2004-1'])('%s pricing measures', (id) => {
  it('match the recorded figures', () => {
    const recorded = (JSON.parse(readFileSync(goldenMeasuresFile(id), 'utf8')) as { rows: Record<string, number | string | null> }).rows;
    const now = measureRows(id);
    const tolerance = 2 * 10 ** -MEASURE_DECIMALS;
    const diffs: string[] = [];
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(now)])) {
      const r = recorded[key];
      const v = now[key];
      const same = typeof r === 'number' && typeof v === 'number' ? Math.abs(r - v) <= tolerance : r === v;
      if (!same) diffs.push(`${key}: recorded ${String(r)}, now ${String(v)}`);
    }
    expect(diffs.slice(0, 25)).toEqual([]);
    expect(Object.keys(recorded).length).toBe(id === 'cwalt-2004-j4' ? 600 : 360);
  });
});
