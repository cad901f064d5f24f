/**
 * The pane's controller: wires the page (taskpane.html) to the engine and to where results go.
 * Inside Excel results are written into the workbook (excelWriter.ts); in the standalone
 * preview they are drawn in the page (preview.ts) and offered as an .xlsx (xlsx.ts). Everything
 * deal-related comes from the deal's description, so every registered deal works the same way.
 */
import type { DealModel } from '../src/run';
import { horizonWord } from '../src/run/pricingTables';
import { runDeal } from '../src/run/runner';
import { normaliseScenario } from '../src/run/scenario';
import { type Assumptions, type AssumptionsForm, count, defaultAssumptions, describeScenario, engineDetail, type FormField, type Issue, parseAssumptions, parseSpeedItem, pricingSpeedMeaning, restoreForm } from './assumptions';
import type { SheetLayout } from './cells';
import type { ExcelRunner } from './excelApi';
import { type Overwrite, writeSheet } from './excelWriter';
import { plainWords } from './errors';
import { copySelection, tableTsv, writeClipboard } from './copyTable';
import { enterRuns, Feedback, reveal } from './feedback';
import { type ResultsStore } from './lastResults';
import { classPriceSummary, clearClassPriceMarks, fillClassPrices, fitSwitches, markClassPrice, readClassPrices, renderClassPrices } from './scenarioControls';
import { ENGINE_VERSION, pricingSheet } from './layout';
import type { HostMode } from './officeHost';
import { escapeHtml, renderSheet } from './preview';
import { Cancelled, nextTask, runPricing } from './runPricing';
import { AXES, AXIS_LABELS, computeGrid, DEFAULT_AXIS_VALUES, defaultGridForm, type GridForm, gridKey, gridsSheet, measuresFor, parseGridForm, type PlacedGrid, withGrid } from './sensitivity';
import { type PaneState, type PaneStore, toStored } from './store';
import { fillValues, restoreGrids } from './storedGrids';
import { tieOutHtml } from './tieOutBadge';
import { waterfallSheet } from './waterfallLayout';
import { XLSX_MIME, workbookBytes } from './xlsx';

export interface AppOptions {
  readonly doc: Document;
  readonly host: HostMode;
  readonly deals: readonly DealModel[];
  /** Excel.run (or a fake); null in the preview. */
  readonly excel: ExcelRunner | null;
  readonly store: PaneStore;
  /** How the preview hands over a file; defaults to a link click. */
  readonly download?: (name: string, bytes: ArrayBuffer) => void;
  /** Where the preview keeps its last results across a reload (none inside Excel). */
  readonly results?: ResultsStore | null;
}

const FORM_TEXT_FIELDS: readonly Exclude<FormField, 'call' | 'maturity' | 'classPrices'>[] = [
  'speeds',
  'price',
  'libor1m',
  'libor6m',
  'libor12m',
  'cmt1y',
  'curve',
  'shiftBp',
  'shiftFromPeriod',
  'cdr',
  'severity',
  'lagMonths',
  'derivatives',
  'walBasis',
  'durationBasis',
];

/** Show the progress bar only for runs that last longer than this. */
const PROGRESS_DELAY_MS = 150;

export const XLSX_FILE_NAME = 'cwalt-analytics-preview.xlsx';

const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;

export class App {
  private readonly doc: Document;
  private deal: DealModel | null = null;
  private state: PaneState = { forms: {}, gridForms: {}, grids: {} };
  private busy = false;
  private cancelled = false;
  private readonly workbook = new Map<string, SheetLayout>();
  private activeSheet: string | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts deliveries to the preview, so a test can tell a fresh table from the last one. */
  private deliveries = 0;
  private confirmAnswer: ((yes: boolean) => void) | null = null;
  private readonly feedback: Feedback;
  /** The block of the preview's sheet the user last clicked: the Copy button copies its table. */
  private copyBlock: string | null = null;

  constructor(private readonly options: AppOptions) {
    this.doc = options.doc;
    this.feedback = new Feedback(options.doc);
  }

  private el<T extends HTMLElement = HTMLElement>(id: string): T {
    const e = this.doc.getElementById(id);
    if (!e) throw new Error(`the page has no #${id}`);
    return e as T;
  }

