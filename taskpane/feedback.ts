/**
 * What the pane tells the user, where the eye is. The status bar (taskpane.html `#status`) holds
 * the Run button, the progress bar with Cancel, the overwrite question and one message; it is
 * sticky to the bottom of the window, so it stays in view whichever section the user is in.
 * There is one message at a time: a new notice or error replaces the last, so a green "Updated"
 * never sits above a new red error. A finished result is scrolled into view where it appears.
 */

/** Which message the status bar shows: `data-message` on #status says so, for styles and tests. */
export type MessageKind = 'notice' | 'error';

export class Feedback {
  constructor(private readonly doc: Document) {}

  private el<T extends HTMLElement = HTMLElement>(id: string): T {
    const e = this.doc.getElementById(id);
    if (!e) throw new Error(`the page has no #${id}`);
    return e as T;
  }

  clear(): void {
    const error = this.el('error');
    error.hidden = true;
    error.textContent = '';
    this.el('notice').textContent = '';
    delete this.el('status').dataset.message;
  }

  /** Shows `text` as the one message of its kind, replacing whatever was shown before. */
  show(kind: MessageKind, text: string): void {
    this.clear();
    if (kind === 'error') {
      const error = this.el('error');
      error.textContent = text;
      error.hidden = false;
    } else {
      this.el('notice').textContent = text;
    }
    this.el('status').dataset.message = kind;
  }

  progress(fraction: number, text: string): void {
    this.el<HTMLProgressElement>('progress-bar').value = Math.max(0, Math.min(1, fraction));
    this.el('progress-text').textContent = text;
  }
}

/**
 * Brings a result into view: the block `blockId` (a grid's title, say) scrolled to the top of the
 * sheet's own scroller, just under its column letters, then the scroller (or the section) into the
 * window with the least movement, so the rest of the pane stays where the user left it.
 */
export function reveal(section: HTMLElement, blockId?: string): void {
  const scroller = section.querySelector<HTMLElement>('.sheet-scroll');
  const target = blockId ? section.querySelector<HTMLElement>(`td[data-block="${blockId.replace(/["\\]/g, '\\$&')}"]`) : null;
  if (scroller && target) {
    const header = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    scroller.scrollTop += target.getBoundingClientRect().top - scroller.getBoundingClientRect().top - header;
  }
  (scroller ?? section).scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
}

/** Enter in a text field of `root` runs `action` (as the section's button would). */
export function enterRuns(root: HTMLElement, action: () => void): void {
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (!target || target.tagName !== 'INPUT' || ['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type)) return;
    event.preventDefault();
    action();
  });
}
