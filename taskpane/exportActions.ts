/**
 * The preview's Download and Copy buttons: the sheets shown so far as an .xlsx (xlsx.ts), and the
 * table last clicked in (else the sheet's first) as tab-separated text, as a trader pastes it
 * (copyTable.ts).
 */
import { count } from './assumptions';
import { tableTsv, writeClipboard } from './copyTable';
import { ENGINE_VERSION } from './layout';
import type { Pane } from './paneContext';
import { XLSX_MIME, workbookBytes } from './xlsx';

export const XLSX_FILE_NAME = 'cwalt-analytics-preview.xlsx';

export async function downloadXlsx(pane: Pane): Promise<void> {
  const { book, tasks } = pane;
  if (book.size === 0) {
    tasks.showError('Nothing to download yet: run the pricing speeds first.');
    return;
  }
  await tasks.run('Building the .xlsx…', async () => {
    const bytes = await workbookBytes(book.sheets, ENGINE_VERSION);
    (pane.options.download ?? ((name, data) => saveFile(pane.page.doc, name, data)))(XLSX_FILE_NAME, bytes);
    return `Downloaded ${XLSX_FILE_NAME} (${book.size} sheets).`;
  });
}

/** Copies the table last clicked in (else the sheet's first) as tab-separated text, as a trader pastes it. */
export async function copyTable(pane: Pane): Promise<void> {
  const { book, tasks } = pane;
  const layout = book.activeLayout;
  const table = layout ? tableTsv(layout, book.copyTarget) : null;
  if (!layout || !table) {
    tasks.showError('Nothing to copy yet: run the pricing speeds first.');
    return;
  }
  try {
    await writeClipboard(pane.page.doc, table.text);
    tasks.notice(`Copied ${count(table.rows, 'row')} × ${count(table.cols, 'column')} of “${layout.sheetName}”, tab-separated: paste into Excel or a message.`);
  } catch (error) {
    tasks.showError(`Copy: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function saveFile(doc: Document, name: string, bytes: ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
