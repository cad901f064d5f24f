/** The deal's key terms, shown under the picker: size, classes, dates, pricing speed, index levels, the tie-out badge. */
import type { DealModel } from '../src/run';
import { pricingSpeedMeaning } from './assumptions';
import { escapeHtml } from './preview';
import { tieOutHtml } from './tieOutBadge';

const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;

export function renderDealTerms(terms: HTMLElement, deal: DealModel): void {
  const d = deal.description;
  const levels = d.pricingIndexLevels;
  const classes = d.classes
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.type)}</td><td class="num">${money(c.originalBalance)}</td>` +
        `<td class="num">${c.marginPct !== undefined ? `${c.marginPct}% margin` : c.couponPct !== undefined ? `${c.couponPct}% coupon` : ''}</td><td>${c.measure ?? 'not priced'}</td></tr>`,
    )
    .join('');
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