  private input(id: string): HTMLInputElement {
    return this.el<HTMLInputElement>(id);
  }

  private select(id: string): HTMLSelectElement {
    return this.el<HTMLSelectElement>(id);
  }

  async start(): Promise<void> {
    const { host, deals } = this.options;
    this.doc.body.dataset.host = host;
    this.el('mode').textContent = host === 'excel' ? 'Connected to Excel: results are written into this workbook.' : 'Standalone preview: no Excel connected. Results show below and download as .xlsx.';
    this.el('preview').hidden = true; // shown with the first result, in the preview only
    let problems: readonly string[] = [];
    try {
      ({ state: this.state, problems } = await this.options.store.load());
    } catch {
      // An unreadable store only costs the remembered inputs.
    }
    const picker = this.select('deal');
    picker.innerHTML = deals.map((d) => `<option value="${escapeHtml(d.description.id)}">${escapeHtml(d.description.name)}</option>`).join('');
    this.select('g-row-axis').innerHTML = AXES.map((a) => `<option value="${a}">${AXIS_LABELS[a]}</option>`).join('');
    this.select('g-col-axis').innerHTML = this.select('g-row-axis').innerHTML;
    if (deals.length === 0) {
      this.el('no-deals').hidden = false;
      for (const id of ['run', 'waterfall', 'grid', 'reset']) this.el<HTMLButtonElement>(id).disabled = true;
      this.showError('No deal is available in this build of the add-in, so there is nothing to price yet.');
      this.doc.body.dataset.state = 'idle';
      return;
    }
    picker.addEventListener('change', () => this.chooseDeal(picker.value));
    this.el('run').addEventListener('click', () => void this.runPricingSpeeds());
    this.el('reset').addEventListener('click', () => this.resetForm());
    this.el('waterfall').addEventListener('click', () => void this.writeWaterfall());
    this.el('grid').addEventListener('click', () => void this.buildGrid());
    this.el('cancel').addEventListener('click', () => {
      this.cancelled = true;
      this.el('progress-text').textContent = 'Cancelling…';
    });
    this.el('download').addEventListener('click', () => void this.downloadXlsx());
    this.el('copy').addEventListener('click', () => void this.copyTable());
    this.el('sheets').addEventListener('click', (e) => {
      const td = (e.target as HTMLElement | null)?.closest?.('td[data-block]') as HTMLElement | null;
      if (td) this.copyBlock = td.dataset.block ?? null;
    });
    this.el('sheets').addEventListener('copy', (e) => {
      const layout = this.activeSheet ? this.workbook.get(this.activeSheet) : undefined;
      if (layout) copySelection(e as ClipboardEvent, layout, this.el('sheets'));
    });
    this.el('confirm-yes').addEventListener('click', () => this.answerConfirm(true));
    this.el('confirm-no').addEventListener('click', () => this.answerConfirm(false));
    this.el('assumptions').addEventListener('input', () => this.scheduleSave());
    this.el('assumptions').addEventListener('change', () => this.scheduleSave());
    this.el('grid-section').addEventListener('change', (e) => this.onGridFormChange(e));
    enterRuns(this.el('assumptions'), () => void this.runPricingSpeeds());
    enterRuns(this.el('waterfall-section'), () => void this.writeWaterfall());
    enterRuns(this.el('grid-section'), () => void this.buildGrid());
    const first = deals.find((d) => d.description.id === this.state.deal) ?? deals[0];
    picker.value = first.description.id;
    this.chooseDeal(first.description.id);
    const restored = this.restoreResults();
    if (problems.length > 0 || restored) this.notice([...problems, ...(restored ? [restored] : [])].join(' '));
    this.doc.body.dataset.state = 'idle';
  }

  // ---- deal and form ---------------------------------------------------------------------

