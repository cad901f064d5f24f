/**
 * Node only (benchmarks): `sharedCacheRuns`, the engine runs for a pane table followed by cells of
 * the same scenario, measured on the built page as Excel's shared runtime hosts it. dist/ is
 * served on 127.0.0.1, taskpane.html opened in headless Chromium (Debian's, driven by
 * playwright-core) with a CustomFunctions that keeps what the functions bundle associates; the pane
 * prices CWALT 2004-J4 at 100% to maturity, then every priced class's DM/yield, WAL, MDUR and
 * window are asked of the cells. Every engine instance in the page registers its run counters
 * under Symbol.for('cwalt.engineInstances') (src/run/runCache.ts); the figure is their sum: 1
 * when the pane and the cells share one engine and one cache, 2 with two engines.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { DIST } from './functionsBundle';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STUB = `window.__cells = {};
window.CustomFunctions = { associate: function (id, fn) { window.__cells[id] = fn; }, Error: function (code, message) { var e = new Error(message); e.code = code; return e; },
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };`;

/** The figure, or null (with the reason) when the build or the browser is missing. */
export async function sharedCacheRuns(): Promise<{ runs: number | null; engines: number | null; note?: string }> {
  if (!fs.existsSync(path.join(DIST, 'taskpane.html'))) return { runs: null, engines: null, note: 'no dist/taskpane.html (npm run build first)' };
  if (!fs.existsSync(CHROMIUM)) return { runs: null, engines: null, note: `no Chromium at ${CHROMIUM}` };
  const { chromium } = (await import('playwright-core')) as typeof import('playwright-core');
  const server = http.createServer((req, res) => {
    const file = path.normalize(path.join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'application/javascript' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      if (url.includes('office.js')) return route.fulfill({ status: 200, contentType: 'application/javascript', body: STUB });
      return route.abort();
    });
    await page.goto(`${origin}/taskpane.html`);
    await page.waitForSelector('body[data-state="idle"]', { timeout: 20_000 });
    await page.selectOption('#deal', 'cwalt-2004-j4');
    await page.fill('#f-speeds', '100');
    await page.setChecked('#f-call', false);
    await page.setChecked('#f-maturity', true);
    await page.click('#run');
    await page.waitForSelector('#sheets section[data-sheet-key="pricing:cwalt-2004-j4"] td[data-block^="table-"]', { timeout: 60_000 });
    await page.waitForSelector('body[data-state="idle"]');
    return await page.evaluate(() => {
      const cells = (globalThis as unknown as { __cells: Record<string, (...a: unknown[]) => unknown> }).__cells;
      for (const cls of ['1-A-1', '1-A-3', '2-A', 'M-1', 'B']) {
        cells.WAL('J4', cls, 100, 'maturity', null);
        cells.MDUR('J4', cls, '100-00', 100, 'maturity', null);
        cells.WINDOW('J4', cls, 100, 'maturity', null);
        cells[cls === '1-A-3' ? 'YIELD' : 'DMARGIN']('J4', cls, '100-00', 100, 'maturity', null);
      }
      const engines = (globalThis as unknown as Record<symbol, { runs: number }[] | undefined>)[Symbol.for('cwalt.engineInstances')] ?? [];
      return { runs: engines.reduce((sum, e) => sum + e.runs, 0), engines: engines.length };
    });
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
