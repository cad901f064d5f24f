/**
 * The preview's workbook as an .xlsx file, built with ExcelJS from the same sheet layouts the
 * Excel writer uses: every block at its address with its number formats, tables as Excel tables.
 * ExcelJS is loaded on first use (its own chunk in the pane's build), so neither the functions
 * bundle nor the pane's first paint pays for it.
 *
 * One thing an .xlsx from here cannot carry: the chart (ExcelJS writes no charts; its series is on
 * the sheet beside the tables). Sensitivity grids hold real `CWALT.*` formulas with the engine's
 * values cached, so the file opens showing the figures and recalculates where the add-in is
 * loaded. In the file a JavaScript custom function is spelled as Excel itself saves one,
 * `_xldudf_CWALT_DMARGIN(...)`, which Excel shows as `=CWALT.DMARGIN(...)` when the add-in is
 * there (a plain `CWALT.DMARGIN` in a file reads as an unknown name: Excel-Custom-Functions#108,
 * office-js#5611). A formula that builds its scenario with CHOOSE({1,2},...) is a one-cell array
 * formula, so Excel evaluates the CHOOSE as the array it is. Frozen panes come from the layout.
 */
import type { CellValue as XlValue, Workbook, Worksheet } from 'exceljs';
import { startsLikeFormula } from '../src/run/numberText';
import { type Block, type CellValue, cellRef, columnLetter, type SheetLayout } from './cells';

type ExcelJsModule = typeof import('exceljs');

let loading: Promise<ExcelJsModule> | null = null;

export function loadExcelJs(): Promise<ExcelJsModule> {
  loading ??= import(/* webpackChunkName: "exceljs" */ 'exceljs').then((mod) => {
    const m = mod as ExcelJsModule & { default?: ExcelJsModule };
    return typeof m.Workbook === 'function' ? m : (m.default as ExcelJsModule);
  });
  return loading;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function widthOf(v: CellValue, format: string): number {
  if (v === null) return 0;
  if (typeof v === 'number') return format.includes('yy') ? 10 : Math.min(18, String(Math.round(v)).length + 5);
  return Math.min(60, String(v).length + 2);
}

function writeBlock(ws: Worksheet, block: Block): void {
  const cell = (i: number, j: number) => ws.getCell(block.row + i + 1, block.col + j + 1);
  if (block.table) {
    const [header, ...rows] = block.values;
    ws.addTable({
      name: block.table.name,
      ref: `${columnLetter(block.col)}${block.row + 1}`,
      headerRow: true,
      style: { theme: block.table.style as 'TableStyleMedium2', showRowStripes: true },
      columns: header.map((name) => ({ name: String(name), filterButton: true })),
      rows: rows.map((r) => r.map((v) => (v === null ? '' : v))),
    });
  } else {
    block.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== null) cell(i, j).value = v;
      }),
    );
  }
  block.formats.forEach((row, i) =>
    row.forEach((format, j) => {
      // Text that looks like a formula is kept as Text, so editing the cell in Excel keeps it text too.
      const v = block.values[i]?.[j];
      if (typeof v === 'string' && startsLikeFormula(v)) cell(i, j).numFmt = '@';
      else if (format !== 'General') cell(i, j).numFmt = format;
    }),
  );
  block.formulas?.forEach((row, i) =>
    row.forEach((formula, j) => {
      if (formula) cell(i, j).value = formulaCell(formula, block.values[i]?.[j] ?? null, cellRef(block.row + i, block.col + j));
    }),
  );
  if (block.bold?.firstRow) block.values[0]?.forEach((_, j) => (cell(0, j).font = { bold: true }));
  if (block.bold?.firstColumn) block.values.forEach((_, i) => (cell(i, 0).font = { bold: true }));
}

/** A pane formula (`=CWALT.WAL(...)`) as the file stores it, with the engine's value as its cached result. */
export function formulaCell(formula: string, cached: CellValue, address: string): XlValue {
  const stored = fileFormula(formula);
  const result = cached === null ? undefined : cached;
  const value = { formula: stored, ...(result !== undefined ? { result } : {}) };
  return (/\bCHOOSE\(\{/i.test(stored) ? { ...value, shareType: 'array', ref: address } : value) as XlValue;
}

/** `=CWALT.DMARGIN(A1,...)` → `_xldudf_CWALT_DMARGIN(A1,...)`: no `=`, the add-in's functions as Excel saves them. */
export function fileFormula(formula: string): string {
  return formula.replace(/^=/, '').replace(/\bCWALT\.([A-Z][A-Z0-9_]*)\(/g, '_xldudf_CWALT_$1(');
}

/** Fills an ExcelJS workbook with the layouts, one worksheet each. */
export function fillWorkbook(wb: Workbook, layouts: readonly SheetLayout[]): void {
  for (const layout of layouts) {
    const f = layout.freeze;
    const views = f && (f.rows > 0 || f.cols > 0) ? [{ state: 'frozen' as const, xSplit: f.cols, ySplit: f.rows, topLeftCell: cellRef(f.rows, f.cols) }] : [];
    const ws = views.length > 0 ? wb.addWorksheet(layout.sheetName, { views }) : wb.addWorksheet(layout.sheetName);
    const widths = new Map<number, number>();
    for (const block of layout.blocks) {
      writeBlock(ws, block);
      // Titles and the header's values spill into their neighbours; do not size columns after them.
      if (block.role === 'title') continue;
      const cols = block.role === 'header' ? 1 : (block.values[0]?.length ?? 0);
      block.values.forEach((row, i) => row.slice(0, cols).forEach((v, j) => widths.set(block.col + j, Math.max(widths.get(block.col + j) ?? 8, widthOf(v, block.formats[i][j])))));
    }
    for (const [col, width] of widths) ws.getColumn(col + 1).width = width;
  }
}

/** The .xlsx bytes of the layouts. */
export async function workbookBytes(layouts: readonly SheetLayout[], creator: string): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.created = new Date();
  fillWorkbook(wb, layouts);
  const buffer = await wb.xlsx.writeBuffer();
  return buffer as ArrayBuffer;
}
