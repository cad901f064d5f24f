/**
 * The preview's .xlsx and Copy, in a real headless Chromium on the built bundle, both deals: the
 * downloaded workbook's sensitivity grids are real CWALT formulas (as Excel saves a custom
 * function) with the engine's values cached, one-cell array formulas where a CHOOSE builds the
 * scenario; the pricing and waterfall sheets have frozen panes; Copy puts a table on the clipboard as a trader
 * pastes it: tab-separated, no column letters, no row numbers.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { listDeals } from '../../src/run/registry';
import { WATERFALL_TABLE_ROW } from '../../taskpane/waterfallLayout';
import { OFFICE_JS, previewSuite } from './browser';

jest.setTimeout(180_000);

const pane = previewSuite();

beforeAll(async () => {
  await pane.session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pane.server.origin });
});

async function idle(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="idle"]');
}

async function download(page: Page): Promise<ExcelJS.Workbook> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const where = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cwalt-xlsx-')), 'preview.xlsx');
  await file.saveAs(where);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(where);
  return wb;
}

/** Presses Copy and waits for the pane to say it copied. */
async function copy(page: Page): Promise<void> {
  await page.evaluate(() => ((document.getElementById('notice') as HTMLElement).textContent = ''));
  await page.click('#copy');
  await page.waitForFunction(() => /^Copied /.test(document.getElementById('notice')?.textContent ?? ''));
}

type FormulaValue = { formula?: string; sharedFormula?: string; result?: unknown; shareType?: string; ref?: string };

