/** The preview's kept results: a layout survives the round trip; anything else is dropped, never drawn. */
import { asLayout, parseLastResults, RESULTS_KEY, resultsStore } from '../../taskpane/lastResults';
import type { SheetLayout } from '../../taskpane/cells';

const layout: SheetLayout = {
  key: 'pricing:x',
  sheetName: 'X',
  blocks: [
    { id: 'title', role: 'title', row: 0, col: 0, values: [['X']], formats: [['@']], bold: { firstRow: true, firstColumn: false } },
    { id: 'g', role: 'grid', row: 2, col: 1, values: [[1.5, 'NA', null]], formats: [['0.00', '@', 'General']], formulas: [['=CWALT.WAL(1)', null, null]], userInputs: true },
  ],
};

function memory(quota = Infinity) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > quota) throw new Error('QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('last results', () => {
  it('round-trips layouts and the sheet in front', () => {
    const storage = memory();
    const store = resultsStore(storage);
    expect(store.save({ sheets: [layout], active: layout.key })).toBe(1);
    expect(store.load()).toEqual({ sheets: [layout], active: layout.key });
  });

  it.each([
    ['a cell that is an object', { ...layout, blocks: [{ ...layout.blocks[0], values: [[{ html: '<img>' }]] }] }],
    ['formats of another shape', { ...layout, blocks: [{ ...layout.blocks[0], formats: [['@', '@']] }] }],
    ['an unknown role', { ...layout, blocks: [{ ...layout.blocks[0], role: 'script' }] }],
    ['a negative row', { ...layout, blocks: [{ ...layout.blocks[0], row: -1 }] }],
    ['no key', { ...layout, key: 1 }],
  ])('drops a sheet with %s', (_, bad) => {
    expect(asLayout(bad)).toBeNull();
    expect(parseLastResults({ sheets: [bad, layout], active: 'pricing:x' }).sheets).toEqual([layout]);
  });

  it('keeps the front sheet alone when all would not fit, and nothing when it does not either', () => {
    const big = { ...layout, key: 'big', blocks: [{ ...layout.blocks[1], values: [Array.from({ length: 5000 }, () => 1.5)], formats: [Array.from({ length: 5000 }, () => '0.00')], formulas: undefined }] };
    const storage = memory(40_000);
    const store = resultsStore(storage);
    expect(store.save({ sheets: [big, layout], active: layout.key })).toBe(1);
    expect(store.load().sheets.map((s) => s.key)).toEqual([layout.key]);
    expect(resultsStore(memory(10)).save({ sheets: [layout], active: layout.key })).toBe(0);
    expect(parseLastResults(JSON.parse(storage.getItem(RESULTS_KEY) ?? 'null')).active).toBe(layout.key);
  });

  it('reads garbage as no results', () => {
    const storage = memory();
    storage.setItem(RESULTS_KEY, '{not json');
    expect(resultsStore(storage).load()).toEqual({ sheets: [], active: null });
    expect(resultsStore(null).load()).toEqual({ sheets: [], active: null });
  });
});

describe('view fields of a layout', () => {
  it('keeps frozen panes, charts and column groups, and drops malformed ones', () => {
    const chart = { name: 'c', title: 't', dataBlockId: 'g', type: 'xyScatter', seriesBy: 'rows', anchor: { row: 1, col: 2, rows: 3, cols: 4 }, xTitle: 'x', yTitle: 'y' };
    const back = asLayout({ ...layout, freeze: { rows: 3, cols: 2 }, charts: [chart], columnGroups: [{ name: 'Class A', col: 3, cols: 4 }] });
    expect(back).toEqual({ ...layout, freeze: { rows: 3, cols: 2 }, charts: [chart], columnGroups: [{ name: 'Class A', col: 3, cols: 4 }] });
    expect(asLayout({ ...layout, freeze: { rows: -1, cols: 2 }, charts: [{ ...chart, anchor: null }], columnGroups: [{ name: 1 }] })).toEqual(layout);
  });
});
