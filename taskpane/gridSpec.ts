/**
 * A sensitivity grid's description: the axes it can vary (speed, price, index shift, CDR), the
 * measures it can show, the builder's form as typed, the parsed spec, and a grid as placed on its
 * deal's grids sheet. Parsing the form is gridParse.ts; computing values, gridCompute.ts; laying
 * the grids out as blocks (and as live formulas), gridSheet.ts.
 */
import type { DealModel } from '../src/run';
import { squash } from '../src/run/registry';
import type { Horizon } from '../src/run/scenario';
import type { RunScenario } from './assumptions';
import type { CellValue } from './cells';

export type Axis = 'speed' | 'price' | 'shift' | 'cdr';
export type GridMeasure = 'DM' | 'Yield' | 'WAL' | 'MDUR';
export type GridMode = 'formulas' | 'values';

export const AXES: readonly Axis[] = ['speed', 'price', 'shift', 'cdr'];
export const AXIS_LABELS: Record<Axis, string> = { speed: 'Speed', price: 'Price', shift: 'Shift (bp)', cdr: 'CDR (%)' };

export interface AxisSpec {
  readonly axis: Axis;
  /** Speeds: a percent of pricing or a vector string; prices: canonical quotes; shift bp; CDR %. */
  readonly values: readonly (number | string)[];
}

export interface GridSpec {
  readonly dealId: string;
  readonly className: string;
  readonly measure: GridMeasure;
  readonly horizon: Horizon;
  readonly rows: AxisSpec;
  readonly cols: AxisSpec;
  /** Values of the inputs that are not axes. */
  readonly price: string;
  readonly speed: number | string;
  readonly scenario: RunScenario;
  readonly mode: GridMode;
}

/** The builder's form, as typed. */
export interface GridForm {
  className: string;
  measure: string;
  horizon: string;
  rowAxis: string;
  rowValues: string;
  colAxis: string;
  colValues: string;
  /** The non-axis speed (a percent of pricing or a vector). */
  speed: string;
  mode: string;
}

export interface GridIssue {
  readonly field: keyof GridForm;
  readonly message: string;
}

export const DEFAULT_AXIS_VALUES: Record<Axis, string> = {
  speed: '',
  price: '99-16, 99-24, 100-00, 100-08, 100-16',
  shift: '-100, -50, 0, 50, 100',
  cdr: '0, 1, 2, 5, 10',
};

export function defaultGridForm(deal: DealModel): GridForm {
  const cls = deal.description.classes.find((c) => c.measure !== null) ?? deal.description.classes[0];
  return {
    className: cls?.name ?? '',
    measure: cls?.measure ?? 'WAL',
    horizon: 'call',
    rowAxis: 'price',
    rowValues: DEFAULT_AXIS_VALUES.price,
    colAxis: 'speed',
    colValues: deal.description.pricingSpeeds.join(', '),
    speed: '100',
    mode: 'formulas',
  };
}

/** The measures a class can be asked for: its table's measure, WAL and modified duration. */
export function measuresFor(deal: DealModel, className: string): GridMeasure[] {
  const cls = deal.description.classes.find((c) => c.name === className);
  return cls?.measure ? [cls.measure, 'WAL', 'MDUR'] : [];
}

/** Identity of a grid on its sheet: rebuilding the same class, measure and axes replaces it. */
export function gridKey(spec: GridSpec): string {
  return [squash(spec.className), spec.measure.toLowerCase(), spec.rows.axis, spec.cols.axis, spec.horizon].join('_');
}

export function gridsKey(dealId: string): string {
  return `grids:${dealId}`;
}

export interface PlacedGrid {
  readonly spec: GridSpec;
  /** Engine values (values mode, or to show beside formulas in the preview); null when not computed. */
  readonly values: CellValue[][] | null;
  /** When the grid was built (shown for values, which do not recalculate). */
  readonly builtAt: Date;
}

/** Adds a grid, replacing one with the same key in place. */
export function withGrid(grids: readonly PlacedGrid[], grid: PlacedGrid): PlacedGrid[] {
  const key = gridKey(grid.spec);
  const i = grids.findIndex((g) => gridKey(g.spec) === key);
  return i < 0 ? [...grids, grid] : grids.map((g, k) => (k === i ? grid : g));
}
