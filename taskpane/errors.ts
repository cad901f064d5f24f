/**
 * Errors in plain words for the pane: the engine's (which input, what was expected), Office's
 * (by code), a cancelled run, and anything else as "something went wrong" with its message.
 */
import { EngineError } from '../src/run';
import { engineDetail, FIELD_LABELS } from './assumptions';
import { officeErrorText } from './officeHost';
import { Cancelled } from './runPricing';

/** Engine field names → the pane's words. */
const ENGINE_FIELDS: Record<string, string> = {
  ...FIELD_LABELS,
  speed: 'Speed',
  speeds: 'Speeds',
  horizon: 'Horizon',
  deal: 'Deal',
  class: 'Class',
  indices: 'Index levels',
  shiftFromPeriod: 'Shift from period',
  walBasis: 'WAL basis',
  run: 'Run',
};

export function plainWords(error: unknown): string {
  if (error instanceof Cancelled) return 'Cancelled: nothing was written.';
  if (error instanceof EngineError) {
    const label = ENGINE_FIELDS[error.field] ?? error.field;
    return `${label}: ${engineDetail(error)}`;
  }
  const office = officeErrorText(error);
  if (office) return office;
  const message = error instanceof Error ? error.message : String(error);
  return `Something went wrong: ${message || 'an unknown error'}. Nothing was lost; try again, and if it persists, note the inputs and this message.`;
}
