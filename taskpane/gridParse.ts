/**
 * The grid builder's form, as typed, parsed into a grid spec: the class and measure, the two axes
 * and their values (each through the parser the assumptions form uses for the same input), the
 * non-axis speed. Every problem is reported in one pass, each naming its field.
 */
import { canonicalPrice, EngineError } from '../src/run';
import type { DealModel } from '../src/run';
import { FORM_NUMBER, parseNumberText, quoteText } from '../src/run/numberText';
import { resolveClass } from '../src/run/registry';
import { type Horizon, normaliseScenario } from '../src/run/scenario';
import { type Assumptions, emptyItemsMessage, engineDetail, type Issue as FormIssue, parseSpeedItem, priceOf, splitList } from './assumptions';
import { AXES, AXIS_LABELS, type Axis, type GridForm, type GridIssue, type GridMode, type GridSpec, measuresFor } from './gridSpec';

const MAX_AXIS = 50;

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
