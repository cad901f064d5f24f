/*
 * The task pane's entry. Inside Excel it writes into the workbook; opened in an ordinary browser
 * (no office.js, or Office.onReady with no host) it runs as the standalone preview.
 */
import { listDeals } from '../src/run/registry';
import { App } from './app';
import { detectHost, officeRunner } from './officeHost';
import { resultsStore } from './lastResults';
import { localStore, workbookStore } from './store';

export { detectHost, type HostMode } from './officeHost';

async function start(): Promise<void> {
  const host = await detectHost();
  const excel = host === 'excel' ? officeRunner() : null;
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  const app = new App({
    doc: document,
    host,
    deals: listDeals(),
    excel,
    store: excel ? workbookStore(excel) : localStore(storage),
    results: excel ? null : resultsStore(storage),
  });
  await app.start();
}

if (typeof document !== 'undefined') {
  const go = () =>
    void start().catch((error: unknown) => {
      const e = document.getElementById('error');
      if (e) {
        e.hidden = false;
        e.textContent = `The pane could not start: ${error instanceof Error ? error.message : String(error)}`;
      }
    });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go);
  else go();
}
