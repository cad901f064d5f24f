/**
 * Issue 17 ("Trader analytics that hold under every scenario"), every case through the built
 * bundle (dist/functions.js) as Excel calls it: DM over the projected index path, the A-IO classes,
 * the CWALT forward curve, BREAKEVEN, SPREAD, one unit for speed, accepted ranges, date serials.
 * Build first: `npx webpack --mode production` (npm test does).
 */
import fs from 'fs';
import path from 'path';
import { ErrorCode, FakeCustomFunctionsError, loadFunctionsBundle } from '../support/excelBundle';
import { parCurve, parYieldAt } from '../../src/market/parCurves2004';

const bundle = loadFunctionsBundle();

function num(value: unknown): number {
  if (typeof value === 'number') return value;
  const shown = value instanceof FakeCustomFunctionsError ? `${value.code} ${value.message}` : JSON.stringify(value);
  throw new Error(`expected a number, the cell got ${shown}`);
}

function error(value: unknown, code: string, message: RegExp): void {
  if (!(value instanceof FakeCustomFunctionsError)) throw new Error(`expected ${code}, the cell got ${JSON.stringify(value)}`);
  expect(value.code).toBe(code);
  expect(value.message).toMatch(message);
}

const VALUE = ErrorCode.invalidValue;
const NA = ErrorCode.notAvailable;
const NUM = ErrorCode.invalidNumber;

describe('1. DM is a constant spread over the index path the run projects', () => {
  test('Impac A-1 at par: 34 bp with SHIFT_BP 100 and on the forward curve (was 134 and 171)', () => {
    const shifted = num(bundle.call('DMARGIN', 'Impac 2004-1', 'A-1', '100-00', null, null, [['SHIFT_BP', 100]]));
    expect(Math.abs(shifted - 34)).toBeLessThanOrEqual(0.5);
    const forward = num(bundle.call('DMARGIN', 'Impac 2004-1', 'A-1', '100-00', null, null, [['CURVE', 'forward']]));
    expect(Math.abs(forward - 34)).toBeLessThanOrEqual(0.5);
    // the same cash flows as LIBOR_1M 2.10: the same DM
    const libor = num(bundle.call('DMARGIN', 'Impac 2004-1', 'A-1', '100-00', null, null, [['LIBOR_1M', 2.1]]));
    expect(shifted).toBeCloseTo(libor, 6);
  });

  test('CWALT 1-A-1 at par with SHIFT_BP 100: 16 bp (was 116); shift start and forward curve too', () => {
    for (const range of [[['SHIFT_BP', 100]], [['SHIFT_BP', 100], ['SHIFT_FROM', 13]], [['CURVE', 'forward']], [['CURVE', 'forward'], ['SHIFT_BP', -50]]]) {
      expect(Math.abs(num(bundle.call('DMARGIN', 'J4', '1-A-1', '100-00', null, null, range)) - 16)).toBeLessThanOrEqual(0.5);
    }
  });

  test('PRICE from a DM over a shifted path is the inverse; MDUR of a floater under a shift equals the same cash flows at LIBOR 2.10', () => {
    const range = [['SHIFT_BP', 100]];
    const dm = num(bundle.call('DMARGIN', 'Impac 2004-1', 'M-2', '99-08', 100, 'call', range));
    expect(num(bundle.call('PRICE', 'Impac 2004-1', 'M-2', dm, 100, 'call', range))).toBeCloseTo(99.25, 8);
    expect(num(bundle.call('MDUR', 'J4', '1-A-1', '100-00', null, null, range))).toBeCloseTo(num(bundle.call('MDUR', 'J4', '1-A-1', '100-00', null, null, [['LIBOR_1M', 2.1]])), 6);
  });
});

