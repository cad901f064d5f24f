/**
 * The charts of a written sheet (SheetLayout.charts): each found again by its name and re-pointed
 * at its data, or added; charts the add-in made before and the layout no longer has are deleted.
 * Split in two around the writer's first sync: `probeCharts` queues the lookups, `placeCharts`
 * acts on what they found.
 */
import { rectAddress, type ChartSpec, type SheetLayout } from './cells';
import type { XlChart, XlRange, XlWorksheet } from './excelApi';

/** The names the writer made on this sheet before (older records hold one `chart`). */
export function recordedCharts(record: { readonly chart?: string; readonly charts?: readonly string[] } | null | undefined): string[] {
  return [...new Set([...(record?.charts ?? []), ...(record?.chart ? [record.chart] : [])])];
}

/** Queues a lookup of every chart the layout has or the add-in made before (load before the next sync). */
export function probeCharts(sheet: XlWorksheet, layout: SheetLayout, previous: readonly string[]): Map<string, XlChart> {
  const names = new Set([...(layout.charts ?? []).map((c) => c.name), ...previous]);
  return new Map([...names].map((name) => [name, sheet.charts.getItemOrNullObject(name).load('name')]));
}

const EXCEL_TYPE = { line: 'Line', xyScatter: 'XYScatterLines' } as const;
const SERIES_BY = { rows: 'Rows', columns: 'Columns' } as const;

function place(sheet: XlWorksheet, spec: ChartSpec, existing: XlChart | undefined, source: XlRange): void {
  let c: XlChart;
  if (existing && !existing.isNullObject) {
    c = existing;
    c.chartType = EXCEL_TYPE[spec.type];
    c.setData(source, SERIES_BY[spec.seriesBy]);
  } else {
    c = sheet.charts.add(EXCEL_TYPE[spec.type], source, SERIES_BY[spec.seriesBy]);
    c.name = spec.name;
    const a = spec.anchor;
    c.setPosition(rectAddress({ row: a.row, col: a.col, rows: 1, cols: 1 }), rectAddress({ row: a.row + a.rows - 1, col: a.col + a.cols - 1, rows: 1, cols: 1 }));
  }
  c.title.text = spec.title;
  c.axes.categoryAxis.title.text = spec.xTitle;
  c.axes.valueAxis.title.text = spec.yTitle;
}

/**
 * After the sync that resolved `probed`: deletes the add-in's charts the layout dropped, re-points
 * or adds the others. `dataAddress` gives a data block's address (undefined: no such block).
 * Returns the names of the charts now on the sheet, to record.
 */
export function placeCharts(sheet: XlWorksheet, layout: SheetLayout, probed: ReadonlyMap<string, XlChart>, dataAddress: (blockId: string) => string | undefined): string[] {
  const placed: string[] = [];
  const wanted = new Map((layout.charts ?? []).map((c) => [c.name, c]));
  for (const [name, chart] of probed) {
    const spec = wanted.get(name);
    if (!chart.isNullObject && !(spec && dataAddress(spec.dataBlockId))) chart.delete();
  }
  for (const spec of layout.charts ?? []) {
    const address = dataAddress(spec.dataBlockId);
    if (!address) continue;
    place(sheet, spec, probed.get(spec.name), sheet.getRange(address));
    placed.push(spec.name);
  }
  return placed;
}
