import fs from 'fs';
import path from 'path';
import { EngineError } from '../../src/errors';
import { INDEX_NAMES, flatIndexPath, forwardIndexPath, indexLevelsByPeriod, parseIndexName, sharedLevelsByPeriod, shiftedIndexPath, type IndexPath } from '../../src/market/indices';
import { CWALT_PRICING_LEVELS, IMPAC_PRICING_LEVELS, SOURCED_DATES, indexLevelsOn } from '../../src/market/levels2004';

const LEVELS = { libor1m: 1.1, libor6m: 1.17, libor12m: 1.35, cmt1y: 1.18 };

describe('index paths', () => {
  it('flat: the current level in every period', () => {
    const p = flatIndexPath(LEVELS);
    for (const period of [1, 2, 47, 360]) expect(p.rate('libor6m', period)).toBe(1.17);
    expect(p.rate('cmt1y', 0)).toBe(1.18);
    expect(p.has('libor12m')).toBe(true);
  });

  it('forward: period p reads element p − 1; the last value holds; periods before 1 read period 1', () => {
    const p = forwardIndexPath({ libor1m: [1.1, 1.2, 1.3] });
    expect(p.rate('libor1m', 1)).toBe(1.1);
    expect(p.rate('libor1m', 3)).toBe(1.3);
    expect(p.rate('libor1m', 100)).toBe(1.3);
    expect(p.rate('libor1m', 0)).toBe(1.1);
    expect(p.has('libor6m')).toBe(false);
    expect(() => p.rate('libor6m', 1)).toThrow('the path "forward" has no libor6m curve');
  });

  it('shifted: + bp from a period on (the Impac "+1000 bp from period 2" column)', () => {
    const base = forwardIndexPath({ libor1m: [1.1, 1.2, 1.3], libor6m: [1.17] });
    const up = shiftedIndexPath(base, 1000, 2);
    expect(up.rate('libor1m', 1)).toBe(1.1);
    expect(up.rate('libor1m', 2)).toBeCloseTo(11.2, 12);
    expect(up.rate('libor6m', 50)).toBeCloseTo(11.17, 12);
    expect(shiftedIndexPath(base, -50).rate('libor1m', 1)).toBeCloseTo(0.6, 12);
    expect(up.description).toBe('forward+1000bp@2');
    expect(shiftedIndexPath(base, 0)).toBe(base);
  });

  it('periodLevels agrees with rate for every kind of path, and for a path without it', () => {
    const forward = forwardIndexPath({ libor1m: [1.1, 1.2, 1.3], libor6m: [1.17, 1.5], libor12m: [2], cmt1y: [1.18, 1.19] });
    const custom: IndexPath = { description: 'custom', has: () => true, rate: (_i, p) => p / 10 };
    const paths: IndexPath[] = [flatIndexPath(LEVELS), forward, shiftedIndexPath(forward, 250, 3), shiftedIndexPath(flatIndexPath(LEVELS), 1000, 2), custom];
    for (const p of paths) {
      for (const index of INDEX_NAMES) {
        const levels = indexLevelsByPeriod(p, index, 12);
        expect(levels.length).toBe(13);
        for (let period = 1; period <= 12; period++) expect(levels[period]).toBeCloseTo(p.rate(index, period), 12);
      }
    }
  });

  it('a constant path shares one table per level and period count, with the bits periodLevels gives', () => {
    const flat = flatIndexPath(LEVELS);
    const up = shiftedIndexPath(flat, 37, 1);
    expect(flat.constantLevel?.('libor6m')).toBe(1.17);
    expect(up.constantLevel?.('libor6m')).toBe(1.17 + 0.37);
    expect(shiftedIndexPath(flat, 37, 2).constantLevel?.('libor6m')).toBeUndefined();
    expect(forwardIndexPath({ libor1m: [1.1] }).constantLevel).toBeUndefined();
    for (const p of [flat, up]) {
      const shared = sharedLevelsByPeriod(p, 'libor12m', 30);
      expect(sharedLevelsByPeriod(p, 'libor12m', 30)).toBe(shared);
      expect(Array.from(shared.subarray(1))).toEqual(Array.from(indexLevelsByPeriod(p, 'libor12m', 30).subarray(1)));
    }
    expect(sharedLevelsByPeriod(flatIndexPath(LEVELS), 'libor12m', 30)).toBe(sharedLevelsByPeriod(flat, 'libor12m', 30));
    // −0 keeps its sign (a map takes it for 0).
    const zero = flatIndexPath({ ...LEVELS, cmt1y: 0 });
    const negZero = flatIndexPath({ ...LEVELS, cmt1y: -0 });
    expect(Object.is(sharedLevelsByPeriod(zero, 'cmt1y', 5)[3], 0)).toBe(true);
    expect(Object.is(sharedLevelsByPeriod(negZero, 'cmt1y', 5)[3], -0)).toBe(true);
    // A path that varies gets a fresh table.
    const forward = forwardIndexPath({ libor1m: [1.1, 1.2] });
    expect(sharedLevelsByPeriod(forward, 'libor1m', 4)).not.toBe(sharedLevelsByPeriod(forward, 'libor1m', 4));
  });

  it('rejects bad levels and tables', () => {
    expect(() => flatIndexPath({ ...LEVELS, libor6m: Number.NaN })).toThrow(EngineError);
    expect(() => forwardIndexPath({})).toThrow('forward: expected a table for at least one of libor1m, libor6m, libor12m, cmt1y');
    expect(() => forwardIndexPath({ libor1m: [] })).toThrow('forward.libor1m: expected at least one period of values');
    expect(() => forwardIndexPath({ libor1m: [1, Infinity] })).toThrow('forward.libor1m[1]');
    expect(() => shiftedIndexPath(flatIndexPath(LEVELS), 100, 0)).toThrow('fromPeriod: expected a whole period of 1 or more, got 0');
  });

  it('reads index names in their usual spellings', () => {
    expect(parseIndexName('LIBOR_1M')).toBe('libor1m');
    expect(parseIndexName('6M LIBOR')).toBe('libor6m');
    expect(parseIndexName('lib12m')).toBe('libor12m');
    expect(parseIndexName('1Y CMT')).toBe('cmt1y');
    expect(parseIndexName('CMT_1Y')).toBe('cmt1y');
    expect(() => parseIndexName('prime')).toThrow('index: expected one of LIBOR_1M, LIBOR_6M, LIBOR_12M, CMT_1Y, got "prime"');
  });
});