describe('2. A-IO classes: YIELD, PRICE and MDUR from a price in points of notional', () => {
  test('YIELD("J4","1-A-IO","1-16") and PRICE of it round-trip, on both IO classes and several speeds', () => {
    for (const cls of ['1-A-IO', '2-A-IO']) {
      for (const speed of [null, 50, 200]) {
        const y = num(bundle.call('YIELD', 'J4', cls, '1-16', speed));
        expect(num(bundle.call('PRICE', 'J4', cls, y, speed))).toBeCloseTo(1.5, 9);
        expect(num(bundle.call('MDUR', 'J4', cls, '1-16', speed))).toBeGreaterThan(0);
      }
    }
    expect(num(bundle.call('YIELD', 'J4', '1-A-IO', '1-08'))).toBeGreaterThan(num(bundle.call('YIELD', 'J4', '1-A-IO', '1-16')));
  });

  test('an IO has no DM', () => {
    error(bundle.call('DMARGIN', 'J4', '2-A-IO', '1-16'), NA, /quoted by Yield, not DM/);
  });
});

describe('3. CURVE forward works on both deals', () => {
  test('J4 runs on its April 2004 forward curve: a floater\'s coupons follow it', () => {
    const flat = bundle.call('CASHFLOWS', 'J4', '2-A', 100, 'auction') as (string | number)[][];
    const forward = bundle.call('CASHFLOWS', 'J4', '2-A', 100, 'auction', [['CURVE', 'forward']]) as (string | number)[][];
    expect(Array.isArray(forward)).toBe(true);
    expect(Number(forward[24][6])).toBeGreaterThan(Number(flat[24][6]) + 0.5); // forward 1M LIBOR two years out is well above 1.10
  });
});

describe('4. BREAKEVEN', () => {
  test('finite for the CWALT subordinates and ordered M-1 > M-2 > B, on the 0.01% CDR grid', () => {
    const be = ['M-1', 'M-2', 'B'].map((c) => num(bundle.call('BREAKEVEN', 'J4', c)));
    for (const v of be) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.round(v * 100)).toBeCloseTo(v * 100, 9);
    }
    expect(be[0]).toBeGreaterThan(be[1]);
    expect(be[1]).toBeGreaterThan(be[2]);
  });

  test('the class loses at the breakeven and not 0.01% below it (CASHFLOWS writedowns / unpaid principal)', () => {
    const be = num(bundle.call('BREAKEVEN', 'J4', 'M-2', 100, 40, 12, 'maturity'));
    const loss = (cdr: number) => {
      const t = bundle.call('CASHFLOWS', 'J4', 'M-2', 100, 'maturity', [['CDR', cdr], ['SEVERITY', 40], ['LAG', 12]]) as number[][];
      const rows = t.slice(1);
      const written = rows.reduce((s, r) => s + r[4], 0);
      const paid = rows.reduce((s, r) => s + r[3], 0);
      return written + Math.max(11_685_000 - paid - written, 0);
    };
    expect(loss(be)).toBeGreaterThanOrEqual(1);
    expect(loss(Math.round(be * 100 - 1) / 100)).toBeLessThan(1);
  });

  test('more severity, an earlier breakeven; bad credit arguments name themselves', () => {
    expect(num(bundle.call('BREAKEVEN', 'J4', 'M-1', 100, 60))).toBeLessThan(num(bundle.call('BREAKEVEN', 'J4', 'M-1', 100, 40)));
    error(bundle.call('BREAKEVEN', 'J4', 'M-1', 100, 0), VALUE, /^severity: expected a loss severity above 0 and at most 100/);
    error(bundle.call('BREAKEVEN', 'J4', 'M-1', 100, 40, 2.5), VALUE, /^lag: expected a recovery lag in whole months from 0 to 120/);
    error(bundle.call('BREAKEVEN', 'J4', 'M-1', null, null, null, null, [['CDR', 2]]), VALUE, /^scenario: CDR is what BREAKEVEN solves for/);
    error(bundle.call('BREAKEVEN', 'J4', '1-A-IO'), NA, /no principal to lose/);
  });
});

