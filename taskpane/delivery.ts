/**
 * Where a finished layout goes: inside Excel, into the workbook (excelWriter.ts), after asking
 * the user when the write would overwrite something of theirs; in the preview, onto the page
 * (previewBook.ts). Either way the answer is the sentence the pane shows.
 */
import type { SheetLayout } from './cells';
import type { ExcelRunner } from './excelApi';
import { type Overwrite, writeSheet } from './excelWriter';
import type { HostMode } from './officeHost';
import type { Page } from './page';
import type { PaneTasks } from './paneTasks';
import { escapeHtml } from './preview';
import type { PreviewBook } from './previewBook';

export class Delivery {
  private confirmAnswer: ((yes: boolean) => void) | null = null;

  constructor(
    private readonly page: Page,
    private readonly host: HostMode,
    /** Excel.run (or a fake); null in the preview. */
    private readonly excel: ExcelRunner | null,
    private readonly tasks: PaneTasks,
    private readonly book: PreviewBook,
  ) {}

  /** Where a finished layout goes: the workbook (Excel) or the page (preview). */
  async deliver(layout: SheetLayout, from: number, focusBlock?: string): Promise<string> {
    const excel = this.excel;
    if (this.host === 'excel' && excel) {
      this.page.el<HTMLButtonElement>('cancel').disabled = true; // a write is not interrupted halfway
      const result = await writeSheet(excel, layout, {
        confirm: (overwrites) => this.askOverwrite(overwrites),
        onProgress: (done, total, what) => this.tasks.progress(from + ((1 - from) * done) / total, what),
      });
      const told = result.notices.map((n) => ` ${n}`).join('');
      if (result.status === 'declined') return `Nothing written: your changes on “${result.sheetName}” are kept.${told}`;
      return `Wrote “${result.sheetName}” (${result.blocksWritten} ranges${result.blocksKept ? `, ${result.blocksKept} of your inputs kept` : ''}).${(result.notes ?? []).map((n) => ` ${n}`).join('')}${told}`;
    }
    this.book.deliver(layout, focusBlock);
    return `Updated “${layout.sheetName}” in the preview.`;
  }

  private askOverwrite(overwrites: readonly Overwrite[]): Promise<boolean> {
    this.page.el('confirm-list').innerHTML = overwrites
      .map((o) => `<li>Sheet “${escapeHtml(o.sheet)}”, ${escapeHtml(o.address)}: ${o.reason === 'edited' ? `you changed ${escapeHtml(o.what)} the add-in wrote` : escapeHtml(o.what)}</li>`)
      .join('');
    this.page.el('confirm').hidden = false;
    this.page.el('confirm').scrollIntoView?.({ block: 'nearest' });
    this.page.doc.body.dataset.state = 'confirm';
    this.page.el<HTMLButtonElement>('confirm-no').focus();
    return new Promise((resolve) => (this.confirmAnswer = resolve));
  }

  /** The Yes and No buttons of the overwrite question. */
  answerConfirm(yes: boolean): void {
    this.page.el('confirm').hidden = true;
    this.page.doc.body.dataset.state = 'busy';
    const answer = this.confirmAnswer;
    this.confirmAnswer = null;
    answer?.(yes);
  }
}
