/**
 * A deal's formulas as generated code: the straight-line functions `npm run formulas` writes from
 * its terms (formulaSource.ts) into the deal's `formulas.generated.ts`, so a bundled deal's
 * amounts, tests and records run as compiled JavaScript instead of through the formula
 * interpreter (program.ts; the add-in's CSP forbids generating code at run time). A generated set
 * carries the signature of the terms it was generated from; the engine uses it for any terms with
 * that signature and interprets every other terms object (another reading, a new deal), so stale
 * code is never run: it is simply not found, and a test fails until it is regenerated. Every
 * result is bit-identical to the interpreter's (the same operations in the same order). The
 * priority of payments is not generated: once compiled, the step interpreter (src/waterfall/
 * apply.ts) runs it within a few percent of generated code, and a generated priority a deal cost
 * a cold add-in's first sheet the optimizing compiler's time for code no other deal shares
 * (docs/performance.md, tenth round).
 */
import { EngineError } from '../errors';
import { GROUP_QUANTITIES, QUANTITIES, type FormulaContext } from './formula';
import type { EngineTerms } from './terms';

/** A list's code: amounts into their registers, or outputs into `x.outputs`. */
export type NativeList = (r: Float64Array, x: FormulaContext) => void;

export interface NativeFormulas {
  readonly signature: string;
  readonly beforeInterest: NativeList;
  readonly calculations: Readonly<Record<string, NativeList>>;
  readonly tests: NativeList;
  readonly record: NativeList;
}

const known = new Map<string, NativeFormulas>();

/** Makes a deal's generated formulas available to the engine (its generated module calls this). */
export function nativeFormulas(formulas: NativeFormulas): NativeFormulas {
  known.set(formulas.signature, formulas);
  return formulas;
}

/** The generated formulas of terms with these formulas, if a deal ships them. */
export function nativeFormulasOf(terms: EngineTerms): NativeFormulas | undefined {
  return known.size === 0 ? undefined : known.get(formulaSignature(terms));
}

/**
 * What generated code depends on, hashed: the quantities' layout, the funds, classes (and which
 * are interest-only) and amounts by name and order, every formula and list.
 * Two 32-bit FNV-1a-style hashes of its JSON's UTF-8 bytes, four bytes a step (different offsets),
 * 16 hex digits.
 */
export function formulaSignature(terms: EngineTerms): string {
  const text = JSON.stringify([
    QUANTITIES,
    GROUP_QUANTITIES,
    terms.funds,
    terms.classes.map((c) => [c.name, c.coupon.kind === 'interestOnly']),
    Object.entries(terms.amounts),
    terms.beforeInterest,
    terms.calculations,
    terms.tests,
    terms.record,
  ]);
  // Four bytes a step, zero-padded, in the platform's byte order (little-endian where Excel runs;
  // on a big-endian machine no generated set is found and the terms are interpreted, with the same
  // figures). Half the steps of two UTF-16 units a step, without a call each: this runs once a
  // deal in a cold add-in, where the longer loop was compiled twice (11 ms of the optimizing
  // compiler's threads, which the first runs wait for) and never run again.
  const bytes = new TextEncoder().encode(text);
  const words = new Int32Array(Math.ceil(bytes.length / 4));
  new Uint8Array(words.buffer).set(bytes);
  return hashWords(words);
}

/**
 * The two hashes of `words` as 16 hex digits. A function of its own: the loop is all that gets
 * hot, so the compiler builds this small function, not the JSON and encoding around it (with the
 * loop inline, the second deal's call had the whole signature compiled, 3.7 ms, to run once).
 */
function hashWords(words: Int32Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    const c = words[i];
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** A schedule by period: `values[period − 1]`, 0 outside it (the interpreter's TABLE). */
export function tableAt(values: Float64Array, period: number): number {
  return period >= 1 && period <= values.length ? values[period - 1] : 0;
}

/** A schedule from runs of equal values: `[value, count, value, count, …]`. */
export function tableOf(runs: readonly number[]): Float64Array {
  let length = 0;
  for (let i = 1; i < runs.length; i += 2) length += runs[i];
  const values = new Float64Array(length);
  for (let i = 0, at = 0; i < runs.length; at += runs[i + 1], i += 2) values.fill(runs[i], at, at + runs[i + 1]);
  return values;
}

/** The calculation `id`'s code, which generated formulas must have for every list of the terms. */
export function nativeCalculation(formulas: NativeFormulas, id: string): NativeList {
  const list = formulas.calculations[id];
  if (list === undefined) throw new EngineError('formulas', `generated formulas ${formulas.signature} have no calculation "${id}"; regenerate them (npm run formulas)`);
  return list;
}