  private chooseDeal(id: string): void {
    const deal = this.options.deals.find((d) => d.description.id === id);
    if (!deal) return;
    this.deal = deal;
    this.renderTerms(deal);
    renderClassPrices(this.el('class-prices'), deal.description);
    fitSwitches(this.doc, deal.description);
    this.fillForm(restoreForm(defaultAssumptions(deal.description), this.state.forms[id]));
    this.fillGridForm(deal, { ...defaultGridForm(deal), ...this.state.gridForms[id] });
    const word = `To ${deal.description.callWord}`;
    this.el('call-label').textContent = word;
    for (const sel of ['w-horizon', 'g-horizon']) {
      const option = this.select(sel).options[0];
      if (option) option.textContent = word;
    }
    this.clearMessages();
    this.state = { ...this.state, deal: id };
    this.scheduleSave();
  }

  private renderTerms(deal: DealModel): void {
    const d = deal.description;
    const levels = d.pricingIndexLevels;
    const classes = d.classes
      .map(
        (c) =>
          `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.type)}</td><td class="num">${money(c.originalBalance)}</td>` +
          `<td class="num">${c.marginPct !== undefined ? `${c.marginPct}% margin` : c.couponPct !== undefined ? `${c.couponPct}% coupon` : ''}</td><td>${c.measure ?? 'not priced'}</td></tr>`,
      )
      .join('');
    const terms = this.el('deal-terms');
    terms.dataset.dealId = d.id;
    terms.innerHTML =
      `<dl>` +
      `<dt>Size</dt><dd data-term="size">${money(d.sizeDollars)}</dd>` +
      `<dt>Classes</dt><dd data-term="classes">${d.classes.length} (${d.classes.filter((c) => c.measure !== null).length} priced)</dd>` +
      `<dt>Settlement</dt><dd data-term="settlement">${escapeHtml(d.settlement)}</dd>` +
      `<dt>First payment</dt><dd>${escapeHtml(d.firstPayDate)}</dd>` +
      `<dt>Pricing speed</dt><dd data-term="pricing-speed">${escapeHtml(pricingSpeedMeaning(d))}</dd>` +
      `<dt>Printed speeds</dt><dd>${d.pricingSpeeds.map((s) => `${s}%`).join(', ')}</dd>` +
      `<dt>Redemption</dt><dd>to ${escapeHtml(d.callWord)}</dd>` +
      `<dt>Index levels</dt><dd>1M ${levels.libor1m}%, 6M ${levels.libor6m}%, 12M ${levels.libor12m}%, CMT ${levels.cmt1y}%</dd>` +
      `</dl><details class="classes"><summary>Classes</summary><table><thead><tr><th>Class</th><th>Type</th><th>Balance</th><th>Rate</th><th>Quoted</th></tr></thead><tbody>${classes}</tbody></table></details>` +
      (d.notes && d.notes.length > 0 ? `<p class="hint">Switches: ${d.notes.map(escapeHtml).join('; ')}</p>` : '') +
      tieOutHtml(d.id);
  }

  private fillForm(form: AssumptionsForm): void {
    for (const key of FORM_TEXT_FIELDS) {
      const e = this.el<HTMLInputElement | HTMLSelectElement>(`f-${key}`);
      e.value = form[key];
      e.removeAttribute('aria-invalid');
    }
    this.input('f-call').checked = form.call;
    this.input('f-maturity').checked = form.maturity;
    fillClassPrices(this.el('class-prices'), form.classPrices);
    this.el('class-prices-summary').textContent = classPriceSummary(form.classPrices);
    if (this.deal) fitSwitches(this.doc, this.deal.description);
  }

  readForm(): AssumptionsForm {
    const text = (key: (typeof FORM_TEXT_FIELDS)[number]) => this.el<HTMLInputElement | HTMLSelectElement>(`f-${key}`).value;
    return {
      speeds: text('speeds'),
      price: text('price'),
      call: this.input('f-call').checked,
      maturity: this.input('f-maturity').checked,
      libor1m: text('libor1m'),
      libor6m: text('libor6m'),
      libor12m: text('libor12m'),
      cmt1y: text('cmt1y'),
      curve: text('curve'),
      shiftBp: text('shiftBp'),
      shiftFromPeriod: text('shiftFromPeriod'),
      cdr: text('cdr'),
      severity: text('severity'),
      lagMonths: text('lagMonths'),
      derivatives: text('derivatives'),
      walBasis: text('walBasis'),
      durationBasis: text('durationBasis'),
      classPrices: readClassPrices(this.el('class-prices')),
    };
  }

