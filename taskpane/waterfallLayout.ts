/**
 * The waterfall sheet: for one scenario, period by period until the deal ends (the redemption,
 * or the last bond paid), every fund and test the deal's priority uses (excess spread, OC target,
 * actual and release, stepdown and trigger states, Net Rate Cap or Available Funds Rate,
 * derivative receipts, the cash check), the collateral flows per loan group with their fees, and
 * each class's interest, principal, writedown, balance, coupon, carryover paid and unpaid. Columns
 * come in named groups (a row of group names over the table, Excel outline groups) under frozen
 * header rows, so a user can audit any figure of the pricing tables.
 */
import type { DealDescription, DealRun, WaterfallSeries } from '../src/run';
import { squash } from '../src/run/registry';
import type { Scenario } from '../src/run/scenario';
import { tieOutLine } from '../src/run/tieOutLine';
import { type Block, type CellValue, type ChartSpec, type ColumnGroup, FORMATS, type SheetLayout, safeSheetName, safeTableName, serialFromIso } from './cells';
import { headerBlock, titleBlock } from './layout';

export interface Column {
  readonly name: string;
  readonly format: string;
  readonly at: (k: number) => CellValue;
  /** The column group it belongs to (the row of names over the table). */
  readonly group: string;
}

/** Amounts below half a cent are float dust. */
const DUST = 0.005;

const POOL_FIELDS: readonly [string, string][] = [
  ['beginBalance', 'Begin balance'],
  ['scheduledPrincipal', 'Scheduled principal'],
  ['prepayment', 'Prepayments'],
  ['defaultedBalance', 'Defaults'],
  ['loss', 'Losses'],
  ['recovery', 'Recoveries'],
  ['grossInterest', 'Gross interest'],
  ['netInterest', 'Net interest'],
  ['endBalance', 'End balance'],
  ['grossRate', 'Gross rate %'],
  ['netRate', 'Net rate %'],
  ['netMaxRate', 'Net max rate %'],
];

const CLASS_FIELDS: readonly [string, string][] = [
  ['interest', 'Interest'],
  ['principal', 'Principal'],
  ['writedown', 'Writedown'],
  ['balance', 'Balance'],
  ['couponPct', 'Coupon %'],
];

const RUN_FIELDS = new Set(['periods', 'payDates', 'classes', 'rateCapPct', 'collateral', 'waterfall']);

