/**
 * The standalone preview in a real headless Chromium, on the built bundle (dist/), with no
 * network: it lists the registered deals with their key terms, runs each deal's pricing speeds,
 * shows tables whose figures equal the engine's (`pricingTables`, computed here in Node), and
 * downloads an .xlsx that, read back with ExcelJS, holds the same figures. It also times the
 * Run → table-on-screen path, cancels a long run, shows errors in plain words, and keeps the
 * README's screenshots (docs/images/, with UPDATE_SCREENSHOTS=1).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { listDeals, squash } from '../../src/run/registry';
import { classMeasures } from '../../src/run/measures';
import { pricingTables } from '../../src/run/pricingTables';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { formatCell } from '../../taskpane/cells';
import { blockTexts, blockValues, openPane, OFFICE_JS, previewSuite, screenshotDir } from './browser';
import { compareTable } from './engineFigures';

jest.setTimeout(180_000);

const IMAGES = screenshotDir();
const pane = previewSuite();

async function listed(): Promise<{ id: string; name: string }[]> {
  return pane.session.page.$$eval('#deal option', (options) => options.map((o) => ({ id: (o as HTMLOptionElement).value, name: o.textContent ?? '' })));
}

/**
 * Presses Run and measures, in page time, when the deal's table is in the page (its DOM ready)
 * and when the next frame paints it (null if the browser throttled frames for 250 ms).
 */
async function runAndTime(dealId: string): Promise<{ dom: number; frame: number | null }> {
  const { page } = pane.session;
  const before = await page.$$eval('#sheets section', (s) => s.map((x) => (x as HTMLElement).dataset.run ?? ''));
  const timing = await page.evaluate(
    ({ dealId, before }) =>
      new Promise<{ dom: number; frame: number | null }>((resolve, reject) => {
        const t0 = performance.now();
        const ready = () => {
          const s = document.querySelector<HTMLElement>(`#sheets section[data-sheet-key="pricing:${dealId}"]`);
          return s && !before.includes(s.dataset.run ?? '') && s.querySelector('td[data-block^="table-"]');
        };
        const giveUp = setTimeout(() => {
          observer.disconnect();
          const text = (id: string) => document.getElementById(id)?.textContent ?? '';
          reject(new Error(`no table after 60 s: state ${document.body.dataset.state}, error "${text('error')}", notice "${text('notice')}", progress "${text('progress-text')}"`));
        }, 60_000);
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          clearTimeout(giveUp);
          const dom = performance.now() - t0;
          let done = false;
          const finish = (frame: number | null) => {
            if (done) return;
            done = true;
            resolve({ dom, frame });
          };
          requestAnimationFrame(() => finish(performance.now() - t0));
          setTimeout(() => finish(null), 250);
        });
        observer.observe(document.getElementById('sheets') as HTMLElement, { childList: true, subtree: true });
        (document.getElementById('run') as HTMLButtonElement).click();
      }),
    { dealId, before },
  );
  await page.waitForSelector('body[data-state="idle"]');
  return timing;
}

