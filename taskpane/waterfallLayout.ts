/**
 * The waterfall sheet: for one scenario, every period's collateral flows (per loan group), each
 * class's interest, principal, writedown, balance, coupon and rate cap, and whatever else the
 * deal's run reports (OC, trigger states: any per-period series a DealRun carries beyond the
 * fixed fields shows up as its own column), so a user can audit any figure of the pricing tables.
 */
import type { DealDescription, DealRun } from '../src/run';
import { squash } from '../src/run/registry';
import type { Scenario } from '../src/run/scenario';
import { type Block, type CellValue, FORMATS, type SheetLayout, safeSheetName, safeTableName, serialFromIso } from './cells';
import { headerBlock, titleBlock } from './layout';

interface Column {
  readonly name: string;
  readonly format: string;
  readonly at: (k: number) => CellValue;
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

const RUN_FIELDS = new Set(['periods', 'payDates', 'classes', 'rateCapPct', 'collateral']);

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
function seriesColumns(prefix: string, record: object, known: readonly [string, string][], skip: ReadonlySet<string> = new Set()): Column[] {
  const columns: Column[] = [];
  const entries = Object.entries(record) as [string, unknown][];
  const get = (key: string) => entries.find(([k]) => k === key)?.[1];
  for (const [key, label] of known) {
    const v = get(key);
    if (isSeries(v)) columns.push({ name: `${prefix}${label}`, format: isRateKey(key) ? FORMATS.rate : FORMATS.dollars, at: (k) => seriesCell(v, k) });
  }
  for (const [key, v] of entries) {
    if (skip.has(key) || known.some(([k]) => k === key)) continue;
    if (isSeries(v)) columns.push({ name: `${prefix}${humanise(key)}`, format: seriesFormat(key, v), at: (k) => seriesCell(v, k) });
    else if (v instanceof Map) {
      for (const [name, inner] of v as Map<unknown, unknown>) {
        if (isSeries(inner)) columns.push({ name: `${prefix}${humanise(key)} ${String(name)}`, format: seriesFormat(key, inner), at: (k) => seriesCell(inner, k) });
      }
    }
  }
  return columns;
}

/** Number of periods worth showing: through the last one with any cash, balance or collateral left. */
export function activePeriods(run: DealRun): number {
  let last = 0;
  for (let k = 0; k < run.periods; k++) {
    let active = false;
    for (const f of run.classes.values()) {
      if (f.interest[k] > DUST || f.principal[k] > DUST || f.writedown[k] > DUST || f.balance[k] > DUST) {
        active = true;
        break;
      }
    }
    if (!active) for (const pool of run.collateral) if (pool.beginBalance[k] > DUST) active = true;
    if (active) last = k + 1;
  }
  return Math.min(run.periods, Math.max(1, last + 1));
}

export function waterfallKey(deal: DealDescription): string {
  return `waterfall:${deal.id}`;
}

export function waterfallColumns(run: DealRun): Column[] {
  const columns: Column[] = [
    { name: 'Period', format: FORMATS.integer, at: (k) => k + 1 },
    { name: 'Pay date', format: FORMATS.date, at: (k) => (run.payDates[k] ? serialFromIso(run.payDates[k]) : null) },
  ];
  run.collateral.forEach((pool, i) => {
    const prefix = run.collateral.length === 1 ? 'Pool ' : `Group ${i + 1} `;
    columns.push(...seriesColumns(prefix, pool, POOL_FIELDS, new Set(['periods'])));
  });
  for (const [name, flows] of run.classes) {
    columns.push(...seriesColumns(`${name} `, flows, CLASS_FIELDS));
    const cap = run.rateCapPct.get(name);
    if (cap) columns.push({ name: `${name} Rate cap %`, format: FORMATS.rate, at: (k) => seriesCell(cap, k) });
  }
  const classes = [...run.classes.values()];
  columns.push(
    { name: 'All classes interest', format: FORMATS.dollars, at: (k) => classes.reduce((s, f) => s + f.interest[k], 0) },
    { name: 'All classes principal', format: FORMATS.dollars, at: (k) => classes.reduce((s, f) => s + f.principal[k], 0) },
  );
  // Whatever else the deal's run reports per period (OC, triggers, ...), named after its field.
  const extras = Object.fromEntries(Object.entries(run).filter(([key]) => !RUN_FIELDS.has(key)));
  columns.push(...seriesColumns('', extras, []));
  // Excel table headers must be unique.
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c : { ...c, name: `${c.name} (${n})` };
  });
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

export function waterfallSheet(req: WaterfallRequest): SheetLayout {
  const { deal, run } = req;
  const columns = waterfallColumns(run);
  const rows = activePeriods(run);
  const horizon = req.scenario.horizon === 'call' ? `to ${deal.callWord}` : 'to maturity';
  const blocks: Block[] = [titleBlock('title', 0, 0, `${deal.name}: waterfall at ${req.speedLabel}, ${horizon}`)];
  const header = headerBlock('header', 2, deal, [{ label: 'Speed', value: `${req.speedLabel} (100% = ${deal.pricingSpeedText})` }, { label: 'Horizon', value: horizon }, ...req.describe], req.ranAt);
  blocks.push(header);
  const values: CellValue[][] = [columns.map((c) => c.name)];
  const formats: string[][] = [columns.map(() => FORMATS.text)];
  for (let k = 0; k < rows; k++) {
    values.push(columns.map((c) => c.at(k)));
    formats.push(columns.map((c) => c.format));
  }
  blocks.push({
    id: 'waterfall',
    role: 'table',
    row: header.row + header.values.length + 1,
    col: 0,
    values,
    formats,
    table: { name: safeTableName(`WF_${squash(deal.id)}`), style: 'TableStyleLight9' },
    bold: { firstRow: true },
  });
  return { key: waterfallKey(deal), sheetName: safeSheetName(`${deal.name} Waterfall`), blocks };
}
