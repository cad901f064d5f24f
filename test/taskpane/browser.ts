/**
 * Harness for the task pane in a real headless Chromium (Debian's, driven by playwright-core):
 * serves the built dist/ over plain HTTP on 127.0.0.1, launches the browser with no network
 * chatter, routes office.js (to an abort for the preview, or to a stub that installs a fake
 * Excel), aborts every other non-loopback request and records it, so a test can assert our
 * bundles attempted none.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import type { AddressInfo } from 'net';
import path from 'path';
import ts from 'typescript';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const DIST = path.resolve(__dirname, '../../dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

/**
 * Where the browser tests put their screenshots: the README's docs/images/ when asked
 * (`UPDATE_SCREENSHOTS=1 npx jest test/taskpane`), else a scratch folder, so that a test run
 * leaves the working tree as it found it.
 */
export function screenshotDir(): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/images') : path.join(os.tmpdir(), 'cwalt-addin-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Fails with a message saying what to do when the build or the browser is missing. */
export function requirePrerequisites(): void {
  if (!fs.existsSync(path.join(DIST, 'taskpane.html')) || !fs.existsSync(path.join(DIST, 'taskpane.js'))) {
    throw new Error(`dist/ has no built task pane (${DIST}): run "npx webpack --mode production" (npm test builds before jest).`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does it) or set CHROMIUM_PATH. The task-pane browser tests need a real browser and never download one.`);
  }
}

export interface Server {
  readonly origin: string;
  close(): Promise<void>;
}

/** A static file server for dist/ on 127.0.0.1, on a free port. */
export async function serveDist(): Promise<Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export interface PaneSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request that left 127.0.0.1 (all aborted), in order. */
  readonly external: string[];
  /** Uncaught page errors and console errors. */
  readonly errors: string[];
}

/**
 * Opens the pane. `officeStub` is the JavaScript served in place of office.js; without one,
 * office.js is aborted (as offline or outside Office) and the pane runs as the preview.
 */
/** How a pane is opened: what is served in place of office.js, and the window's size. */
export interface PaneOptions {
  readonly officeStub?: string;
  readonly viewport?: { width: number; height: number };
}

export async function openPane(browser: Browser, origin: string, options: PaneOptions = {}): Promise<PaneSession> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: options.viewport ?? { width: 1500, height: 1000 }, serviceWorkers: 'block' });
  const external: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    if (url.startsWith(OFFICE_JS) && options.officeStub !== undefined) {
      return route.fulfill({ status: 200, contentType: 'application/javascript', body: options.officeStub });
    }
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/office\.js|ERR_INTERNET_DISCONNECTED/.test(m.text() + (m.location().url ?? ''))) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${origin}/taskpane.html`);
  try {
    await page.waitForSelector('body[data-state="idle"]', { timeout: 20_000 });
  } catch {
    const state = await page.getAttribute('body', 'data-state').catch(() => '?');
    throw new Error(`the pane did not start within 20 s (state "${state}"); page errors: ${errors.join(' | ') || 'none'}`);
  }
  return { context, page, external, errors };
}

/**
 * The fake Excel of fakeExcel.ts compiled for the page, behind a stub office.js that reports an
 * Excel host: `window.__fakeExcel` is the workbook, `Excel.run` runs against it.
 */
export function fakeOfficeStub(): string {
  const source = fs.readFileSync(path.join(__dirname, 'fakeExcel.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function () {
  var exports = {}; var module = { exports: exports };
  ${js}
  var workbook = exports.createFakeExcel();
  window.__fakeExcel = workbook;
  window.__fakeExcelModule = exports;
  window.Excel = { run: function (batch) { return workbook.run(batch); } };
  window.Office = {
    HostType: { Excel: 'Excel' },
    onReady: function (callback) { var info = { host: 'Excel', platform: 'PC' }; if (callback) callback(info); return Promise.resolve(info); }
  };
})();`;
}

/** The values of a block of the preview's active sheet, as `data-value` holds them (unformatted). */
export async function blockValues(page: Page, sheetKey: string, blockId: string): Promise<unknown[][]> {
  return page.evaluate(
    ({ sheetKey, blockId }) => {
      const cells = Array.from(document.querySelectorAll<HTMLTableCellElement>(`#sheets section[data-sheet-key="${sheetKey}"] td[data-block="${blockId}"]`));
      const rows: unknown[][] = [];
      for (const td of cells) {
        const i = Number(td.dataset.i);
        const j = Number(td.dataset.j);
        (rows[i] ??= [])[j] = JSON.parse(td.dataset.value ?? 'null');
      }
      return rows;
    },
    { sheetKey, blockId },
  );
}

/** The displayed text of a block's cells. */
export async function blockTexts(page: Page, sheetKey: string, blockId: string): Promise<string[][]> {
  return page.evaluate(
    ({ sheetKey, blockId }) => {
      const rows: string[][] = [];
      for (const td of Array.from(document.querySelectorAll<HTMLTableCellElement>(`#sheets section[data-sheet-key="${sheetKey}"] td[data-block="${blockId}"]`))) {
        (rows[Number(td.dataset.i)] ??= [])[Number(td.dataset.j)] = td.textContent ?? '';
      }
      return rows;
    },
    { sheetKey, blockId },
  );
}

/** The built pane served and Chromium launched once for a test file, closed after it. */
export interface BrowserSuite {
  readonly server: Server;
  readonly browser: Browser;
  /** Opens a pane of its own (see openPane); it is closed with the suite, if the test has not closed it. */
  open(options?: PaneOptions): Promise<PaneSession>;
}

/**
 * Registers the file's beforeAll/afterAll for a file whose tests open panes of their own (other
 * window sizes, other hosts, a fresh page each); the fields are set once beforeAll has run.
 */
export function browserSuite(): BrowserSuite {
  const opened: PaneSession[] = [];
  const suite = {
    open: async (options: PaneOptions = {}) => {
      const session = await openPane(suite.browser, suite.server.origin, options);
      opened.push(session);
      return session;
    },
  } as { server: Server; browser: Browser; open(options?: PaneOptions): Promise<PaneSession> };
  beforeAll(async () => {
    requirePrerequisites();
    suite.server = await serveDist();
    suite.browser = await launch();
  });
  afterAll(async () => {
    for (const session of opened) await session.context.close();
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** The built preview served, Chromium launched and the pane opened once for a test file, closed after it. */
export interface PreviewSuite extends BrowserSuite {
  readonly session: PaneSession;
}

/**
 * Registers the file's beforeAll/afterAll; the returned object's fields are set once beforeAll has
 * run. `options` open the one pane otherwise than as the preview at 1500 × 1000: with a stub in
 * place of office.js (an Excel host over the fake Excel, say), or in another window size.
 */
export function previewSuite(options: PaneOptions = {}): PreviewSuite {
  const suite = browserSuite() as BrowserSuite & { session: PaneSession };
  beforeAll(async () => {
    suite.session = await suite.open(options);
  });
  return suite;
}
