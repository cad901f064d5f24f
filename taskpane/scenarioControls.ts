/**
 * The form controls that depend on the deal: a price input for each priced class (blank: the
 * common price), the derivatives switch (only deals with derivative contracts have one to turn
 * off), the forward-curve option (only deals with forward curves), and the WAL basis option naming
 * the deal's own basis.
 */
import type { DealDescription } from '../src/run';
import { hasDerivatives, hasForwardCurves } from './assumptions';
import { escapeHtml } from './preview';

/** The class-price inputs of `container`, one per priced class of the deal. */
export function renderClassPrices(container: HTMLElement, deal: DealDescription): void {
  container.innerHTML = deal.classes
    .filter((c) => c.measure !== null)
    .map((c, i) => `<div><label for="f-class-price-${i}">${escapeHtml(c.name)}</label><input type="text" id="f-class-price-${i}" data-class="${escapeHtml(c.name)}" placeholder="as Price" /></div>`)
    .join('');
}

function inputs(container: HTMLElement): HTMLInputElement[] {
  return Array.from(container.querySelectorAll<HTMLInputElement>('input[data-class]'));
}

export function fillClassPrices(container: HTMLElement, prices: Readonly<Record<string, string>>): void {
  for (const input of inputs(container)) {
    input.value = prices[input.dataset.class ?? ''] ?? '';
    input.removeAttribute('aria-invalid');
  }
}

/** The prices typed, by class; blank inputs are left out (those classes take the common price). */
export function readClassPrices(container: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of inputs(container)) if (input.value.trim() !== '') out[input.dataset.class ?? ''] = input.value;
  return out;
}

export function markClassPrice(container: HTMLElement, className: string | undefined): void {
  for (const input of inputs(container)) if (className === undefined || input.dataset.class === className) input.setAttribute('aria-invalid', 'true');
}

export function clearClassPriceMarks(container: HTMLElement): void {
  for (const input of inputs(container)) input.removeAttribute('aria-invalid');
}

/** How many classes have their own price, for the section's summary. */
export function classPriceSummary(prices: Readonly<Record<string, string>>): string {
  const n = Object.values(prices).filter((p) => p.trim() !== '').length;
  return n === 0 ? 'Price by class (all at Price)' : `Price by class (${n} at their own price)`;
}

/** The deal-dependent options: derivatives (on for deals without any), forward curves (only where the deal has them), the deal's WAL basis. */
export function fitSwitches(doc: Document, deal: DealDescription): void {
  const derivatives = doc.getElementById('f-derivatives') as HTMLSelectElement | null;
  if (derivatives) {
    const has = hasDerivatives(deal);
    derivatives.disabled = !has;
    derivatives.title = has ? '' : `${deal.name} has no derivative contracts`;
    if (!has) derivatives.value = 'on';
  }
  const forward = doc.querySelector<HTMLOptionElement>('#f-curve option[value="forward"]');
  if (forward) {
    forward.disabled = !hasForwardCurves(deal);
    forward.textContent = forward.disabled ? 'Forward curves (none in this deal)' : 'Forward curves';
  }
  const deals = doc.querySelector<HTMLOptionElement>('#f-walBasis option[value="deal"]');
  if (deals) deals.textContent = `The deal's (${deal.walBasis})`;
}
