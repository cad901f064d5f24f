/**
 * Feedback where the eye is, in a real headless Chromium on the built preview: Run, progress and
 * Cancel in view in a 1000 px tall window (wide and at a task pane's width, from the top of the
 * pane and from its last section); one message at a time (a new error replaces the green notice,
 * and the other way round); Enter runs the section it is pressed in; a built grid is scrolled into
 * view; the last results come back after a reload, figures and "Run at" unchanged. Both deals.
 */
import type { Page } from 'playwright-core';
import { listDeals } from '../../src/run/registry';
import { blockValues, browserSuite, OFFICE_JS, type PaneSession } from './browser';

jest.setTimeout(180_000);

/** Each test opens a pane of its own; the suite closes them all. */
const pane = browserSuite();
const sessions: PaneSession[] = [];

async function open(viewport = { width: 1500, height: 1000 }): Promise<PaneSession> {
  const s = await pane.open({ viewport });
  sessions.push(s);
  return s;
}

/** Where an element is, and whether all of it is inside the window. */
async function inView(page: Page, selector: string): Promise<{ top: number; bottom: number; visible: boolean }> {
  return page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), visible: r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth };
  });
}

async function idle(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="idle"]');
}

async function message(page: Page): Promise<{ kind: string | null; notice: string; error: string; errorShown: boolean }> {
  return page.evaluate(() => ({
    kind: document.getElementById('status')?.dataset.message ?? null,
    notice: document.getElementById('notice')?.textContent ?? '',
    error: document.getElementById('error')?.textContent ?? '',
    errorShown: !(document.getElementById('error') as HTMLElement).hidden,
  }));
}

