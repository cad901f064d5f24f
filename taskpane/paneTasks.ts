/**
 * One user action at a time: while it runs the pane is busy (its buttons disabled, Cancel
 * enabled), a progress bar shows if it lasts longer than a moment, and whatever it ends with is
 * the one message: its notice, or its error in plain words (feedback.ts).
 */
import { plainWords } from './errors';
import type { Feedback } from './feedback';
import type { Page } from './page';
import { Cancelled } from './runPricing';

/** Show the progress bar only for runs that last longer than this. */
const PROGRESS_DELAY_MS = 150;

export class PaneTasks {
  private busy = false;
  private cancelled = false;

  constructor(
    private readonly page: Page,
    private readonly feedback: Feedback,
  ) {}

  /** True once the user pressed Cancel during the running action. */
  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** The Cancel button: the running action stops at its next check. */
  cancel(): void {
    this.cancelled = true;
    this.page.el('progress-text').textContent = 'Cancelling…';
  }

  clearMessages(): void {
    this.feedback.clear();
  }

  showError(text: string): void {
    this.feedback.show('error', text);
  }

  notice(text: string): void {
    this.feedback.show('notice', text);
  }

  progress(fraction: number, text: string): void {
    this.feedback.progress(fraction, text);
  }

  /** Shows every problem at once; true when there were any. */
  reportProblems(problems: readonly string[]): boolean {
    if (problems.length > 0) this.showError(problems.join('\n'));
    return problems.length > 0;
  }

  /** One user action: busy state, delayed progress bar, Cancel, errors in plain words. */
  async run(what: string, body: () => Promise<string | null>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.cancelled = false;
    this.clearMessages();
    const { doc } = this.page;
    doc.body.dataset.state = 'busy';
    const buttons = ['run', 'waterfall', 'grid', 'download', 'reset'].map((id) => this.page.el<HTMLButtonElement>(id));
    for (const b of buttons) b.disabled = true;
    this.progress(0, what);
    this.page.el<HTMLButtonElement>('cancel').disabled = false;
    const timer = setTimeout(() => (this.page.el('progress').hidden = false), PROGRESS_DELAY_MS);
    try {
      const message = await body();
      if (message) this.notice(message);
    } catch (error) {
      if (error instanceof Cancelled) this.notice(plainWords(error));
      else this.showError(plainWords(error));
    } finally {
      clearTimeout(timer);
      this.page.el('progress').hidden = true;
      this.page.el('confirm').hidden = true;
      for (const b of buttons) b.disabled = false;
      this.busy = false;
      doc.body.dataset.state = 'idle';
    }
  }
}
