/**
 * The grid builder's section of the page (the `g-…` fields of taskpane.html): its pickers filled
 * for the deal, a saved form put back, the form read as typed, and the changes that move other
 * fields (another class offers its own measures; a new axis starts from sensible values).
 */
import type { DealModel } from '../src/run';
import { AXES, AXIS_LABELS, DEFAULT_AXIS_VALUES, type GridForm, measuresFor } from './gridSpec';
import type { Page } from './page';
import type { Pane } from './paneContext';
import { escapeHtml } from './preview';

/** The row and column axis pickers, which are the same for every deal. */
export function fillAxisPickers(page: Page): void {
  page.select('g-row-axis').innerHTML = AXES.map((a) => `<option value="${a}">${AXIS_LABELS[a]}</option>`).join('');
  page.select('g-col-axis').innerHTML = page.select('g-row-axis').innerHTML;
}

export function fillGridForm(page: Page, deal: DealModel, form: GridForm): void {
  const classes = deal.description.classes.filter((c) => c.measure !== null);
  page.select('g-class').innerHTML = classes.map((c) => `<option value="${escapeHtml(c.name)}">${escapeHtml(c.name)}</option>`).join('');
  page.select('g-class').value = classes.some((c) => c.name === form.className) ? form.className : (classes[0]?.name ?? '');
  fillMeasures(page, deal, form.measure);
  page.select('g-horizon').value = form.horizon === 'maturity' ? 'maturity' : 'call';
  page.select('g-row-axis').value = form.rowAxis;
  page.input('g-row-values').value = form.rowValues;
  page.select('g-col-axis').value = form.colAxis;
  page.input('g-col-values').value = form.colValues;
  page.input('g-speed').value = form.speed;
  page.input(form.mode === 'values' ? 'g-mode-values' : 'g-mode-formulas').checked = true;
}

function fillMeasures(page: Page, deal: DealModel, wanted: string): void {
  const measures = measuresFor(deal, page.select('g-class').value);
  page.select('g-measure').innerHTML = measures.map((m) => `<option value="${m}">${m === 'MDUR' ? 'Mod Dur' : m}</option>`).join('');
  page.select('g-measure').value = measures.includes(wanted as never) ? wanted : (measures[0] ?? '');
}

/** A change in the section: dependent fields follow, and the form is remembered for the deal. */
export function gridFormChanged(pane: Pane, event: Event): void {
  const { page } = pane;
  const deal = pane.deal;
  if (!deal) return;
  const target = event.target as HTMLElement | null;
  if (target?.id === 'g-class') fillMeasures(page, deal, page.select('g-measure').value);
  // A new axis starts from sensible values.
  const axisDefaults = (axis: string) => (axis === 'speed' ? deal.description.pricingSpeeds.join(', ') : (DEFAULT_AXIS_VALUES[axis as keyof typeof DEFAULT_AXIS_VALUES] ?? ''));
  if (target?.id === 'g-row-axis') page.input('g-row-values').value = axisDefaults(page.select('g-row-axis').value);
  if (target?.id === 'g-col-axis') page.input('g-col-values').value = axisDefaults(page.select('g-col-axis').value);
  pane.state = { ...pane.state, gridForms: { ...pane.state.gridForms, [deal.description.id]: readGridForm(page) } };
  pane.scheduleSave();
}

export function readGridForm(page: Page): GridForm {
  return {
    className: page.select('g-class').value,
    measure: page.select('g-measure').value,
    horizon: page.select('g-horizon').value,
    rowAxis: page.select('g-row-axis').value,
    rowValues: page.input('g-row-values').value,
    colAxis: page.select('g-col-axis').value,
    colValues: page.input('g-col-values').value,
    speed: page.input('g-speed').value,
    mode: page.input('g-mode-values').checked ? 'values' : 'formulas',
  };
}
