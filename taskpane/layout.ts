/**
 * The pricing sheet of a deal, laid out like the term sheet's DM/Yield tables: a header naming
 * the deal, the scenario and the time of the run; then, for each horizon, one Excel table whose
 * rows are class blocks (the measure at the price, WAL, modified duration, first and last
 * principal payment) and whose columns are the speeds; beside them the WAL-by-speed series and a
 * chart of it. Pure: the Excel writer, the preview and the .xlsx export all draw from this.
 */
import packageJson from '../package.json';
import { squash } from '../src/run/registry';
import { assumptionMark, tieOutOf } from '../src/run/tieOut';
import { tieOutLine } from '../src/run/tieOutLine';
import type { DealDescription } from '../src/run';
import { describeScenario, pricesText, pricingSpeedMeaning } from './assumptions';
import { type Block, type CellValue, type ChartSpec, FORMATS, type SheetLayout, safeSheetName, safeTableName, serialFromIso } from './cells';
import type { PaneTable, PricingRun } from './runPricing';

/** Engine version shown in every header, so outputs say what made them. */
export const ENGINE_VERSION = `${packageJson.name} ${packageJson.version}`;

/** Columns before the speed columns in a pricing table. */
export const PRICING_LEAD_COLUMNS = ['Class', 'Margin / coupon', 'Price', 'Measure'] as const;

/** The row labels of a class block, in the term sheet's order. */
export const ROW_LABELS = {
  DM: 'DM (bp)',
  Yield: 'Yield (%)',
  wal: 'WAL (yrs)',
  mdur: 'Mod Dur (yrs)',
  first: 'First Prin Pay',
  last: 'Last Prin Pay',
} as const;

export const NA = 'NA';

export function pricingSheetName(deal: DealDescription): string {
  return safeSheetName(deal.name);
}

export function pricingTableName(deal: DealDescription, horizonWord: string): string {
  return safeTableName(`PX_${squash(deal.id)}_${horizonWord}`);
}

export function pricingKey(deal: DealDescription): string {
  return `pricing:${deal.id}`;
}

/** The header block: label/value pairs naming the deal, its terms, the scenario and the run. */
export function headerBlock(id: string, row: number, deal: DealDescription, lines: { label: string; value: string }[], ranAt: Date): Block {
  const rows: { label: string; value: CellValue; format: string }[] = [
    { label: 'Deal', value: `${deal.name} (${deal.id})`, format: FORMATS.text },
    { label: 'Size', value: deal.sizeDollars, format: FORMATS.wholeDollars },
    { label: 'Settlement', value: serialFromIso(deal.settlement), format: FORMATS.date },
    { label: 'First payment', value: serialFromIso(deal.firstPayDate), format: FORMATS.date },
    { label: 'Pricing speed', value: pricingSpeedMeaning(deal), format: FORMATS.text },
    ...lines.map((l) => ({ label: l.label, value: l.value as CellValue, format: FORMATS.text })),
    ...tieOutRows(deal.id),
    // As text: a date-time serial in the narrow column B would show as ####.
    { label: 'Run at', value: localTimestamp(ranAt), format: FORMATS.text },
    { label: 'Engine', value: ENGINE_VERSION, format: FORMATS.text },
  ];
  return {
    id,
    role: 'header',
    row,
    col: 0,
    values: rows.map((r) => [r.label, r.value]),
    formats: rows.map((r) => [FORMATS.text, r.format]),
    bold: { firstColumn: true },
  };
}

/** How far the deal's figures tie out to its term sheet, and what they rest on beyond it. */
function tieOutRows(dealId: string): { label: string; value: CellValue; format: string }[] {
  const assumptions = tieOutOf(dealId)?.assumptions ?? [];
  return [
    { label: 'Tie-out', value: tieOutLine(dealId), format: FORMATS.text },
    ...(assumptions.length ? [{ label: 'Undisclosed assumptions', value: assumptions.join('; '), format: FORMATS.text }] : []),
  ];
}

export function titleBlock(id: string, row: number, col: number, text: string): Block {
  return { id, role: 'title', row, col, values: [[text]], formats: [[FORMATS.text]], bold: { firstRow: true } };
}

