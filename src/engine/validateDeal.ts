/**
 * Deal terms are checked when the registry loads them, so a typo in a terms file fails at once
 * with a message naming the field, instead of as a wrong number later. Every issue is reported
 * in one pass (style.md, "Errors").
 */
import { EngineError } from '../errors';
import { parseIsoDate } from '../time/date';
import type { DealDescription, DealModel } from './dealModel';

const squash = (s: string) => s.toLowerCase().replace(/[\s\-_.]/g, '');

/** The problems of a deal description, each naming its field; empty when the terms are sound. */
export function dealIssues(d: DealDescription): string[] {
  const issues: string[] = [];
  const at = (field: string, problem: string) => issues.push(`${d.id}.${field}: ${problem}`);
  if (d.classes.length === 0) at('classes', 'expected at least one class');
  const seen = new Set<string>();
  let offered = 0;
  d.classes.forEach((c, i) => {
    const f = `classes[${i}] (${c.name})`;
    if (seen.has(squash(c.name))) at(f, 'duplicate class name');
    seen.add(squash(c.name));
    if (!Number.isFinite(c.originalBalance) || c.originalBalance <= 0) at(`${f}.originalBalance`, `expected a positive balance, got ${c.originalBalance}`);
    if (c.kind === 'floater' && !(Number.isFinite(c.marginPct) && (c.marginPct as number) >= 0)) at(`${f}.marginPct`, 'a floater needs a margin of 0 or more');
    if (c.kind === 'fixed' && !(Number.isFinite(c.couponPct) && (c.couponPct as number) > 0)) at(`${f}.couponPct`, 'a fixed class needs a positive coupon');
    // Interest-only classes are quoted by yield from a price in points of notional, or by nothing.
    const expected = c.kind === 'floater' ? ['DM'] : c.kind === 'fixed' ? ['Yield'] : ['Yield', null];
    if (!expected.includes(c.measure)) at(`${f}.measure`, `a ${c.kind} class is quoted by ${expected.map((m) => m ?? 'no measure').join(' or ')}, got ${c.measure}`);
    if (!Number.isInteger(c.accruedDaysAtSettlement) || c.accruedDaysAtSettlement < 0) at(`${f}.accruedDaysAtSettlement`, 'expected whole days, 0 or more');
    if (c.kind !== 'interestOnly') offered += c.originalBalance;
  });
  if (Math.abs(offered - d.sizeDollars) > 0.5) at('sizeDollars', `the classes add to ${offered}, the deal size is ${d.sizeDollars}`);
  if (d.pricingSpeeds.length === 0 || d.pricingSpeeds.some((s, i) => !(s >= 0) || (i > 0 && s <= d.pricingSpeeds[i - 1]))) {
    at('pricingSpeeds', `expected increasing speeds of 0 or more, got ${d.pricingSpeeds.join(', ')}`);
  }
  try {
    if (parseIsoDate(d.settlement) >= parseIsoDate(d.firstPayDate)) at('firstPayDate', `expected after the settlement ${d.settlement}, got ${d.firstPayDate}`);
  } catch (error) {
    at('settlement/firstPayDate', error instanceof Error ? error.message : String(error));
  }
  for (const [index, level] of Object.entries(d.pricingIndexLevels)) {
    if (!Number.isFinite(level)) at(`pricingIndexLevels.${index}`, `expected a level in percent, got ${level}`);
  }
  return issues;
}

/** Returns the model when its terms are sound; otherwise throws one error listing every issue. */
export function validateDeal(model: DealModel): DealModel {
  const issues = dealIssues(model.description);
  if (issues.length > 0) throw new EngineError('deal terms', issues.join('; '));
  return model;
}
