/**
 * Custom sensitivity grids: one class and one measure, rows and columns chosen from speed, price,
 * index shift and CDR. Written as live `=CWALT.*` formulas that reference input cells (deal,
 * class, horizon, base price and speed, and a two-column scenario range), so the user edits an
 * input and Excel recalculates; or, when asked, as values computed here by the same engine.
 *
 * When an axis is a scenario field (shift, CDR), each cell passes its own scenario: the names of
 * the scenario range beside a column of values in which that field points at the axis cell,
 * `CHOOSE({1,2}, names, CHOOSE({1;2;…}, v1, v2, …))`, which Excel evaluates to a two-column array.
 */
import { canonicalPrice, EngineError } from '../src/run';
import type { DealModel } from '../src/run';
import { classMeasures } from '../src/run/measures';
import { FORM_NUMBER, parseNumberText, quoteText } from '../src/run/numberText';
import { horizonWord } from '../src/run/pricingTables';
import { resolveClass, squash } from '../src/run/registry';
import { runDeal } from '../src/run/runner';
import { type Horizon, normaliseScenario } from '../src/run/scenario';
import { type Assumptions, emptyItemsMessage, engineDetail, indexLevelsOf, type Issue as FormIssue, parseSpeedItem, priceOf, type RunScenario, splitList } from './assumptions';
import { type Block, type CellValue, cellRef, columnLetter, FORMATS, type SheetLayout, safeSheetName } from './cells';
import { titleBlock } from './layout';
import { Cancelled, nextTask, type RunControl } from './runPricing';

export type Axis = 'speed' | 'price' | 'shift' | 'cdr';
export type GridMeasure = 'DM' | 'Yield' | 'WAL' | 'MDUR';
export type GridMode = 'formulas' | 'values';

export const AXES: readonly Axis[] = ['speed', 'price', 'shift', 'cdr'];
export const AXIS_LABELS: Record<Axis, string> = { speed: 'Speed', price: 'Price', shift: 'Shift (bp)', cdr: 'CDR (%)' };
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

const MAX_AXIS = 50;

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

function parseAxisValues(axis: Axis, text: string, field: keyof GridForm, issues: GridIssue[]): (number | string)[] {
  const { items, empty } = splitList(text);
  if (items.length === 0) issues.push({ field, message: `${AXIS_LABELS[axis]}: expected at least one value` });
  const emptyMessage = emptyItemsMessage(AXIS_LABELS[axis], empty);
  if (emptyMessage) issues.push({ field, message: emptyMessage });
  if (items.length > MAX_AXIS) issues.push({ field, message: `${AXIS_LABELS[axis]}: at most ${MAX_AXIS} values, got ${items.length}` });
  const out: (number | string)[] = [];
  for (const item of items) {
    try {
      if (axis === 'speed') out.push(parseSpeedItem(item).speed);
      else if (axis === 'price') out.push(canonicalPrice(item));
      else {
        const n = parseNumberText(item, FORM_NUMBER);
        if (!Number.isFinite(n)) throw new EngineError(axis, `expected a number, got ${quoteText(item)}`);
        normaliseScenario(axis === 'shift' ? { shiftBp: n } : { cdr: n });
        out.push(n);
      }
    } catch (error) {
      issues.push({ field, message: `${AXIS_LABELS[axis]} "${item}": ${engineDetail(error)}` });
    }
  }
  return out;
}

function isAxis(text: string): text is Axis {
  return (AXES as readonly string[]).includes(text);
}

