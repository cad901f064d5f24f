/**
 * Sensitivity grids read back from the pane's saved state (store.ts) are untrusted: a workbook
 * from someone else can hold any JSON there. Each stored grid is rebuilt from its fields through
 * the same parsers the grid form uses (class, measure, axes with their limits, speed, price, the
 * scenario through the engine's normaliser), so nothing reaches a sheet that the form would not
 * have accepted; stored values are never shown: a values grid is recomputed by the engine.
 */
import { canonicalPrice } from '../src/run';
import type { DealModel } from '../src/run';
import { normaliseScenario, type ScenarioInput } from '../src/run/scenario';
import type { Assumptions, RunScenario } from './assumptions';
import type { RunControl } from './runPricing';
import { computeGrid } from './gridCompute';
import { parseGridForm } from './gridParse';
import type { GridForm, GridSpec, PlacedGrid } from './gridSpec';
import { isPlainRecord } from './workbookState';

const MAX_AXIS_VALUES = 50;
const MAX_TEXT = 100;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const shortText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;

/** The scenario fields a grid may carry, each of its type; the engine's normaliser then checks the ranges. */
function restoreScenario(raw: unknown): RunScenario | null {
  if (!isPlainRecord(raw)) return null;
  const out: Record<string, unknown> = {};
  for (const key of ['shiftBp', 'shiftFromPeriod', 'cdr', 'severity', 'lagMonths'] as const) {
    if (raw[key] === undefined || raw[key] === null) continue;
    if (!finite(raw[key])) return null;
    out[key] = raw[key];
  }
  for (const key of ['curve', 'walBasis', 'durationBasis'] as const) {
    if (raw[key] === undefined || raw[key] === null) continue;
    if (!shortText(raw[key])) return null;
    out[key] = raw[key];
  }
  if (raw.derivatives !== undefined && raw.derivatives !== null) {
    if (typeof raw.derivatives !== 'boolean') return null;
    out.derivatives = raw.derivatives;
  }
  if (raw.indices !== undefined) {
    if (!isPlainRecord(raw.indices)) return null;
    const indices: Record<string, number> = {};
    for (const key of ['libor1m', 'libor6m', 'libor12m', 'cmt1y'] as const) {
      const v = raw.indices[key];
      if (v === undefined || v === null) continue;
      if (!finite(v)) return null;
      indices[key] = v;
    }
    out.indices = indices;
  }
  try {
    normaliseScenario(out as ScenarioInput);
  } catch {
    return null;
  }
  return out as RunScenario;
}

/** An axis as the form's text, or null when its values are not numbers or short texts. */
function axisText(raw: unknown): { axis: string; text: string; count: number } | null {
  if (!isPlainRecord(raw) || !shortText(raw.axis) || !Array.isArray(raw.values) || raw.values.length > MAX_AXIS_VALUES) return null;
  const values: unknown[] = raw.values;
  if (!values.every((v) => finite(v) || shortText(v))) return null;
  return { axis: raw.axis, text: values.map(String).join(', '), count: values.length };
}

/** One stored grid rebuilt through the grid form's parsers, or null when it does not pass. */
export function restoreGrid(deal: DealModel, raw: unknown): PlacedGrid | null {
  if (!isPlainRecord(raw) || !isPlainRecord(raw.spec)) return null;
  const spec = raw.spec;
  if (spec.dealId !== deal.description.id) return null;
  if (spec.horizon !== 'call' && spec.horizon !== 'maturity') return null;
  if (spec.mode !== 'formulas' && spec.mode !== 'values') return null;
  const scenario = restoreScenario(spec.scenario);
  const rows = axisText(spec.rows);
  const cols = axisText(spec.cols);
  if (!scenario || !rows || !cols || !shortText(spec.price) || !(finite(spec.speed) || shortText(spec.speed))) return null;
  if (!shortText(spec.className) || !shortText(spec.measure)) return null;
  let price: string;
  try {
    price = canonicalPrice(spec.price);
  } catch {
    return null;
  }
  const builtAt = typeof raw.builtAt === 'string' && raw.builtAt.length <= 40 ? new Date(raw.builtAt) : null;
  if (!builtAt || Number.isNaN(builtAt.getTime())) return null;
  const form: GridForm = {
    className: spec.className,
    measure: spec.measure,
    horizon: spec.horizon,
    rowAxis: rows.axis,
    rowValues: rows.text,
    colAxis: cols.axis,
    colValues: cols.text,
    speed: String(spec.speed),
    mode: spec.mode,
  };
  const assumptions: Assumptions = { speeds: [], price, classPrices: {}, horizons: [], scenario };
  const parsed = parseGridForm(deal, assumptions, form);
  if (!parsed.ok || parsed.spec.rows.values.length !== rows.count || parsed.spec.cols.values.length !== cols.count) return null;
  return { spec: parsed.spec, values: null, builtAt };
}

/** The stored grids of a deal that pass, and how many did not. */
export function restoreGrids(deal: DealModel, stored: readonly unknown[] | undefined): { grids: PlacedGrid[]; dropped: number } {
  const grids: PlacedGrid[] = [];
  let dropped = 0;
  for (const raw of stored ?? []) {
    const grid = restoreGrid(deal, raw);
    if (grid) grids.push(grid);
    else dropped++;
  }
  return { grids, dropped };
}

/** Computes the values of the grids that need them and have none (restored values grids, or any grid in the preview). */
export async function fillValues(deal: DealModel, grids: readonly PlacedGrid[], needValues: (spec: GridSpec) => boolean, control: RunControl = {}): Promise<PlacedGrid[]> {
  const out: PlacedGrid[] = [];
  for (const grid of grids) out.push(grid.values === null && needValues(grid.spec) ? { ...grid, values: await computeGrid(deal, grid.spec, control) } : grid);
  return out;
}