describe('5. SPREAD', () => {
  test('fixed classes: yield minus the interpolated 2004-04-06 Treasury (and swap) yield at the WAL, bp', () => {
    for (const cls of ['1-A-2', '1-A-3', '1-A-5']) {
      const y = num(bundle.call('YIELD', 'J4', cls, '99-16'));
      const wal = num(bundle.call('WAL', 'J4', cls));
      const treasury = num(bundle.call('SPREAD', 'J4', cls, '99-16'));
      expect(treasury).toBeCloseTo((y - parYieldAt(parCurve('treasury', '2004-04-06'), wal)) * 100, 9);
      const swap = num(bundle.call('SPREAD', 'J4', cls, '99-16', null, null, null, 'swap'));
      expect(swap).toBeCloseTo((y - parYieldAt(parCurve('swap', '2004-04-06'), wal)) * 100, 9);
      expect(swap).toBeLessThan(treasury); // swaps traded above Treasuries in 2004
    }
  });

  test('floaters: #N/A with a message; a bad curve name is #VALUE!', () => {
    error(bundle.call('SPREAD', 'J4', '1-A-1'), NA, /^class: 1-A-1 is a floater, quoted by DM/);
    error(bundle.call('SPREAD', 'Impac 2004-1', 'A-1'), NA, /is a floater/);
    error(bundle.call('SPREAD', 'J4', '1-A-3', null, null, null, null, 'libor'), VALUE, /^curve: expected "treasury" or "swap"/);
  });

  test('the help says which curve', () => {
    const meta = bundle.metadata.find((f) => f.id === 'SPREAD');
    expect(meta?.description).toMatch(/H\.15 Treasury constant-maturity curve/);
    expect(meta?.parameters.find((p) => p.name === 'curve')?.description).toMatch(/treasury.*swap/);
  });
});

