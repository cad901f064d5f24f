import Decimal from 'decimal.js';
import { EngineError } from '../errors';

/**
 * Price quotes as traders type them (conventions.md §5), per 100 of face:
 *
 *   "100-00" = 100          "99-24" = 99 + 24/32        "99-24+" = 99 + 24.5/32
 *   "99-246" = 99 + 24.75/32  (a third digit counts eighths of a 32nd: 0–7; "99-244" = "99-24+")
 *   "101.25" = 101.25        (decimals, as the CWALT fixed tables print 104.125000)
 *
 * Exact: a 32nds quote is a multiple of 1/256, held as a Decimal; no float ever touches it.
 * Prices must be positive: a zero or negative price has no yield.
 */

const FIELD = 'price';
const EXAMPLES = 'a price such as 100-00, 99-24+, 99-246 or 101.25';
/** handle - two-digit 32nds - optional "+" or eighth digit. */
const THIRTY_SECONDS = /^(\d{1,3})-(\d{2})(\+|\d)?$/;
const DECIMAL = /^\d{1,4}(\.\d+)?$/;
/** Longest text looked at; anything longer is not a price. */
const MAX_LENGTH = 40;

/** Quotes parsed already (a sheet quotes a few prices in many cells); Decimals are immutable. */
const parsed = new Map<string, Decimal>();

/** Parses a quote ("99-24+", "101.25") or a number into an exact Decimal price per 100 face. */
export function parsePrice(text: string | number): Decimal {
  if (typeof text === 'string') {
    let price = parsed.get(text);
    if (price === undefined) {
      price = parseQuote(text);
      if (parsed.size >= 256) parsed.clear();
      parsed.set(text, price);
    }
    return price;
  }
  return parseQuote(text);
}

function parseQuote(text: string | number): Decimal {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text <= 0) {
      throw new EngineError(FIELD, `expected a positive price such as 100-00, 99-24+ or 101.25, got ${String(text)}`);
    }
    return new Decimal(text);
  }
  if (typeof text !== 'string') {
    throw new EngineError(FIELD, `expected ${EXAMPLES}, got ${describe(text)}`);
  }
  const s = text.trim();
  if (s === '') throw new EngineError(FIELD, `expected ${EXAMPLES}, got an empty text`);
  if (s.length > MAX_LENGTH) throw new EngineError(FIELD, `expected ${EXAMPLES}, got a text of ${s.length} characters`);

  const m = THIRTY_SECONDS.exec(s);
  if (m) {
    const [, handle, ticksText, tail] = m;
    const ticks = Number(ticksText);
    if (ticks > 31) {
      throw new EngineError(FIELD, `expected 32nds from 00 to 31 after the "-" (as in 99-24), got "${s}"`);
    }
    let eighths = 0;
    if (tail === '+') eighths = 4;
    else if (tail !== undefined) {
      eighths = Number(tail);
      if (eighths > 7) {
        throw new EngineError(FIELD, `expected a third digit from 0 to 7 (eighths of a 32nd, as in 99-246), got "${s}"`);
      }
    }
    const price = new Decimal(handle).plus(new Decimal(ticks * 8 + eighths).div(256));
    return requirePositive(price, s);
  }
  if (DECIMAL.test(s)) return requirePositive(new Decimal(s), s);
  if (/^\d{1,3}-\d(\+|\d)?$/.test(s)) {
    throw new EngineError(FIELD, `expected two digits of 32nds after the "-" (99-08, not 99-8), got "${s}"`);
  }
  if (s.startsWith('-')) throw new EngineError(FIELD, `expected a positive price, got "${s}"`);
  throw new EngineError(FIELD, `expected ${EXAMPLES}, got "${s}"`);
}

/**
 * Formats a price in 32nds, the canonical quote: whole 32nds as "99-24", a half as "99-24+",
 * other eighths of a 32nd as a third digit "99-246". Prices that are not a multiple of 1/256 are
 * rounded to the nearest 1/256, halves away from zero (ROUND_HALF_UP); `isExact32nds` tells
 * whether that happens.
 */
export function formatPrice32(price: Decimal.Value): string {
  const p = toDecimal(price);
  const units = p.mul(256).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const handle = units.divToInt(256);
  const rest = units.minus(handle.mul(256)).toNumber();
  const ticks = Math.floor(rest / 8);
  const eighths = rest - ticks * 8;
  const tail = eighths === 0 ? '' : eighths === 4 ? '+' : String(eighths);
  return `${handle.toFixed(0)}-${String(ticks).padStart(2, '0')}${tail}`;
}

/** True when the price is a whole number of 256ths (so `formatPrice32` is exact). */
export function isExact32nds(price: Decimal.Value): boolean {
  return toDecimal(price).mul(256).isInteger();
}

/**
 * The one text form of a price, so equal prices give equal scenarios (and share a cached run):
 * the 32nds quote when the price is a whole number of 256ths ("101.25" → "101-08"), otherwise the
 * shortest decimal ("101.3").
 */
export function canonicalPrice(text: string | number): string {
  let canonical = canonicalTexts.get(text);
  if (canonical === undefined) {
    const p = parsePrice(text);
    canonical = isExact32nds(p) ? formatPrice32(p) : p.toString();
    if (canonicalTexts.size >= 256) canonicalTexts.clear();
    canonicalTexts.set(text, canonical);
  }
  return canonical;
}

/** Canonical texts by what was asked (each grid and cell asks one; the Decimal arithmetic cost more than a lookup). */
const canonicalTexts = new Map<string | number, string>();

function toDecimal(price: Decimal.Value): Decimal {
  let p: Decimal;
  try {
    p = new Decimal(price);
  } catch {
    throw new EngineError(FIELD, `expected a number, got ${describe(price)}`);
  }
  if (!p.isFinite() || p.isNegative()) throw new EngineError(FIELD, `expected a non-negative price, got ${p.toString()}`);
  return p;
}

function requirePositive(price: Decimal, text: string): Decimal {
  if (price.isZero()) throw new EngineError(FIELD, `expected a positive price, got "${text}"`);
  return price;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > MAX_LENGTH ? `${value.slice(0, MAX_LENGTH)}…` : value}"`;
  if (value === null) return 'null';
  if (Decimal.isDecimal(value)) return value.toString();
  return typeof value === 'object' ? 'an object' : String(value);
}