describe('the standalone preview', () => {
  it('runs without office.js: says so, and our bundles request nothing from the network', async () => {
    await expect(pane.session.page.textContent('#mode')).resolves.toMatch(/Standalone preview/);
    await expect(pane.session.page.getAttribute('body', 'data-host')).resolves.toBe('preview');
    expect(pane.session.external.filter((u) => !u.startsWith(OFFICE_JS))).toEqual([]);
  });

  it('lists every registered deal, with its key terms', async () => {
    const deals = await listed();
    if (deals.length === 0) throw new Error('The preview lists no deal: src/deals/index.ts registers none in this build (rebuild dist/ after registering them).');
    expect(deals.map((d) => d.id)).toEqual(listDeals().map((d) => d.description.id));
    for (const deal of listDeals()) {
      await pane.session.page.selectOption('#deal', deal.description.id);
      const terms = await pane.session.page.$eval('#deal-terms', (e) => ({ id: (e as HTMLElement).dataset.dealId, text: e.textContent ?? '' }));
      expect(terms.id).toBe(deal.description.id);
      expect(terms.text).toContain(`$${deal.description.sizeDollars.toLocaleString('en-US')}`);
      expect(terms.text).toContain(deal.description.settlement);
      expect(terms.text).toContain(deal.description.pricingSpeedText);
      for (const cls of deal.description.classes) expect(terms.text).toContain(cls.name);
      // The form is pre-filled from the term sheet.
      await expect(pane.session.page.inputValue('#f-speeds')).resolves.toBe(deal.description.pricingSpeeds.join(', '));
      await expect(pane.session.page.inputValue('#f-libor1m')).resolves.toBe(String(deal.description.pricingIndexLevels.libor1m));
    }
  });

  it("runs each deal's pricing speeds and shows tables whose figures equal the engine's", async () => {
    const deals = await listed();
    if (deals.length === 0) throw new Error('The preview lists no deal to run.');
    const timings: string[] = [];
    for (const listedDeal of deals) {
      const deal = listDeals().find((d) => d.description.id === listedDeal.id);
      if (!deal) throw new Error(`the page lists ${listedDeal.id}, which this engine does not have: rebuild dist/`);
      const { page } = pane.session;
      await page.selectOption('#deal', deal.description.id);
      await page.click('#reset');
      const t = await runAndTime(deal.description.id);
      timings.push(`${deal.description.name}: ${t.dom.toFixed(0)} ms from Run to the table in the page, ${t.frame === null ? 'next frame not observed' : `${t.frame.toFixed(0)} ms to the frame that paints it`}`);
      await expect(page.isHidden('#error')).resolves.toBe(true);

      const engine = pricingTables(deal, { price: '100-00', horizons: ['call', 'maturity'] });
      const key = `pricing:${deal.description.id}`;
      let cells = 0;
      let exact = 0;
      for (const horizon of ['call', 'maturity'] as const) {
        const values = await blockValues(page, key, `table-${horizon}`);
        const word = horizon === 'call' ? deal.description.callWord : 'maturity';
        const header = values[0];
        expect(header.slice(4)).toEqual(deal.description.pricingSpeeds.map((s) => `${s}%`));
        const c = compareTable(values, engine.tables.filter((t) => t.horizon === word));
        expect(c.mismatches).toEqual([]);
        expect(c.cells).toBeGreaterThan(0);
        cells += c.cells;
        exact += c.exact;
        // What the trader sees is the figure in the term sheet's format.
        const texts = await blockTexts(page, key, `table-${horizon}`);
        const formats = await page.$$eval(`#sheets section[data-sheet-key="${key}"] td[data-block="table-${horizon}"]`, (tds) => tds.map((td) => (td as HTMLElement).dataset.format ?? ''));
        const flat = values.flat();
        texts.flat().forEach((text, n) => expect(text).toBe(formatCell(flat[n] as never, formats[n])));
      }
      timings.push(`  ${cells} figures compared, ${exact} bit-for-bit equal`);
      // The header names the deal, the scenario and the time of the run.
      const header = await blockValues(page, key, 'header');
      expect(header.map((r) => r[0])).toEqual(expect.arrayContaining(['Deal', 'Speeds', 'Price', 'Indices', 'Credit', 'Run at', 'Engine']));
      expect(String(header[0][1])).toContain(deal.description.name);
      await expect(page.$$eval(`#sheets section[data-sheet-key="${key}"] svg.chart polyline`, (p) => p.length)).resolves.toBe(deal.description.classes.filter((c) => c.measure && c.kind !== 'interestOnly').length); // IO classes join with a price of their own (issue 17)
    }
    console.log(`[taskpane preview timing]\n${timings.join('\n')}`);
  });

  it('keeps screenshots of the pane and of a written table for the README', async () => {
    const { page } = pane.session;
    const first = listDeals()[0];
    if (!first) throw new Error('no deal to show');
    await page.selectOption('#deal', first.description.id);
    await page.click(`#tabs button[data-sheet-key="pricing:${first.description.id}"]`);
    await page.screenshot({ path: path.join(IMAGES, 'preview.png'), fullPage: false });
    const section = await page.$(`#sheets section[data-sheet-key="pricing:${first.description.id}"]`);
    await section?.screenshot({ path: path.join(IMAGES, 'pricing-table.png') });
    // The pane alone, at the width Excel gives a task pane.
    const narrow = await openPane(pane.browser, pane.server.origin, { viewport: { width: 380, height: 1500 } }); // tall enough for the whole pane: the status bar at its place, not over the form
    await narrow.page.screenshot({ path: path.join(IMAGES, 'taskpane.png'), fullPage: true });
    await narrow.context.close();
    for (const name of ['preview.png', 'pricing-table.png', 'taskpane.png']) expect(fs.statSync(path.join(IMAGES, name)).size).toBeGreaterThan(5_000);
  });

  it('downloads an .xlsx that, read back, holds the same figures', async () => {
    const { page } = pane.session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('cwalt-analytics-preview.xlsx');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cwalt-xlsx-')), 'preview.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const deals = await listed();
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(deals.map((d) => d.name)));
    for (const listedDeal of deals) {
      const deal = listDeals().find((d) => d.description.id === listedDeal.id);
      if (!deal) throw new Error(`no engine deal ${listedDeal.id}`);
      const ws = wb.getWorksheet(deal.description.name);
      if (!ws) throw new Error(`the .xlsx has no sheet ${deal.description.name}`);
      const engine = pricingTables(deal, { price: '100-00', horizons: ['call', 'maturity'] });
      for (const horizon of ['call', 'maturity'] as const) {
        const word = horizon === 'call' ? deal.description.callWord : 'maturity';
        const tableName = `PX_${squash(deal.description.id)}_${word}`;
        const table = (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables[tableName];
        if (!table) throw new Error(`the .xlsx sheet ${ws.name} has no table ${tableName}`);
        const [start, end] = table.table.tableRef.split(':');
        const top = ws.getCell(start);
        const bottom = ws.getCell(end);
        const values: unknown[][] = [];
        for (let r = Number(top.row); r <= Number(bottom.row); r++) {
          const row: unknown[] = [];
          for (let c = Number(top.col); c <= Number(bottom.col); c++) {
            const v = ws.getCell(r, c).value;
            row.push(v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v);
          }
          values.push(row);
        }
        const c = compareTable(values, engine.tables.filter((t) => t.horizon === word), { digits15: true });
        expect(c.mismatches).toEqual([]);
        expect(ws.getCell(Number(top.row) + 1, Number(top.col) + 4).numFmt).toMatch(/^0(\.00)?$/);
      }
    }
  });

  it('shows the waterfall and a sensitivity grid in the page too, with the engine\'s values beside the formulas', async () => {
    const { page } = pane.session;
    const deal = listDeals()[0];
    await page.selectOption('#deal', deal.description.id);
    await page.click('#waterfall-section summary');
    await page.click('#waterfall');
    await page.waitForSelector(`#sheets section[data-sheet-key="waterfall:${deal.description.id}"] td[data-block="waterfall"]`);
    await page.waitForSelector('body[data-state="idle"]');
    const waterfall = await blockValues(page, `waterfall:${deal.description.id}`, 'waterfall');
    expect(waterfall[0].slice(0, 2)).toEqual(['Period', 'Pay date']);
    expect(waterfall.length).toBeGreaterThan(12);

    await page.click('#grid-section summary');
    await page.click('#grid');
    await page.waitForSelector(`#sheets section[data-sheet-key="grids:${deal.description.id}"] td.formula`);
    await page.waitForSelector('body[data-state="idle"]');
    const cells = await page.$$eval(`#sheets section[data-sheet-key="grids:${deal.description.id}"] td.formula`, (tds) =>
      tds.map((td) => ({ value: JSON.parse((td as HTMLElement).dataset.value ?? 'null') as unknown, formula: td.getAttribute('title') ?? '' })),
    );
    expect(cells.length).toBeGreaterThan(1);
    for (const c of cells) {
      expect(typeof c.value === 'number' || c.value === 'NA').toBe(true);
      expect(c.formula).toMatch(/^=CWALT\.(DMARGIN|YIELD)\(/);
    }
    // The first cell: the first priced class at 99-16 and the first printed speed, to the call.
    const cls = deal.description.classes.find((c) => c.measure !== null);
    if (!cls) throw new Error('no priced class');
    const scenario = normaliseScenario({ speed: deal.description.pricingSpeeds[0], horizon: 'call', indices: { ...deal.description.pricingIndexLevels }, curve: 'flat', shiftBp: 0, cdr: 0, severity: 0, lagMonths: 0 });
    const engine = classMeasures(deal.description, cls, runDeal(deal, scenario), scenario, '99-16').value;
    expect(cells[0].value as number).toBeCloseTo(engine, 9);
  });

  it('shows a progress bar on a long run, and Cancel stops it without writing anything', async () => {
    const { page } = pane.session;
    const deal = listDeals()[0];
    if (!deal) throw new Error('no deal');
    await page.selectOption('#deal', deal.description.id);
    await page.fill('#f-speeds', Array.from({ length: 40 }, (_, i) => i * 5).join(', '));
    const runsBefore = await page.$$eval('#sheets section', (s) => s.map((x) => (x as HTMLElement).dataset.run));
    await page.click('#run');
    await page.waitForSelector('#progress:not([hidden])');
    await page.waitForFunction(() => (document.getElementById('progress-bar') as HTMLProgressElement).value > 0);
    await expect(page.textContent('#progress-text')).resolves.toMatch(new RegExp(`^${deal.description.name}: .* \\(\\d+/80\\)$`));
    await page.click('#cancel');
    await page.waitForSelector('body[data-state="idle"]');
    await expect(page.textContent('#notice')).resolves.toBe('Cancelled: nothing was written.');
    await expect(page.isHidden('#progress')).resolves.toBe(true);
    await expect(page.$$eval('#sheets section', (s) => s.map((x) => (x as HTMLElement).dataset.run))).resolves.toEqual(runsBefore);
    await page.click('#reset');
  });

  it('remembers the assumptions typed for a deal across a reload', async () => {
    const { page } = pane.session;
    const deal = listDeals()[listDeals().length - 1];
    await page.selectOption('#deal', deal.description.id);
    await page.fill('#f-speeds', '0, 100, 8 12R 24');
    await page.fill('#f-cdr', '2');
    await page.waitForTimeout(700); // the pane saves 400 ms after the last keystroke
    await page.reload();
    await page.waitForSelector('body[data-state="idle"]');
    await expect(page.inputValue('#deal')).resolves.toBe(deal.description.id);
    await expect(page.inputValue('#f-speeds')).resolves.toBe('0, 100, 8 12R 24');
    await expect(page.inputValue('#f-cdr')).resolves.toBe('2');
    await page.click('#reset');
  });

  it('shows bad input in plain words and marks the field', async () => {
    const { page } = pane.session;
    await page.fill('#f-speeds', '0, fast');
    await page.fill('#f-cdr', '120');
    await page.click('#run');
    const error = await page.textContent('#error');
    expect(error).toMatch(/Speeds: "fast": expected/);
    expect(error).toMatch(/CDR: expected a CDR in percent from 0 to 100, got 120/);
    await expect(page.getAttribute('#f-speeds', 'aria-invalid')).resolves.toBe('true');
    await page.click('#reset');
  });

  it('had no page errors', () => {
    expect(pane.session.errors).toEqual([]);
    expect(pane.session.external.filter((u) => !u.startsWith(OFFICE_JS))).toEqual([]);
  });
});