  private resetForm(): void {
    if (!this.deal) return;
    this.fillForm(defaultAssumptions(this.deal.description));
    this.clearMessages();
    this.scheduleSave();
  }

  private fillGridForm(deal: DealModel, form: GridForm): void {
    const classes = deal.description.classes.filter((c) => c.measure !== null);
    this.select('g-class').innerHTML = classes.map((c) => `<option value="${escapeHtml(c.name)}">${escapeHtml(c.name)}</option>`).join('');
    this.select('g-class').value = classes.some((c) => c.name === form.className) ? form.className : (classes[0]?.name ?? '');
    this.fillMeasures(deal, form.measure);
    this.select('g-horizon').value = form.horizon === 'maturity' ? 'maturity' : 'call';
    this.select('g-row-axis').value = form.rowAxis;
    this.input('g-row-values').value = form.rowValues;
    this.select('g-col-axis').value = form.colAxis;
    this.input('g-col-values').value = form.colValues;
    this.input('g-speed').value = form.speed;
    this.input(form.mode === 'values' ? 'g-mode-values' : 'g-mode-formulas').checked = true;
  }

  private fillMeasures(deal: DealModel, wanted: string): void {
    const measures = measuresFor(deal, this.select('g-class').value);
    this.select('g-measure').innerHTML = measures.map((m) => `<option value="${m}">${m === 'MDUR' ? 'Mod Dur' : m}</option>`).join('');
    this.select('g-measure').value = measures.includes(wanted as never) ? wanted : (measures[0] ?? '');
  }

  private onGridFormChange(event: Event): void {
    const deal = this.deal;
    if (!deal) return;
    const target = event.target as HTMLElement | null;
    if (target?.id === 'g-class') this.fillMeasures(deal, this.select('g-measure').value);
    // A new axis starts from sensible values.
    const axisDefaults = (axis: string) => (axis === 'speed' ? deal.description.pricingSpeeds.join(', ') : (DEFAULT_AXIS_VALUES[axis as keyof typeof DEFAULT_AXIS_VALUES] ?? ''));
    if (target?.id === 'g-row-axis') this.input('g-row-values').value = axisDefaults(this.select('g-row-axis').value);
    if (target?.id === 'g-col-axis') this.input('g-col-values').value = axisDefaults(this.select('g-col-axis').value);
    this.state = { ...this.state, gridForms: { ...this.state.gridForms, [deal.description.id]: this.readGridForm() } };
    this.scheduleSave();
  }

  private readGridForm(): GridForm {
    return {
      className: this.select('g-class').value,
      measure: this.select('g-measure').value,
      horizon: this.select('g-horizon').value,
      rowAxis: this.select('g-row-axis').value,
      rowValues: this.input('g-row-values').value,
      colAxis: this.select('g-col-axis').value,
      colValues: this.input('g-col-values').value,
      speed: this.input('g-speed').value,
      mode: this.input('g-mode-values').checked ? 'values' : 'formulas',
    };
  }