/** 'ocTargetDollars' → 'OC target dollars'; keeps acronyms readable. */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .trim()
    .split(/\s+/);
  const text = words.map((w, i) => (/^(oc|ocr|io|afr|cdr|cpr|smm|wac|bp)$/i.test(w) ? w.toUpperCase() : i === 0 ? w : w.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isRateKey(key: string): boolean {
  return /(rate|pct|percent)$/i.test(key);
}

type Series = ArrayLike<unknown>;

function isSeries(value: unknown): value is Series {
  return ArrayBuffer.isView(value) ? !(value instanceof DataView) : Array.isArray(value);
}

function seriesCell(series: Series, k: number): CellValue {
  const v = k < series.length ? series[k] : null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

function seriesFormat(key: string, series: Series): string {
  const first = Array.from({ length: Math.min(series.length, 50) }, (_, i) => series[i]).find((v) => v !== null && v !== undefined);
  if (typeof first === 'number') return isRateKey(key) ? FORMATS.rate : FORMATS.dollars;
  return FORMATS.general;
}

/** Per-period series in an object (a ClassFlows, PoolFlows or a run's extra fields), known ones first. */
function seriesColumns(prefix: string, group: string, record: object, known: readonly [string, string][], skip: ReadonlySet<string> = new Set()): Column[] {
  const columns: Column[] = [];
  const entries = Object.entries(record) as [string, unknown][];
  // The known ones by name: a series may be a getter (a projection's gross interest and rates are computed when first read).
  for (const [key, label] of known) {
    const v: unknown = (record as Record<string, unknown>)[key];
    if (isSeries(v)) columns.push({ name: `${prefix}${label}`, group, format: isRateKey(key) ? FORMATS.rate : FORMATS.dollars, at: (k) => seriesCell(v, k) });
  }
  for (const [key, v] of entries) {
    if (skip.has(key) || known.some(([k]) => k === key)) continue;
    if (isSeries(v)) columns.push({ name: `${prefix}${humanise(key)}`, group, format: seriesFormat(key, v), at: (k) => seriesCell(v, k) });
    else if (v instanceof Map) {
      for (const [name, inner] of v as Map<unknown, unknown>) {
        if (isSeries(inner)) columns.push({ name: `${prefix}${humanise(key)} ${String(name)}`, group, format: seriesFormat(key, inner), at: (k) => seriesCell(inner, k) });
      }
    }
  }
  return columns;
}

/** A deal's own series: amounts in dollars, rates with four decimals, flags as 1 / 0. */
function reportColumn(prefix: string, group: string, s: WaterfallSeries): Column {
  const format = s.unit === 'pct' ? FORMATS.rate : s.unit === 'flag' ? FORMATS.integer : FORMATS.dollars;
  return { name: `${prefix}${s.label}`, group, format, at: (k) => seriesCell(s.values, k) };
}

/**
 * The periods the sheet shows: the deal's own end when it reports one (the redemption, or the
 * last bond paid), else through the last period in which any class was paid, written down or
 * still had a balance. Collateral left after the bonds are retired is not the bonds' waterfall.
 */
export function activePeriods(run: DealRun): number {
  const reported = run.waterfall?.lastPeriod;
  if (reported !== undefined) return Math.max(1, Math.min(run.periods, reported));
  let last = 0;
  for (let k = 0; k < run.periods; k++) {
    for (const f of run.classes.values()) {
      if (f.interest[k] > DUST || f.principal[k] > DUST || f.writedown[k] > DUST || f.balance[k] > DUST) {
        last = k + 1;
        break;
      }
    }
  }
  return Math.min(run.periods, Math.max(1, last));
}

export function waterfallKey(deal: DealDescription): string {
  return `waterfall:${deal.id}`;
}

export function waterfallColumns(run: DealRun): Column[] {
  const columns: Column[] = [
    { name: 'Period', group: 'Period', format: FORMATS.integer, at: (k) => k + 1 },
    { name: 'Pay date', group: 'Period', format: FORMATS.date, at: (k) => (run.payDates[k] ? serialFromIso(run.payDates[k]) : null) },
  ];
  const report = run.waterfall;
  run.collateral.forEach((pool, i) => {
    const prefix = run.collateral.length === 1 ? 'Pool ' : `Group ${i + 1} `;
    const group = run.collateral.length === 1 ? 'Collateral' : `Group ${i + 1} collateral`;
    const cols = seriesColumns(prefix, group, pool, POOL_FIELDS, new Set(['periods']));
    // Fees: what the servicing and other strips take between the gross and net interest.
    const at = cols.findIndex((c) => c.name === `${prefix}Net interest`);
    if (at >= 0) cols.splice(at + 1, 0, { name: `${prefix}Fees`, group, format: FORMATS.dollars, at: (k) => (k < pool.periods ? pool.grossInterest[k] - pool.netInterest[k] : null) });
    columns.push(...cols);
  });
  // Then the deal's funds and tests, in the order of its priority; then the classes.
  for (const g of report?.groups ?? []) columns.push(...g.series.map((s) => reportColumn('', g.name, s)));
  for (const [name, flows] of run.classes) {
    const group = `Class ${name}`;
    columns.push(...seriesColumns(`${name} `, group, flows, CLASS_FIELDS));
    for (const s of report?.classes.get(name) ?? []) columns.push(reportColumn(`${name} `, group, s));
    const cap = run.rateCapPct.get(name);
    if (cap) columns.push({ name: `${name} Rate cap %`, group, format: FORMATS.rate, at: (k) => seriesCell(cap, k) });
  }
  const classes = [...run.classes.values()];
  columns.push(
    { name: 'All classes interest', group: 'All classes', format: FORMATS.dollars, at: (k) => classes.reduce((s, f) => s + f.interest[k], 0) },
    { name: 'All classes principal', group: 'All classes', format: FORMATS.dollars, at: (k) => classes.reduce((s, f) => s + f.principal[k], 0) },
  );
  // Whatever else the deal's run reports per period (OC, triggers, ...), named after its field.
  const extras = Object.fromEntries(Object.entries(run).filter(([key]) => !RUN_FIELDS.has(key)));
  columns.push(...seriesColumns('', 'Other', extras, []));
  // Excel table headers must be unique.
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c : { ...c, name: `${c.name} (${n})` };
  });
}

/** Consecutive columns of one group, as outline groups: every column but the first can fold away. */
export function columnGroupsOf(columns: readonly Column[], firstCol: number): { groups: ColumnGroup[]; starts: { name: string; col: number; cols: number }[] } {
  const starts: { name: string; col: number; cols: number }[] = [];
  columns.forEach((c, j) => {
    const last = starts[starts.length - 1];
    if (last && last.name === c.group) last.cols++;
    else starts.push({ name: c.group, col: firstCol + j, cols: 1 });
  });
  // The period and date stay in view (frozen): no group of their own.
  const groups = starts.filter((s) => s.cols > 1 && s.name !== 'Period').map((s) => ({ name: s.name, col: s.col + 1, cols: s.cols - 1 }));
  return { groups, starts };
}

export interface WaterfallRequest {
  readonly deal: DealDescription;
  readonly run: DealRun;
  readonly scenario: Scenario;
  /** The speed as the user gave it ("100%" or a vector). */
  readonly speedLabel: string;
  readonly describe: { label: string; value: string }[];
  readonly ranAt: Date;
}

/** Rows over the table: title, what the sheet covers, a blank row, the group names. */
export const WATERFALL_TABLE_ROW = 4;

/** How the deal ends in this run, in words: 'ends with the auction in period 67 (Nov-09)'. */
export function endText(deal: DealDescription, run: DealRun, rows: number): string {
  const date = run.payDates[rows - 1] ?? '';
  const when = `period ${rows}${date ? ` (${date})` : ''}`;
  const redeemed = run.waterfall?.redeemedPeriod ?? null;
  if (redeemed !== null && redeemed === rows) return `ends with the ${deal.callWord} in ${when}`;
  return rows < run.periods || run.waterfall ? `ends when the last bond is paid, in ${when}` : `runs to ${when}`;
}

/**
 * A chart's data beside the table: periods down the first column, one class a column (the
 * top-left cell empty, as Excel reads a chart's source).
 */
function chartDataBlock(id: string, row: number, col: number, rows: number, names: readonly string[], at: (name: string, k: number) => number): Block {
  const values: CellValue[][] = [[null, ...names]];
  const formats: string[][] = [[FORMATS.text, ...names.map(() => FORMATS.text)]];
  for (let k = 0; k < rows; k++) {
    values.push([k + 1, ...names.map((n) => at(n, k))]);
    formats.push([FORMATS.integer, ...names.map(() => FORMATS.wholeDollars)]);
  }
  return { id, role: 'data', row, col, values, formats, bold: { firstRow: true } };
}

/** Class balances and cash flows by period: their data to the right of the table, the charts beyond. */
function chartBlocks(deal: DealDescription, run: DealRun, rows: number, firstCol: number): { blocks: Block[]; charts: ChartSpec[] } {
  const names = [...run.classes.keys()];
  const principalClasses = names.filter((n) => deal.classes.find((c) => c.name === n)?.kind !== 'interestOnly');
  const flows = (n: string) => run.classes.get(n);
  const balances = chartDataBlock('chart-balances', WATERFALL_TABLE_ROW, firstCol, rows, principalClasses, (n, k) => flows(n)?.balance[k] ?? 0);
  const cashCol = firstCol + principalClasses.length + 2;
  const cash = chartDataBlock('chart-cashflows', WATERFALL_TABLE_ROW, cashCol, rows, names, (n, k) => (flows(n)?.interest[k] ?? 0) + (flows(n)?.principal[k] ?? 0));
  const chartCol = cashCol + names.length + 2;
  const at = (row: number) => ({ row, col: chartCol, rows: 20, cols: 10 });
  const charts: ChartSpec[] = [
    { name: 'Class balances', title: `${deal.name}: class balances by period`, dataBlockId: balances.id, type: 'line', seriesBy: 'columns', anchor: at(WATERFALL_TABLE_ROW + 1), xTitle: 'Period', yTitle: 'Balance ($)' },
    { name: 'Cash flows', title: `${deal.name}: cash flows by period (interest + principal)`, dataBlockId: cash.id, type: 'line', seriesBy: 'columns', anchor: at(WATERFALL_TABLE_ROW + 22), xTitle: 'Period', yTitle: 'Cash flow ($)' },
  ];
  return {
    blocks: [titleBlock('title-balances', WATERFALL_TABLE_ROW - 1, firstCol, 'Class balances ($)'), balances, titleBlock('title-cashflows', WATERFALL_TABLE_ROW - 1, cashCol, 'Cash flows by class ($)'), cash],
    charts,
  };
}

export function waterfallSheet(req: WaterfallRequest): SheetLayout {
  const { deal, run } = req;
  const columns = waterfallColumns(run);
  const rows = activePeriods(run);
  const horizon = req.scenario.horizon === 'call' ? `to ${deal.callWord}` : 'to maturity';
  const blocks: Block[] = [titleBlock('title', 0, 0, `${deal.name}: waterfall at ${req.speedLabel}, ${horizon}`)];
  blocks.push(titleBlock('summary', 1, 0, `The deal ${endText(deal, run, rows)}. Tie-out: ${tieOutLine(deal.id)}. Scenario and run details below the table.`));
  const { groups, starts } = columnGroupsOf(columns, 0);
  const names: CellValue[] = columns.map(() => null);
  for (const s of starts) names[s.col] = s.name;
  blocks.push({ id: 'groups', role: 'title', row: WATERFALL_TABLE_ROW - 1, col: 0, values: [names], formats: [columns.map(() => FORMATS.text)], bold: { firstRow: true } });
  const values: CellValue[][] = [columns.map((c) => c.name)];
  const formats: string[][] = [columns.map(() => FORMATS.text)];
  for (let k = 0; k < rows; k++) {
    values.push(columns.map((c) => c.at(k)));
    formats.push(columns.map((c) => c.format));
  }
  const table: Block = {
    id: 'waterfall',
    role: 'table',
    row: WATERFALL_TABLE_ROW,
    col: 0,
    values,
    formats,
    table: { name: safeTableName(`WF_${squash(deal.id)}`), style: 'TableStyleLight9' },
    bold: { firstRow: true },
  };
  blocks.push(table);
  const pictures = chartBlocks(deal, run, rows, columns.length + 1);
  blocks.push(...pictures.blocks);
  const detailsRow = table.row + table.values.length + 1;
  blocks.push(titleBlock('title-details', detailsRow, 0, 'Scenario and run'));
  const speed = { label: 'Speed', value: `${req.speedLabel} (100% = ${deal.pricingSpeedText})` };
  blocks.push(headerBlock('header', detailsRow + 1, deal, [speed, { label: 'Horizon', value: horizon }, ...req.describe], req.ranAt));
  return {
    key: waterfallKey(deal),
    sheetName: safeSheetName(`${deal.name} Waterfall`),
    blocks,
    charts: pictures.charts,
    freeze: { rows: WATERFALL_TABLE_ROW + 1, cols: 2 },
    columnGroups: groups,
  };
}
