/*
 * The task pane. Inside Excel it writes into the workbook; opened in an ordinary browser (no
 * office.js, or Office.onReady with no host) it runs as the standalone preview.
 */
export type HostMode = 'excel' | 'preview';

/** Resolves how the pane is hosted: Excel when office.js reports an Excel host, else the preview. */
export function detectHost(timeoutMs = 1500): Promise<HostMode> {
  return new Promise((resolve) => {
    const office = (globalThis as { Office?: typeof Office }).Office;
    if (!office || typeof office.onReady !== 'function') {
      resolve('preview');
      return;
    }
    const timer = setTimeout(() => resolve('preview'), timeoutMs);
    office.onReady((info) => {
      clearTimeout(timer);
      resolve(info.host === office.HostType.Excel ? 'excel' : 'preview');
    });
  });
}

function start(): void {
  const mode = document.getElementById('mode');
  void detectHost().then((host) => {
    if (mode) mode.textContent = host === 'excel' ? 'Connected to Excel' : 'Standalone preview: no Excel connected';
    document.body.dataset.host = host;
  });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
