/**
 * The part of the Excel JavaScript API the pane uses, as plain interfaces. The real
 * `Excel.RequestContext` satisfies them (checked by the compiler in `officeHost.ts`), and the
 * tests' fake object model implements them, so the writer's code runs unchanged against both.
 * Semantics are Excel's: property reads need `load(...)` and a `sync()` first; writes are queued
 * and sent with the next `sync()`.
 */

export type XlClearApplyTo = 'All' | 'Contents' | 'Formats';

export interface XlRangeFormat {
  readonly font: { bold: boolean };
  autofitColumns(): void;
}

export interface XlRange {
  /** 'Sheet1!A1:B2' (with the sheet name quoted when it has spaces). */
  readonly address: string;
  /** Values (formula results for formula cells). Blank cells read as "". */
  values: unknown[][];
  /** Formulas; constant cells read as their value. */
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly format: XlRangeFormat;
  clear(applyTo?: XlClearApplyTo): void;
  /** Outline groups (ExcelApi 1.10): the range's columns (or rows) become one foldable group. */
  group(groupOption: 'ByColumns' | 'ByRows'): void;
  ungroup(groupOption: 'ByColumns' | 'ByRows'): void;
  load(propertyNames: string): XlRange;
}

/** Frozen panes (ExcelApi 1.7): the top-left cells kept in view while scrolling. */
export interface XlFreezePanes {
  freezeAt(frozenRange: string): void;
  unfreeze(): void;
}

export interface XlTable {
  name: string;
  style: string;
  readonly isNullObject: boolean;
  readonly worksheet: XlWorksheet;
  getRange(): XlRange;
  convertToRange(): XlRange;
  load(propertyNames: string): XlTable;
}

export interface XlTableCollection {
  add(address: string, hasHeaders: boolean): XlTable;
  getItemOrNullObject(key: string): XlTable;
}

export interface XlChart {
  name: string;
  /** 'Line', 'XYScatterLines', ... (set on refresh: a chart's kind may change with its data). */
  chartType: string;
  readonly isNullObject: boolean;
  readonly title: { text: string };
  readonly axes: { readonly categoryAxis: { readonly title: { text: string } }; readonly valueAxis: { readonly title: { text: string } } };
  setData(sourceData: XlRange, seriesBy: 'Rows' | 'Columns'): void;
  setPosition(startCell: string, endCell: string): void;
  delete(): void;
  load(propertyNames: string): XlChart;
}

export interface XlChartCollection {
  add(type: 'Line' | 'XYScatterLines', sourceData: XlRange, seriesBy: 'Rows' | 'Columns'): XlChart;
  getItemOrNullObject(name: string): XlChart;
}

/** A cell note (ExcelApi 1.18; older hosts fail the sync that loads one). */
export interface XlNote {
  getLocation(): XlRange;
}

export interface XlNoteCollection {
  readonly items: XlNote[];
  load(propertyNames: string): XlNoteCollection;
}

export interface XlWorksheet {
  readonly id: string;
  name: string;
  readonly isNullObject: boolean;
  readonly tables: XlTableCollection;
  readonly charts: XlChartCollection;
  readonly notes: XlNoteCollection;
  readonly freezePanes: XlFreezePanes;
  getRange(address: string): XlRange;
  activate(): void;
  load(propertyNames: string): XlWorksheet;
}

export interface XlSetting {
  readonly value: unknown;
  readonly isNullObject: boolean;
  load(propertyNames: string): XlSetting;
}

export interface XlWorkbook {
  readonly worksheets: {
    add(name: string): XlWorksheet;
    getItemOrNullObject(key: string): XlWorksheet;
  };
  readonly tables: { getItemOrNullObject(key: string): XlTable };
  readonly settings: {
    add(key: string, value: string): unknown;
    getItemOrNullObject(key: string): XlSetting;
  };
}

export interface XlContext {
  readonly workbook: XlWorkbook;
  sync(): Promise<unknown>;
}

/** `Excel.run` or a fake's: runs one batch against a fresh request context. */
export type ExcelRunner = <T>(batch: (context: XlContext) => Promise<T>) => Promise<T>;
