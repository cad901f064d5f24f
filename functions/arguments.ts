import { EngineError } from '../src/run';
import { parseNumberText } from '../src/run/numberText';

/**
 * Argument normalisation for cells. Excel passes `null` for an omitted argument (and, on the
 * web, for a blank cell; desktop passes 0), a 2-D array for a range, and numbers or strings for
 * scalars. TypeScript default values never apply, so every optional argument goes through here.
 */
export type CellValue = number | string | boolean | null | undefined;
export type CellInput = CellValue | CellValue[][];

/** True when the argument was omitted or is blank text. */
export function isOmitted(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A single cell's value: unwraps a 1×1 range; rejects larger ranges. */
export function scalar(field: string, value: unknown): CellValue {
  if (Array.isArray(value)) {
    if (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return scalar(field, value[0][0]);
    throw new EngineError(field, 'expected a single value, got a range');
  }
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  throw new EngineError(field, `expected a number or text, got ${typeof value}`);
}

/** A required number; numeric text such as "24" or " 24 " is accepted. */
export function requiredNumber(field: string, value: unknown, expected = 'a number'): number {
  const v = scalar(field, value);
  if (isOmitted(v)) throw new EngineError(field, `expected ${expected}, got nothing`);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v) : NaN;
  if (!Number.isFinite(n)) throw new EngineError(field, `expected ${expected}, got ${describe(v)}`);
  return n;
}

/** An optional number: omitted → `fallback`. */
export function optionalNumber(field: string, value: unknown, fallback: number, expected = 'a number'): number {
  const v = scalar(field, value);
  return isOmitted(v) ? fallback : requiredNumber(field, v, expected);
}

/** An optional text argument: omitted → `fallback`. */
export function optionalText(field: string, value: unknown, fallback: string): string {
  const v = scalar(field, value);
  if (isOmitted(v)) return fallback;
  if (typeof v === 'string') return v.trim();
  throw new EngineError(field, `expected text, got ${describe(v)}`);
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // never String() an object: it may have no prototype or a throwing toString
  return Array.isArray(value) ? 'a range' : typeof value;
}
