/**
 * Issue 18, items 1-2, in a real headless Chromium on the built bundle (dist/): each deal's
 * tie-out badge (the pane, the sheet headers), the full waterfall sheet (its column groups,
 * ending when the deal ends) and the charts of the preview.
 */
import type { Browser } from 'playwright-core';
import { listDeals } from '../../src/run/registry';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { tieOutLine, tieOutOf } from '../../src/run/tieOut';
import { blockValues, launch, openPane, type PaneSession, requirePrerequisites, type Server, serveDist } from './browser';

jest.setTimeout(180_000);

let server: Server;
let browser: Browser;
let session: PaneSession;

beforeAll(async () => {
  requirePrerequisites();
  server = await serveDist();
  browser = await launch();
  session = await openPane(browser, server.origin);
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.close();
});

describe('the tie-out badge', () => {
  it.each(listDeals().map((d) => [d.description.name, d.description.id] as const))('%s: figures reproduced / total, and what is off and why', async (_name, id) => {
    const { page } = session;
    const t = tieOutOf(id);
    if (!t) throw new Error(`no tie-out data for ${id}`);
    await page.selectOption('#deal', id);
    const badge = page.locator(`#deal-terms details.tie-out[data-deal-id="${id}"] .tie-out-badge`);
    await expect(badge.textContent()).resolves.toBe(`${t.matched}/${t.total} printed figures reproduced (${((100 * t.matched) / t.total).toFixed(1)}%)`);
    // Closed until asked; opening it lists every miss under its cause.
    await expect(page.locator(`#deal-terms details.tie-out ol.tie-out-reasons`).isVisible()).resolves.toBe(false);
    await page.click('#deal-terms details.tie-out > summary');
    await expect(page.locator('#deal-terms ol.tie-out-reasons').isVisible()).resolves.toBe(true);
    const reasons = await page.$$eval('#deal-terms ol.tie-out-reasons > li', (lis) =>
      lis.map((li) => ({ id: (li as HTMLElement).dataset.reason, assumption: (li as HTMLElement).dataset.assumption === 'true', rows: li.querySelectorAll('tbody tr').length, text: li.textContent ?? '' })),
    );
    expect(reasons.map((r) => r.id)).toEqual(t.reasons.map((r) => r.id));
    expect(reasons.reduce((n, r) => n + r.rows, 0)).toBe(t.total - t.matched);
    for (const r of reasons) expect(r.text.includes('rests on undisclosed dealer assumptions')).toBe(r.assumption);
    const terms = (await page.textContent('#deal-terms')) ?? '';
    if (id === 'impac-cmb-2004-1') {
      expect(reasons.some((r) => r.assumption)).toBe(true);
      expect(terms).toContain('Undisclosed assumptions.');
    } else {
      expect(reasons.some((r) => r.assumption)).toBe(false);
    }
    await page.click('#deal-terms details.tie-out > summary');
  });

  it('is in the header of each written sheet', async () => {
    const { page } = session;
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.selectOption('#deal', id);
      await page.fill('#f-speeds', '100');
      await page.click('#run');
      await page.waitForSelector(`#sheets section[data-sheet-key="pricing:${id}"] td[data-block="header"]`);
      await page.waitForSelector('body[data-state="idle"]');
      const header = await blockValues(page, `pricing:${id}`, 'header');
      const row = header.find((r) => r[0] === 'Tie-out');
      expect(row?.[1]).toBe(tieOutLine(id));
      const assumed = header.find((r) => r[0] === 'Undisclosed assumptions');
      expect(assumed !== undefined).toBe((tieOutOf(id)?.assumptions.length ?? 0) > 0);
      await page.click('#reset');
    }
  });

});

describe('the waterfall sheet in the preview', () => {
  it.each(listDeals().map((d) => [d.description.name, d.description.id] as const))('%s at 100%% to call: every fund and test, ending at the redemption', async (_name, id) => {
    const { page } = session;
    const deal = listDeals().find((d) => d.description.id === id);
    if (!deal) throw new Error(`no deal ${id}`);
    await page.selectOption('#deal', id);
    await page.click('#reset');
    if (!(await page.locator('#waterfall-section').evaluate((e) => (e as HTMLDetailsElement).open))) await page.click('#waterfall-section summary');
    await page.fill('#w-speed', '100');
    await page.selectOption('#w-horizon', 'call');
    await page.click('#waterfall');
    await page.waitForSelector(`#sheets section[data-sheet-key="waterfall:${id}"] td[data-block="waterfall"]`);
    await page.waitForSelector('body[data-state="idle"]');
    const rows = await blockValues(page, `waterfall:${id}`, 'waterfall');
    const header = rows[0].map(String);
    const run = runDeal(deal, normaliseScenario({ speed: 100, horizon: 'call', indices: { ...deal.description.pricingIndexLevels } }));
    const report = run.waterfall;
    if (!report) throw new Error(`${id} reports no waterfall`);
    // Every series the deal reports is a column, and the table ends at the deal's last period.
    for (const g of report.groups) for (const s of g.series) expect(header).toContain(s.label);
    expect(header).toEqual(expect.arrayContaining(['OC target', 'OC actual', 'OC release', 'Excess spread %', `${[...run.classes.keys()][0]} Principal`]));
    expect(rows).toHaveLength(report.lastPeriod + 1);
    const last = rows[rows.length - 1];
    expect(last[0]).toBe(report.redeemedPeriod);
    const groupNames = (await blockValues(page, `waterfall:${id}`, 'groups'))[0].filter((v) => v !== null);
    expect(groupNames).toEqual(expect.arrayContaining(report.groups.map((g) => g.name)));
    // The tie-out line sits in the sheet's own summary and header too.
    const summary = (await blockValues(page, `waterfall:${id}`, 'summary'))[0][0];
    expect(String(summary)).toContain(tieOutLine(id));
  });
});

describe('pane errors', () => {
  it('had no page errors', () => {
    expect(session.errors).toEqual([]);
  });
});
