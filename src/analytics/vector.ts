import { EngineError } from '../errors';
import { MAX_PERIODS } from './prepayment';

/**
 * Bloomberg-style vector strings for per-period rates (CPR, CDR, severity), in percent.
 *
 *   vector := value ( [count("R"|"S")] value )*        terms separated by spaces; R and S in any case
 *
 * Reading left to right, each value holds from the period after the previous term ended:
 * - `a NS b`  (step): a for N periods, then b.
 * - `a NR b`  (ramp): N periods a + (b − a)·j/N for j = 0 … N − 1, then b. The ramp starts AT a and
 *   the endpoint b is reached in the period after the N ramp periods (not within them):
 *   "8 12R 24" is 8 in period 1, 8 + 16/12 in period 2, …, 22.667 in period 12, 24 from period 13.
 *   So a term-sheet ramp "8% in month 1 rising to 24% in month 12" is "8 11R 24".
 * - `a b`     (no count): a for one period, then b; "8 9 10" = 8, 9, then 10 for ever. This is our
 *   extension (Bloomberg's own grammar always puts a count between values); it equals "8 1S 9 1S 10".
 * - The last value holds for ever.
 *
 * Source: no Bloomberg manual is reachable here; the semantics follow the open-source emulation of
 * Bloomberg vectors in bubble501/CLOModel (`CLOModelLib/BloombergVector.cpp`, `UnpackVector`; grammar
 * in `CLOModelLib/AbstractBbgVect.cpp`, `IsValid`: value (count[RS] value)*, counts 1 or more). Its
 * optional anchor-date prefix ("A 05/25/2004 …") is not supported: period 1 is the first distribution.
 *
 * Bounds, so hostile input cannot allocate without limit: at most MAX_PERIODS explicit periods and
 * MAX_TEXT characters; values from 0 to `max` (100 by default); no exponents, signs or NaN.
 */

/** Longest vector text accepted (characters). */
export const MAX_TEXT = 16_000;

export interface VectorOptions {
  /** Name of the argument, for error messages. Default 'speed'. */
  readonly field?: string;
  /** Largest value allowed. Default 100 (percent). */
  readonly max?: number;
}

/**
 * A parsed vector: `values[k − 1]` is period k's value; the last element holds for every later
 * period. Never empty.
 */
export interface RateVector {
  readonly values: Float64Array;
}

const EXAMPLE = 'a vector such as "8 12R 24"';
const NUMBER = /^(\d+(\.\d*)?|\.\d+)$/;
const COUNT = /^(\d+)([RS])$/i;

/** Parses a vector string; throws an EngineError naming the offending term. */
export function parseVector(text: string, options: VectorOptions = {}): RateVector {
  const field = options.field ?? 'speed';
  const max = options.max ?? 100;
  if (typeof text !== 'string') throw new EngineError(field, `expected ${EXAMPLE}, got ${String(text)}`);
  const s = text.trim();
  const fail: (detail: string) => never = (detail) => {
    throw new EngineError(field, `expected ${EXAMPLE}, got ${quote(s)}: ${detail}`);
  };
  if (s === '') fail('the text is empty');
  if (s.length > MAX_TEXT) fail(`longer than ${MAX_TEXT} characters`);
  if (s.includes(',') || s.includes(';')) fail('separate the terms with spaces, not commas or semicolons');

  const tokens = s.split(/\s+/);
  const values: number[] = [];
  let pending: { kind: 'R' | 'S'; count: number; token: string } | undefined;
  let previous: number | undefined;

  const readValue = (token: string, position: number): number => {
    if (!NUMBER.test(token)) {
      if (/^[+-]/.test(token) && NUMBER.test(token.slice(1))) {
        if (token.startsWith('-')) fail(`term ${position} "${token}" is negative; values run from 0 to ${max}`);
        fail(`term ${position} "${token}" has a sign; write the number alone`);
      }
      if (/^[RS]$/i.test(token)) fail(`term ${position} "${token}" needs a period count, as in 12${token.toUpperCase()}`);
      fail(`term ${position} "${token}" is not a number or a period count such as 12R or 12S`);
    }
    const value = Number(token);
    if (!Number.isFinite(value) || value > max) fail(`term ${position} "${token}" is above ${max}; values run from 0 to ${max}`);
    return value;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const position = i + 1;
    const count = COUNT.exec(token);
    if (count) {
      if (previous === undefined) fail(`term ${position} "${token}" must follow a starting value, as in "8 ${token} 24"`);
      if (pending !== undefined) fail(`term ${position} "${token}" follows the period count "${pending.token}"; put a value between them`);
      const n = Number(count[1]);
      if (n < 1) fail(`term ${position} "${token}" counts no periods; counts are 1 or more`);
      if (values.length + n > MAX_PERIODS) fail(`term ${position} "${token}" takes the vector past ${MAX_PERIODS} periods`);
      pending = { kind: count[2].toUpperCase() === 'R' ? 'R' : 'S', count: n, token };
      continue;
    }
    const value = readValue(token, position);
    if (previous !== undefined) {
      if (pending === undefined) {
        // Two values side by side: the first holds for one period.
        if (values.length + 1 > MAX_PERIODS) fail(`term ${position} "${token}" takes the vector past ${MAX_PERIODS} periods`);
        values.push(previous);
      } else if (pending.kind === 'S') {
        for (let j = 0; j < pending.count; j++) values.push(previous);
      } else {
        for (let j = 0; j < pending.count; j++) values.push(previous + ((value - previous) * j) / pending.count);
      }
    }
    pending = undefined;
    previous = value;
  }
  if (pending !== undefined) fail(`the period count "${pending.token}" at the end needs a value after it, as in "${pending.token} 24"`);
  if (previous === undefined) fail('no value found');
  values.push(previous);
  return { values: Float64Array.from(values) };
}

/** Period-by-period values for `periods` periods (1 … MAX_PERIODS): the vector, then its last value held. */
export function expandVector(vector: RateVector, periods: number): Float64Array {
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    throw new EngineError('periods', `expected a whole number of periods from 1 to ${MAX_PERIODS}, got ${periods}`);
  }
  const { values } = vector;
  if (values.length === 0) throw new EngineError('vector', 'expected at least one value');
  const out = new Float64Array(periods);
  const explicit = Math.min(periods, values.length);
  out.set(values.subarray(0, explicit));
  if (periods > explicit) out.fill(values[values.length - 1], explicit);
  return out;
}

/** `expandVector(parseVector(text, options), periods)`. */
export function vectorToArray(text: string, periods: number, options: VectorOptions = {}): Float64Array {
  return expandVector(parseVector(text, options), periods);
}

function quote(text: string): string {
  return text.length > 60 ? `"${text.slice(0, 60)}…"` : `"${text}"`;
}
