/**
 * The workbook's settings (saved with the workbook), read and written as JSON: where the writer
 * keeps its record of the sheets it owns, and the pane its remembered inputs (store.ts).
 */
import type { XlContext } from './excelApi';
import { readWriterState, type WriterState } from './workbookState';

export const STATE_KEY = 'cwalt.addin.state';

export async function loadSetting(context: XlContext, key: string): Promise<unknown> {
  const setting = context.workbook.settings.getItemOrNullObject(key);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject || typeof setting.value !== 'string') return undefined;
  try {
    return JSON.parse(setting.value) as unknown;
  } catch {
    return undefined;
  }
}

export function saveSetting(context: XlContext, key: string, value: unknown): void {
  context.workbook.settings.add(key, JSON.stringify(value));
}

/** The writer's record, only what passes its schema (workbookState.ts). */
export function parseState(raw: unknown): WriterState {
  return readWriterState(raw).state;
}
