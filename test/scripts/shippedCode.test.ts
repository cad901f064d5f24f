/**
 * Issue 20: the pane's .xlsx writer used to ship ExcelJS's prebuilt browser file, with 2023
 * copies of the crypto-browserify stack (elliptic 6.5.4, browserify-sign, pbkdf2, ...) that the
 * pane can never reach but every bundle scanner flags. ExcelJS is now built from its source
 * (scripts/exceljs-source-build.js) with crypto resolved to nothing: none of that code is in dist/.
 */
import fs from 'fs';
import path from 'path';

const DIST = path.resolve(__dirname, '../../dist');

function shipped(): { file: string; text: string }[] {
  if (!fs.existsSync(path.join(DIST, 'taskpane.js'))) throw new Error('dist/ is not built: run "npm run build" (npm test builds before jest).');
  return fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith('.js'))
    .map((file) => ({ file, text: fs.readFileSync(path.join(DIST, file), 'utf8') }));
}

describe('the shipped JavaScript', () => {
  it.each(['elliptic', 'browserify-sign', 'createSign', 'pbkdf2', 'diffie-hellman', 'public-encrypt', 'ripemd160'])('holds no %s', (name) => {
    expect(shipped().filter((f) => f.text.includes(name)).map((f) => f.file)).toEqual([]);
  });

  it("ExcelJS is ours, built from its source: not its prebuilt browser file", () => {
    const files = shipped();
    expect(files.filter((f) => f.text.includes('ExcelJS 19-10-2023')).map((f) => f.file)).toEqual([]);
    // The writer is there (lazily loaded): its workbook serializer is in some chunk.
    expect(files.some((f) => f.text.includes('xl/worksheets/sheet'))).toBe(true);
  });
});
