/**
 * The preview's last results, kept across a reload: the sheets it last showed (their layouts, as
 * computed, with their "Run at" times) and which one was in front. Inside Excel the results live
 * in the workbook and need no keeping. What is read back is checked cell by cell before it is
 * shown: anything that is not a layout the pane could have made is dropped, never drawn.
 */
import type { Block, BlockRole, CellValue, ChartSpec, SheetLayout } from './cells';

export const RESULTS_KEY = 'cwalt.addin.preview-results';

/** Above this the browser's quota (about 5 MB of UTF-16 per origin) is at risk: keep the front sheet only. */
const MAX_CHARS = 1_500_000;

export interface LastResults {
  readonly sheets: readonly SheetLayout[];
  readonly active: string | null;
}

export interface ResultsStore {
  load(): LastResults;
  /** Returns how many of the sheets were kept (0 when the browser refused them all). */
  save(results: LastResults): number;
}

const ROLES: readonly BlockRole[] = ['title', 'header', 'table', 'inputs', 'grid', 'data'];

const isCell = (v: unknown): v is CellValue => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isText = (v: unknown): v is string => typeof v === 'string';
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1_048_576;

function grid<T>(v: unknown, ok: (x: unknown) => x is T, shape?: readonly unknown[][]): v is T[][] {
  if (!Array.isArray(v) || (shape && v.length !== shape.length)) return false;
  return v.every((row, i) => Array.isArray(row) && (!shape || row.length === shape[i].length) && row.every(ok));
}

function asBlock(raw: unknown): Block | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const b = raw as Record<string, unknown>;
  if (!isText(b.id) || !ROLES.includes(b.role as BlockRole) || !isIndex(b.row) || !isIndex(b.col)) return null;
  if (!grid(b.values, isCell) || b.values.length === 0 || !grid(b.formats, isText, b.values)) return null;
  if (b.formulas !== undefined && !grid(b.formulas, (x): x is string | null => x === null || isText(x), b.values)) return null;
  const table = b.table as Record<string, unknown> | undefined;
  if (table !== undefined && (typeof table !== 'object' || table === null || !isText(table.name) || !isText(table.style))) return null;
  const bold = b.bold as Record<string, unknown> | undefined;
  return {
    id: b.id,
    role: b.role as BlockRole,
    row: b.row,
    col: b.col,
    values: b.values,
    formats: b.formats,
    ...(b.formulas !== undefined ? { formulas: b.formulas as (string | null)[][] } : {}),
    ...(table ? { table: { name: table.name as string, style: table.style as string } } : {}),
    ...(b.userInputs === true ? { userInputs: true } : {}),
    ...(bold && typeof bold === 'object' ? { bold: { firstRow: bold.firstRow === true, firstColumn: bold.firstColumn === true } } : {}),
  };
}

function asChart(raw: unknown): ChartSpec | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const c = raw as Record<string, unknown>;
  const a = c.anchor as Record<string, unknown> | undefined;
  if (![c.name, c.title, c.dataBlockId, c.xTitle, c.yTitle].every(isText) || !isText(c.type) || !a || ![a.row, a.col, a.rows, a.cols].every(isIndex)) return undefined;
  return raw as ChartSpec;
}

/** Column groups (the waterfall's), kept when each is a name and a span of columns. */
function asGroups(raw: unknown): { name: string; col: number; cols: number }[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const groups = raw.filter((g): g is { name: string; col: number; cols: number } => typeof g === 'object' && g !== null && isText(g.name) && isIndex(g.col) && isIndex(g.cols));
  return groups.length === raw.length ? groups : undefined;
}

/** A stored sheet layout, checked; null when it is not one. */
export function asLayout(raw: unknown): SheetLayout | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const l = raw as Record<string, unknown>;
  if (!isText(l.key) || !isText(l.sheetName) || !Array.isArray(l.blocks)) return null;
  const blocks = l.blocks.map(asBlock);
  if (blocks.some((b) => b === null)) return null;
  const chart = asChart(l.chart);
  const charts = Array.isArray(l.charts) ? l.charts.map(asChart).filter((c): c is ChartSpec => c !== undefined) : [];
  const f = l.freeze as Record<string, unknown> | undefined;
  const freeze = f && typeof f === 'object' && isIndex(f.rows) && isIndex(f.cols) ? { rows: f.rows, cols: f.cols } : undefined;
  const columnGroups = asGroups(l.columnGroups);
  // Written as a record: a layout may carry the view fields of a newer pane (charts, column groups).
  const layout: Record<string, unknown> = { key: l.key, sheetName: l.sheetName, blocks };
  if (chart) layout.chart = chart;
  if (charts.length > 0) layout.charts = charts;
  if (freeze) layout.freeze = freeze;
  if (columnGroups) layout.columnGroups = columnGroups;
  return layout as unknown as SheetLayout;
}

export function parseLastResults(raw: unknown): LastResults {
  if (typeof raw !== 'object' || raw === null) return { sheets: [], active: null };
  const r = raw as Record<string, unknown>;
  const sheets = (Array.isArray(r.sheets) ? r.sheets : []).map(asLayout).filter((s): s is SheetLayout => s !== null);
  const active = isText(r.active) && sheets.some((s) => s.key === r.active) ? r.active : (sheets[sheets.length - 1]?.key ?? null);
  return { sheets, active };
}

/** The preview's store of results: localStorage (or nothing, when the browser refuses it). */
export function resultsStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): ResultsStore {
  return {
    load() {
      try {
        return parseLastResults(JSON.parse(storage?.getItem(RESULTS_KEY) ?? 'null'));
      } catch {
        return { sheets: [], active: null };
      }
    },
    save(results) {
      if (!storage) return 0;
      const front = results.sheets.filter((s) => s.key === results.active);
      for (const sheets of [results.sheets, front]) {
        const text = JSON.stringify({ sheets, active: results.active });
        if (text.length > MAX_CHARS) continue;
        try {
          storage.setItem(RESULTS_KEY, text);
          return sheets.length;
        } catch {
          // Quota: try the front sheet alone.
        }
      }
      try {
        storage.removeItem(RESULTS_KEY);
      } catch {
        // Nothing kept either way.
      }
      return 0;
    },
  };
}
