/**
 * The assumptions form on the page (the `f-…` fields of taskpane.html and the price of each
 * class): filled from a form's values, read back as typed, and parsed into assumptions with every
 * problem marked on its field.
 */
import type { DealModel } from '../src/run';
import { type Assumptions, type AssumptionsForm, type FormField, type Issue, parseAssumptions } from './assumptions';
import type { Page } from './page';
import { classPriceSummary, clearClassPriceMarks, fillClassPrices, fitSwitches, markClassPrice, readClassPrices } from './scenarioControls';

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

export function fillForm(page: Page, deal: DealModel | null, form: AssumptionsForm): void {
  for (const key of FORM_TEXT_FIELDS) {
    const e = page.el<HTMLInputElement | HTMLSelectElement>(`f-${key}`);
    e.value = form[key];
    e.removeAttribute('aria-invalid');
  }
  page.input('f-call').checked = form.call;
  page.input('f-maturity').checked = form.maturity;
  fillClassPrices(page.el('class-prices'), form.classPrices);
  page.el('class-prices-summary').textContent = classPriceSummary(form.classPrices);
  if (deal) fitSwitches(page.doc, deal.description);
}

export function readForm(page: Page): AssumptionsForm {
  const text = (key: (typeof FORM_TEXT_FIELDS)[number]) => page.el<HTMLInputElement | HTMLSelectElement>(`f-${key}`).value;
  return {
    speeds: text('speeds'),
    price: text('price'),
    call: page.input('f-call').checked,
    maturity: page.input('f-maturity').checked,
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
    classPrices: readClassPrices(page.el('class-prices')),
  };
}

/** The form's assumptions, or null with every problem marked on its field and listed in `problems`. */
export function parsedAssumptions(page: Page, deal: DealModel | null, problems: string[]): Assumptions | null {
  if (!deal) return null;
  for (const key of FORM_TEXT_FIELDS) page.el(`f-${key}`).removeAttribute('aria-invalid');
  clearClassPriceMarks(page.el('class-prices'));
  const parsed = parseAssumptions(deal.description, readForm(page));
  if (parsed.ok) return parsed.value;
  for (const issue of parsed.issues) markIssue(page, issue);
  problems.push(...parsed.issues.map((i) => i.message));
  return null;
}

function markIssue(page: Page, issue: Issue): void {
  if (issue.field === 'classPrices') {
    markClassPrice(page.el('class-prices'), issue.className);
    (page.el('class-prices-section') as HTMLDetailsElement).open = true;
  } else if (issue.field !== 'horizons' && issue.field !== 'call' && issue.field !== 'maturity') page.el(`f-${issue.field}`).setAttribute('aria-invalid', 'true');
}
