/**
 * The scenario controls in a real headless Chromium on the built preview, both deals: every
 * switch the functions accept is on the form; a price per class reaches the table (its Price
 * column and its figures, which equal the engine's at that price); every problem of a click is
 * listed at once and nothing blank is assumed; the deal's pricing speed is said once.
 */
import type { Page } from 'playwright-core';
import type { DealModel } from '../../src/deals/types';
import { classMeasures } from '../../src/run/measures';
import { listDeals } from '../../src/run/registry';
import { runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { blockValues, OFFICE_JS, previewSuite } from './browser';

jest.setTimeout(180_000);

const pane = previewSuite();

async function idle(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="idle"]');
}

function engineValue(deal: DealModel, className: string, speed: number, price: string, extra: Parameters<typeof normaliseScenario>[0] = {}) {
  const cls = deal.description.classes.find((c) => c.name === className);
  if (!cls) throw new Error(`no class ${className}`);
  const scenario = normaliseScenario({ indices: { ...deal.description.pricingIndexLevels }, speed, horizon: 'call', ...extra });
  return classMeasures(deal.description, cls, runDeal(deal, scenario), scenario, price);
}

describe('scenario controls in the pane', () => {
  it('has every switch the functions accept, fitted to the deal', async () => {
    const { page } = pane.session;
    for (const deal of listDeals()) {
      await page.selectOption('#deal', deal.description.id);
      for (const id of ['f-speeds', 'f-price', 'f-libor1m', 'f-libor6m', 'f-libor12m', 'f-cmt1y', 'f-curve', 'f-shiftBp', 'f-shiftFromPeriod', 'f-cdr', 'f-severity', 'f-lagMonths', 'f-derivatives', 'f-walBasis', 'f-durationBasis']) {
        await expect(page.$(`#${id}`)).resolves.not.toBeNull();
      }
      const hasDerivatives = (deal.description.notes ?? []).some((n) => /derivative/i.test(n));
      await expect(page.isDisabled('#f-derivatives')).resolves.toBe(!hasDerivatives);
      const hasForward = !(deal.description.notes ?? []).some((n) => /no forward curves/i.test(n));
      await expect(page.$eval('#f-curve option[value="forward"]', (o) => (o as HTMLOptionElement).disabled)).resolves.toBe(!hasForward);
      await expect(page.textContent('#f-walBasis option[value="deal"]')).resolves.toBe(`The deal's (${deal.description.walBasis})`);
      // One price input a priced class.
      const priced = deal.description.classes.filter((c) => c.measure !== null).map((c) => c.name);
      await expect(page.$$eval('#class-prices input', (inputs) => inputs.map((i) => (i as HTMLInputElement).dataset.class))).resolves.toEqual(priced);
      // "100% = 30% CPR", not "100% = 100% = 30% CPR".
      const speedText = await page.textContent('[data-term="pricing-speed"]');
      expect(speedText).toBe(`100% = ${deal.description.pricingSpeedText}`);
      expect(speedText).not.toMatch(/100% = 100% =/);
    }
  });

  it('prices a class at its own price: the Price column and the figures are at that price', async () => {
    const { page } = pane.session;
    for (const deal of listDeals()) {
      const id = deal.description.id;
      await page.selectOption('#deal', id);
      await page.click('#reset');
      const priced = deal.description.classes.filter((c) => c.measure !== null);
      const own = priced[0].name;
      const speed = deal.description.pricingSpeeds[2];
      await page.fill('#f-speeds', String(speed));
      await page.click('#class-prices-section summary');
      await page.fill(`#class-prices input[data-class="${own}"]`, '99-16');
      await page.click('#run');
      await idle(page);
      await expect(page.textContent('#notice')).resolves.toMatch(/ 1 speed × 2 horizons computed/);
      const table = await blockValues(page, `pricing:${id}`, 'table-call');
      const rows = table.slice(1);
      const ownRow = rows.find((r) => r[0] === own && String(r[3]).match(/^(DM|Yield)/));
      const otherRow = rows.find((r) => r[0] === priced[1].name && String(r[3]).match(/^(DM|Yield)/));
      expect(ownRow?.[2]).toBe('99-16');
      expect(otherRow?.[2]).toBe('100-00');
      expect(ownRow?.[4]).toBeCloseTo(engineValue(deal, own, speed, '99-16').value as number, 9);
      expect(otherRow?.[4]).toBeCloseTo(engineValue(deal, priced[1].name, speed, '100-00').value as number, 9);
      const header = await blockValues(page, `pricing:${id}`, 'header');
      expect(header.find((r) => r[0] === 'Price')?.[1]).toBe(`100-00; ${own} at 99-16`);
      await page.click('#class-prices-section summary');
      await page.click('#reset');
    }
  });

  it('runs with the WAL basis chosen, as the functions would', async () => {
    const { page } = pane.session;
    const deal = listDeals()[0];
    const id = deal.description.id;
    await page.selectOption('#deal', id);
    await page.click('#reset');
    await page.fill('#f-speeds', '100');
    await page.selectOption('#f-walBasis', 'act/365');
    await page.click('#run');
    await idle(page);
    const table = await blockValues(page, `pricing:${id}`, 'table-call');
    const cls = deal.description.classes.find((c) => c.measure !== null)?.name ?? '';
    const walRow = table.find((r) => r[0] === cls && r[3] === 'WAL (yrs)');
    expect(walRow?.[4]).toBe(engineValue(deal, cls, 100, '100-00', { walBasis: 'act/365' }).walYears);
    expect(walRow?.[4]).not.toBe(engineValue(deal, cls, 100, '100-00').walYears);
    const header = await blockValues(page, `pricing:${id}`, 'header');
    expect(header.find((r) => r[0] === 'Conventions')?.[1]).toMatch(/^WAL act\/365;/);
    await page.click('#reset');
  });

  it('lists every problem of a click at once, and assumes nothing for a blank', async () => {
    const { page } = pane.session;
    for (const deal of listDeals()) {
      await page.selectOption('#deal', deal.description.id);
      await page.click('#reset');
      await page.fill('#f-speeds', '0,,100');
      await page.fill('#f-price', '');
      await page.fill('#f-shiftFromPeriod', '0');
      await page.click('#waterfall-section summary');
      await page.fill('#w-speed', '');
      await page.click('#waterfall');
      const error = (await page.textContent('#error')) ?? '';
      const lines = error.split('\n');
      expect(lines).toEqual([
        expect.stringMatching(/^Speeds: item 2 is empty/),
        'Price: expected a price such as 100-00, 99-24+ or 101.25, got nothing',
        expect.stringMatching(/^Shift from period: expected a period from 1 to \d+, got 0$/),
        'Waterfall speed: expected a speed (100 = the pricing speed, or a vector such as 8 12R 24), got nothing',
      ]);
      for (const id of ['f-speeds', 'f-price', 'f-shiftFromPeriod', 'w-speed']) await expect(page.getAttribute(`#${id}`, 'aria-invalid')).resolves.toBe('true');
      await expect(page.$(`#sheets section[data-sheet-key="waterfall:${deal.description.id}"]`)).resolves.toBeNull();
      await page.fill('#w-speed', '100');
      await page.click('#waterfall-section summary');
      await page.click('#reset');
    }
  });

  it('had no page errors', () => {
    expect(pane.session.errors).toEqual([]);
    expect(pane.session.external.filter((u) => !u.startsWith(OFFICE_JS))).toEqual([]);
  });
});
