/**
 * A fake of the Excel object model the pane uses (taskpane/excelApi.ts), recording every write.
 * It keeps Excel's rules that matter to the writer: properties must be loaded and synced before
 * they are read, numbers keep 15 significant digits, a request over 5 MB fails with
 * RequestPayloadSizeLimitExceeded, table names are workbook-unique and tables may not overlap,
 * and text written as a value is read as a formula when it starts like one (see `enter`).
 *
 * Self-contained (type imports only) so the browser test can load the same code into the page
 * as the `Excel` global.
 */
import type { ExcelRunner, XlChart, XlClearApplyTo, XlContext, XlNote, XlNoteCollection, XlRange, XlSetting, XlTable, XlWorksheet } from '../../taskpane/excelApi';

export interface FakeCell {
  value: string | number | boolean;
  formula: string | null;
  format: string;
  bold: boolean;
}

export interface WriteOp {
  readonly sync: number;
  readonly op: 'values' | 'formulas' | 'numberFormat' | 'clear' | 'bold' | 'addSheet' | 'addTable' | 'convertToRange' | 'addChart' | 'setData' | 'deleteChart' | 'setting' | 'autofit' | 'tableName' | 'tableStyle' | 'chartProps';
  readonly sheet?: string;
  readonly address?: string;
  readonly bytes?: number;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const PAYLOAD_LIMIT = 5 * 1024 * 1024;

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function parseA1(address: string): Rect {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address.replace(/\$/g, '').replace(/^.*!/, '').toUpperCase());
  if (!m) throw new Error(`InvalidArgument: bad address ${address}`);
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}