  private scheduleSave(): void {
    if (this.deal) this.state = { ...this.state, forms: { ...this.state.forms, [this.deal.description.id]: this.readForm() } };
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.options.store.save(this.state).catch(() => undefined);
    }, 400);
  }

  // ---- messages, progress, confirmation ----------------------------------------------------

  private clearMessages(): void {
    this.feedback.clear();
  }

  private showError(text: string): void {
    this.feedback.show('error', text);
  }

  private notice(text: string): void {
    this.feedback.show('notice', text);
  }

  private progress(fraction: number, text: string): void {
    this.feedback.progress(fraction, text);
  }

  private askOverwrite(overwrites: readonly Overwrite[]): Promise<boolean> {
    this.el('confirm-list').innerHTML = overwrites
      .map((o) => `<li>Sheet “${escapeHtml(o.sheet)}”, ${escapeHtml(o.address)}: ${o.reason === 'edited' ? `you changed ${escapeHtml(o.what)} the add-in wrote` : escapeHtml(o.what)}</li>`)
      .join('');
    this.el('confirm').hidden = false;
    this.el('confirm').scrollIntoView?.({ block: 'nearest' });
    this.doc.body.dataset.state = 'confirm';
    this.el<HTMLButtonElement>('confirm-no').focus();
    return new Promise((resolve) => (this.confirmAnswer = resolve));
  }

  private answerConfirm(yes: boolean): void {
    this.el('confirm').hidden = true;
    this.doc.body.dataset.state = 'busy';
    const answer = this.confirmAnswer;
    this.confirmAnswer = null;
    answer?.(yes);
  }

  /** One user action: busy state, delayed progress bar, Cancel, errors in plain words. */
  private async task(what: string, body: () => Promise<string | null>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.cancelled = false;
    this.clearMessages();
    this.doc.body.dataset.state = 'busy';
    const buttons = ['run', 'waterfall', 'grid', 'download', 'reset'].map((id) => this.el<HTMLButtonElement>(id));
    for (const b of buttons) b.disabled = true;
    this.progress(0, what);
    this.el<HTMLButtonElement>('cancel').disabled = false;
    const timer = setTimeout(() => (this.el('progress').hidden = false), PROGRESS_DELAY_MS);
    try {
      const message = await body();
      if (message) this.notice(message);
    } catch (error) {
      if (error instanceof Cancelled) this.notice(plainWords(error));
      else this.showError(plainWords(error));
    } finally {
      clearTimeout(timer);
      this.el('progress').hidden = true;
      this.el('confirm').hidden = true;
      for (const b of buttons) b.disabled = false;
      this.busy = false;
      this.doc.body.dataset.state = 'idle';
    }
  }

  /** The form's assumptions, or null with every problem marked on its field and listed in `problems`. */
  private parsedAssumptions(problems: string[]): Assumptions | null {
    const deal = this.deal;
    if (!deal) return null;
    for (const key of FORM_TEXT_FIELDS) this.el(`f-${key}`).removeAttribute('aria-invalid');
    clearClassPriceMarks(this.el('class-prices'));
    const parsed = parseAssumptions(deal.description, this.readForm());
    if (parsed.ok) return parsed.value;
    for (const issue of parsed.issues) this.markIssue(issue);
    problems.push(...parsed.issues.map((i) => i.message));
    return null;
  }

  private markIssue(issue: Issue): void {
    if (issue.field === 'classPrices') {
      markClassPrice(this.el('class-prices'), issue.className);
      (this.el('class-prices-section') as HTMLDetailsElement).open = true;
    } else if (issue.field !== 'horizons' && issue.field !== 'call' && issue.field !== 'maturity') this.el(`f-${issue.field}`).setAttribute('aria-invalid', 'true');
  }

  /** Shows every problem at once; true when there were any. */
  private reportProblems(problems: readonly string[]): boolean {
    if (problems.length > 0) this.showError(problems.join('\n'));
    return problems.length > 0;
  }

  /** Where a finished layout goes: the workbook (Excel) or the page (preview). */
  private async deliver(layout: SheetLayout, from: number, focusBlock?: string): Promise<string> {
    const excel = this.options.excel;
    if (this.options.host === 'excel' && excel) {
      this.el<HTMLButtonElement>('cancel').disabled = true; // a write is not interrupted halfway
      const result = await writeSheet(excel, layout, {
        confirm: (overwrites) => this.askOverwrite(overwrites),
        onProgress: (done, total, what) => this.progress(from + ((1 - from) * done) / total, what),
      });
      const told = result.notices.map((n) => ` ${n}`).join('');
      if (result.status === 'declined') return `Nothing written: your changes on “${result.sheetName}” are kept.${told}`;
      return `Wrote “${result.sheetName}” (${result.blocksWritten} ranges${result.blocksKept ? `, ${result.blocksKept} of your inputs kept` : ''}).${(result.notes ?? []).map((n) => ` ${n}`).join('')}${told}`;
    }
    this.workbook.set(layout.key, layout);
    this.deliveries++;
    this.showSheet(layout.key, focusBlock);
    this.saveResults();
    return `Updated “${layout.sheetName}” in the preview.`;
  }

  // ---- actions -----------------------------------------------------------------------------

  async runPricingSpeeds(): Promise<void> {
    const deal = this.deal;
    const problems: string[] = [];
    const a = this.parsedAssumptions(problems);
    if (this.reportProblems(problems) || !deal || !a) return;
    await this.task(`Pricing ${deal.description.name}…`, async () => {
      const started = performance.now();
      const run = await runPricing(deal, a, {
        onProgress: (done, total, what) => this.progress((0.8 * done) / total, `${deal.description.name}: ${what} (${done}/${total})`),
        isCancelled: () => this.cancelled,
      });
      const computed = performance.now() - started;
      const message = await this.deliver(pricingSheet(run), 0.8, '');
      return `${message} ${count(a.speeds.length, 'speed')} × ${count(a.horizons.length, 'horizon')} computed in ${Math.round(computed)} ms.`;
    });
    this.scheduleSave();
  }

  async writeWaterfall(): Promise<void> {
    const deal = this.deal;
    const problems: string[] = [];
    const a = this.parsedAssumptions(problems);
    let speed: number | string = 100;
    const speedInput = this.input('w-speed');
    speedInput.removeAttribute('aria-invalid');
    try {
      if (speedInput.value.trim() === '') throw new Error('expected a speed (100 = the pricing speed, or a vector such as 8 12R 24), got nothing');
      speed = parseSpeedItem(speedInput.value).speed;
    } catch (error) {
      speedInput.setAttribute('aria-invalid', 'true');
      problems.push(`Waterfall speed: ${engineDetail(error)}`);
    }
    if (this.reportProblems(problems) || !deal || !a) return;
    const horizon = this.select('w-horizon').value === 'maturity' ? 'maturity' : 'call';
    await this.task(`Running the waterfall of ${deal.description.name}…`, async () => {
      await nextTask();
      const scenario = normaliseScenario({ ...a.scenario, speed, horizon });
      const run = runDeal(deal, scenario);
      this.progress(0.5, 'Laying out the waterfall…');
      await nextTask();
      if (this.cancelled) throw new Cancelled();
      const describe = describeScenario(deal.description, a).filter((l) => ['Indices', 'Shift', 'Credit', 'Derivatives'].includes(l.label));
      const label = typeof speed === 'number' ? `${speed}%` : speed;
      const layout = waterfallSheet({ deal: deal.description, run, scenario, speedLabel: label, describe, ranAt: new Date() });
      return this.deliver(layout, 0.6, '');
    });
  }

  async buildGrid(): Promise<void> {
    const deal = this.deal;
    const problems: string[] = [];
    const a = this.parsedAssumptions(problems);
    if (!deal) return;
    const form = this.readGridForm();
    // The grid's own problems are listed with the form's, all at once.
    const termSheet = parseAssumptions(deal.description, defaultAssumptions(deal.description));
    const base = a ?? (termSheet.ok ? termSheet.value : null);
    const parsed = base ? parseGridForm(deal, base, form) : null;
    if (parsed && !parsed.ok) problems.push(...parsed.issues.map((i) => i.message));
    if (this.reportProblems(problems) || !a || !parsed?.ok) return;
    const spec = parsed.spec;
    await this.task(`Building the ${spec.measure} grid of ${spec.className}…`, async () => {
      // Values are computed for a values grid, and in the preview (which cannot run formulas).
      const needValues = spec.mode === 'values' || this.options.host !== 'excel';
      const values = needValues
        ? await computeGrid(deal, spec, { onProgress: (done, total, what) => this.progress((0.7 * done) / total, `Computing ${what}`), isCancelled: () => this.cancelled })
        : null;
      const id = deal.description.id;
      const placed: PlacedGrid = { spec, values, builtAt: new Date() };
      // Saved grids are re-validated (and values grids recomputed) before they reach a sheet.
      const restored = restoreGrids(deal, this.state.grids[id]);
      const grids = await fillValues(deal, withGrid(restored.grids, placed), (s) => s.mode === 'values' || this.options.host !== 'excel', { isCancelled: () => this.cancelled });
      const message = await this.deliver(gridsSheet(deal, grids), 0.7, `${gridKey(spec)}-title`);
      if (!message.startsWith('Nothing written')) this.state = { ...this.state, grids: { ...this.state.grids, [id]: grids.map(toStored) }, gridForms: { ...this.state.gridForms, [id]: form } };
      this.scheduleSave();
      const left = restored.dropped > 0 ? ` ${restored.dropped} saved grid${restored.dropped > 1 ? 's' : ''} of this deal could not be read back and ${restored.dropped > 1 ? 'were' : 'was'} left out.` : '';
      return `${message} ${spec.rows.values.length} × ${spec.cols.values.length} ${spec.mode === 'formulas' ? 'live formulas' : 'values'}, to ${horizonWord(deal, spec.horizon)}.${left}`;
    });
  }

  // ---- the preview ---------------------------------------------------------------------------

  private showSheet(key: string, focusBlock?: string): void {
    if (key !== this.activeSheet || focusBlock) this.copyBlock = focusBlock || null;
    this.activeSheet = key;
    const tabs = this.el('tabs');
    tabs.innerHTML = [...this.workbook.values()]
      .map((l) => `<button type="button" role="tab" data-sheet-key="${escapeHtml(l.key)}" aria-selected="${l.key === key}">${escapeHtml(l.sheetName)}</button>`)
      .join('');
    for (const button of Array.from(tabs.querySelectorAll<HTMLButtonElement>('button'))) {
      button.addEventListener('click', () => {
        this.showSheet(button.dataset.sheetKey ?? '');
        this.saveResults();
      });
    }
    this.el('preview').hidden = false;
    const sheets = this.el('sheets');
    sheets.innerHTML = '';
    const layout = this.workbook.get(key);
    if (layout) {
      const section = renderSheet(this.doc, layout);
      section.dataset.run = String(this.deliveries);
      sheets.appendChild(section);
      if (focusBlock !== undefined) reveal(section, focusBlock || undefined);
    }
  }

  /** The preview's last results, as they were before a reload; says what came back, if anything. */
  private restoreResults(): string | null {
    const store = this.options.results;
    if (this.options.host !== 'preview' || !store) return null;
    const last = store.load();
    for (const layout of last.sheets) this.workbook.set(layout.key, layout);
    if (!last.active) return null;
    this.showSheet(last.active);
    return `Restored ${last.sheets.length === 1 ? 'the last result' : `the last ${last.sheets.length} results`} from before the reload (“Run at” in each sheet says when it was computed).`;
  }

  private saveResults(): void {
    const store = this.options.results;
    if (this.options.host !== 'preview' || !store) return;
    store.save({ sheets: [...this.workbook.values()], active: this.activeSheet });
  }

  private async downloadXlsx(): Promise<void> {
    if (this.workbook.size === 0) {
      this.showError('Nothing to download yet: run the pricing speeds first.');
      return;
    }
    await this.task('Building the .xlsx…', async () => {
      const bytes = await workbookBytes([...this.workbook.values()], ENGINE_VERSION);
      (this.options.download ?? ((name, data) => this.saveFile(name, data)))(XLSX_FILE_NAME, bytes);
      return `Downloaded ${XLSX_FILE_NAME} (${this.workbook.size} sheets).`;
    });
  }

  /** Copies the table last clicked in (else the sheet's first) as tab-separated text, as a trader pastes it. */
  private async copyTable(): Promise<void> {
    const layout = this.activeSheet ? this.workbook.get(this.activeSheet) : undefined;
    const table = layout ? tableTsv(layout, this.copyBlock) : null;
    if (!layout || !table) {
      this.showError('Nothing to copy yet: run the pricing speeds first.');
      return;
    }
    try {
      await writeClipboard(this.doc, table.text);
      this.notice(`Copied ${count(table.rows, 'row')} × ${count(table.cols, 'column')} of “${layout.sheetName}”, tab-separated: paste into Excel or a message.`);
    } catch (error) {
      this.showError(`Copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private saveFile(name: string, bytes: ArrayBuffer): void {
    const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
    const link = this.doc.createElement('a');
    link.href = url;
    link.download = name;
    this.doc.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** The sheet shown in the preview (tests and screenshots). */
  get previewSheet(): string | null {
    return this.activeSheet;
  }
}
