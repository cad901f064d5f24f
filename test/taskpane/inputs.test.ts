/**
 * The pane's pure pieces: the assumptions form (defaults from the term sheet, every problem in
 * one pass), cell formats as Excel shows them, A1 addresses, and the sensitivity builder's
 * parsing and values (which must be the engine's).
 */
import { EngineError } from '../../src/errors';
import { classMeasures } from '../../src/run/measures';
import { resetRunCache, runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { defaultAssumptions, describeScenario, parseAssumptions, restoreForm } from '../../taskpane/assumptions';
import { cellRef, columnLetter, FORMATS, formatCell, parseAddress, rectAddress, safeSheetName, safeTableName, serialFromIso } from '../../taskpane/cells';
import { plainWords } from '../../taskpane/errors';
import { Cancelled } from '../../taskpane/runPricing';
import { computeGrid, defaultGridForm, gridBlocks, gridKey, measuresFor, parseGridForm, withGrid } from '../../taskpane/sensitivity';
import { syntheticDeal } from '../support/syntheticDeal';

const deal = syntheticDeal();
const d = deal.description;

describe('the assumptions form', () => {
  it("is pre-filled from the deal's description", () => {
    expect(defaultAssumptions(d)).toEqual({
      speeds: '0, 100, 200',
      price: '100-00',
      call: true,
      maturity: true,
      libor1m: '1.1',
      libor6m: '1.23',
      libor12m: '1.51',
      cmt1y: '1.31',
      curve: 'flat',
      shiftBp: '0',
      shiftFromPeriod: '1',
      cdr: '0',
      severity: '0',
      lagMonths: '0',
      derivatives: 'on',
      walBasis: 'deal',
      durationBasis: 'accrual',
      classPrices: {},
    });
  });

  it('parses speeds as percents of pricing or vectors, the price to its canonical quote, and the scenario', () => {
    const parsed = parseAssumptions(d, { ...defaultAssumptions(d), speeds: '0, 80%, 100; 8 12R 24', price: '101.25', maturity: false, libor1m: '1.5', shiftBp: '-25', cdr: '2', severity: '35', lagMonths: '6' });
    expect(parsed.ok && parsed.value).toEqual({
      speeds: [
        { label: '0%', speed: 0 },
        { label: '80%', speed: 80 },
        { label: '100%', speed: 100 },
        { label: '8 12R 24', speed: '8 12R 24' },
      ],
      price: '101-08',
      classPrices: {},
      horizons: ['call'],
      scenario: {
        indices: { libor1m: 1.5, libor6m: 1.23, libor12m: 1.51, cmt1y: 1.31 },
        curve: 'flat',
        shiftBp: -25,
        shiftFromPeriod: 1,
        cdr: 2,
        severity: 35,
        lagMonths: 6,
        derivatives: true,
        walBasis: 'deal',
        durationBasis: 'accrual',
      },
    });
  });

  it('reports every bad field at once, in words naming the field', () => {
    const parsed = parseAssumptions(d, { ...defaultAssumptions(d), speeds: '0, fast, 100, 100', price: '99-8', call: false, maturity: false, libor1m: 'abc', cdr: '120', lagMonths: '1.5' });
    expect(parsed.ok).toBe(false);
    const messages = parsed.ok ? [] : parsed.issues.map((i) => `${i.field} | ${i.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^speeds \| Speeds: "fast": /),
      'speeds | Speeds: 100% is listed twice',
      expect.stringMatching(/^price \| Price: expected two digits of 32nds/),
      'horizons | Horizons: tick "to auction", "to maturity" or both',
      'libor1m | 1M LIBOR: expected a number, got "abc"',
      expect.stringMatching(/^cdr \| CDR: expected a CDR in percent from 0 to 100, got 120/),
      expect.stringMatching(/^lagMonths \| Recovery lag: expected whole months/),
    ]);
  });

  it('describes the scenario for the sheet header', () => {
    const parsed = parseAssumptions(d, { ...defaultAssumptions(d), curve: 'forward', shiftBp: '100' });
    if (!parsed.ok) throw new Error('bad');
    expect(describeScenario(d, parsed.value).map((l) => `${l.label}: ${l.value}`)).toEqual([
      'Speeds: 0%, 100%, 200% (100% = 24% CPR)',
      'Price: 100-00',
      'Horizons: to auction, to maturity',
      'Indices: 1M LIBOR 1.1%, 6M LIBOR 1.23%, 12M LIBOR 1.51%, 1Y CMT 1.31%; forward curves',
      'Shift: 100 bp',
      'Credit: CDR 0%, severity 0%, lag 0 months',
      "Conventions: WAL the deal's (30/360); Mod Dur accrual (act/360 floaters, 30/360 fixed)",
    ]);
  });

  it('restores a saved form over the defaults, ignoring fields of the wrong type', () => {
    const restored = restoreForm(defaultAssumptions(d), { speeds: '50, 150', call: 'yes', extra: 1 });
    expect(restored.speeds).toBe('50, 150');
    expect(restored.call).toBe(true);
    expect(restoreForm(defaultAssumptions(d), null)).toEqual(defaultAssumptions(d));
  });
});

describe('cells', () => {
  it('formats values as Excel shows them under the layouts’ formats', () => {
    expect(formatCell(33.5000001, FORMATS.bp)).toBe('34');
    expect(formatCell(-0.3, FORMATS.bp)).toBe('0');
    expect(formatCell(4.236, FORMATS.twoDecimals)).toBe('4.24');
    expect(formatCell(3.108, FORMATS.percentUnits)).toBe('3.108%');
    expect(formatCell(0.16, FORMATS.percentUnits)).toBe('0.16%');
    expect(formatCell(615000000, FORMATS.wholeDollars)).toBe('615,000,000');
    expect(formatCell(-1234.5, FORMATS.dollars)).toBe('-1,234.50');
    expect(formatCell(serialFromIso('2004-05'), FORMATS.monthYear)).toBe('May-04');
    expect(formatCell(serialFromIso('2004-04-30'), FORMATS.date)).toBe('30-Apr-04');
    expect(formatCell('NA', FORMATS.text)).toBe('NA');
    expect(formatCell(null, FORMATS.bp)).toBe('');
    expect(formatCell(100, '0"%"')).toBe('100%');
    expect(formatCell(-50, '0" bp"')).toBe('-50 bp');
  });

  it('writes Excel serials for dates (1900 system)', () => {
    expect(serialFromIso('2004-04-30')).toBe(38107);
    expect(serialFromIso('2004-05')).toBe(38108);
  });

  it('speaks A1', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(cellRef(4, 2, { row: true, col: true })).toBe('$C$5');
    expect(rectAddress({ row: 1, col: 0, rows: 3, cols: 28 })).toBe('A2:AB4');
    expect(parseAddress("'My sheet'!$B$2:D9")).toEqual({ row: 1, col: 1, rows: 8, cols: 3 });
  });

  it('keeps sheet and table names legal', () => {
    expect(safeSheetName('CWALT 2004-J4: a very long name [draft] / v2?')).toBe('CWALT 2004-J4 a very long name');
    expect(safeSheetName('CWALT 2004-J4: a very long name [draft] / v2?').length).toBeLessThanOrEqual(31);
    expect(safeTableName('PX_cwalt-2004 j4')).toBe('PX_cwalt_2004_j4');
    expect(safeTableName('1abc')).toBe('T_1abc');
  });
});

describe('errors in plain words', () => {
  it('names the input and what was expected, says Cancelled plainly, and maps Office codes', () => {
    expect(plainWords(new EngineError('cdr', 'expected a CDR in percent from 0 to 100, got 120'))).toBe('CDR: expected a CDR in percent from 0 to 100, got 120');
    expect(plainWords(new Cancelled())).toBe('Cancelled: nothing was written.');
    expect(plainWords(Object.assign(new Error('too big'), { code: 'RequestPayloadSizeLimitExceeded' }))).toMatch(/too large/);
    expect(plainWords(new Error('boom'))).toMatch(/^Something went wrong: boom/);
  });
});

describe('the sensitivity builder', () => {
  const a = () => {
    const parsed = parseAssumptions(d, defaultAssumptions(d));
    if (!parsed.ok) throw new Error('bad');
    return parsed.value;
  };
  beforeEach(() => resetRunCache());

  it("offers a class's own measure, WAL and Mod Dur", () => {
    expect(measuresFor(deal, 'FLT')).toEqual(['DM', 'WAL', 'MDUR']);
    expect(measuresFor(deal, 'FIX')).toEqual(['Yield', 'WAL', 'MDUR']);
  });

  it('checks the form in one pass', () => {
    const parsed = parseGridForm(deal, a(), { ...defaultGridForm(deal), className: '1a9', rowAxis: 'speed', colAxis: 'speed', rowValues: '0, x', colValues: '' });
    expect(parsed.ok).toBe(false);
    const fields = parsed.ok ? [] : parsed.issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['className', 'colAxis', 'rowValues', 'colValues']));
    const wal = parseGridForm(deal, a(), { ...defaultGridForm(deal), className: 'FIX', measure: 'WAL', rowAxis: 'price' });
    expect(!wal.ok && wal.issues.map((i) => i.message)).toEqual(['Measure: WAL does not depend on price; choose speed, shift or CDR for the axes']);
  });

  it("computes values equal to the engine's, cell by cell", async () => {
    const parsed = parseGridForm(deal, a(), { ...defaultGridForm(deal), className: 'FIX', measure: 'Yield', rowAxis: 'price', rowValues: '99-16, 100-16', colAxis: 'cdr', colValues: '0, 3', speed: '150' });
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    const values = await computeGrid(deal, parsed.spec, { yieldToUi: () => Promise.resolve() });
    const fix = d.classes[1];
    const expected = ['99-16', '100-16'].map((price) =>
      [0, 3].map((cdr) => {
        const s = normaliseScenario({ ...parsed.spec.scenario, speed: 150, horizon: 'call', cdr });
        return classMeasures(d, fix, runDeal(deal, s), s, price).value;
      }),
    );
    expect(values).toEqual(expected);
  });

  it('stops computing when cancelled', async () => {
    const parsed = parseGridForm(deal, a(), defaultGridForm(deal));
    if (!parsed.ok) throw new Error('bad');
    await expect(computeGrid(deal, parsed.spec, { yieldToUi: () => Promise.resolve(), isCancelled: () => true })).rejects.toBeInstanceOf(Cancelled);
  });

  it('replaces a grid with the same class, measure and axes, and adds others', () => {
    const spec = (colValues: string, measure = 'DM') => {
      const parsed = parseGridForm(deal, a(), { ...defaultGridForm(deal), measure, colValues });
      if (!parsed.ok) throw new Error('bad');
      return { spec: parsed.spec, values: null, builtAt: new Date() };
    };
    const one = withGrid([], spec('0, 100'));
    const replaced = withGrid(one, spec('0, 100, 200'));
    expect(replaced).toHaveLength(1);
    expect(replaced[0].spec.cols.values).toEqual([0, 100, 200]);
    expect(withGrid(replaced, spec('0', 'MDUR'))).toHaveLength(2);
    expect(gridKey(replaced[0].spec)).toBe('flt_dm_price_speed_call');
    // Formula cells carry no value until Excel computes them; the preview passes engine values.
    const blocks = gridBlocks(deal, replaced[0], 0);
    expect(blocks.find((b) => b.role === 'grid')?.formulas?.[0][0]).toBe('=CWALT.DMARGIN($B$2,$B$3,$A13,B$12,$B$4,$D$2:$E$10)');
  });
});
