/**
 * The grids sheet of a deal: each grid as blocks (a title, its inputs, a two-column scenario
 * range, the axes and the body), stacked top to bottom. In formulas mode the body is live
 * `=CWALT.*` formulas that reference the input cells, so the user edits an input and Excel
 * recalculates; in values mode it holds the engine's values (gridCompute.ts).
 *
 * When an axis is a scenario field (shift, CDR), each cell passes its own scenario: the names of
 * the scenario range beside a column of values in which that field points at the axis cell,
 * `CHOOSE({1,2}, names, CHOOSE({1;2;…}, v1, v2, …))`, which Excel evaluates to a two-column array.
 */
import type { DealModel } from '../src/run';
import { horizonWord } from '../src/run/pricingTables';
import { indexLevelsOf } from './assumptions';
import { type Block, type CellValue, cellRef, columnLetter, FORMATS, type SheetLayout, safeSheetName } from './cells';
import { AXIS_LABELS, type Axis, type GridMeasure, type GridSpec, gridKey, gridsKey, type PlacedGrid } from './gridSpec';
import { titleBlock } from './layout';

export const MEASURE_FUNCTIONS: Record<GridMeasure, string> = { DM: 'CWALT.DMARGIN', Yield: 'CWALT.YIELD', WAL: 'CWALT.WAL', MDUR: 'CWALT.MDUR' };

/** Names of the scenario range, in the order written (the functions' `scenario` names). */
export const SCENARIO_NAMES = ['LIBOR_1M', 'LIBOR_6M', 'LIBOR_12M', 'CMT_1Y', 'CURVE', 'SHIFT_BP', 'CDR', 'SEVERITY', 'LAG', 'SHIFT_FROM', 'DERIVATIVES', 'WAL_BASIS', 'DURATION_BASIS'] as const;
type ScenarioName = (typeof SCENARIO_NAMES)[number];
/** Always written: the inputs a trader edits most. The switches after them are written when set away from their defaults. */
const ALWAYS_WRITTEN = 9;
const SWITCH_DEFAULTS: Partial<Record<ScenarioName, CellValue>> = { SHIFT_FROM: 1, DERIVATIVES: 'ON', WAL_BASIS: 'deal', DURATION_BASIS: 'accrual' };

function scenarioValuesOf(deal: DealModel, spec: GridSpec): Record<ScenarioName, CellValue> {
  const levels = indexLevelsOf(deal.description, spec.scenario);
  return {
    LIBOR_1M: levels.libor1m,
    LIBOR_6M: levels.libor6m,
    LIBOR_12M: levels.libor12m,
    CMT_1Y: levels.cmt1y,
    CURVE: spec.scenario.curve ?? 'flat',
    SHIFT_BP: spec.scenario.shiftBp ?? 0,
    CDR: spec.scenario.cdr ?? 0,
    SEVERITY: spec.scenario.severity ?? 0,
    LAG: spec.scenario.lagMonths ?? 0,
    SHIFT_FROM: spec.scenario.shiftFromPeriod ?? 1,
    DERIVATIVES: spec.scenario.derivatives === false ? 'OFF' : 'ON',
    WAL_BASIS: spec.scenario.walBasis ?? 'deal',
    DURATION_BASIS: spec.scenario.durationBasis ?? 'accrual',
  };
}

/** The names a grid's scenario range holds, in order. */
function scenarioNamesOf(deal: DealModel, spec: GridSpec): ScenarioName[] {
  const values = scenarioValuesOf(deal, spec);
  return SCENARIO_NAMES.filter((n, k) => k < ALWAYS_WRITTEN || values[n] !== SWITCH_DEFAULTS[n]);
}

function axisFormat(axis: Axis, value: number | string): string {
  if (typeof value === 'string') return FORMATS.text;
  return axis === 'speed' ? '0"%"' : axis === 'shift' ? '0" bp"' : '0.0#"%"';
}

function measureFormat(measure: GridMeasure): string {
  return measure === 'DM' ? FORMATS.bp : FORMATS.twoDecimals;
}

/** Height of a grid's band on the sheet (title, inputs, grid, and a gap). */
export function gridHeight(deal: DealModel, spec: GridSpec): number {
  return 1 + scenarioNamesOf(deal, spec).length + 1 + spec.rows.values.length + 1 + 2;
}

