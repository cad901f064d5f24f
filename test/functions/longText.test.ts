/**
 * A cell can hold 32,767 characters. Before the shared number parser, a digit run that does not
 * end as a number made the number pattern backtrack quadratically: `=CWALT.SMM(A1)` with A1 = 32,767
 * digits then "x" took 5.3 s, as a scenario value 6.3 s, and the shared runtime (the pane too) froze
 * meanwhile. Through the built bundle, as Excel loads it, each such cell is now #VALUE! in well
 * under 50 ms.
 */
import { ErrorCode, FakeCustomFunctionsError, loadFunctionsBundle } from '../support/excelBundle';

const bundle = loadFunctionsBundle();
const LONGEST_CELL = 32_767;
const BOUND_MS = 50;

const digitsThen = (tail: string) => `${'1'.repeat(LONGEST_CELL - tail.length)}${tail}`;
const spacesThen = (tail: string) => `1${' '.repeat(LONGEST_CELL - 1 - tail.length)}${tail}`;

/** Calls that read a long text where a number (or a speed) goes; each must be #VALUE!. */
const CASES: [string, () => unknown][] = [
  ['SMM(digits + "x")', () => bundle.call('SMM', digitsThen('x'))],
  ['SMM(32,767 digits)', () => bundle.call('SMM', '9'.repeat(LONGEST_CELL))],
  ['CPR(digits + "e")', () => bundle.call('CPR', digitsThen('e'))],
  ['PPCCPR(100, digits + ".x")', () => bundle.call('PPCCPR', 100, digitsThen('.x'))],
  ['AIONOTIONAL(J4, 1-A-IO, digits + "x")', () => bundle.call('AIONOTIONAL', 'J4', '1-A-IO', digitsThen('x'))],
  ['WAL scenario CDR = digits + "x"', () => bundle.call('WAL', 'J4', '1-A-3', null, null, [['CDR', digitsThen('x')]])],
  ['WAL scenario LIBOR_1M = 1, spaces, "x"', () => bundle.call('WAL', 'J4', '1-A-3', null, null, [['LIBOR_1M', spacesThen('x')]])],
  ['WAL speed = 1, spaces, "%x"', () => bundle.call('WAL', 'J4', '1-A-3', spacesThen('%x'))],
  ['WAL speed = digits + "x"', () => bundle.call('WAL', 'J4', '1-A-3', digitsThen('x'))],
  ['WAL scenario SPEED = 1, spaces, "x"', () => bundle.call('WAL', 'J4', '1-A-3', null, null, [['SPEED', spacesThen('x')]])],
  ['DMARGIN price = digits + "x"', () => bundle.call('DMARGIN', 'J4', '1-A-1', digitsThen('x'))],
  ['QUOTE(digits + "x")', () => bundle.call('QUOTE', digitsThen('x'))],
];

describe(`${LONGEST_CELL.toLocaleString('en-US')}-character inputs through dist/functions.js`, () => {
  const times: string[] = [];
  afterAll(() => console.log(`long-text calls through the bundle:\n${times.join('\n')}`));

  it.each(CASES)('%s is #VALUE! in under 50 ms', (label, call) => {
    call(); // first call: compiles the path (the cell in Excel would pay this once per session)
    const started = performance.now();
    const result = call();
    const ms = performance.now() - started;
    times.push(`  ${label}: ${ms.toFixed(2)} ms`);
    expect(result).toBeInstanceOf(FakeCustomFunctionsError);
    expect((result as FakeCustomFunctionsError).code).toBe(ErrorCode.invalidValue);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('the first call of each is under the bound too (nothing was cached)', () => {
    const fresh = loadFunctionsBundle();
    const started = performance.now();
    const result = fresh.call('SMM', digitsThen('x'));
    const ms = performance.now() - started;
    times.push(`  SMM(digits + "x"), first call in a fresh bundle: ${ms.toFixed(2)} ms`);
    expect((result as FakeCustomFunctionsError).code).toBe(ErrorCode.invalidValue);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
