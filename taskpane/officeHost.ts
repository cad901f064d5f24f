/*
 * The Office boundary: how the pane learns whether it runs inside Excel, and the one place that
 * touches the `Excel` global. Passing Excel's RequestContext where the writer expects an
 * `XlContext` is what makes the compiler check excelApi.ts against the real API.
 */
import type { ExcelRunner, XlContext } from './excelApi';

export type HostMode = 'excel' | 'preview';

/**
 * Resolves how the pane is hosted: Excel when office.js reports an Excel host, else the preview.
 * office.js loads asynchronously, so when it is not there yet the answer waits for the page's
 * load event (by then office.js has run, or failed to load: no network, or no Office).
 */
export function detectHost(timeoutMs = 5000): Promise<HostMode> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (mode: HostMode) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(mode);
    };
    const timer = setTimeout(() => finish('preview'), timeoutMs);
    const ask = (): boolean => {
      const office = (globalThis as { Office?: typeof Office }).Office;
      if (!office || typeof office.onReady !== 'function') return false;
      void office.onReady((info) => {
        const excel = (globalThis as { Excel?: unknown }).Excel;
        finish(info.host === office.HostType.Excel && excel ? 'excel' : 'preview');
      });
      return true;
    };
    if (ask()) return;
    if (typeof window !== 'undefined' && typeof document !== 'undefined' && document.readyState !== 'complete') {
      window.addEventListener('load', () => ask() || finish('preview'), { once: true });
    } else finish('preview');
  });
}

/** `Excel.run` as the writer's runner: one batch, one fresh request context. */
export function officeRunner(): ExcelRunner {
  return <T>(batch: (context: XlContext) => Promise<T>): Promise<T> => Excel.run((context: Excel.RequestContext) => batch(context));
}

/** Words for the errors Office.js raises, by their code. */
export function officeErrorText(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  switch (code) {
    case 'RequestPayloadSizeLimitExceeded':
      return 'Excel refused the write: the request was too large. Try fewer speeds or periods.';
    case 'InvalidReference':
    case 'ItemNotFound':
      return 'Excel could not find a sheet, table or chart the add-in wrote; it may have been deleted while the pane was working. Run again.';
    case 'InvalidOperation':
    case 'InvalidOperationInCellEditMode':
      return 'Excel is busy (a cell is being edited?). Press Enter or Esc in the sheet, then run again.';
    case 'AccessDenied':
      return 'Excel denied the write: the sheet or workbook may be protected.';
    case 'InvalidArgument':
      return 'Excel rejected a value the add-in tried to write (invalid argument).';
    default: {
      const message = (error as { message?: unknown }).message;
      return `Excel reported ${code}${typeof message === 'string' && message ? `: ${message}` : ''}.`;
    }
  }
}
