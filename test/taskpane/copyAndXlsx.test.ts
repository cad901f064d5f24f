/** Pasted text and file formulas, unit by unit: what Copy writes and how a formula is stored in the .xlsx. */
import ExcelJS from 'exceljs';
import { FORMATS, serialFromIso, type SheetLayout } from '../../taskpane/cells';
import { pasteText, tableTsv } from '../../taskpane/copyTable';
import { fileFormula, fillWorkbook, formulaCell } from '../../taskpane/xlsx';

describe('.xlsx formulas', () => {
  it('spells the add-in functions as Excel saves a custom function, without the =', () => {
    expect(fileFormula('=CWALT.DMARGIN($B$2,$B$3,$A13,B$12,$B$4,$D$2:$E$10)')).toBe('_xldudf_CWALT_DMARGIN($B$2,$B$3,$A13,B$12,$B$4,$D$2:$E$10)');
    expect(fileFormula('=CWALT.WAL(A1,CHOOSE({1,2},D2:D10,CHOOSE({1;2},E2,C$12)))')).toBe('_xldudf_CWALT_WAL(A1,CHOOSE({1,2},D2:D10,CHOOSE({1;2},E2,C$12)))');
  });

  it('caches the value, and makes a CHOOSE-built scenario a one-cell array formula', () => {
    expect(formulaCell('=CWALT.WAL(A1)', 4.25, 'B2')).toEqual({ formula: '_xldudf_CWALT_WAL(A1)', result: 4.25 });
    expect(formulaCell('=CWALT.WAL(A1)', null, 'B2')).toEqual({ formula: '_xldudf_CWALT_WAL(A1)' });
    expect(formulaCell('=CWALT.WAL(A1,CHOOSE({1,2},D2:D3,E2:E3))', 'NA', 'C7')).toEqual({ formula: '_xldudf_CWALT_WAL(A1,CHOOSE({1,2},D2:D3,E2:E3))', result: 'NA', shareType: 'array', ref: 'C7' });
  });

  it('freezes the panes the layout asks for', async () => {
    const layout: SheetLayout = { key: 'k', sheetName: 'S', blocks: [{ id: 'a', role: 'data', row: 0, col: 0, values: [[1]], formats: [['0']] }], freeze: { rows: 3, cols: 2 } };
    const wb = new ExcelJS.Workbook();
    fillWorkbook(wb, [layout, { ...layout, sheetName: 'T', freeze: undefined }]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    expect(back.getWorksheet('S')?.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3, topLeftCell: 'C4' });
    expect(back.getWorksheet('T')?.views?.[0]?.state ?? 'normal').toBe('normal');
  });
});

describe('Copy', () => {
  it('writes cells as shown, dates as Excel reads them back', () => {
    expect(pasteText(476.4, FORMATS.bp)).toBe('476');
    expect(pasteText(serialFromIso('2005-05'), FORMATS.monthYear)).toBe('May 2005');
    expect(pasteText(serialFromIso('2004-06-25'), FORMATS.date)).toBe('25-Jun-2004');
    expect(pasteText('a\tb\nc', FORMATS.text)).toBe('a b c');
    expect(pasteText(null, FORMATS.text)).toBe('');
  });

  it("copies a grid's corner, axes and body as one table, and nothing around it", () => {
    const layout: SheetLayout = {
      key: 'g',
      sheetName: 'G',
      blocks: [
        { id: 'x-title', role: 'title', row: 0, col: 0, values: [['Title']], formats: [['@']] },
        { id: 'x-corner', role: 'title', row: 2, col: 0, values: [['Price ↓ Speed →']], formats: [['@']] },
        { id: 'x-cols', role: 'inputs', row: 2, col: 1, values: [[0, 100]], formats: [['0"%"', '0"%"']] },
        { id: 'x-rows', role: 'inputs', row: 3, col: 0, values: [['99-16'], ['100-00']], formats: [['@'], ['@']] },
        { id: 'x-body', role: 'grid', row: 3, col: 1, values: [[1.234, 'NA'], [2, 3]], formats: [['0.00', '@'], ['0.00', '0.00']] },
      ],
    };
    expect(tableTsv(layout, 'x-body')).toEqual({ text: 'Price ↓ Speed →\t0%\t100%\n99-16\t1.23\tNA\n100-00\t2.00\t3.00', rows: 3, cols: 3 });
    expect(tableTsv(layout, null)?.text).toBe(tableTsv(layout, 'x-cols')?.text);
  });
});
