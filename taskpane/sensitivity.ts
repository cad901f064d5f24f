/**
 * Custom sensitivity grids: one class and one measure, rows and columns chosen from speed, price,
 * index shift and CDR. Written as live `=CWALT.*` formulas that reference input cells (deal,
 * class, horizon, base price and speed, and a two-column scenario range), so the user edits an
 * input and Excel recalculates; or, when asked, as values computed here by the same engine.
 *
 * The grids' one entry for code outside the pane's grid modules:
 * - gridSpec.ts: axes, measures, the form, the spec, a placed grid, and their keys;
 * - gridParse.ts: the builder's form parsed into a spec, every problem at once;
 * - gridCompute.ts: the engine's values of a grid;
 * - gridSheet.ts: the grids laid out as blocks, with the live formulas and the scenario range.
 */
export { computeGrid } from './gridCompute';
export { parseGridForm } from './gridParse';
export { gridBlocks, gridHeight, gridsSheet, MEASURE_FUNCTIONS, SCENARIO_NAMES } from './gridSheet';
export {
  AXES,
  AXIS_LABELS,
  type Axis,
  type AxisSpec,
  DEFAULT_AXIS_VALUES,
  defaultGridForm,
  type GridForm,
  type GridIssue,
  gridKey,
  type GridMeasure,
  type GridMode,
  gridsKey,
  type GridSpec,
  measuresFor,
  type PlacedGrid,
  withGrid,
} from './gridSpec';