describe('sourced index levels of the 2004 pricing dates (conventions.md §13)', () => {
  it('Impac (2004-01-13): 1M 1.10, 6M 1.17, 12M 1.35, 1Y CMT 1.18', () => {
    expect(IMPAC_PRICING_LEVELS.date).toBe('2004-01-13');
    expect(IMPAC_PRICING_LEVELS.levels).toEqual({ libor1m: 1.1, libor6m: 1.17, libor12m: 1.35, cmt1y: 1.18 });
    expect(IMPAC_PRICING_LEVELS.source.cmt1y).toContain('DGS1');
  });

  it('CWALT (2004-04-06): 1M 1.10, 6M 1.23, 12M 1.51, 1Y CMT 1.31', () => {
    expect(CWALT_PRICING_LEVELS.levels).toEqual({ libor1m: 1.1, libor6m: 1.23, libor12m: 1.51, cmt1y: 1.31 });
  });

  it('every bundled level equals shared/reference/rates-2004.json', () => {
    const file = path.join(__dirname, '../../../shared/reference/rates-2004.json');
    const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as { series: Record<string, Record<string, number>> };
    const series = { libor1m: 'USD1MTD156N', libor6m: 'USD6MTD156N', libor12m: 'USD12MD156N', cmt1y: 'DGS1' } as const;
    for (const date of SOURCED_DATES) {
      const { levels } = indexLevelsOn(date);
      for (const index of INDEX_NAMES) expect(levels[index]).toBe(ref.series[series[index]][date]);
    }
  });

  it('an unsourced date is not available', () => {
    expect(() => indexLevelsOn('2004-02-01')).toThrow(/expected one of the sourced dates/);
  });
});