export function parseGridForm(deal: DealModel, assumptions: Assumptions, form: GridForm): { ok: true; spec: GridSpec } | { ok: false; issues: (GridIssue | FormIssue)[] } {
  const issues: GridIssue[] = [];
  let className = form.className;
  try {
    className = resolveClass(deal, form.className).name;
  } catch (error) {
    issues.push({ field: 'className', message: `Class: ${engineDetail(error)}` });
  }
  const measures = measuresFor(deal, className);
  const measure = measures.find((m) => m === form.measure);
  if (!measure) issues.push({ field: 'measure', message: `Measure: ${className} offers ${measures.join(', ') || 'no priced measure'}, not ${form.measure}` });
  const horizon: Horizon = form.horizon === 'maturity' ? 'maturity' : 'call';
  if (!isAxis(form.rowAxis)) issues.push({ field: 'rowAxis', message: `Rows: choose speed, price, shift or CDR` });
  if (!isAxis(form.colAxis)) issues.push({ field: 'colAxis', message: `Columns: choose speed, price, shift or CDR` });
  if (form.rowAxis === form.colAxis) issues.push({ field: 'colAxis', message: 'Columns: choose a different input from the rows' });
  if (measure === 'WAL' && (form.rowAxis === 'price' || form.colAxis === 'price')) {
    issues.push({ field: 'measure', message: 'Measure: WAL does not depend on price; choose speed, shift or CDR for the axes' });
  }
  const rows = isAxis(form.rowAxis) ? parseAxisValues(form.rowAxis, form.rowValues, 'rowValues', issues) : [];
  const cols = isAxis(form.colAxis) ? parseAxisValues(form.colAxis, form.colValues, 'colValues', issues) : [];
  let speed: number | string = 100;
  const speedIsAxis = form.rowAxis === 'speed' || form.colAxis === 'speed';
  if (form.speed.trim() === '' && !speedIsAxis) issues.push({ field: 'speed', message: 'Speed: expected a speed for the grid (100 = the pricing speed, or a vector such as 8 12R 24), got nothing' });
  else if (form.speed.trim() !== '') {
    try {
      speed = parseSpeedItem(form.speed).speed;
    } catch (error) {
      issues.push({ field: 'speed', message: `Speed: ${engineDetail(error)}` });
    }
  }
  const mode: GridMode = form.mode === 'values' ? 'values' : 'formulas';
  if (issues.length > 0 || !measure || !isAxis(form.rowAxis) || !isAxis(form.colAxis)) return { ok: false, issues };
  return {
    ok: true,
    spec: {
      dealId: deal.description.id,
      className,
      measure,
      horizon,
      rows: { axis: form.rowAxis, values: rows },
      cols: { axis: form.colAxis, values: cols },
      price: priceOf(assumptions, className),
      speed,
      scenario: assumptions.scenario,
      mode,
    },
  };
}

/** Identity of a grid on its sheet: rebuilding the same class, measure and axes replaces it. */
export function gridKey(spec: GridSpec): string {
  return [squash(spec.className), spec.measure.toLowerCase(), spec.rows.axis, spec.cols.axis, spec.horizon].join('_');
}

export function gridsKey(dealId: string): string {
  return `grids:${dealId}`;
}

/** One cell's scenario and price under a grid's inputs. */
function cellInputs(spec: GridSpec, rowValue: number | string, colValue: number | string) {
  let speed = spec.speed;
  let price = spec.price;
  let shiftBp = spec.scenario.shiftBp ?? 0;
  let cdr = spec.scenario.cdr ?? 0;
  for (const [axis, value] of [
    [spec.rows.axis, rowValue],
    [spec.cols.axis, colValue],
  ] as const) {
    if (axis === 'speed') speed = value;
    else if (axis === 'price') price = String(value);
    else if (axis === 'shift') shiftBp = Number(value);
    else cdr = Number(value);
  }
  return { speed, price, scenario: normaliseScenario({ ...spec.scenario, shiftBp, cdr, speed, horizon: spec.horizon }) };
}

/** The grid's values from the engine (values mode, and the preview's picture of formulas). */
export async function computeGrid(deal: DealModel, spec: GridSpec, control: RunControl = {}): Promise<CellValue[][]> {
  const cls = resolveClass(deal, spec.className);
  const out: CellValue[][] = [];
  const yieldToUi = control.yieldToUi ?? nextTask;
  for (const [i, rowValue] of spec.rows.values.entries()) {
    if (control.isCancelled?.()) throw new Cancelled();
    out.push(
      spec.cols.values.map((colValue) => {
        const { price, scenario } = cellInputs(spec, rowValue, colValue);
        try {
          const m = classMeasures(deal.description, cls, runDeal(deal, scenario), scenario, price);
          return spec.measure === 'WAL' ? m.walYears : spec.measure === 'MDUR' ? m.modifiedDuration : m.value;
        } catch (error) {
          if (error instanceof EngineError && error.kind === 'notAvailable') return 'NA';
          throw error;
        }
      }),
    );
    control.onProgress?.(i + 1, spec.rows.values.length, `row ${i + 1} of ${spec.rows.values.length}`);
    await yieldToUi();
  }
  return out;
}

function axisFormat(axis: Axis, value: number | string): string {
  if (typeof value === 'string') return FORMATS.text;
  return axis === 'speed' ? '0"%"' : axis === 'shift' ? '0" bp"' : '0.0#"%"';
}

function measureFormat(measure: GridMeasure): string {
  return measure === 'DM' ? FORMATS.bp : FORMATS.twoDecimals;
}

export interface PlacedGrid {
  readonly spec: GridSpec;
  /** Engine values (values mode, or to show beside formulas in the preview); null when not computed. */
  readonly values: CellValue[][] | null;
  /** When the grid was built (shown for values, which do not recalculate). */
  readonly builtAt: Date;
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

/** Adds a grid, replacing one with the same key in place. */
export function withGrid(grids: readonly PlacedGrid[], grid: PlacedGrid): PlacedGrid[] {
  const key = gridKey(grid.spec);
  const i = grids.findIndex((g) => gridKey(g.spec) === key);
  return i < 0 ? [...grids, grid] : grids.map((g, k) => (k === i ? grid : g));
}
