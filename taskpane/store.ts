/**
 * What the pane remembers between sessions: the deal last chosen, the assumptions typed for each
 * deal, and the sensitivity grids built for each deal (so the grids sheet can be laid out again
 * when one is added). Inside Excel it lives in the workbook's settings, saved with the workbook;
 * in the preview, in the browser's localStorage.
 */
import type { AssumptionsForm } from './assumptions';
import type { CellValue } from './cells';
import type { ExcelRunner } from './excelApi';
import { loadSetting, saveSetting } from './excelWriter';
import type { GridForm, GridSpec, PlacedGrid } from './sensitivity';

export const PANE_KEY = 'cwalt.addin.pane';

export interface StoredGrid {
  readonly spec: GridSpec;
  readonly values: CellValue[][] | null;
  readonly builtAt: string;
}

export interface PaneState {
  readonly deal?: string;
  readonly forms: Readonly<Record<string, Partial<AssumptionsForm>>>;
  readonly gridForms: Readonly<Record<string, Partial<GridForm>>>;
  readonly grids: Readonly<Record<string, readonly StoredGrid[]>>;
}

export const EMPTY_PANE: PaneState = { forms: {}, gridForms: {}, grids: {} };

export interface PaneStore {
  load(): Promise<PaneState>;
  save(state: PaneState): Promise<void>;
}

export function parsePaneState(raw: unknown): PaneState {
  if (typeof raw !== 'object' || raw === null) return EMPTY_PANE;
  const r = raw as Record<string, unknown>;
  const record = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, never>) : {});
  return {
    ...(typeof r.deal === 'string' ? { deal: r.deal } : {}),
    forms: record(r.forms),
    gridForms: record(r.gridForms),
    grids: record(r.grids),
  };
}

export function toPlaced(grid: StoredGrid): PlacedGrid {
  return { spec: grid.spec, values: grid.values, builtAt: new Date(grid.builtAt) };
}

export function toStored(grid: PlacedGrid): StoredGrid {
  return { spec: grid.spec, values: grid.values, builtAt: grid.builtAt.toISOString() };
}

/** The preview's store: localStorage (or nothing, when the browser refuses it). */
export function localStore(storage: Pick<Storage, 'getItem' | 'setItem'> | null): PaneStore {
  return {
    async load() {
      try {
        return parsePaneState(JSON.parse(storage?.getItem(PANE_KEY) ?? 'null'));
      } catch {
        return EMPTY_PANE;
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
    load: () => run(async (context) => parsePaneState(await loadSetting(context, PANE_KEY))),
    save: (state) =>
      run(async (context) => {
        saveSetting(context, PANE_KEY, state);
        await context.sync();
      }),
  };
}
