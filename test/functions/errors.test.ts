/**
 * Issue 11: every error case of the deal functions, through the built bundle, with its message
 * (excel.md §4: a malformed argument → #VALUE! naming the argument; something that does not
 * exist → #N/A; never a raw throw, never a silent 0). Also: omitted (null) and blank arguments
 * take the pricing assumptions.
 */
import { ErrorCode, FakeCustomFunctionsError, loadFunctionsBundle } from '../support/excelBundle';

const bundle = loadFunctionsBundle();
const VALUE = ErrorCode.invalidValue;
const NA = ErrorCode.notAvailable;

/** Asserts the cell got this Excel error, with a message matching `message`. */
function expectError(result: unknown, code: string, message: RegExp): void {
  if (!(result instanceof FakeCustomFunctionsError)) throw new Error(`expected ${code} ${message}, the cell got ${JSON.stringify(result)}`);
  expect(result.code).toBe(code);
  expect(result.message).toMatch(message);
}

/** Every deal-taking function called with a deal and class, other arguments valid. */
const CALLS: Record<string, (deal: unknown, cls: unknown) => unknown> = {
  DMARGIN: (d, c) => bundle.call('DMARGIN', d, c),
  YIELD: (d, c) => bundle.call('YIELD', d, c),
  PRICE: (d, c) => bundle.call('PRICE', d, c, 3),
  WAL: (d, c) => bundle.call('WAL', d, c),
  MDUR: (d, c) => bundle.call('MDUR', d, c),
  WINDOW: (d, c) => bundle.call('WINDOW', d, c),
  AIONOTIONAL: (d, c) => bundle.call('AIONOTIONAL', d, c, 1),
  NETRATECAP: (d, c) => bundle.call('NETRATECAP', d, c, 1),
  CASHFLOWS: (d, c) => bundle.call('CASHFLOWS', d, c),
  DECREMENT: (d, c) => bundle.call('DECREMENT', d, c, [[100]]),
};

describe('deal and class', () => {
  it.each(Object.keys(CALLS))('%s: an unknown deal is #N/A listing the deals', (id) => {
    expectError(CALLS[id]('CWALT 2005-J9', '1-A-1'), NA, /^deal: no deal "CWALT 2005-J9"; available: CWALT 2004-J4, Impac CMB 2004-1$/);
  });

  it('CLASSES: an unknown deal is #N/A listing the deals', () => {
    expectError(bundle.call('CLASSES', 'J5'), NA, /deal: no deal "J5"; available: CWALT 2004-J4, Impac CMB 2004-1/);
  });

  it.each(Object.keys(CALLS))('%s: an unknown class is #N/A listing the classes, on both deals', (id) => {
    expectError(CALLS[id]('J4', '1-A-9'), NA, /^class: CWALT 2004-J4 has no class 1-A-9; try 1-A-1, 1-A-2, 1-A-3, 1-A-4, 1-A-5, 1-A-6, 1-A-IO, 2-A, 2-A-IO, M-1, M-2, B$/);
    expectError(CALLS[id]('Impac 2004-1', 'M-5'), NA, /^class: Impac CMB 2004-1 has no class M-5; try A-1, A-2, M-1, M-2, M-3, M-4$/);
  });

  it.each(Object.keys(CALLS))('%s: a blank or missing deal or class is #VALUE! naming it', (id) => {
    for (const blank of [null, '', '   ', [['']]]) {
      expectError(CALLS[id](blank, '1-A-1'), VALUE, /^deal: expected a deal name such as CWALT 2004-J4, Impac CMB 2004-1, got nothing$/);
      expectError(CALLS[id]('J4', blank), VALUE, /^class: expected a class of CWALT 2004-J4 \(1-A-1, .*\), got nothing$/);
    }
  });

  it('a deal or class that is not text, or a range of several cells, is #VALUE! naming it', () => {
    expectError(bundle.call('WAL', 4, '1-A-1'), VALUE, /^deal: expected a deal name/);
    expectError(bundle.call('WAL', true, '1-A-1'), VALUE, /^deal: expected a deal name/);
    expectError(bundle.call('WAL', [['J4', 'Impac']], '1-A-1'), VALUE, /^deal: expected a single value, got a range$/);
    expectError(bundle.call('WAL', 'J4', [['1-A-1'], ['1-A-2']]), VALUE, /^class: expected a single value, got a range$/);
    expectError(bundle.call('WAL', 'J4', 13), VALUE, /^class: expected a class of CWALT 2004-J4/);
    expectError(bundle.call('WAL', { deal: 'J4' }, '1-A-1'), VALUE, /^deal: expected a number or text, got object$/);
  });
});

