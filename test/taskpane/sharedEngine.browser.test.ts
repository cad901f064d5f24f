/**
 * One engine and one run cache per page (issue 19): the built pane (dist/taskpane.html, in real
 * headless Chromium) prices a deal at one speed to maturity, then the custom functions the
 * functions bundle registered on the same page ask every priced class's measures for that same
 * scenario. The engine runs once in all: the cells are answered from the run the pane computed.
 * Every engine instance loaded in the page registers its run counters under a shared symbol
 * (src/run/runCache.ts), so two copies of the engine would show as two entries.
 */
import { resolveDeal } from '../../src/run/registry';
import { previewSuite } from './browser';

jest.setTimeout(180_000);

/** In place of office.js: no Office host (the preview), and a CustomFunctions that keeps what is associated. */
const STUB = `window.__cells = {};
window.CustomFunctions = {
  associate: function (id, fn) { window.__cells[id] = fn; },
  Error: function (code, message) { var e = new Error(message); e.code = code; return e; },
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' }
};`;

const pane = previewSuite({ officeStub: STUB });

/** The run counters of every engine instance in the page. */
function engineRuns(): Promise<number[]> {
  return pane.session.page.evaluate(() => ((globalThis as unknown as Record<symbol, { runs: number }[] | undefined>)[Symbol.for('cwalt.engineInstances')] ?? []).map((c) => c.runs));
}

describe('the pane and the cells share one engine', () => {
  it('a pane table followed by cells of the same scenario runs the engine once', async () => {
    const { page } = pane.session;
    const deal = resolveDeal('J4');
    await page.selectOption('#deal', deal.description.id);
    await page.fill('#f-speeds', '100');
    await page.fill('#f-price', '100-00');
    await page.setChecked('#f-call', false);
    await page.setChecked('#f-maturity', true);
    await expect(engineRuns()).resolves.toEqual([0]);
    await page.click('#run');
    await page.waitForSelector(`#sheets section[data-sheet-key="pricing:${deal.description.id}"] td[data-block^="table-"]`);
    await page.waitForSelector('body[data-state="idle"]');
    await expect(page.isHidden('#error')).resolves.toBe(true);
    await expect(engineRuns()).resolves.toEqual([1]);

    const priced = deal.description.classes.filter((c) => c.measure !== null && c.kind !== 'interestOnly') // IO classes: priced only at a price of their own (issue 17)
      .map((c) => ({ name: c.name, measure: c.measure as string }));
    const results = await page.evaluate(
      ({ name, priced }) => {
        const cells = (window as unknown as { __cells: Record<string, (...a: unknown[]) => unknown> }).__cells;
        const out: unknown[] = [];
        for (const c of priced) {
          out.push(cells[c.measure === 'DM' ? 'DMARGIN' : 'YIELD'](name, c.name, '100-00', 100, 'maturity', null));
          out.push(cells.WAL(name, c.name, 100, 'maturity', null));
          out.push(cells.MDUR(name, c.name, '100-00', 100, 'maturity', null));
          out.push(cells.WINDOW(name, c.name, 100, 'maturity', null));
        }
        return out.map((v) => (v instanceof Error ? `error: ${v.message}` : typeof v));
      },
      { name: deal.description.name, priced },
    );
    expect(results.filter((r) => r.startsWith('error'))).toEqual([]);
    expect(results.length).toBe(4 * priced.length);
    await expect(engineRuns()).resolves.toEqual([1]);
    expect(pane.session.errors).toEqual([]);
  });
});