describe('the .xlsx and Copy', () => {
  it('writes sensitivity grids as CWALT formulas with the values cached, and freezes the pricing and waterfall panes', async () => {
    const { page } = pane.session;
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.selectOption('#deal', id);
      await page.click('#reset');
      await page.click('#run');
      await idle(page);
      await page.click('#grid-section summary');
      for (const rows of ['price', 'shift']) {
        await page.selectOption('#g-row-axis', rows);
        await page.click('#grid');
        await idle(page);
      }
      await page.click('#grid-section summary');
      await page.click('#waterfall-section summary');
      await page.click('#waterfall');
      await idle(page);
      await page.click('#waterfall-section summary');
    }
    const wb = await download(page);
    for (const deal of listDeals()) {
      const id = deal.description.id;
      // What the preview showed: formula (title attribute) and engine value (data-value) per cell.
      await page.click(`#tabs button[data-sheet-key="grids:${id}"]`);
      const shown = await page.$$eval(`#sheets section[data-sheet-key="grids:${id}"] td.formula`, (tds) =>
        tds.map((td) => {
          const row = Number((td.parentElement?.querySelector('th') as HTMLElement).textContent);
          const col = Array.from(td.parentElement?.children ?? []).indexOf(td);
          return { row, col, formula: td.getAttribute('title') ?? '', value: JSON.parse((td as HTMLElement).dataset.value ?? 'null') as unknown };
        }),
      );
      expect(shown.length).toBeGreaterThan(10);
      const ws = wb.getWorksheet(`${deal.description.name} Grids`);
      if (!ws) throw new Error(`no grids sheet for ${deal.description.name}`);
      let arrays = 0;
      for (const cell of shown) {
        const v = ws.getCell(cell.row, cell.col).value as FormulaValue;
        expect(v.formula).toBe(cell.formula.replace(/^=/, '').replace(/CWALT\.([A-Z]+)\(/g, '_xldudf_CWALT_$1('));
        expect(v.result).toEqual(cell.value);
        if (/CHOOSE\(\{/.test(cell.formula)) {
          expect(v.shareType).toBe('array');
          arrays++;
        }
      }
      expect(arrays).toBeGreaterThan(0);
      // The grids' titles say where the formulas recalculate.
      const titles = ws.getColumn(1).values.filter((t): t is string => typeof t === 'string' && /^(DM|Yield) of/.test(t));
      expect(titles).toHaveLength(2);
      for (const t of titles) expect(t).toMatch(/live =CWALT formulas: where the CWALT add-in is loaded/);
      // Frozen panes on the pricing sheet: the title row and the class, rate, price and measure columns.
      const pricing = wb.getWorksheet(deal.description.name);
      expect(pricing?.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
      // And the waterfall's: its header rows and the period and date columns, as the layout asks.
      const waterfall = wb.worksheets.find((w) => w.name !== deal.description.name && w.name.startsWith(deal.description.name) && !w.name.endsWith('Grids'));
      expect(waterfall?.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: WATERFALL_TABLE_ROW + 1 });
    }
  });

  it('copies a table as a trader pastes it: tab-separated, no column letters or row numbers', async () => {
    const { page } = pane.session;
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.click(`#tabs button[data-sheet-key="pricing:${id}"]`);
      await copy(page);
      await expect(page.textContent('#notice')).resolves.toMatch(/^Copied \d+ rows × 9 columns of “/);
      const text = await page.evaluate(() => navigator.clipboard.readText());
      const lines = text.split('\n').map((l) => l.split('\t'));
      expect(lines[0]).toEqual(['Class', 'Margin / coupon', 'Price', 'Measure', ...deal.description.pricingSpeeds.map((s) => `${s}%`)]);
      const priced = deal.description.classes.filter((c) => c.measure !== null && c.kind !== 'interestOnly'); // IO classes only with a price of their own (issue 17)
      expect(lines).toHaveLength(1 + 5 * priced.length);
      expect(lines[1][0]).toBe(priced[0].name);
      expect(lines.some((l) => l[0] === 'A' || /^\d+$/.test(l[0]))).toBe(false);
      // What the sheet shows, cell for cell (dates as Excel reads them back: "May 2005").
      const shown = await page.$$eval(`#sheets section[data-sheet-key="pricing:${id}"] td[data-block="table-call"]`, (tds) =>
        tds.map((td) => ({ i: Number((td as HTMLElement).dataset.i), j: Number((td as HTMLElement).dataset.j), text: td.textContent ?? '', format: (td as HTMLElement).dataset.format })),
      );
      for (const c of shown) {
        if (c.format === 'mmm-yy') expect(lines[c.i][c.j]).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
        else expect(lines[c.i][c.j] ?? '').toBe(c.text);
      }

      // The grid last clicked in: its corner, axes and body, nothing else.
      await page.click(`#tabs button[data-sheet-key="grids:${id}"]`);
      await page.click(`#sheets section[data-sheet-key="grids:${id}"] td.formula >> nth=0`);
      await copy(page);
      const grid = (await page.evaluate(() => navigator.clipboard.readText())).split('\n').map((l) => l.split('\t'));
      expect(grid[0][0]).toMatch(/^Price ↓ Speed →$/);
      expect(grid[0].slice(1)).toEqual(deal.description.pricingSpeeds.map((s) => `${s}%`));
      expect(grid.slice(1).map((r) => r[0])).toEqual(['99-16', '99-24', '100-00', '100-08', '100-16']);
    }
  });

  it('copies a selection made with the mouse the same way (Ctrl+C)', async () => {
    const { page } = pane.session;
    const deal = listDeals()[0];
    const id = deal.description.id;
    await page.click(`#tabs button[data-sheet-key="pricing:${id}"]`);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    // From the table's header "Class" to the DM of its first class at the second speed.
    const expected = await page.evaluate((id) => {
      const cell = (i: number, j: number) => document.querySelector(`#sheets section[data-sheet-key="pricing:${id}"] td[data-block="table-call"][data-i="${i}"][data-j="${j}"]`) as HTMLElement;
      const range = document.createRange();
      range.setStartBefore(cell(0, 0));
      range.setEndAfter(cell(1, 5));
      const selection = document.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      return [0, 1].map((i) => [0, 1, 2, 3, 4, 5].map((j) => cell(i, j).textContent ?? '').join('\t')).join('\n');
    }, id);
    await page.focus('#sheets');
    await page.keyboard.press('Control+C');
    await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t !== ''));
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(expected);
  });

  it('had no page errors', () => {
    expect(pane.session.errors).toEqual([]);
    expect(pane.session.external.filter((u) => !u.startsWith(OFFICE_JS))).toEqual([]);
  });
});
