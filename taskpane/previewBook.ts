/**
 * The standalone preview's workbook: the sheets delivered so far (one per layout key), drawn one
 * at a time under their tabs; the table the Copy button copies (the one last clicked in); and the
 * sheets kept across a reload (lastResults.ts). Inside Excel the workbook itself holds the results
 * and none of this is used.
 */
import type { SheetLayout } from './cells';
import { copySelection } from './copyTable';
import { reveal } from './feedback';
import type { ResultsStore } from './lastResults';
import type { HostMode } from './officeHost';
import type { Page } from './page';
import { escapeHtml, renderSheet } from './preview';

export class PreviewBook {
  private readonly workbook = new Map<string, SheetLayout>();
  private activeSheet: string | null = null;
  /** Counts deliveries to the preview, so a test can tell a fresh table from the last one. */
  private deliveries = 0;
  /** The block of the preview's sheet the user last clicked: the Copy button copies its table. */
  private copyBlock: string | null = null;

  constructor(
    private readonly page: Page,
    private readonly host: HostMode,
    /** Where the preview keeps its last results across a reload (none inside Excel). */
    private readonly results: ResultsStore | null | undefined,
  ) {}

  /** Clicks in the shown sheet choose the table to copy; Ctrl+C copies the selection as its cells show. */
  listen(): void {
    const sheets = this.page.el('sheets');
    sheets.addEventListener('click', (e) => {
      const td = (e.target as HTMLElement | null)?.closest?.('td[data-block]') as HTMLElement | null;
      if (td) this.copyBlock = td.dataset.block ?? null;
    });
    sheets.addEventListener('copy', (e) => {
      const layout = this.activeLayout;
      if (layout) copySelection(e as ClipboardEvent, layout, this.page.el('sheets'));
    });
  }

  /** The sheets, in the order first delivered. */
  get sheets(): SheetLayout[] {
    return [...this.workbook.values()];
  }

  get size(): number {
    return this.workbook.size;
  }

  /** The key of the sheet shown, if any. */
  get active(): string | null {
    return this.activeSheet;
  }

  get activeLayout(): SheetLayout | undefined {
    return this.activeSheet ? this.workbook.get(this.activeSheet) : undefined;
  }

  /** The block whose table the Copy button copies (null: the sheet's first table). */
  get copyTarget(): string | null {
    return this.copyBlock;
  }

  /** A finished layout: replaces its sheet, shows it (scrolled to `focusBlock`) and keeps it. */
  deliver(layout: SheetLayout, focusBlock?: string): void {
    this.workbook.set(layout.key, layout);
    this.deliveries++;
    this.show(layout.key, focusBlock);
    this.save();
  }

  private show(key: string, focusBlock?: string): void {
    if (key !== this.activeSheet || focusBlock) this.copyBlock = focusBlock || null;
    this.activeSheet = key;
    const tabs = this.page.el('tabs');
    tabs.innerHTML = [...this.workbook.values()]
      .map((l) => `<button type="button" role="tab" data-sheet-key="${escapeHtml(l.key)}" aria-selected="${l.key === key}">${escapeHtml(l.sheetName)}</button>`)
      .join('');
    for (const button of Array.from(tabs.querySelectorAll<HTMLButtonElement>('button'))) {
      button.addEventListener('click', () => {
        this.show(button.dataset.sheetKey ?? '');
        this.save();
      });
    }
    this.page.el('preview').hidden = false;
    const sheets = this.page.el('sheets');
    sheets.innerHTML = '';
    const layout = this.workbook.get(key);
    if (layout) {
      const section = renderSheet(this.page.doc, layout);
      section.dataset.run = String(this.deliveries);
      sheets.appendChild(section);
      if (focusBlock !== undefined) reveal(section, focusBlock || undefined);
    }
  }

  /** The preview's last results, as they were before a reload; says what came back, if anything. */
  restore(): string | null {
    const store = this.results;
    if (this.host !== 'preview' || !store) return null;
    const last = store.load();
    for (const layout of last.sheets) this.workbook.set(layout.key, layout);
    if (!last.active) return null;
    this.show(last.active);
    return `Restored ${last.sheets.length === 1 ? 'the last result' : `the last ${last.sheets.length} results`} from before the reload (“Run at” in each sheet says when it was computed).`;
  }

  private save(): void {
    const store = this.results;
    if (this.host !== 'preview' || !store) return;
    store.save({ sheets: [...this.workbook.values()], active: this.activeSheet });
  }
}