/** '2026-11-23 11:45 (UTC+01:00)': the pane's local time, with its offset. */
export function localTimestamp(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())} (${zone})`;
}

const orNA = (v: number | string | null): CellValue => (v === null ? NA : v);

/** The Excel table of one horizon: a header row, then five rows a class. */
export function pricingTableBlock(deal: DealDescription, run: PricingRun, horizonTables: readonly PaneTable[], row: number): Block {
  const labels = run.speeds.map((s) => s.label);
  const header: CellValue[] = [...PRICING_LEAD_COLUMNS, ...labels];
  const values: CellValue[][] = [header];
  const formats: string[][] = [header.map(() => FORMATS.text)];
  for (const t of horizonTables) {
    const rate = t.marginPct ?? t.couponPct ?? null;
    const lead = (label: string): CellValue[] => [t.class, rate, t.price, label];
    const leadFormats = [FORMATS.text, FORMATS.percentUnits, FORMATS.text, FORMATS.text];
    const add = (label: string, cells: (number | string | null)[], format: string, toCell: (v: number | string) => CellValue = (v) => v) => {
      values.push([...lead(label), ...cells.map((v) => (v === null ? NA : toCell(v)))]);
      formats.push([...leadFormats, ...cells.map((v) => (v === null ? FORMATS.text : format))]);
    };
    add(ROW_LABELS[t.measure], t.value, t.measure === 'DM' ? FORMATS.bp : FORMATS.twoDecimals);
    add(ROW_LABELS.wal, t.wal, FORMATS.twoDecimals);
    add(ROW_LABELS.mdur, t.mdur, FORMATS.twoDecimals);
    add(ROW_LABELS.first, t.firstPrinPay, FORMATS.monthYear, (v) => serialFromIso(String(v)));
    add(ROW_LABELS.last, t.lastPrinPay, FORMATS.monthYear, (v) => serialFromIso(String(v)));
  }
  const word = horizonTables[0]?.horizonWord ?? 'call';
  return {
    id: `table-${horizonTables[0]?.horizon ?? 'call'}`,
    role: 'table',
    row,
    col: 0,
    values,
    formats,
    table: { name: pricingTableName(deal, word), style: 'TableStyleMedium2' },
    bold: { firstRow: true },
  };
}

/** Whether every speed of the run is a percent of the pricing speed (a number), so WAL can go on a numeric axis. */
export function numericSpeeds(run: PricingRun): number[] | null {
  const speeds = run.speeds.map((s) => s.speed);
  return speeds.every((s): s is number => typeof s === 'number') ? speeds : null;
}

/**
 * The series behind the chart: WAL by speed for each class, on the first horizon. The speeds are
 * numbers (shown as 100%) when all of them are percents of the pricing speed, so the chart puts
 * them on a true numeric axis; vectors make them labels. The top-left cell stays empty, which
 * tells Excel the first row holds the x values and the first column the series names.
 */
export function walSeriesBlock(run: PricingRun, horizonTables: readonly PaneTable[], row: number, col: number): Block {
  const numeric = numericSpeeds(run);
  const header: CellValue[] = [null, ...(numeric ?? run.speeds.map((s) => s.label))];
  const values: CellValue[][] = [header, ...horizonTables.map((t) => [t.class, ...t.wal.map(orNA)])];
  const formats = values.map((r, i) => r.map((v, j) => (i === 0 && j > 0 && numeric ? FORMATS.speedPct : i === 0 || j === 0 || typeof v === 'string' ? FORMATS.text : FORMATS.twoDecimals)));
  return { id: 'chart-data', role: 'data', row, col, values, formats, bold: { firstRow: true, firstColumn: true } };
}

/** The whole pricing sheet of one run. */
export function pricingSheet(run: PricingRun): SheetLayout {
  const deal = run.deal.description;
  const blocks: Block[] = [];
  blocks.push(titleBlock('title', 0, 0, `${deal.name}: DM / Yield tables`));
  const header = headerBlock('header', 2, deal, describeScenario(deal, run.assumptions), run.ranAt);
  blocks.push(header);
  let row = header.row + header.values.length + 1;
  const firstTableRow = row;
  for (const horizon of run.assumptions.horizons) {
    const tables = run.tables.filter((t) => t.horizon === horizon);
    if (tables.length === 0) continue;
    const word = tables[0].horizonWord;
    const mark = assumptionMark(deal.id, horizon, run.speeds.map((s) => s.speed));
    blocks.push(titleBlock(`title-${horizon}`, row, 0, `To ${word}: DM (floaters, bp) or yield (fixed, %) at ${pricesText(run.assumptions)}${mark ? ` (${mark})` : ''}`));
    const table = pricingTableBlock(deal, run, tables, row + 1);
    blocks.push(table);
    row = table.row + table.values.length + 1;
  }
  const firstHorizon = run.assumptions.horizons.find((h) => run.tables.some((t) => t.horizon === h));
  let chart: ChartSpec | undefined;
  if (firstHorizon) {
    const tables = run.tables.filter((t) => t.horizon === firstHorizon);
    const col = PRICING_LEAD_COLUMNS.length + run.speeds.length + 1;
    const word = tables[0].horizonWord;
    blocks.push(titleBlock('title-chart', firstTableRow, col, `WAL (years) by speed, to ${word}`));
    const data = walSeriesBlock(run, tables, firstTableRow + 1, col);
    blocks.push(data);
    chart = {
      name: 'WAL by speed',
      title: `${deal.name}: WAL by speed (to ${word})`,
      dataBlockId: data.id,
      // Speeds on a true numeric axis (80 sits between 0 and 100 where it belongs), markers so one speed shows.
      type: numericSpeeds(run) ? 'xyScatter' : 'line',
      seriesBy: 'rows',
      anchor: { row: data.row + data.values.length + 1, col, rows: 16, cols: Math.max(7, run.speeds.length + 1) },
      xTitle: `Speed (% of pricing: ${pricingSpeedMeaning(deal)})`,
      yTitle: 'WAL (years)',
    };
  }
  // The title row and the class, rate, price and measure columns stay in view across many speeds.
  const freeze = { rows: 1, cols: PRICING_LEAD_COLUMNS.length };
  return { key: pricingKey(deal), sheetName: pricingSheetName(deal), blocks, ...(chart ? { charts: [chart] } : {}), freeze };
}
