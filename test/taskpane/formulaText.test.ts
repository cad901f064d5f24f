/**
 * Issue 20: text the add-in writes is never read by Excel as a formula, whatever it starts with
 * ("=", "+", "-", "@"), in the workbook (through the fake Excel, which reads such text as Excel
 * does) and in the preview's .xlsx (read back with ExcelJS).
 */
import ExcelJS from 'exceljs';
import { literalText, startsLikeFormula } from '../../src/run/numberText';
import type { SheetLayout } from '../../taskpane/cells';
import { writeSheet } from '../../taskpane/excelWriter';
import { workbookBytes } from '../../taskpane/xlsx';
import { createFakeExcel } from './fakeExcel';

const HOSTILE = ['=HYPERLINK("http://example.invalid","click")', '+1+1', '-A1*2', '@SUM(A1:A9)', '=1+1', "'quoted", '-5', '\uFF1D1+1', 'plain'];

/** A sheet whose text cells all start like formulas, in General format (not Text, which would hide the problem). */
const layout: SheetLayout = {
  key: 'hostile',
  sheetName: 'Hostile',
  blocks: [
    { id: 'title', role: 'title', row: 0, col: 0, values: [[HOSTILE[0]]], formats: [['General']] },
    { id: 'header', role: 'header', row: 1, col: 0, values: HOSTILE.map((t) => ['Label', t]), formats: HOSTILE.map(() => ['General', 'General']) },
    { id: 'table', role: 'table', row: 12, col: 0, values: [['Class', 'Note'], ...HOSTILE.map((t, i) => [`C${i}`, t])], formats: [['@', '@'], ...HOSTILE.map(() => ['General', 'General'])], table: { name: 'HOSTILE_T', style: 'TableStyleLight9' } },
  ],
};

describe('what Excel would read as a formula', () => {
  it.each(['=1', '+1', '-x', '@x', '\uFF1Dx'])('%j starts like a formula', (t) => expect(startsLikeFormula(t)).toBe(true));
  it.each(['', 'x', ' =1', "'=1", '1-2'])('%j does not', (t) => expect(startsLikeFormula(t)).toBe(false));
  it('gets the quote prefix, and so does text starting with one', () => {
    expect(literalText('=1+1')).toBe("'=1+1");
    expect(literalText("'x")).toBe("''x");
    expect(literalText('x')).toBe('x');
  });
});

describe('text starting with = stays text', () => {
  it('the fake reads such text as Excel does: a raw write would make formulas', async () => {
    const xl = createFakeExcel();
    await xl.run(async (context) => {
      const sheet = context.workbook.worksheets.add('Raw');
      sheet.getRange('A1:D1').values = [['=1+1', '+1+1', '-A1', '@SUM(A1)']];
      await context.sync();
    });
    expect(xl.sheet('Raw')?.get(0, 1)?.formula).toBe('=+1+1');
    expect([0, 1, 2, 3].every((c) => xl.sheet('Raw')?.get(0, c)?.formula)).toBe(true);
  });

  it('in Excel: every text cell the writer puts down is text, exactly as laid out; a refresh asks nothing', async () => {
    const xl = createFakeExcel();
    const asked: unknown[] = [];
    const options = { confirm: async (o: unknown) => (asked.push(o), true) };
    await writeSheet(xl.run, layout, options);
    const cells = [...(xl.sheet('Hostile')?.cells.values() ?? [])];
    expect(cells.filter((c) => c.formula !== null)).toEqual([]);
    expect(xl.grid('Hostile', 'B2:B10').map((r) => r[0])).toEqual(HOSTILE);
    expect(xl.grid('Hostile', 'B14:B22').map((r) => r[0])).toEqual(HOSTILE);
    expect(xl.value('Hostile', 'A1')).toBe(HOSTILE[0]);
    await writeSheet(xl.run, layout, options);
    expect(asked).toEqual([]);
  });

  it('in the .xlsx: every such cell is a string cell, formatted as Text, and the sheet holds no formula', async () => {
    const bytes = await workbookBytes([layout], 'test');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const ws = wb.getWorksheet('Hostile');
    if (!ws) throw new Error('no sheet');
    for (const [address, text] of [['A1', HOSTILE[0]], ...HOSTILE.map((t, i) => [`B${i + 2}`, t]), ...HOSTILE.map((t, i) => [`B${i + 14}`, t])]) {
      const cell = ws.getCell(address);
      expect({ address, type: cell.type, value: cell.value }).toEqual({ address, type: ExcelJS.ValueType.String, value: text });
      if (startsLikeFormula(text)) expect({ address, numFmt: cell.numFmt }).toEqual({ address, numFmt: '@' });
    }
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((cell) => (formulas += cell.type === ExcelJS.ValueType.Formula ? 1 : 0)));
    expect(formulas).toBe(0);
  });
});
