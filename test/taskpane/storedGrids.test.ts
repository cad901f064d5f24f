/**
 * Issue 20: the pane's saved state (inputs and sensitivity grids) is read back from the workbook,
 * so it is untrusted. A malformed grid used to break "Build grid" for its deal for good; a crafted
 * one bypassed the axis limits and parsers, could show forged figures as the add-in's output and
 * put text starting with "=" into a sheet. Now every stored grid is rebuilt through the grid form's
 * parsers, and values grids are recomputed.
 */
import { resetRunCache } from '../../src/run/runner';
import { defaultAssumptions, parseAssumptions } from '../../taskpane/assumptions';
import { writeSheet } from '../../taskpane/excelWriter';
import { computeGrid, defaultGridForm, type GridForm, gridsSheet, parseGridForm, type PlacedGrid, withGrid } from '../../taskpane/sensitivity';
import { PANE_LIMITS, readPaneState, toStored } from '../../taskpane/store';
import { fillValues, restoreGrid, restoreGrids } from '../../taskpane/storedGrids';
import { syntheticDeal } from '../support/syntheticDeal';
import { createFakeExcel } from './fakeExcel';

const deal = syntheticDeal();
const assumptions = (() => {
  const parsed = parseAssumptions(deal.description, { ...defaultAssumptions(deal.description), cdr: '1', shiftBp: '25' });
  if (!parsed.ok) throw new Error('defaults do not parse');
  return parsed.value;
})();

function grid(form: Partial<GridForm> = {}): PlacedGrid {
  const parsed = parseGridForm(deal, assumptions, { ...defaultGridForm(deal), ...form });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return { spec: parsed.spec, values: null, builtAt: new Date('2025-01-02T03:04:05Z') };
}

/** A grid as the workbook's settings hold it: JSON. */
const stored = (g: PlacedGrid): Record<string, unknown> => JSON.parse(JSON.stringify(toStored(g)));

beforeEach(() => resetRunCache());