describe('malformed arguments are #VALUE! naming the argument', () => {
  it('horizon', () => {
    for (const id of ['WAL', 'WINDOW', 'CASHFLOWS']) expectError(bundle.call(id, 'J4', '1-A-3', 100, 'forever'), VALUE, /^horizon: expected "call" \(or the deal's word, "auction"\) or "maturity", got "forever"$/);
    expectError(bundle.call('DMARGIN', 'J4', '1-A-1', null, null, 'someday'), VALUE, /^horizon: /);
    expectError(bundle.call('WAL', 'J4', '1-A-3', 100, 7), VALUE, /^horizon: expected text, got 7$/);
    expectError(bundle.call('WAL', 'J4', '1-A-3', 100, true), VALUE, /^horizon: expected text, got true$/);
  });

  it('price text that is not a price', () => {
    for (const [id, cls] of [['DMARGIN', '1-A-1'], ['YIELD', '1-A-2'], ['MDUR', '1-A-3']]) {
      expectError(bundle.call(id, 'J4', cls, '99-33'), VALUE, /^price: expected 32nds from 00 to 31 after the "-" \(as in 99-24\), got "99-33"$/);
      expectError(bundle.call(id, 'J4', cls, 'par'), VALUE, /^price: expected a price such as 100-00, 99-24\+, 99-246 or 101\.25, got "par"$/);
      expectError(bundle.call(id, 'J4', cls, '99.5.5'), VALUE, /^price: expected a price/);
      expectError(bundle.call(id, 'J4', cls, 0), VALUE, /^price: expected a positive price/);
      expectError(bundle.call(id, 'J4', cls, -101), VALUE, /^price: expected a positive price/);
      expectError(bundle.call(id, 'J4', cls, true), VALUE, /^price: expected a price such as 100-00, 99-24\+ or 101\.25, got true$/);
      expectError(bundle.call(id, 'J4', cls, [['99-16', '99-20']]), VALUE, /^price: expected a single value, got a range$/);
    }
  });

  it('a price no cash flow can reach is #VALUE!, not a number', () => {
    expectError(bundle.call('DMARGIN', 'J4', '1-A-1', 1e300), VALUE, /^price: expected a price above 0 and at most 200/);
    expectError(bundle.call('DMARGIN', 'J4', '1-A-1', 0.01), VALUE, /no solution/);
  });

  it('negative, too large or non-numeric speed', () => {
    for (const id of ['WAL', 'CASHFLOWS', 'WINDOW']) {
      expectError(bundle.call(id, 'J4', '1-A-3', -5), VALUE, /^speed: expected a speed from 0 to 400 \(% of the pricing speed; 100% is 100% PPC \(fixed, group 1\), 25% CPR \(hybrid ARMs, group 2\)\) or a vector such as "8 12R 24", got -5$/);
      expectError(bundle.call(id, 'J4', '1-A-3', [[-5]]), VALUE, /^speed: expected a speed from 0 to 400/);
      expectError(bundle.call(id, 'Impac 2004-1', 'A-1', '-5'), VALUE, /^speed: expected a speed from 0 to 333 \(% of the pricing speed; 100% is 30% CPR\)/);
      expectError(bundle.call(id, 'J4', '1-A-3', 1e6), VALUE, /^speed: expected a speed from 0 to 400/);
      // Beyond 100% CPR for the deal's pricing speed: the deal's real limit, named after the argument typed (issue 17).
      expectError(bundle.call(id, 'J4', '1-A-3', 500), VALUE, /^speed: expected a speed from 0 to 400 .*got 500; above 400% some loans would prepay more than 100% CPR$/);
      expectError(bundle.call(id, 'Impac 2004-1', 'A-1', 400), VALUE, /^speed: expected a speed from 0 to 333 /);
      expectError(bundle.call(id, 'J4', '1-A-3', 'fast'), VALUE, /^speed: expected a vector such as "8 12R 24", got "fast"/);
      expectError(bundle.call(id, 'J4', '1-A-3', true), VALUE, /^speed: expected a speed \(% of the pricing speed\) or a vector such as "8 12R 24", got true$/);
      expectError(bundle.call(id, 'J4', '1-A-3', [[10], ['x'], [20]]), VALUE, /^speed: expected a range of speeds \(numbers, % of the pricing speed\) or a range headed CPR, got "x" in cell 2$/);
      expectError(bundle.call(id, 'J4', '1-A-3', [['CPR'], [10], [120]]), VALUE, /^speed: expected CPRs from 0 to 100 after the CPR label, got 120 at position 2$/);
      expectError(bundle.call(id, 'J4', '1-A-3', [[NaN]]), VALUE, /^speed: /);
    }
    expectError(bundle.call('WAL', 'J4', '1-A-3', [[10, Object.create(null)]]), VALUE, /^speed: expected a range of speeds \(numbers, % of the pricing speed\) or a range headed CPR, got object in cell 2$/);
    expectError(bundle.call('DMARGIN', 'J4', '1-A-1', null, -5), VALUE, /^speed: /);
    expectError(bundle.call('NETRATECAP', 'J4', '2-A', 3, -5), VALUE, /^speed: /);
    expectError(bundle.call('DECREMENT', 'J4', '1-A-3', [[-5]]), VALUE, /^speeds: expected 1 to 20 speeds of 0 or more$/);
    expectError(bundle.call('DECREMENT', 'J4', '1-A-3', [['fast']]), VALUE, /^speeds: expected speeds of 0 or more, got "fast"$/);
    expectError(bundle.call('DECREMENT', 'J4', '1-A-3', [Array.from({ length: 21 }, (_, k) => k * 10)]), VALUE, /^speeds: expected 1 to 20 speeds/);
  });

  it('a CPR vector too long for the deal, or with a bad term', () => {
    expectError(bundle.call('WAL', 'J4', '1-A-3', [['CPR'], ...Array.from({ length: 10_000 }, () => [10])]), VALUE, /^speed: expected a CPR vector of 1 to \d+ values, got 10000$/);
    expectError(bundle.call('WAL', 'J4', '1-A-3', '8 12X 24'), VALUE, /^speed: expected a vector such as "8 12R 24"/);
  });

  it('PRICE without a numeric measure', () => {
    expectError(bundle.call('PRICE', 'J4', '1-A-2', null), VALUE, /^measure: expected a yield in percent, got nothing$/);
    expectError(bundle.call('PRICE', 'J4', '1-A-1', 'wide'), VALUE, /^measure: expected a discount margin in bp, got "wide"$/);
    expectError(bundle.call('PRICE', 'J4', '1-A-2', -300), VALUE, /^measure: expected a yield from -100% to 100%, got -300$/);
  });
});

describe('malformed scenario ranges are #VALUE! naming the scenario', () => {
  const wal = (range: unknown) => bundle.call('WAL', 'J4', '1-A-3', null, null, range);

  it('three columns, or one', () => {
    expectError(wal([['CDR', 2, 3]]), VALUE, /^scenario: expected two columns \(name \| value\), got 3$/);
    expectError(wal([['CDR', 2], ['SEVERITY', 35, 'x']]), VALUE, /^scenario: expected two columns/);
    expectError(wal([['CDR'], ['SEVERITY']]), VALUE, /^scenario: expected two columns \(name \| value\), got 1$/);
    expectError(wal('CDR'), VALUE, /^scenario: expected a two-column range of names and values/);
  });

  it('an unknown name lists the known ones, with its row', () => {
    expectError(wal([['CDR', 2], ['LIBOR', 1.5]]), VALUE, /^scenario: row 2: unknown name "LIBOR"; expected one of LIBOR_1M, LIBOR_6M, LIBOR_12M, CMT_1Y, SHIFT_BP, .*CDR, SEVERITY, LAG.*VECTOR/);
    expectError(wal([[42, 1]]), VALUE, /^scenario: row 1: unknown name 42/);
  });

  it('a value that is not a number, or is missing', () => {
    expectError(wal([['CDR', 'lots']]), VALUE, /^scenario: row 1 \(CDR\): expected a number, got "lots"$/);
    expectError(wal([['LIBOR_1M', true]]), VALUE, /^scenario: row 1 \(LIBOR_1M\): expected a number, got true$/);
    expectError(wal([['SHIFT_BP', 'Infinity']]), VALUE, /^scenario: row 1 \(SHIFT_BP\): expected a number/);
    expectError(wal([['LIBOR_1M', '0x10']]), VALUE, /^scenario: row 1 \(LIBOR_1M\): expected a number, got "0x10"$/);
    expectError(wal([['SEVERITY', null]]), VALUE, /^scenario: row 1 \(SEVERITY\): expected a value, got nothing$/);
    expectError(wal([['DERIVATIVES', 'maybe']]), VALUE, /^scenario: row 1 \(DERIVATIVES\): expected ON or OFF/);
  });

  it('a cell that is neither text nor a number (not something Excel sends, but never a crash)', () => {
    expectError(wal([['CDR', { toString: () => { throw new Error('boom'); } }]]), VALUE, /^scenario: row 1: expected a name and a value \(text or numbers\), got object$/);
    expectError(wal([[Object.create(null), 2]]), VALUE, /^scenario: row 1: expected a name and a value/);
  });

  it('a value out of range or not one of the choices still names the scenario', () => {
    expectError(wal([['CDR', 150]]), VALUE, /^scenario: cdr: expected a CDR in percent from 0 to 100, got 150$/);
    expectError(wal([['LAG', 3.5]]), VALUE, /^scenario: lagMonths: expected whole months, got 3.5$/);
    expectError(wal([['CURVE', 'steep']]), VALUE, /^scenario: curve: expected "flat" or "forward", got "steep"$/);
    expectError(wal([['WAL_BASIS', 'act/366']]), VALUE, /^scenario: walBasis: /);
    expectError(wal([['VECTOR', 'abc']]), VALUE, /^scenario: speed: expected a vector such as "8 12R 24", got "abc"/);
    expectError(wal([['SPEED', -5]]), VALUE, /^scenario: SPEED: expected a speed from 0 to 400/);
  });

  it('CURVE forward runs on both deals (issue 17: CWALT has its April 2004 forward curve)', () => {
    expect(typeof wal([['CURVE', 'forward']])).toBe('number');
  });
});

describe('values that do not exist are #N/A', () => {
  it('YIELD of a floater suggests DMARGIN; DMARGIN of a fixed class suggests YIELD', () => {
    expectError(bundle.call('YIELD', 'J4', '1-A-1'), NA, /^class: 1-A-1 is quoted by DM, not Yield; use CWALT\.DMARGIN/);
    expectError(bundle.call('YIELD', 'Impac 2004-1', 'M-3', '100-00'), NA, /^class: M-3 is quoted by DM, not Yield; use CWALT\.DMARGIN/);
    expectError(bundle.call('DMARGIN', 'J4', '1-A-2'), NA, /^class: 1-A-2 is quoted by Yield, not DM; use CWALT\.YIELD/);
  });

  it('the interest-only classes have no DM or rate cap (issue 17: yield, price, MDUR, WAL and window of the notional they have)', () => {
    expectError(bundle.call('DMARGIN', 'J4', '1-A-IO', '1-16'), NA, /^class: 1-A-IO is quoted by Yield, not DM; use CWALT\.YIELD/);
    for (const id of ['WAL', 'PRICE']) expect(typeof bundle.call(id, 'J4', '2-A-IO', 3)).toBe('number');
    expect(bundle.call('WINDOW', 'J4', '1-A-IO')).toEqual([['First principal (Excel date serial)', 'Last principal (Excel date serial)'], [38132, 38742]]);
    expectError(bundle.call('NETRATECAP', 'J4', '1-A-IO', 3), NA, /^class: 1-A-IO has no rate cap$/);
  });

  it('AIONOTIONAL of a class without a notional schedule', () => {
    expectError(bundle.call('AIONOTIONAL', 'J4', '1-A-1', 1), NA, /^class: 1-A-1 of CWALT 2004-J4 has no notional schedule$/);
    expectError(bundle.call('AIONOTIONAL', 'Impac 2004-1', 'A-1', 1), NA, /has no notional schedule/);
  });

  it('a period out of range: past the run is #N/A, not a whole period ≥ 1 is #VALUE!', () => {
    expectError(bundle.call('NETRATECAP', 'J4', '2-A', 999), NA, /^period: the run has \d+ periods; got 999$/);
    expectError(bundle.call('NETRATECAP', 'Impac 2004-1', 'A-1', 400), NA, /^period: the run has \d+ periods; got 400$/);
    for (const bad of [0, -1, 1.5]) {
      expectError(bundle.call('NETRATECAP', 'J4', '2-A', bad), VALUE, /^period: expected a whole period from 1 to 1200, got /);
      expectError(bundle.call('AIONOTIONAL', 'J4', '1-A-IO', bad), VALUE, /^period: expected a whole period from 1 to 1200, got /);
    }
    for (const bad of [null, '', 'first', true, NaN, Infinity]) {
      expectError(bundle.call('NETRATECAP', 'J4', '2-A', bad), VALUE, /^period: expected a distribution period, 1 or more, got /);
      expectError(bundle.call('AIONOTIONAL', 'J4', '1-A-IO', bad), VALUE, /^period: expected a distribution period, 1 or more, got /);
    }
    expect(bundle.call('NETRATECAP', 'J4', '2-A', '12')).toBe(bundle.call('NETRATECAP', 'J4', '2-A', 12)); // numeric text is a number
  });

  it('NETRATECAP after the class is paid off is #N/A, never a silent 0', () => {
    // 1-A-1 retires in period 22 at 100% PPC (its printed window is May-04 to Feb-06)
    expect(typeof bundle.call('NETRATECAP', 'J4', '1-A-1', 22)).toBe('number');
    expectError(bundle.call('NETRATECAP', 'J4', '1-A-1', 23), NA, /^period: no cap in period 23: the class is retired$/);
    // after the auction every class is retired
    expectError(bundle.call('NETRATECAP', 'J4', 'B', 300), NA, /the class is retired/);
  });

  it('a class that receives no cash in the scenario is #N/A for every measure', () => {
    const range = [['CDR', 50], ['SEVERITY', 100]];
    for (const id of ['WAL', 'WINDOW']) expectError(bundle.call(id, 'J4', 'B', 100, 'maturity', range), NA, /^(class: B receives no cash|principal: )/);
  });
});

describe('omitted (null) and blank arguments take the pricing assumptions', () => {
  it('DMARGIN, YIELD, MDUR: null / blank price = 100-00, speed = 100, horizon = call, no scenario', () => {
    for (const [id, cls] of [['DMARGIN', '1-A-1'], ['YIELD', '1-A-3'], ['MDUR', 'M-1']]) {
      const explicit = bundle.call(id, 'J4', cls, '100-00', 100, 'auction', null);
      expect(typeof explicit).toBe('number');
      expect(bundle.call(id, 'J4', cls)).toBe(explicit);
      expect(bundle.call(id, 'J4', cls, null, null, null, null)).toBe(explicit);
      expect(bundle.call(id, 'J4', cls, '', '', '', '')).toBe(explicit);
      expect(bundle.call(id, 'J4', cls, '  ', [['']], [[null]], [[null]])).toBe(explicit);
      expect(bundle.call(id, 'J4', cls, undefined, undefined, undefined, undefined)).toBe(explicit);
    }
  });

  it('WAL, WINDOW, CASHFLOWS, NETRATECAP, DECREMENT with omitted optionals', () => {
    expect(bundle.call('WAL', 'Impac 2004-1', 'M-2')).toBe(bundle.call('WAL', 'Impac 2004-1', 'M-2', 100, 'call', null));
    expect(bundle.call('WINDOW', 'Impac 2004-1', 'M-2', '', '')).toEqual(bundle.call('WINDOW', 'Impac 2004-1', 'M-2', 100, 'call'));
    expect(bundle.call('CASHFLOWS', 'J4', '1-A-2', null, null, [[null, null], ['', '']])).toEqual(bundle.call('CASHFLOWS', 'J4', '1-A-2', 100, 'auction'));
    expect(bundle.call('NETRATECAP', 'J4', '2-A', 4, null, null)).toBe(bundle.call('NETRATECAP', 'J4', '2-A', 4, 100));
    expect(bundle.call('DECREMENT', 'J4', '1-A-3', null)).toEqual(bundle.call('DECREMENT', 'J4', '1-A-3', [[0, 80, 100, 120, 150]]));
    expect(bundle.call('DECREMENT', 'J4', '1-A-3', [[100, null, '']])).toEqual(bundle.call('DECREMENT', 'J4', '1-A-3', [[100]]));
  });

  it('desktop Excel passes a blank speed cell as 0: that is 0% of the pricing speed, a real speed', () => {
    expect(bundle.call('WAL', 'J4', '1-A-3', 0)).not.toBe(bundle.call('WAL', 'J4', '1-A-3', null));
  });
});

describe('no cell ever gets a raw throw or a silent 0', () => {
  it('every error above is a CustomFunctions.Error with #VALUE! or #N/A and a message', () => {
    const results = [
      bundle.call('WAL', 'nope', 'x'),
      bundle.call('DMARGIN', 'J4', '1-A-1', '99-33'),
      bundle.call('CLASSES', null),
      bundle.call('CLASSES', [['J4', 'x']]),
      bundle.call('AIONOTIONAL', 'J4', '1-A-IO', 'x'),
      bundle.call('WAL', 'J4', 'B', 100, 'maturity', [['CDR', 50], ['SEVERITY', 100]]),
    ];
    for (const r of results) {
      expect(r).toBeInstanceOf(FakeCustomFunctionsError);
      expect([VALUE, NA]).toContain((r as FakeCustomFunctionsError).code);
      expect((r as FakeCustomFunctionsError).message.length).toBeGreaterThan(10);
    }
  });
});