describe('6. one unit for speed; accepted ranges', () => {
  test('a scalar and a one-row or one-column range mean the same thing (13.13 years, not 2.91)', () => {
    const scalar = num(bundle.call('WAL', 'J4', '1-A-3', 24));
    expect(scalar).toBeCloseTo(13.13, 2);
    expect(bundle.call('WAL', 'J4', '1-A-3', [[24, 24]])).toBe(scalar);
    expect(bundle.call('WAL', 'J4', '1-A-3', [[24], [24]])).toBe(scalar);
    expect(bundle.call('WAL', 'J4', '1-A-3', [['24%']])).toBe(scalar);
    // CPRs by period need their unit said: a CPR label or a vector text
    expect(bundle.call('WAL', 'J4', '1-A-3', [['CPR', 24, 24]])).toBe(bundle.call('WAL', 'J4', '1-A-3', '24 1R 24'));
    expect(num(bundle.call('WAL', 'J4', '1-A-3', [['CPR', 24, 24]]))).toBeCloseTo(2.91, 2);
  });

  test('a block is #VALUE!; so is a range of different speeds with no CPR label', () => {
    error(bundle.call('WAL', 'J4', '1-A-3', [[24, 24], [24, 24]]), VALUE, /^speed: expected one cell, one row or one column, got a block of 2 rows by 2 columns/);
    error(bundle.call('WAL', 'J4', '1-A-3', [[10, 20]]), VALUE, /^speed: a range of speeds is read in % of the pricing speed/);
  });

  test('the speed limit is the deal\'s own, named after the argument the user typed', () => {
    error(bundle.call('WAL', 'J4', '1-A-3', 500), VALUE, /^speed: expected a speed from 0 to 400 /);
    error(bundle.call('WAL', 'Impac 2004-1', 'A-1', 400), VALUE, /^speed: expected a speed from 0 to 333 /);
    error(bundle.call('WAL', 'J4', '1-A-3', null, null, [['SPEED', 500]]), VALUE, /^scenario: SPEED: expected a speed from 0 to 400 /);
    expect((bundle.call('WAL', 'J4', '1-A-3', 500) as Error).message).not.toMatch(/scenario/);
    error(bundle.call('DECREMENT', 'Impac 2004-1', 'A-1', [[100, 350]]), VALUE, /^speeds: expected a speed from 0 to 333 /);
  });

  test('absurd magnitudes: #VALUE! for inputs, #NUM! for results, each with the accepted range', () => {
    error(bundle.call('DMARGIN', 'J4', '1-A-1', 1e9), VALUE, /^price: expected a price above 0 and at most 200/);
    error(bundle.call('YIELD', 'J4', '1-A-2', '1-00'), NUM, /^price: 1-00 implies a yield of 673\.\d+%, outside the -100% to 100%/);
    error(bundle.call('PRICE', 'J4', '1-A-2', -50), NUM, /^measure: -50% implies a price of 3\d\d\.\d+, outside the 0 to 200/);
    error(bundle.call('PRICE', 'J4', '1-A-2', -150), VALUE, /^measure: expected a yield from -100% to 100%/);
    error(bundle.call('PRICE', 'J4', '1-A-1', 1e6), VALUE, /^measure: expected a discount margin from -1000 to 10000 bp/);
    error(bundle.call('QUOTE', 1e308), VALUE, /^value: expected a price above 0 and at most 200/);
    error(bundle.call('AIONOTIONAL', 'J4', '1-A-IO', 22), NA, /^period: the A-IO notional schedules end after period 21/);
    error(bundle.call('AIONOTIONAL', 'J4', '1-A-IO', 1e9), VALUE, /^period: expected a whole period from 1 to 1200/);
    error(bundle.call('NETRATECAP', 'J4', '2-A', 1e9), VALUE, /^period: expected a whole period from 1 to 1200/);
    error(bundle.call('PPCCPR', 1e9, 12), VALUE, /^percentPPC: expected a speed from 0 to 416\.66 \(% of PPC/);
    expect(num(bundle.call('PPCCPR', 400, 12))).toBeCloseTo(96, 12);
  });
});

describe('7. dates in spills as Excel date serials; coupons at the quoted precision', () => {
  const serial = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25569;

  test('CASHFLOWS: pay dates as serials with a header that says so; coupons at 3 decimals even on the forward curve', () => {
    const t = bundle.call('CASHFLOWS', 'Impac 2004-1', 'A-1', 100, 'call', [['CURVE', 'forward']]) as (string | number)[][];
    expect(t[0][1]).toBe('Pay date (Excel date serial)');
    expect(t[1][1]).toBe(serial('2004-02-25'));
    for (const row of t.slice(1)) expect(Math.round(Number(row[6]) * 1000)).toBeCloseTo(Number(row[6]) * 1000, 9);
  });

  test('WINDOW and DECREMENT', () => {
    expect(bundle.call('WINDOW', 'J4', '1-A-1', 100, 'auction')).toEqual([['First principal (Excel date serial)', 'Last principal (Excel date serial)'], [serial('2004-05-25'), serial('2006-02-25')]]);
    const d = bundle.call('DECREMENT', 'J4', '1-A-3', [[100]]) as (string | number)[][];
    expect(d[0][1]).toBe('Date (Excel date serial; year 0: settlement)');
    expect(d[1][1]).toBe(serial('2004-04-30'));
    expect(d[2][1]).toBe(serial('2005-04-25'));
  });
});

describe('docs/functions.md gives the units of every argument', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/functions.md'), 'utf8');
  // the shared arguments (deal, className, price, speed, horizon, scenario) have their units in one table
  const shared = doc.split('## Functions')[0];
  test.each(bundle.metadata.map((f) => f.id))('%s: a section of its own, every argument in it or in the shared table', (id) => {
    const meta = bundle.metadata.find((f) => f.id === id);
    const section = doc.split(/\n### /).find((s) => s.startsWith(`${id}(`));
    expect(section).toBeDefined();
    for (const p of meta?.parameters ?? []) expect(`${section}\n${shared}`).toMatch(new RegExp(`\`${p.name}\``));
  });
});
