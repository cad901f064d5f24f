/**
 * The ranges a user-typed figure must fall in, and the range a computed figure must fall in before
 * a cell shows it (issue 17, item 6). An input outside its range is malformed (#VALUE! with the
 * accepted range); a result outside its range means the inputs ask for something no bond does
 * (a price of 1-00 on a par bond "yields" 674%): #NUM!, with the range in the message.
 *
 * Prices are per 100 of face, or of notional for interest-only classes (quoted in points of
 * notional, often below 5), so one range serves every class.
 */
import Decimal from 'decimal.js';
import { canonicalPrice, parsePrice } from '../analytics/quote';
import { EngineError } from '../errors';
import type { DealDescription } from '../deals/types';
import { maxSpeedPct } from '../scenario/pricingSpeed';

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** Price per 100 of face (or notional): above 0, at most 200. */
export const PRICE_RANGE: Range = { min: 0, max: 200 };
/** Bond-equivalent yield, percent. */
export const YIELD_RANGE_PCT: Range = { min: -100, max: 100 };
/** Discount margin, bp. */
export const DM_RANGE_BP: Range = { min: -1000, max: 10000 };
/** Distribution periods any function accepts (a deal's own last period is #N/A beyond its run). */
export const PERIOD_RANGE: Range = { min: 1, max: 1200 };

/** The price text or number as an exact quote, checked against PRICE_RANGE. */
export function priceInRange(value: string | number, field = 'price'): Decimal {
  let price: Decimal;
  try {
    price = parsePrice(value);
  } catch (error) {
    if (error instanceof EngineError && field !== 'price') throw new EngineError(field, error.message.replace(/^price: /, ''), error.kind);
    throw error;
  }
  if (price.greaterThan(PRICE_RANGE.max)) {
    throw new EngineError(field, `expected a price above ${PRICE_RANGE.min} and at most ${PRICE_RANGE.max} (per 100 of face, or of notional for IO classes), got ${String(value)}`);
  }
  return price;
}

/** The canonical text of a price in range (equal prices, one text). */
export function canonicalPriceInRange(value: string | number, field = 'price'): string {
  priceInRange(value, field);
  return canonicalPrice(value);
}

function inRange(value: number, range: Range): boolean {
  return Number.isFinite(value) && value >= range.min && value <= range.max;
}

/** A typed yield (%) or DM (bp) for PRICE, checked against its range. */
export function measureInput(measure: 'DM' | 'Yield', value: number, field = 'measure'): number {
  const range = measure === 'DM' ? DM_RANGE_BP : YIELD_RANGE_PCT;
  if (!inRange(value, range)) {
    const what = measure === 'DM' ? `a discount margin from ${range.min} to ${range.max} bp` : `a yield from ${range.min}% to ${range.max}%`;
    throw new EngineError(field, `expected ${what}, got ${value}`);
  }
  return value;
}

/** A computed yield or DM, checked before a cell shows it (#NUM! with the range when outside). */
export function measureResult(measure: 'DM' | 'Yield', value: number, price: string | number): number {
  const range = measure === 'DM' ? DM_RANGE_BP : YIELD_RANGE_PCT;
  if (!inRange(value, range)) {
    const unit = measure === 'DM' ? ' bp' : '%';
    throw new EngineError('price', `${String(price)} implies a ${measure === 'DM' ? 'discount margin' : 'yield'} of ${Number(value.toPrecision(6))}${unit}, outside the ${range.min}${unit} to ${range.max}${unit} a cell returns`, 'noResult');
  }
  return value;
}

/** A computed price, checked before a cell shows it. */
export function priceResult(price: number, measureText: string): number {
  if (!(price > PRICE_RANGE.min && price <= PRICE_RANGE.max)) {
    throw new EngineError('measure', `${measureText} implies a price of ${Number(price.toPrecision(6))}, outside the ${PRICE_RANGE.min} to ${PRICE_RANGE.max} a cell returns`, 'noResult');
  }
  return price;
}

/** The deal's fastest speed (% of its pricing speed) and what 100% means, for messages. */
export function speedLimit(deal: DealDescription): { readonly max: number; readonly text: string } {
  const max = deal.pricingSpeed ? maxSpeedPct(deal.pricingSpeed) : 10_000;
  return { max, text: `from 0 to ${max} (% of the pricing speed; 100% is ${deal.pricingSpeedText.replace(/^100% = /, '')})` };
}

/** A speed in % of the deal's pricing speed, checked against the deal's real limit; `field` is what the user typed it in. */
export function speedInRange(deal: DealDescription, pct: number, field: string): number {
  const { max, text } = speedLimit(deal);
  if (!Number.isFinite(pct) || pct < 0 || pct > max) {
    throw new EngineError(field, `expected a speed ${text} or a vector such as "8 12R 24", got ${pct}${pct > max ? `; above ${max}% some loans would prepay more than 100% CPR` : ''}`);
  }
  return pct;
}

/** A whole distribution period within PERIOD_RANGE. */
export function periodInRange(p: number, field = 'period'): number {
  if (!Number.isInteger(p) || p < PERIOD_RANGE.min || p > PERIOD_RANGE.max) {
    throw new EngineError(field, `expected a whole period from ${PERIOD_RANGE.min} to ${PERIOD_RANGE.max}, got ${p}`);
  }
  return p;
}
