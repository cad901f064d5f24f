import { EngineError, type DealDescription } from '../src/run';
import { speedInRange } from '../src/run/limits';
import { parseNumberText, SPEED_NUMBER } from '../src/run/numberText';
import type { ScenarioInput } from '../src/run/scenario';
import { describe, isOmitted, scalar } from './arguments';

/**
 * The `speed` argument, one unit whatever the shape (issue 17, item 6):
 *
 * - a number, numeric text ("150", "150%"), a 1x1 range, or a one-row / one-column range whose
 *   non-blank cells all hold the same number: percent of the deal's pricing speed (100 = pricing);
 * - text with a vector ("8 12R 24"), in the cell or a 1x1 range: CPRs by period, Bloomberg style;
 * - a one-row or one-column range whose first cell is the word CPR: the cells after it are CPRs by
 *   period (the last holds);
 * - a block of several rows and columns, or a range of different speeds with no CPR label: #VALUE!,
 *   never a guess at what the numbers mean.
 *
 * A speed in percent of pricing is checked against the deal's real limit (CWALT 400%, Impac 333%),
 * and every message names the argument the user typed it in (`speed`, or `scenario` row SPEED).
 */
export function speedArgument(value: unknown, deal: DealDescription, field = 'speed'): ScenarioInput['speed'] {
  if (isOmitted(value)) return undefined;
  if (!Array.isArray(value)) return scalarSpeed(scalar(field, value), deal, field);
  const rows = value as unknown[][];
  const width = Math.max(0, ...rows.map((r) => (Array.isArray(r) ? r.length : 1)));
  if (rows.length > 1 && width > 1) {
    throw new EngineError(field, `expected one cell, one row or one column, got a block of ${rows.length} rows by ${width} columns; for speeds by period use one row or one column headed CPR, or a vector such as "8 12R 24"`);
  }
  const cells = rows.flat().filter((v) => !isOmitted(v));
  if (cells.length === 0) return undefined;
  if (cells.length === 1) return scalarSpeed(scalar(field, cells[0]), deal, field);
  if (typeof cells[0] === 'string' && cells[0].trim().toUpperCase() === 'CPR') return cprRange(cells.slice(1), field);
  const numbers = cells.map((v, i) => {
    const n = speedNumber(v);
    if (n === null) throw new EngineError(field, `expected a range of speeds (numbers, % of the pricing speed) or a range headed CPR, got ${describe(v)} in cell ${i + 1}`);
    return n;
  });
  if (numbers.some((n) => n !== numbers[0])) {
    throw new EngineError(field, `a range of speeds is read in % of the pricing speed, as one number is, and its cells differ (${numbers.slice(0, 4).join(', ')}${numbers.length > 4 ? ', ...' : ''}); for CPRs by period put the word CPR in the range's first cell, or type a vector such as "8 12R 24"`);
  }
  return speedInRange(deal, numbers[0], field);
}

function cprRange(cells: unknown[], field: string): number[] {
  if (cells.length === 0) throw new EngineError(field, 'expected CPRs after the CPR label, got none');
  return cells.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
      throw new EngineError(field, `expected CPRs from 0 to 100 after the CPR label, got ${describe(v)} at position ${i + 1}`);
    }
    return v;
  });
}

/** A number, or numeric text with an optional % sign (the shared parser of src/run/numberText.ts); null for anything else. */
export function speedNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const n = parseNumberText(v, SPEED_NUMBER);
  return Number.isNaN(n) ? null : n;
}

function scalarSpeed(v: unknown, deal: DealDescription, field: string): ScenarioInput['speed'] {
  if (isOmitted(v)) return undefined;
  const n = speedNumber(v);
  if (n !== null) return speedInRange(deal, n, field);
  if (typeof v === 'string') return v;
  throw new EngineError(field, `expected a speed (% of the pricing speed) or a vector such as "8 12R 24", got ${describe(v)}`);
}
