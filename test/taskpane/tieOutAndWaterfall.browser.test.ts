/**
 * Issue 18, items 1-2, in a real headless Chromium on the built bundle (dist/): each deal's
 * tie-out badge (the pane, the sheet headers), the full waterfall sheet (its column groups,
 * ending when the deal ends) and the charts of the preview.
 */
import fs from 'fs';
import path from 'path';
import { listDeals } from '../../src/run/registry';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { tieOutOf } from '../../src/run/tieOut';
import { tieOutLine } from '../../src/run/tieOutLine';
import { blockValues, fakeOfficeStub, openPane, previewSuite, screenshotDir } from './browser';

jest.setTimeout(180_000);

const pane = previewSuite();

describe('the tie-out badge', () => {
  it.each(listDeals().map((d) => [d.description.name, d.description.id] as const))('%s: figures reproduced / total, and what is off and why', async (_name, id) => {
    const { page } = pane.session;
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
    const { page } = pane.session;
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
      // Impac's to-maturity table is marked where it is shown; nothing of CWALT's is.
      const title = String((await blockValues(page, `pricing:${id}`, 'title-maturity'))[0][0]);
      expect(title.endsWith('(the whole table rests on undisclosed dealer assumptions)')).toBe(id === 'impac-cmb-2004-1');
      await page.click('#reset');
    }
  });

});

describe('the waterfall sheet in the preview', () => {
  it.each(listDeals().map((d) => [d.description.name, d.description.id] as const))('%s at 100%% to call: every fund and test, ending at the redemption', async (_name, id) => {
    const { page } = pane.session;
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
    // Class balances and cash flows by period, drawn in the page: one line a class.
    const charts = await page.$$eval(`#sheets section[data-sheet-key="waterfall:${id}"] svg.chart`, (svgs) =>
      svgs.map((svg) => ({ name: svg.getAttribute('data-chart'), axis: svg.getAttribute('data-x-axis'), lines: svg.querySelectorAll('polyline').length })),
    );
    const priced = deal.description.classes.filter((c) => c.kind !== 'interestOnly').length;
    expect(charts).toEqual([
      { name: 'Class balances', axis: 'numeric', lines: priced },
      { name: 'Cash flows', axis: 'numeric', lines: deal.description.classes.length },
    ]);
  });
});

describe('screenshots for the README', () => {
  it('keeps a picture of the waterfall sheet with its charts', async () => {
    const { page } = pane.session;
    const id = listDeals()[0].description.id;
    await page.click(`#tabs button[data-sheet-key="waterfall:${id}"]`);
    const section = await page.$(`#sheets section[data-sheet-key="waterfall:${id}"]`);
    const file = path.join(screenshotDir(), 'waterfall.png');
    await section?.screenshot({ path: file });
    expect(fs.statSync(file).size).toBeGreaterThan(5_000);
  });
});

describe('the WAL chart of the pricing sheet', () => {
  it('puts speeds on a true numeric axis and shows a single speed', async () => {
    const { page } = pane.session;
    const deal = listDeals()[0];
    const id = deal.description.id;
    await page.selectOption('#deal', id);
    const markers = async (speeds: string) => {
      await page.fill('#f-speeds', speeds);
      await page.click('#run');
      await page.waitForSelector('body[data-state="idle"]');
      await expect(page.isHidden('#error')).resolves.toBe(true);
      return page.$$eval(`#sheets section[data-sheet-key="pricing:${id}"] svg.chart[data-chart="WAL by speed"] g.series:first-of-type circle`, (cs) =>
        cs.map((c) => ({ x: Number(c.getAttribute('data-x')), cx: Number(c.getAttribute('cx')) })),
      );
    };
    const many = await markers('0, 80, 100, 150');
    const cx = (speed: number) => many.find((m) => m.x === speed)?.cx ?? NaN;
    expect(many.map((m) => m.x)).toEqual([0, 80, 100, 150]);
    expect((cx(100) - cx(80)) / (cx(150) - cx(100))).toBeCloseTo(0.4, 2);
    const one = await markers('100');
    expect(one).toHaveLength(1);
    expect(Number.isFinite(one[0].cx)).toBe(true);
    await page.click('#reset');
  });
});

describe('inside Excel (the fake object model)', () => {
  it.each(listDeals().map((d) => [d.description.name, d.description.id] as const))('%s: the waterfall sheet is written with frozen header rows, column groups and two charts; the pricing sheet with a scatter WAL chart', async (_name, id) => {
    const stub = `${fakeOfficeStub()}
window.CustomFunctions = { associate: function () {}, Error: Error, ErrorCode: {} };`;
    const excel = await openPane(pane.browser, pane.server.origin, { officeStub: stub, viewport: { width: 420, height: 1200 } });
    try {
      const { page } = excel;
      await page.selectOption('#deal', id);
      await page.click('#waterfall-section summary');
      await page.fill('#w-speed', '100');
      await page.click('#waterfall');
      await page.waitForSelector('body[data-state="idle"]');
      await expect(page.textContent('#notice')).resolves.toMatch(/^Wrote “.*Waterfall”/);
      await page.fill('#f-speeds', '100');
      await page.click('#run');
      await page.waitForSelector('body[data-state="idle"]');
      const wb = await page.evaluate(() => {
        const w = window as unknown as {
          __fakeExcel: { sheets: { name: string; charts: { name: string; type: string; seriesBy: string }[] }[]; settings: Map<string, string> };
          __fakeExcelModule: { sheetView(wb: unknown, name: string): { freeze: string | null; columnGroups: string[] } | null };
        };
        const state = JSON.parse(w.__fakeExcel.settings.get('cwalt.addin.state') ?? '{"sheets":{}}') as { sheets: Record<string, { sheetName: string; blocks: Record<string, { address: string }> }> };
        return {
          state: state.sheets,
          sheets: w.__fakeExcel.sheets.map((s) => ({ name: s.name, charts: s.charts.map((c) => ({ name: c.name, type: c.type, seriesBy: c.seriesBy })), view: w.__fakeExcelModule.sheetView(w.__fakeExcel, s.name) })),
        };
      });
      const waterfall = wb.state[`waterfall:${id}`];
      const sheet = wb.sheets.find((s) => s.name === waterfall.sheetName);
      expect(sheet?.view?.freeze).toBe('A1:B5');
      expect(sheet?.view?.columnGroups.length).toBeGreaterThan(8);
      expect(sheet?.charts).toEqual([
        { name: 'Class balances', type: 'Line', seriesBy: 'Columns' },
        { name: 'Cash flows', type: 'Line', seriesBy: 'Columns' },
      ]);
      // The last row of the table is the deal's last period.
      const deal = listDeals().find((d) => d.description.id === id);
      if (!deal) throw new Error(`no deal ${id}`);
      const report = runDeal(deal, normaliseScenario({ speed: 100, horizon: 'call', indices: { ...deal.description.pricingIndexLevels } })).waterfall;
      const last = Number(/:[A-Z]+(\d+)$/.exec(waterfall.blocks.waterfall.address)?.[1]);
      expect(last - 5).toBe(report?.lastPeriod);
      const pricing = wb.sheets.find((s) => s.name === wb.state[`pricing:${id}`].sheetName);
      expect(pricing?.charts).toEqual([{ name: 'WAL by speed', type: 'XYScatterLines', seriesBy: 'Rows' }]);
      expect(excel.errors).toEqual([]);
    } finally {
      await excel.context.close();
    }
  });
});

describe('pane errors', () => {
  it('had no page errors', () => {
    expect(pane.session.errors).toEqual([]);
  });
});
