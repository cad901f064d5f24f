/**
 * What the pane remembers between sessions: the deal last chosen, the assumptions typed for each
 * deal, and the sensitivity grids built for each deal (so the grids sheet can be laid out again
 * when one is added). Inside Excel it lives in the workbook's settings, saved with the workbook;
 * in the preview, in the browser's localStorage.
 *
 * A workbook may come from anyone, so what is read back is checked here (types, sizes, the known
 * fields only) and each stored grid is re-validated against its deal before use (storedGrids.ts);
 * whatever fails is dropped, and the user is told.
 */
import type { AssumptionsForm } from './assumptions';
import type { ExcelRunner } from './excelApi';
import { loadSetting, saveSetting } from './workbookSettings';
import type { GridForm, GridSpec, PlacedGrid } from './gridSpec';
import { isPlainRecord } from './workbookState';

export const PANE_KEY = 'cwalt.addin.pane';

export interface StoredGrid {
  readonly spec: GridSpec;
  /** Never trusted on reading (values grids are recomputed), so not stored. */
  readonly values: null;
  readonly builtAt: string;
}

export interface PaneState {
  readonly deal?: string;
  readonly forms: Readonly<Record<string, Partial<AssumptionsForm>>>;
  readonly gridForms: Readonly<Record<string, Partial<GridForm>>>;
  /** Per deal: grids as stored; `restoreGrids` (storedGrids.ts) re-validates each before use. */
  readonly grids: Readonly<Record<string, readonly unknown[]>>;
}

export const EMPTY_PANE: PaneState = { forms: {}, gridForms: {}, grids: {} };

export interface LoadedPane {
  readonly state: PaneState;
  /** What was set aside while reading, in words for the user. */
  readonly problems: readonly string[];
}

export interface PaneStore {
  load(): Promise<LoadedPane>;
  save(state: PaneState): Promise<void>;
}

/** Bounds on what is read back: far above what the pane writes. */
export const PANE_LIMITS = { deals: 50, textLength: 2_000, gridsPerDeal: 50, idLength: 64 } as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length <= PANE_LIMITS.idLength && ID.test(v);

/** A record of deal id → T, keeping the entries `entry` accepts; counts what it drops. */
function perDeal<T>(raw: unknown, entry: (v: unknown) => T | null, dropped: { n: number }): Record<string, T> {
  const out: Record<string, T> = {};
  if (raw === undefined) return out;
  if (!isPlainRecord(raw)) {
    dropped.n++;
    return out;
  }
  for (const [key, value] of Object.entries(raw).slice(0, PANE_LIMITS.deals)) {
    const v = isId(key) ? entry(value) : null;
    if (v === null) dropped.n++;
    else out[key] = v;
  }
  return out;
}

/** A saved form: only text (and tick-box) fields, each of a bounded length. */
function formFields(raw: unknown, booleans: boolean): Record<string, string | boolean> | null {
  if (!isPlainRecord(raw)) return null;
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isId(key)) continue;
    if ((typeof value === 'string' && value.length <= PANE_LIMITS.textLength) || (booleans && typeof value === 'boolean')) out[key] = value;
  }
  return out;
}

export function readPaneState(raw: unknown): LoadedPane {
  if (raw === undefined || raw === null) return { state: EMPTY_PANE, problems: [] };
  if (!isPlainRecord(raw)) return { state: EMPTY_PANE, problems: ['The inputs the pane saved in this workbook could not be read and were left out.'] };
  const dropped = { n: 0 };
  const state: PaneState = {
    ...(isId(raw.deal) ? { deal: raw.deal } : {}),
    forms: perDeal(raw.forms, (v) => formFields(v, true) as Partial<AssumptionsForm> | null, dropped),
    gridForms: perDeal(raw.gridForms, (v) => formFields(v, false) as Partial<GridForm> | null, dropped),
    grids: perDeal(raw.grids, (v) => (Array.isArray(v) ? v.slice(0, PANE_LIMITS.gridsPerDeal) : null), dropped),
  };
  const problems = dropped.n > 0 ? [`Some inputs the pane saved in this workbook could not be read and were left out (${dropped.n}).`] : [];
  return { state, problems };
}

export function parsePaneState(raw: unknown): PaneState {
  return readPaneState(raw).state;
}

export function toStored(grid: PlacedGrid): StoredGrid {
  return { spec: grid.spec, values: null, builtAt: grid.builtAt.toISOString() };
}

/** The preview's store: localStorage (or nothing, when the browser refuses it). */
export function localStore(storage: Pick<Storage, 'getItem' | 'setItem'> | null): PaneStore {
  return {
    async load() {
      try {
        return readPaneState(JSON.parse(storage?.getItem(PANE_KEY) ?? 'null'));
      } catch {
        return { state: EMPTY_PANE, problems: [] };
      }
    },
    async save(state) {
      try {
        storage?.setItem(PANE_KEY, JSON.stringify(state));
      } catch {
        // Private mode or a full quota: the pane still works, it just forgets.
      }
    },
  };
}

/** Excel's store: the workbook's settings. */
export function workbookStore(run: ExcelRunner): PaneStore {
  return {
    load: () => run(async (context) => readPaneState(await loadSetting(context, PANE_KEY))),
    save: (state) =>
      run(async (context) => {
        saveSetting(context, PANE_KEY, state);
        await context.sync();
      }),
  };
}
