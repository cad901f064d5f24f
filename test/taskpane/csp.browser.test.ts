/**
 * Issue 20: the pane runs under a Content-Security-Policy (taskpane.html) and keeps working, in a
 * real headless Chromium on the built dist/: the preview prices, builds a grid and downloads an
 * .xlsx (ExcelJS's lazily loaded chunk) with no violation; with a stub office.js from Microsoft's
 * origin the Excel mode starts too; and the policy does its job: an injected inline handler, an
 * inline script and eval are refused.
 */
import fs from 'fs';
import path from 'path';
import { browserSuite, DIST, fakeOfficeStub, openPane, type PaneSession } from './browser';

jest.setTimeout(180_000);

/** Each test opens a fresh pane (the preview, or Excel mode) and closes it. */
const pane = browserSuite();

function policyOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  if (!m) throw new Error('taskpane.html has no Content-Security-Policy meta tag');
  return new Map(
    m[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** Starts recording CSP violations in the page (after load; load-time ones reach the console, which the harness records). */
async function recordViolations(session: PaneSession): Promise<void> {
  await session.page.evaluate(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

const violations = (session: PaneSession) => session.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe('the policy in the built page', () => {
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  const policy = policyOf(html);

  it('allows scripts from this origin and office.js hosts only: no inline script, no eval', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'self'", 'https://appsforoffice.microsoft.com']));
    expect(policy.get('script-src')?.filter((s) => s.startsWith("'unsafe") || s === '*' || s === 'data:' || s === 'blob:')).toEqual([]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
  });

  it('has no inline script to allow: every <script> has a src', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(2);
    expect(scripts.filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '')).toEqual([]);
  });
});

describe('the pane under its policy', () => {
  it('the preview prices, builds a grid and downloads an .xlsx with no violation', async () => {
    const session = await openPane(pane.browser, pane.server.origin);
    try {
      await recordViolations(session);
      const { page } = session;
      await page.click('#run');
      await page.waitForSelector('#sheets section td[data-block^="table-"]');
      await page.waitForSelector('body[data-state="idle"]');
      await page.click('#grid-section summary');
      await page.click('#grid');
      await page.waitForSelector('#sheets section[data-sheet-key^="grids:"]');
      await page.waitForSelector('body[data-state="idle"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      await page.waitForSelector('body[data-state="idle"]');
      expect(await violations(session)).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.context.close();
    }
  });

  it('in Excel mode (office.js from its own origin, here a stub over the fake Excel) the pane starts and writes', async () => {
    const session = await openPane(pane.browser, pane.server.origin, { officeStub: fakeOfficeStub() });
    try {
      await recordViolations(session);
      expect(await session.page.getAttribute('body', 'data-host')).toBe('excel');
      await session.page.click('#run');
      await session.page.waitForSelector('body[data-state="idle"]');
      const sheets = await session.page.evaluate(() => (window as unknown as { __fakeExcel: { sheets: { name: string }[] } }).__fakeExcel.sheets.length);
      expect(sheets).toBe(1);
      expect(await violations(session)).toEqual([]);
      expect(session.errors).toEqual([]);
    } finally {
      await session.context.close();
    }
  });

  it('refuses an injected inline handler, an inline script and eval', async () => {
    const session = await openPane(pane.browser, pane.server.origin);
    try {
      await recordViolations(session);
      const outcome = await session.page.evaluate(async () => {
        const w = window as unknown as { __pwned?: number };
        document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned = 1">');
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = 2';
        document.body.appendChild(s);
        // A string timer is eval run by the page itself (code evaluated from the test harness is exempt from the policy).
        (setTimeout as unknown as (code: string, ms: number) => void)('window.__pwned = 3', 0);
        await new Promise((r) => setTimeout(r, 200));
        return { pwned: w.__pwned ?? null };
      });
      expect(outcome).toEqual({ pwned: null });
      const seen = await violations(session);
      expect(seen.some((v) => v.startsWith('script-src'))).toBe(true);
      expect(seen.length).toBeGreaterThanOrEqual(3);
    } finally {
      await session.context.close();
    }
  });
});