/** The blocks of one grid whose title sits on row `top`. */
export function gridBlocks(deal: DealModel, grid: PlacedGrid, top: number): Block[] {
  const { spec } = grid;
  const key = gridKey(spec);
  const d = deal.description;
  const axisNames = `${AXIS_LABELS[spec.rows.axis].toLowerCase()} down, ${AXIS_LABELS[spec.cols.axis].toLowerCase()} across`;
  const live =
    spec.mode === 'formulas'
      ? 'live =CWALT formulas: where the CWALT add-in is loaded, edit the inputs and Excel recalculates'
      : `values computed ${grid.builtAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const blocks: Block[] = [titleBlock(`${key}-title`, top, 0, `${spec.measure} of ${spec.className} (${d.name}), to ${horizonWord(deal, spec.horizon)}: ${axisNames}; ${live}`)];

  // Inputs: label | value, at A:B. Row order fixes the references below.
  const inputsTop = top + 1;
  const inputs: [string, CellValue, string][] = [
    ['Deal', d.name, FORMATS.text],
    ['Class', spec.className, FORMATS.text],
    ['Horizon', horizonWord(deal, spec.horizon), FORMATS.text],
    ['Price', spec.price, FORMATS.text],
    ['Speed', spec.speed, typeof spec.speed === 'number' ? '0"%"' : FORMATS.text],
  ];
  blocks.push({
    id: `${key}-inputs`,
    role: 'inputs',
    row: inputsTop,
    col: 0,
    values: inputs.map(([label, value]) => [label, value]),
    formats: inputs.map(([, , format]) => [FORMATS.text, format]),
    userInputs: true,
    bold: { firstColumn: true },
  });
  const input = (name: string) => cellRef(inputsTop + inputs.findIndex(([label]) => label === name), 1, { row: true, col: true });

  // The scenario range: name | value, at D:E.
  const scenarioValues = scenarioValuesOf(deal, spec);
  const names = scenarioNamesOf(deal, spec);
  const scenarioCol = 3;
  blocks.push({
    id: `${key}-scenario`,
    role: 'inputs',
    row: inputsTop,
    col: scenarioCol,
    values: names.map((n) => [n, scenarioValues[n]]),
    formats: names.map((n) => [FORMATS.text, typeof scenarioValues[n] === 'string' ? FORMATS.text : FORMATS.general]),
    userInputs: true,
    bold: { firstColumn: true },
  });
  const sc = (i: number, c: number) => cellRef(inputsTop + i, scenarioCol + c, { row: true, col: true });
  const scenarioRange = `${sc(0, 0)}:${sc(names.length - 1, 1)}`;
  const namesRange = `${sc(0, 0)}:${sc(names.length - 1, 0)}`;

  // The grid: corner, column headers (a row), row headers (a column), body.
  const gridTop = inputsTop + Math.max(inputs.length, names.length) + 1;
  const bodyTop = gridTop + 1;
  const bodyCol = 1;
  blocks.push(titleBlock(`${key}-corner`, gridTop, 0, `${AXIS_LABELS[spec.rows.axis]} ↓ ${AXIS_LABELS[spec.cols.axis]} →`));
  blocks.push({
    id: `${key}-cols`,
    role: 'inputs',
    row: gridTop,
    col: bodyCol,
    values: [spec.cols.values.map((v) => v)],
    formats: [spec.cols.values.map((v) => axisFormat(spec.cols.axis, v))],
    userInputs: true,
    bold: { firstRow: true },
  });
  blocks.push({
    id: `${key}-rows`,
    role: 'inputs',
    row: bodyTop,
    col: 0,
    values: spec.rows.values.map((v) => [v]),
    formats: spec.rows.values.map((v) => [axisFormat(spec.rows.axis, v)]),
    userInputs: true,
    bold: { firstColumn: true },
  });

  const formulaAt = (i: number, j: number): string => {
    const rowRef = `$A${bodyTop + i + 1}`;
    const colRef = `${columnLetter(bodyCol + j)}$${gridTop + 1}`;
    const ref = (axis: Axis): string | null => (spec.rows.axis === axis ? rowRef : spec.cols.axis === axis ? colRef : null);
    const speed = ref('speed') ?? input('Speed');
    const price = ref('price') ?? input('Price');
    const shift = ref('shift');
    const cdr = ref('cdr');
    let scenario = scenarioRange;
    if (shift || cdr) {
      const refs = names.map((n, k) => (n === 'SHIFT_BP' && shift ? shift : n === 'CDR' && cdr ? cdr : sc(k, 1)));
      scenario = `CHOOSE({1,2},${namesRange},CHOOSE({${names.map((_, k) => k + 1).join(';')}},${refs.join(',')}))`;
    }
    const args = spec.measure === 'WAL' ? [input('Deal'), input('Class'), speed, input('Horizon'), scenario] : [input('Deal'), input('Class'), price, speed, input('Horizon'), scenario];
    return `=${MEASURE_FUNCTIONS[spec.measure]}(${args.join(',')})`;
  };
  const rowsN = spec.rows.values.length;
  const colsN = spec.cols.values.length;
  const values: CellValue[][] = Array.from({ length: rowsN }, (_, i) => Array.from({ length: colsN }, (_, j) => grid.values?.[i]?.[j] ?? null));
  const formats = values.map((r) => r.map((v) => (typeof v === 'string' ? FORMATS.text : measureFormat(spec.measure))));
  blocks.push({
    id: `${key}-body`,
    role: 'grid',
    row: bodyTop,
    col: bodyCol,
    values,
    formats,
    ...(spec.mode === 'formulas' ? { formulas: values.map((r, i) => r.map((_, j) => formulaAt(i, j))) } : {}),
  });
  return blocks;
}

/** The grids sheet of a deal: its grids stacked top to bottom in the order they were built. */
export function gridsSheet(deal: DealModel, grids: readonly PlacedGrid[]): SheetLayout {
  const blocks: Block[] = [];
  let top = 0;
  for (const grid of grids) {
    blocks.push(...gridBlocks(deal, grid, top));
    top += gridHeight(deal, grid.spec);
  }
  return { key: gridsKey(deal.description.id), sheetName: safeSheetName(`${deal.description.name} Grids`), blocks };
}
