/**
 * The one error the engine throws: which input was wrong and what was expected.
 * A leaf module (imports nothing) so every layer may use it; only `functions/` maps it
 * to an Excel error value.
 */
export type ErrorKind =
  /** The argument is malformed (wrong type, out of range): Excel #VALUE!. */
  | 'invalid'
  /** The argument is well formed but names nothing that exists (unknown deal, class, period): Excel #N/A. */
  | 'notAvailable'
  /** The inputs are each in range but give no result a bond can have (a 674% yield): Excel #NUM!. */
  | 'noResult';

export class EngineError extends Error {
  readonly field: string;
  readonly kind: ErrorKind;

  constructor(field: string, expected: string, kind: ErrorKind = 'invalid') {
    super(`${field}: ${expected}`);
    this.name = 'EngineError';
    this.field = field;
    this.kind = kind;
  }
}

/** Throws unless `value` is a finite number; returns it typed. */
export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EngineError(field, `expected a finite number, got ${String(value)}`);
  }
  return value;
}

/** Exhaustiveness helper for `switch` over closed unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
