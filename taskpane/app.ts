/**
 * The pane's controller: wires the page (taskpane.html) to the engine and to where results go.
 * Inside Excel results are written into the workbook (excelWriter.ts); in the standalone
 * preview they are drawn in the page (preview.ts) and offered as an .xlsx (xlsx.ts). Everything
 * deal-related comes from the deal's description, so every registered deal works the same way.
 *
 * The App holds the deal in the picker and what is remembered (store.ts), and hands the rest to
 * its parts: the assumptions form (assumptionsForm.ts) and the grid builder (gridPanel.ts); the
 * buttons' flows (pricingFlow.ts, waterfallFlow.ts, gridFlow.ts, exportActions.ts); one action at
 * a time with progress and Cancel (paneTasks.ts); where a result goes (delivery.ts), and the
 * preview's sheets (previewBook.ts).
 */
import type { DealModel } from '../src/run';
import { type AssumptionsForm, defaultAssumptions, restoreForm } from './assumptions';
import { fillForm, readForm } from './assumptionsForm';
import { renderDealTerms } from './dealTerms';
import { Delivery } from './delivery';
import { copyTable, downloadXlsx } from './exportActions';
import { enterRuns, Feedback } from './feedback';
import { buildGrid } from './gridFlow';
import { fillAxisPickers, fillGridForm, gridFormChanged } from './gridPanel';
import { defaultGridForm } from './gridSpec';
import { Page } from './page';
import type { AppOptions, Pane } from './paneContext';
import { PaneTasks } from './paneTasks';
import { escapeHtml } from './preview';
import { PreviewBook } from './previewBook';
import { runPricingSpeeds } from './pricingFlow';
import { fitSwitches, renderClassPrices } from './scenarioControls';
import type { PaneState } from './store';
import { writeWaterfall } from './waterfallFlow';

export type { AppOptions } from './paneContext';
export { XLSX_FILE_NAME } from './exportActions';

export class App implements Pane {
  readonly page: Page;
  readonly tasks: PaneTasks;
  readonly book: PreviewBook;
  readonly delivery: Delivery;
  deal: DealModel | null = null;
  state: PaneState = { forms: {}, gridForms: {}, grids: {} };
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly options: AppOptions) {
    this.page = new Page(options.doc);
    this.tasks = new PaneTasks(this.page, new Feedback(options.doc));
    this.book = new PreviewBook(this.page, options.host, options.results);
    this.delivery = new Delivery(this.page, options.host, options.excel, this.tasks, this.book);
  }

  private el<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.page.el<T>(id);
  }

  async start(): Promise<void> {
    const { host, deals } = this.options;
    const doc = this.page.doc;
    doc.body.dataset.host = host;
    this.el('mode').textContent = host === 'excel' ? 'Connected to Excel: results are written into this workbook.' : 'Standalone preview: no Excel connected. Results show below and download as .xlsx.';
    this.el('preview').hidden = true; // shown with the first result, in the preview only
    let problems: readonly string[] = [];
    try {
      ({ state: this.state, problems } = await this.options.store.load());
    } catch {
      // An unreadable store only costs the remembered inputs.
    }
    const picker = this.page.select('deal');
    picker.innerHTML = deals.map((d) => `<option value="${escapeHtml(d.description.id)}">${escapeHtml(d.description.name)}</option>`).join('');
    fillAxisPickers(this.page);
    if (deals.length === 0) {
      this.el('no-deals').hidden = false;
      for (const id of ['run', 'waterfall', 'grid', 'reset']) this.el<HTMLButtonElement>(id).disabled = true;
      this.tasks.showError('No deal is available in this build of the add-in, so there is nothing to price yet.');
      doc.body.dataset.state = 'idle';
      return;
    }
    picker.addEventListener('change', () => this.chooseDeal(picker.value));
    this.el('run').addEventListener('click', () => void this.runPricingSpeeds());
    this.el('reset').addEventListener('click', () => this.resetForm());
    this.el('waterfall').addEventListener('click', () => void this.writeWaterfall());
    this.el('grid').addEventListener('click', () => void this.buildGrid());
    this.el('cancel').addEventListener('click', () => this.tasks.cancel());
    this.el('download').addEventListener('click', () => void downloadXlsx(this));
    this.el('copy').addEventListener('click', () => void copyTable(this));
    this.book.listen();
    this.el('confirm-yes').addEventListener('click', () => this.delivery.answerConfirm(true));
    this.el('confirm-no').addEventListener('click', () => this.delivery.answerConfirm(false));
    this.el('assumptions').addEventListener('input', () => this.scheduleSave());
    this.el('assumptions').addEventListener('change', () => this.scheduleSave());
    this.el('grid-section').addEventListener('change', (e) => gridFormChanged(this, e));
    enterRuns(this.el('assumptions'), () => void this.runPricingSpeeds());
    enterRuns(this.el('waterfall-section'), () => void this.writeWaterfall());
    enterRuns(this.el('grid-section'), () => void this.buildGrid());
    const first = deals.find((d) => d.description.id === this.state.deal) ?? deals[0];
    picker.value = first.description.id;
    this.chooseDeal(first.description.id);
    const restored = this.book.restore();
    if (problems.length > 0 || restored) this.tasks.notice([...problems, ...(restored ? [restored] : [])].join(' '));
    doc.body.dataset.state = 'idle';
  }

  private chooseDeal(id: string): void {
    const deal = this.options.deals.find((d) => d.description.id === id);
    if (!deal) return;
    this.deal = deal;
    renderDealTerms(this.el('deal-terms'), deal);
    renderClassPrices(this.el('class-prices'), deal.description);
    fitSwitches(this.page.doc, deal.description);
    fillForm(this.page, this.deal, restoreForm(defaultAssumptions(deal.description), this.state.forms[id]));
    fillGridForm(this.page, deal, { ...defaultGridForm(deal), ...this.state.gridForms[id] });
    const word = `To ${deal.description.callWord}`;
    this.el('call-label').textContent = word;
    for (const sel of ['w-horizon', 'g-horizon']) {
      const option = this.page.select(sel).options[0];
      if (option) option.textContent = word;
    }
    this.tasks.clearMessages();
    this.state = { ...this.state, deal: id };
    this.scheduleSave();
  }

  readForm(): AssumptionsForm {
    return readForm(this.page);
  }

  private resetForm(): void {
    if (!this.deal) return;
    fillForm(this.page, this.deal, defaultAssumptions(this.deal.description));
    this.tasks.clearMessages();
    this.scheduleSave();
  }

  scheduleSave(): void {
    if (this.deal) this.state = { ...this.state, forms: { ...this.state.forms, [this.deal.description.id]: this.readForm() } };
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.options.store.save(this.state).catch(() => undefined);
    }, 400);
  }

  runPricingSpeeds(): Promise<void> {
    return runPricingSpeeds(this);
  }

  writeWaterfall(): Promise<void> {
    return writeWaterfall(this);
  }

  buildGrid(): Promise<void> {
    return buildGrid(this);
  }

  /** The sheet shown in the preview (tests and screenshots). */
  get previewSheet(): string | null {
    return this.book.active;
  }
}