describe('feedback where the eye is', () => {
  it.each([
    [1500, 1000],
    [380, 1000],
  ])('keeps Run, progress and Cancel in view in a %i × %i window, from the top and from the last section', async (width, height) => {
    const { page } = await open({ width, height });
    const deal = listDeals()[0];
    await page.selectOption('#deal', deal.description.id);
    expect((await inView(page, '#run')).visible).toBe(true);
    // A long run, started from the bottom of the pane.
    await page.fill('#f-speeds', Array.from({ length: 40 }, (_, i) => i * 5).join(', '));
    await page.click('#grid-section summary');
    await page.click('#waterfall-section summary');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect((await inView(page, '#run')).visible).toBe(true);
    await page.click('#run');
    await page.waitForSelector('#progress:not([hidden])');
    const progress = await inView(page, '#progress');
    const cancel = await inView(page, '#cancel');
    console.log(`[feedback ${width}×${height}] progress at ${progress.top}-${progress.bottom} px, Cancel at ${cancel.top}-${cancel.bottom} px of ${height}`);
    expect(progress.visible).toBe(true);
    expect(cancel.visible).toBe(true);
    await page.click('#cancel');
    await idle(page);
    expect((await inView(page, '#notice')).visible).toBe(true);
    await expect(page.textContent('#notice')).resolves.toBe('Cancelled: nothing was written.');
    // And from the top of the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#run');
    await page.waitForSelector('#progress:not([hidden])');
    expect((await inView(page, '#cancel')).visible).toBe(true);
    await page.click('#cancel');
    await idle(page);
  });

  it('shows one message at a time: an error replaces the notice, and a success replaces the error', async () => {
    const { page } = await open();
    for (const deal of listDeals()) {
      await page.selectOption('#deal', deal.description.id);
      await page.click('#reset');
      await page.click('#run');
      await idle(page);
      let m = await message(page);
      expect(m).toMatchObject({ kind: 'notice', errorShown: false, error: '' });
      expect(m.notice).toMatch(/^Updated “/);
      await page.fill('#f-cdr', '120');
      await page.click('#run');
      m = await message(page);
      expect(m).toMatchObject({ kind: 'error', errorShown: true, notice: '' });
      expect(m.error).toMatch(/CDR: expected a CDR in percent from 0 to 100, got 120/);
      await expect(page.isVisible('#notice')).resolves.toBe(false);
      // A waterfall error replaces it in turn, and a good run clears both.
      await page.fill('#f-cdr', '0');
      await page.click('#waterfall-section summary');
      await page.fill('#w-speed', 'fast');
      await page.click('#waterfall');
      m = await message(page);
      expect(m.kind).toBe('error');
      expect(m.error).toMatch(/^Waterfall speed/);
      expect(m.error).not.toMatch(/CDR/);
      await page.fill('#w-speed', '100');
      await page.click('#run');
      await idle(page);
      m = await message(page);
      expect(m).toMatchObject({ kind: 'notice', errorShown: false, error: '' });
      await page.click('#waterfall-section summary');
    }
  });

  it('runs the section Enter is pressed in: pricing, waterfall, grid', async () => {
    const { page } = await open();
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.selectOption('#deal', id);
      await page.click('#reset');
      await page.focus('#f-price');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#sheets section[data-sheet-key="pricing:${id}"]`);
      await idle(page);
      await expect(page.textContent('#notice')).resolves.toMatch(/Updated “.*” in the preview\. \d+ speeds × 2 horizons/);

      await page.click('#waterfall-section summary');
      await page.focus('#w-speed');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#sheets section[data-sheet-key="waterfall:${id}"]`);
      await idle(page);

      await page.click('#grid-section summary');
      await page.focus('#g-row-values');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#sheets section[data-sheet-key="grids:${id}"]`);
      await idle(page);
      await expect(page.textContent('#notice')).resolves.toMatch(/live formulas|values/);
      await page.click('#waterfall-section summary');
      await page.click('#grid-section summary');
    }
  });

  it('scrolls a built grid into view, below the grids built before it', async () => {
    const { page } = await open();
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.selectOption('#deal', id);
      await page.click('#grid-section summary');
      // Three grids on one sheet: the last sits far below the top of the sheet.
      for (const [rows, cols] of [
        ['price', 'speed'],
        ['shift', 'speed'],
        ['cdr', 'speed'],
      ]) {
        await page.selectOption('#g-row-axis', rows);
        await page.selectOption('#g-col-axis', cols);
        await page.evaluate(() => document.getElementById('grid')?.scrollIntoView({ block: 'end' }));
        await page.click('#grid');
        await idle(page);
        const title = `#sheets section[data-sheet-key="grids:${id}"] td[data-block$="_${rows}_${cols}_call-title"]`;
        const where = await inView(page, title);
        const scroller = await page.$eval(`#sheets section[data-sheet-key="grids:${id}"] .sheet-scroll`, (e) => {
          const r = e.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, scrollTop: e.scrollTop };
        });
        expect(where.visible).toBe(true);
        expect(where.top).toBeGreaterThanOrEqual(scroller.top);
        expect(where.bottom).toBeLessThanOrEqual(scroller.bottom);
        if (rows === 'cdr') expect(scroller.scrollTop).toBeGreaterThan(0);
      }
      await page.click('#grid-section summary');
    }
  });

  it('brings the last results back after a reload, as they were computed', async () => {
    const { page } = await open();
    const before: Record<string, unknown[][]> = {};
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.selectOption('#deal', id);
      await page.click('#reset');
      await page.click('#run');
      await idle(page);
      before[`pricing:${id}|table-call`] = await blockValues(page, `pricing:${id}`, 'table-call');
      before[`pricing:${id}|header`] = await blockValues(page, `pricing:${id}`, 'header');
    }
    const tabs = await page.$$eval('#tabs button', (b) => b.map((x) => (x as HTMLElement).dataset.sheetKey));
    await page.reload();
    await idle(page);
    await expect(page.$$eval('#tabs button', (b) => b.map((x) => (x as HTMLElement).dataset.sheetKey))).resolves.toEqual(tabs);
    await expect(page.textContent('#notice')).resolves.toMatch(/^Restored the last 2 results/);
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.click(`#tabs button[data-sheet-key="pricing:${id}"]`);
      await expect(blockValues(page, `pricing:${id}`, 'table-call')).resolves.toEqual(before[`pricing:${id}|table-call`]);
      // The header says when the figures were computed: before the reload, not now.
      await expect(blockValues(page, `pricing:${id}`, 'header')).resolves.toEqual(before[`pricing:${id}|header`]);
    }
    // The .xlsx still has them to download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('had no page errors and no network requests', () => {
    for (const s of sessions) {
      expect(s.errors).toEqual([]);
      expect(s.external.filter((u) => !u.startsWith(OFFICE_JS))).toEqual([]);
    }
  });
});