describe('stored grids are rebuilt through the grid form', () => {
  it('a grid the pane saved comes back as the same grid', () => {
    for (const g of [
      grid(),
      grid({ className: 'FIX', measure: 'WAL', rowAxis: 'cdr', rowValues: '0, 5', colAxis: 'shift', colValues: '-100, 0, 100', mode: 'values' }),
      grid({ rowAxis: 'speed', rowValues: '0, 8 12R 24', colAxis: 'price', colValues: '99-16, 100-00', speed: '8 12R 24' }),
    ]) {
      expect(restoreGrid(deal, stored(g))).toEqual(g);
    }
  });

  const base = () => stored(grid());
  const withSpec = (patch: Record<string, unknown>) => {
    const g = base();
    return { ...g, spec: { ...(g.spec as Record<string, unknown>), ...patch } };
  };
  it.each([
    ['null', () => null],
    ['a string', () => '=1+1'],
    ['no spec', () => ({ values: null, builtAt: '2025-01-01T00:00:00Z' })],
    ['spec: null', () => ({ ...base(), spec: null })],
    ['another deal', () => withSpec({ dealId: 'cwalt-2004-j4' })],
    ['a class starting with =', () => withSpec({ className: '=HYPERLINK("http://example.invalid","FLT")' })],
    ['an unknown measure', () => withSpec({ measure: 'IRR' })],
    ['a horizon not call or maturity', () => withSpec({ horizon: 'whenever' })],
    ['a mode not formulas or values', () => withSpec({ mode: 'both' })],
    ['a price starting with =', () => withSpec({ price: '=A1' })],
    ['a speed starting with @', () => withSpec({ speed: '@SUM(A1)' })],
    ['1,000 column values (the form allows 50)', () => withSpec({ cols: { axis: 'speed', values: Array.from({ length: 1000 }, (_, i) => i) } })],
    ['an axis value of 10 million CDR', () => withSpec({ rows: { axis: 'cdr', values: [1e7] } })],
    ['an axis value that is an object', () => withSpec({ rows: { axis: 'price', values: [{ toString: '=1' }] } })],
    ['an axis not one of the four', () => withSpec({ rows: { axis: 'rainfall', values: [1] } })],
    ['a CDR of 500 in the scenario', () => withSpec({ scenario: { cdr: 500 } })],
    ['a curve starting with =', () => withSpec({ scenario: { curve: '=cmd|x' } })],
    ['indices as text', () => withSpec({ scenario: { indices: { libor1m: '1.1' } } })],
    ['a date that is not one', () => ({ ...base(), builtAt: 'yesterday' })],
  ])('%s: dropped, nothing thrown', (_, make) => {
    expect(restoreGrid(deal, make())).toBeNull();
  });

  it('a malformed entry no longer breaks the deal: the others are kept and the sheet lays out', () => {
    const good = stored(grid({ className: 'FIX', measure: 'WAL', rowAxis: 'cdr', rowValues: '0, 5', colAxis: 'shift', colValues: '0, 100' }));
    const { grids, dropped } = restoreGrids(deal, [null, { spec: 42 }, good, { spec: { rows: null } }]);
    expect(dropped).toBe(3);
    expect(grids).toHaveLength(1);
    const layout = gridsSheet(deal, withGrid(grids, grid()));
    expect(layout.blocks.length).toBeGreaterThan(0);
  });

  it('forged figures are never shown: a values grid is recomputed by the engine', async () => {
    const g = grid({ className: 'FIX', measure: 'WAL', rowAxis: 'cdr', rowValues: '0, 5', colAxis: 'speed', colValues: '0, 100', mode: 'values' });
    const forged = { ...stored(g), values: [[99.99, 99.99], [99.99, 99.99]] };
    const restored = restoreGrid(deal, forged);
    expect(restored?.values).toBeNull();
    const [filled] = await fillValues(deal, [restored as PlacedGrid], (s) => s.mode === 'values', { yieldToUi: () => Promise.resolve() });
    expect(filled.values).toEqual(await computeGrid(deal, g.spec, { yieldToUi: () => Promise.resolve() }));
    expect(filled.values?.flat()).not.toContain(99.99);
  });

  it('through the fake Excel: a crafted grid store writes no text that Excel would read as a formula', async () => {
    const xl = createFakeExcel();
    const crafted = [withSpec({ className: '=HYPERLINK("http://example.invalid","FLT")' }), withSpec({ price: '+1+1' }), stored(grid())];
    const { grids } = restoreGrids(deal, crafted);
    await writeSheet(xl.run, gridsSheet(deal, grids), { confirm: async () => true });
    const cells = [...(xl.sheet('Synthetic 2004-S1 Grids')?.cells.values() ?? [])];
    const formulas = cells.flatMap((c) => (c.formula ? [c.formula] : []));
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.every((f) => f.startsWith('=CWALT.'))).toBe(true);
  });
});

describe('the pane state read from a workbook', () => {
  it.each([
    ['a number', 42],
    ['an array', []],
    ['a string', '=1'],
  ])('%s: empty, and the user is told', (_, raw) => {
    const { state, problems } = readPaneState(raw);
    expect(state).toEqual({ forms: {}, gridForms: {}, grids: {} });
    expect(problems).toHaveLength(1);
  });

  it('keeps only text fields of bounded length, plain records and deal ids', () => {
    const raw = JSON.parse(
      JSON.stringify({
        deal: { id: 'x' },
        forms: { 'synthetic-2004-s1': { speeds: '0, 100', price: { toString: 1 }, call: true, cdr: 'x'.repeat(PANE_LIMITS.textLength + 1) }, '=bad key': { speeds: '1' } },
        gridForms: { 'synthetic-2004-s1': { rowValues: '1, 2', mode: 7 } },
        grids: { 'synthetic-2004-s1': 'not a list' },
      }),
    );
    const { state, problems } = readPaneState(raw);
    expect(state.deal).toBeUndefined();
    expect(state.forms).toEqual({ 'synthetic-2004-s1': { speeds: '0, 100', call: true } });
    expect(state.gridForms).toEqual({ 'synthetic-2004-s1': { rowValues: '1, 2' } });
    expect(state.grids).toEqual({});
    expect(problems).toHaveLength(1);
  });

  it('a __proto__ key is only data', () => {
    const { state } = readPaneState(JSON.parse('{"forms":{"__proto__":{"speeds":"1"}},"grids":{"__proto__":[1]}}'));
    expect(Object.getPrototypeOf(state.forms)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).speeds).toBeUndefined();
  });
});