export function a1(rect: Rect): string {
  const start = `${colLetters(rect.col)}${rect.row + 1}`;
  return rect.rows === 1 && rect.cols === 1 ? start : `${start}:${colLetters(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function stored(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number(v.toPrecision(15));
  if (typeof v === 'boolean') return v;
  return String(v);
}

/**
 * A value entered into a cell, as Excel takes it: a leading apostrophe keeps the rest as text
 * (the quote prefix, not shown); in a cell formatted as Text everything is text; otherwise text
 * starting with "=" is a formula, and so is text starting with "+", "-" or "@" unless it is a
 * plain number. `pending` is what a formula cell shows before it calculates.
 */
function enter(cell: FakeCell, v: unknown, pending: string | number): void {
  if (typeof v === 'string' && v.startsWith("'")) {
    cell.formula = null;
    cell.value = v.slice(1);
  } else if (typeof v === 'string' && cell.format !== '@' && (v.startsWith('=') || (/^[+\-@]/.test(v) && !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)))) {
    cell.formula = v.startsWith('=') ? v : `=${v}`;
    cell.value = pending;
  } else {
    cell.formula = null;
    cell.value = stored(v);
  }
}

function bytesOf(cells: unknown): number {
  return JSON.stringify(cells).length;
}

class FakeSheet {
  cells = new Map<string, FakeCell>();
  charts: FakeChartState[] = [];
  /** Cell notes by cell key ("row,col"). */
  notes = new Map<string, string>();
  constructor(
    public id: string,
    public name: string,
  ) {}
  key(r: number, c: number): string {
    return `${r},${c}`;
  }
  get(r: number, c: number): FakeCell | undefined {
    return this.cells.get(this.key(r, c));
  }
  ensure(r: number, c: number): FakeCell {
    let cell = this.get(r, c);
    if (!cell) {
      cell = { value: '', formula: null, format: 'General', bold: false };
      this.cells.set(this.key(r, c), cell);
    }
    return cell;
  }
}

interface FakeTableState {
  name: string;
  sheetId: string;
  rect: Rect;
  style: string;
}

interface FakeChartState {
  name: string;
  /** 'Line', 'XYScatterLines' (issue 18: charts by type and series orientation). */
  type: string;
  seriesBy: 'Rows' | 'Columns';
  source: string;
  title: string;
  xTitle: string;
  yTitle: string;
  position: [string, string] | null;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTableState[] = [];
  settings = new Map<string, string>();
  log: WriteOp[] = [];
  syncs = 0;
  private nextId = 1;
  private pendingBytes = 0;
  /** Largest request seen, bytes. */
  maxRequestBytes = 0;
  /** False models an Excel without the notes API (before ExcelApi 1.18): a sync that loads notes fails. */
  notesSupported = true;

  addSheet(name: string): FakeSheet {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw Object.assign(new Error(`ItemAlreadyExists: sheet ${name}`), { code: 'ItemAlreadyExists' });
    const s = new FakeSheet(`{sheet-${this.nextId++}}`, name);
    this.sheets.push(s);
    return s;
  }

  sheet(nameOrId: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.toLowerCase());
  }

  record(op: WriteOp['op'], sheet?: string, address?: string, bytes = 0): void {
    this.pendingBytes += bytes;
    this.log.push({ sync: this.syncs, op, ...(sheet !== undefined ? { sheet } : {}), ...(address !== undefined ? { address } : {}), ...(bytes ? { bytes } : {}) });
  }

  flush(): void {
    this.maxRequestBytes = Math.max(this.maxRequestBytes, this.pendingBytes);
    const over = this.pendingBytes > PAYLOAD_LIMIT;
    this.pendingBytes = 0;
    this.syncs++;
    if (over) throw Object.assign(new Error('RequestPayloadSizeLimitExceeded'), { code: 'RequestPayloadSizeLimitExceeded' });
  }

  // ---- helpers for tests: what a user sees and does --------------------------------------

  /** What a cell shows as a value (formula cells: their formula text, as we cannot evaluate them). */
  value(sheet: string, address: string): string | number | boolean | null {
    const s = this.sheet(sheet);
    const r = parseA1(address);
    const c = s?.get(r.row, r.col);
    return c ? (c.formula ?? c.value) : null;
  }

  format(sheet: string, address: string): string | null {
    const s = this.sheet(sheet);
    const r = parseA1(address);
    return s?.get(r.row, r.col)?.format ?? null;
  }

  /** A user typing into a cell (not logged as an add-in write). */
  type(sheet: string, address: string, value: string | number): void {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const r = parseA1(address);
    const cell = s.ensure(r.row, r.col);
    if (typeof value === 'string' && value.startsWith('=')) {
      cell.formula = value;
      cell.value = 0;
    } else {
      cell.formula = null;
      cell.value = stored(value);
    }
  }

  /** A user adding a note to a cell (not logged as an add-in write). */
  addNote(sheet: string, address: string, text: string): void {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const r = parseA1(address);
    s.notes.set(s.key(r.row, r.col), text);
  }

  /** A user changing a cell's number format (not logged as an add-in write). */
  setFormat(sheet: string, address: string, format: string): void {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const r = parseA1(address);
    s.ensure(r.row, r.col).format = format;
  }

  /** Rows of a sheet's rectangle as shown (formula text for formula cells). */
  grid(sheet: string, address: string): (string | number | boolean | null)[][] {
    const r = parseA1(address);
    return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => this.value(sheet, a1({ row: r.row + i, col: r.col + j, rows: 1, cols: 1 }))));
  }

  writesTo(sheetName: string): WriteOp[] {
    return this.log.filter((w) => w.sheet === sheetName);
  }

  readonly run: ExcelRunner = async <T>(batch: (context: XlContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    await ctx.sync();
    return result;
  };
}

/** Anything that can be loaded: its properties become readable after the next sync. */
class Loadable {
  protected ready = new Set<string>();
  protected pending = new Set<string>();
  constructor(protected ctx: FakeContext) {
    ctx.track(this);
  }
  load(propertyNames: string): this {
    for (const p of propertyNames.split(',').map((x) => x.trim())) this.pending.add(p);
    this.pending.add('isNullObject');
    return this;
  }
  onSync(): void {
    const loaded = this.pending.size > 0;
    for (const p of this.pending) this.ready.add(p);
    this.pending.clear();
    this.ready.add('isNullObject');
    if (loaded) this.snapshot();
  }
  protected snapshot(): void {}
  protected need(p: string): void {
    if (!this.ready.has(p)) throw Object.assign(new Error(`PropertyNotLoaded: ${p} (call load("${p}") and sync first)`), { code: 'PropertyNotLoaded' });
  }
}

class FakeRange extends Loadable implements XlRange {
  private snapValues: unknown[][] = [];
  private snapFormulas: unknown[][] = [];
  private snapFormats: unknown[][] = [];
  readonly rect: Rect;
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    address: string,
  ) {
    super(ctx);
    this.rect = parseA1(address);
  }
  private get wb(): FakeWorkbook {
    return this.ctx.wb;
  }
  get address(): string {
    this.need('address');
    return `${quoteSheet(this.sheet.name)}!${a1(this.rect)}`;
  }
  protected override snapshot(): void {
    const rows = (f: (c: FakeCell | undefined) => unknown) =>
      Array.from({ length: this.rect.rows }, (_, i) => Array.from({ length: this.rect.cols }, (_, j) => f(this.sheet.get(this.rect.row + i, this.rect.col + j))));
    this.snapValues = rows((c) => (c ? c.value : ''));
    this.snapFormulas = rows((c) => (c ? (c.formula ?? c.value) : ''));
    this.snapFormats = rows((c) => (c ? c.format : 'General'));
  }
  private checkShape(cells: unknown[][], what: string): void {
    if (cells.length !== this.rect.rows || cells.some((r) => r.length !== this.rect.cols)) {
      throw Object.assign(new Error(`InvalidArgument: ${what} of ${cells.length}×${cells[0]?.length ?? 0} for ${a1(this.rect)}`), { code: 'InvalidArgument' });
    }
  }
  private each(cells: unknown[][], f: (cell: FakeCell, v: unknown) => void): void {
    cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || v === undefined) return; // Excel: null leaves the cell as it is
        f(this.sheet.ensure(this.rect.row + i, this.rect.col + j), v);
      }),
    );
  }
  get values(): unknown[][] {
    this.need('values');
    return this.snapValues;
  }
  set values(cells: unknown[][]) {
    this.checkShape(cells, 'values');
    this.wb.record('values', this.sheet.name, a1(this.rect), bytesOf(cells));
    this.each(cells, (cell, v) => enter(cell, v, 0));
  }
  get formulas(): unknown[][] {
    this.need('formulas');
    return this.snapFormulas;
  }
  set formulas(cells: unknown[][]) {
    this.checkShape(cells, 'formulas');
    this.wb.record('formulas', this.sheet.name, a1(this.rect), bytesOf(cells));
    this.each(cells, (cell, v) => enter(cell, v, '#BUSY!'));
  }
  get numberFormat(): unknown[][] {
    this.need('numberFormat');
    return this.snapFormats;
  }
  set numberFormat(formats: unknown[][]) {
    this.checkShape(formats, 'numberFormat');
    this.wb.record('numberFormat', this.sheet.name, a1(this.rect), bytesOf(formats));
    this.each(formats, (cell, v) => (cell.format = String(v)));
  }
  get format() {
    const { wb, sheet, rect } = this;
    return {
      font: {
        get bold(): boolean {
          return false;
        },
        set bold(b: boolean) {
          wb.record('bold', sheet.name, a1(rect));
          for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) sheet.ensure(rect.row + i, rect.col + j).bold = b;
        },
      },
      autofitColumns(): void {
        wb.record('autofit', sheet.name, a1(rect));
      },
    };
  }
  clear(applyTo: XlClearApplyTo = 'All'): void {
    this.wb.record('clear', this.sheet.name, a1(this.rect));
    for (let i = 0; i < this.rect.rows; i++)
      for (let j = 0; j < this.rect.cols; j++) {
        if (applyTo === 'All') this.sheet.notes.delete(this.sheet.key(this.rect.row + i, this.rect.col + j));
        const cell = this.sheet.get(this.rect.row + i, this.rect.col + j);
        if (!cell) continue;
        if (applyTo !== 'Formats') {
          cell.value = '';
          cell.formula = null;
        }
        if (applyTo !== 'Contents') {
          cell.format = 'General';
          cell.bold = false;
        }
      }
  }
  override load(propertyNames: string): this {
    return super.load(propertyNames);
  }
  // Column groups: see the issue 18 block at the end.
  group(groupOption: 'ByColumns' | 'ByRows'): void {
    groupColumns(this.sheet, this.rect, groupOption);
  }
  ungroup(groupOption: 'ByColumns' | 'ByRows'): void {
    ungroupColumns(this.sheet, this.rect, groupOption);
  }
}

class FakeTable extends Loadable implements XlTable {
  constructor(
    ctx: FakeContext,
    private state: FakeTableState | null,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.state === null;
  }
  private live(): FakeTableState {
    if (!this.state) throw Object.assign(new Error('ItemNotFound: table'), { code: 'ItemNotFound' });
    return this.state;
  }
  get name(): string {
    this.need('name');
    return this.live().name;
  }
  set name(n: string) {
    const t = this.live();
    if (this.ctx.wb.tables.some((x) => x !== t && x.name.toLowerCase() === n.toLowerCase())) throw Object.assign(new Error(`InvalidArgument: table name ${n} in use`), { code: 'InvalidArgument' });
    t.name = n;
    this.ctx.wb.record('tableName', this.sheetName(), a1(t.rect));
  }
  get style(): string {
    this.need('style');
    return this.live().style;
  }
  set style(s: string) {
    this.live().style = s;
    this.ctx.wb.record('tableStyle', this.sheetName(), a1(this.live().rect));
  }
  private sheetName(): string {
    return this.ctx.wb.sheet(this.live().sheetId)?.name ?? '?';
  }
  get worksheet(): XlWorksheet {
    const sheet = this.ctx.wb.sheet(this.live().sheetId);
    if (!sheet) throw new Error('ItemNotFound: sheet');
    return new FakeWorksheet(this.ctx, sheet);
  }
  getRange(): XlRange {
    const t = this.live();
    const sheet = this.ctx.wb.sheet(t.sheetId);
    if (!sheet) throw new Error('ItemNotFound: sheet');
    return new FakeRange(this.ctx, sheet, a1(t.rect));
  }
  convertToRange(): XlRange {
    const t = this.live();
    this.ctx.wb.tables = this.ctx.wb.tables.filter((x) => x !== t);
    this.ctx.wb.record('convertToRange', this.sheetName(), a1(t.rect));
    const sheet = this.ctx.wb.sheet(t.sheetId);
    if (!sheet) throw new Error('ItemNotFound: sheet');
    return new FakeRange(this.ctx, sheet, a1(t.rect));
  }
}

class FakeChart extends Loadable implements XlChart {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
    private state: FakeChartState | null,
  ) {
    super(ctx);
  }
  private live(): FakeChartState {
    if (!this.state) throw Object.assign(new Error('ItemNotFound: chart'), { code: 'ItemNotFound' });
    return this.state;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.state === null;
  }
  get name(): string {
    this.need('name');
    return this.live().name;
  }
  set name(n: string) {
    this.live().name = n;
    this.ctx.wb.record('chartProps', this.sheet.name);
  }
  get chartType(): string {
    return this.live().type;
  }
  set chartType(t: string) {
    this.live().type = t;
  }
  get title() {
    const c = this.live();
    return {
      get text() {
        return c.title;
      },
      set text(t: string) {
        c.title = t;
      },
    };
  }
  get axes() {
    const c = this.live();
    return {
      categoryAxis: {
        title: {
          get text() {
            return c.xTitle;
          },
          set text(t: string) {
            c.xTitle = t;
          },
        },
      },
      valueAxis: {
        title: {
          get text() {
            return c.yTitle;
          },
          set text(t: string) {
            c.yTitle = t;
          },
        },
      },
    };
  }
  setData(source: XlRange, seriesBy: 'Rows' | 'Columns'): void {
    this.live().source = a1((source as FakeRange).rect);
    this.live().seriesBy = seriesBy;
    this.ctx.wb.record('setData', this.sheet.name, this.live().source);
  }
  setPosition(start: string, end: string): void {
    this.live().position = [start, end];
  }
  delete(): void {
    const c = this.live();
    this.sheet.charts = this.sheet.charts.filter((x) => x !== c);
    this.ctx.wb.record('deleteChart', this.sheet.name);
  }
}

class FakeNotes extends Loadable implements XlNoteCollection {
  private snap: XlNote[] = [];
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet,
  ) {
    super(ctx);
  }
  override load(propertyNames: string): this {
    if (!this.ctx.wb.notesSupported) this.ctx.failNextSync('ApiNotFound: notes');
    return super.load(propertyNames);
  }
  protected override snapshot(): void {
    const ctx = this.ctx;
    const sheet = this.sheet;
    this.snap = [...sheet.notes.keys()].map((key) => {
      const [row, col] = key.split(',').map(Number);
      return { getLocation: (): XlRange => new FakeRange(ctx, sheet, a1({ row, col, rows: 1, cols: 1 })) };
    });
  }
  get items(): XlNote[] {
    this.need('items');
    return this.snap;
  }
}

class FakeWorksheet extends Loadable implements XlWorksheet {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheet | null,
  ) {
    super(ctx);
  }
  private live(): FakeSheet {
    if (!this.sheet) throw Object.assign(new Error('ItemNotFound: worksheet'), { code: 'ItemNotFound' });
    return this.sheet;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.sheet === null;
  }
  get id(): string {
    this.need('id');
    return this.live().id;
  }
  get name(): string {
    this.need('name');
    return this.live().name;
  }
  set name(n: string) {
    this.live().name = n;
  }
  getRange(address: string): XlRange {
    return new FakeRange(this.ctx, this.live(), address);
  }
  get notes(): XlNoteCollection {
    return new FakeNotes(this.ctx, this.live());
  }
  activate(): void {}
  // Frozen panes: see the issue 18 block at the end.
  get freezePanes() {
    return freezePanesOf(this.live());
  }
  get tables() {
    const ctx = this.ctx;
    const sheet = this.live();
    return {
      add(address: string, _hasHeaders: boolean): XlTable {
        const rect = parseA1(address);
        if (ctx.wb.tables.some((t) => t.sheetId === sheet.id && overlaps(t.rect, rect))) throw Object.assign(new Error(`InvalidOperation: a table already overlaps ${address}`), { code: 'InvalidOperation' });
        let n = ctx.wb.tables.length + 1;
        while (ctx.wb.tables.some((t) => t.name === `Table${n}`)) n++;
        const state: FakeTableState = { name: `Table${n}`, sheetId: sheet.id, rect, style: 'TableStyleMedium2' };
        ctx.wb.tables.push(state);
        ctx.wb.record('addTable', sheet.name, address);
        return new FakeTable(ctx, state);
      },
      getItemOrNullObject(key: string): XlTable {
        return new FakeTable(ctx, ctx.wb.tables.find((t) => t.sheetId === sheet.id && t.name.toLowerCase() === key.toLowerCase()) ?? null);
      },
    };
  }
  get charts() {
    const ctx = this.ctx;
    const sheet = this.live();
    return {
      add(type: 'Line' | 'XYScatterLines', source: XlRange, seriesBy: 'Rows' | 'Columns'): XlChart {
        const state: FakeChartState = { name: `Chart ${sheet.charts.length + 1}`, type, seriesBy, source: a1((source as FakeRange).rect), title: '', xTitle: '', yTitle: '', position: null };
        sheet.charts.push(state);
        ctx.wb.record('addChart', sheet.name, state.source);
        return new FakeChart(ctx, sheet, state);
      },
      getItemOrNullObject(name: string): XlChart {
        return new FakeChart(ctx, sheet, sheet.charts.find((c) => c.name === name) ?? null);
      },
    };
  }
}

class FakeSetting extends Loadable implements XlSetting {
  constructor(
    ctx: FakeContext,
    private key: string,
  ) {
    super(ctx);
  }
  private snap: string | undefined;
  protected override snapshot(): void {
    this.snap = this.ctx.wb.settings.get(this.key);
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.snap === undefined;
  }
  get value(): unknown {
    this.need('value');
    return this.snap;
  }
}

export class FakeContext implements XlContext {
  private tracked: Loadable[] = [];
  private failure: string | null = null;
  /** The next sync rejects with this error (an API the host lacks), as Excel's does. */
  failNextSync(message: string): void {
    this.failure = message;
  }
  constructor(readonly wb: FakeWorkbook) {}
  track(x: Loadable): void {
    this.tracked.push(x);
  }
  get workbook() {
    const wb = this.wb;
    return {
      worksheets: {
        add: (name: string): XlWorksheet => {
          const sheet = wb.addSheet(name);
          wb.record('addSheet', name);
          return new FakeWorksheet(this, sheet);
        },
        getItemOrNullObject: (key: string): XlWorksheet => new FakeWorksheet(this, wb.sheet(key) ?? null),
      },
      tables: {
        getItemOrNullObject: (key: string): XlTable => new FakeTable(this, wb.tables.find((t) => t.name.toLowerCase() === key.toLowerCase()) ?? null),
      },
      settings: {
        add: (key: string, value: string): unknown => {
          wb.settings.set(key, value);
          wb.record('setting', undefined, key, value.length);
          return undefined;
        },
        getItemOrNullObject: (key: string): XlSetting => new FakeSetting(this, key),
      },
    };
  }
  async sync(): Promise<unknown> {
    if (this.failure) {
      const message = this.failure;
      this.failure = null;
      throw Object.assign(new Error(message), { code: message.split(':')[0] });
    }
    this.wb.flush();
    for (const x of this.tracked) x.onSync();
    return undefined;
  }
}

/** Whether every add-in write on a sheet stayed inside the given rectangles. */
export function writesOutside(wb: FakeWorkbook, sheet: string, allowed: readonly string[]): WriteOp[] {
  const rects = allowed.map(parseA1);
  return wb
    .writesTo(sheet)
    .filter((w) => w.address !== undefined && w.op !== 'autofit' && w.op !== 'setting')
    .filter((w) => !rects.some((r) => contains(r, parseA1(w.address as string))));
}

export function createFakeExcel(): FakeWorkbook {
  return new FakeWorkbook();
}

// ---------------------------------------------------------------------------------------------
// Issue 18: frozen panes and column groups, kept apart from the rest of the fake. Each
// sheet's view lives beside it; `sheetView(wb, name)` shows a test what a user would see.

export interface FakeSheetView {
  /** The frozen top-left block ('A1:B5'), or null. */
  freeze: string | null;
  /** Column groups as 'D:O', in the order they were made. */
  columnGroups: string[];
}

const views = new WeakMap<FakeSheet, FakeSheetView>();

function viewOf(sheet: FakeSheet): FakeSheetView {
  let v = views.get(sheet);
  if (!v) views.set(sheet, (v = { freeze: null, columnGroups: [] }));
  return v;
}

export function sheetView(wb: FakeWorkbook, sheetName: string): FakeSheetView | null {
  const sheet = wb.sheet(sheetName);
  return sheet ? viewOf(sheet) : null;
}

function columnsOf(rect: Rect): string {
  return `${colLetters(rect.col)}:${colLetters(rect.col + rect.cols - 1)}`;
}

/** Frozen panes of a sheet (FakeWorksheet.freezePanes). */
function freezePanesOf(sheet: FakeSheet): { freezeAt(frozenRange: string): void; unfreeze(): void } {
  return {
    freezeAt(frozenRange: string): void {
      viewOf(sheet).freeze = a1(parseA1(frozenRange));
    },
    unfreeze(): void {
      viewOf(sheet).freeze = null;
    },
  };
}

/** FakeRange.group: Excel nests an overlapping group one level deeper; the fake refuses, so a writer that forgets to remove its old groups fails. */
function groupColumns(sheet: FakeSheet, rect: Rect, groupOption: 'ByColumns' | 'ByRows'): void {
  if (groupOption !== 'ByColumns') throw Object.assign(new Error('InvalidArgument: the fake groups columns only'), { code: 'InvalidArgument' });
  const v = viewOf(sheet);
  const cols = columnsOf(rect);
  const span = (g: string) => parseA1(g.replace(/^([A-Z]+):([A-Z]+)$/, (_, from: string, to: string) => `${from}1:${to}1`));
  if (v.columnGroups.some((g) => overlaps(span(g), { row: 0, col: rect.col, rows: 1, cols: rect.cols }))) {
    throw Object.assign(new Error(`InvalidOperation: columns ${cols} are already grouped`), { code: 'InvalidOperation' });
  }
  v.columnGroups.push(cols);
}

function ungroupColumns(sheet: FakeSheet, rect: Rect, groupOption: 'ByColumns' | 'ByRows'): void {
  if (groupOption !== 'ByColumns') return;
  const v = viewOf(sheet);
  const cols = columnsOf(rect);
  v.columnGroups = v.columnGroups.filter((g) => g !== cols);
}
