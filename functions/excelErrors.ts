import { EngineError } from '../src/run';

/**
 * The one place engine errors become Excel errors (excel.md §4):
 * a malformed argument → #VALUE! naming the argument; something that does not exist → #N/A.
 * Anything unexpected also becomes #VALUE! with its message, so a cell never shows a raw throw.
 */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof EngineError) {
    const code =
      error.kind === 'notAvailable' ? CustomFunctions.ErrorCode.notAvailable : error.kind === 'noResult' ? CustomFunctions.ErrorCode.invalidNumber : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `unexpected error: ${message}`);
}

/** Runs a cell computation and converts any failure to an Excel error value. */
export function cell<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw toExcelError(error);
  }
}
