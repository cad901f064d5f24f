import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { CWALT_J4_PPC, MAX_PERIODS, rampCprVector } from '../../src/analytics/prepayment';
import { MAX_TEXT, expandVector, parseVector, vectorToArray } from '../../src/analytics/vector';

function errorOf(run: () => unknown): EngineError {
  try {
    run();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('vector strings (Bloomberg semantics as emulated by bubble501/CLOModel BloombergVector::UnpackVector)', () => {
  it('"8 12R 24": starts at 8, ramps over 12 periods, reaches 24 in period 13, then flat', () => {
    const v = vectorToArray('8 12R 24', 40);
    expect(v[0]).toBe(8);
    expect(v[1]).toBeCloseTo(8 + 16 / 12, 12);
    expect(v[11]).toBeCloseTo(8 + (16 * 11) / 12, 12);
    expect(v[12]).toBe(24);
    expect(v[39]).toBe(24);
    expect(parseVector('8 12R 24').values.length).toBe(13);
  });

  it('"6 3R 10 24R 30": chained ramps, each from the previous value to the next', () => {
    const v = vectorToArray('6 3R 10 24R 30', 30);
    expect(Array.from(v.subarray(0, 4))).toEqual([6, expect.closeTo(6 + 4 / 3, 12), expect.closeTo(6 + 8 / 3, 12), 10]);
    expect(v[4]).toBeCloseTo(10 + 20 / 24, 12);
    expect(v[26]).toBeCloseTo(10 + (20 * 23) / 24, 12);
    expect(v[27]).toBe(30);
    expect(v[29]).toBe(30);
  });

  it('"8 9 10": one value a period, the last held', () => {
    expect(Array.from(vectorToArray('8 9 10', 5))).toEqual([8, 9, 10, 10, 10]);
    expect(Array.from(vectorToArray('8 1S 9 1S 10', 5))).toEqual([8, 9, 10, 10, 10]);
  });

  it('"10 12S 20": a step holds 10 for 12 periods, then 20', () => {
    const v = vectorToArray('10 12S 20', 14);
    expect(Array.from(v)).toEqual([...Array<number>(12).fill(10), 20, 20]);
  });

  it('mixes steps, ramps and bare values; R and S in any case; spaces of any kind', () => {
    expect(Array.from(vectorToArray(' 5\t2s 10  2r 20 \n 30 ', 8))).toEqual([5, 5, 10, 15, 20, 30, 30, 30]);
  });

  it('a single value is a flat speed; decimals are allowed', () => {
    expect(Array.from(vectorToArray('25', 3))).toEqual([25, 25, 25]);
    expect(Array.from(vectorToArray('0.5 .25 7.', 3))).toEqual([0.5, 0.25, 7]);
    expect(Array.from(vectorToArray('0', 2))).toEqual([0, 0]);
  });

  it('"8 11R 24" is 100% PPC of CWALT 2004-J4 by deal period (term sheet: 8% in month 1 to 24% in month 12)', () => {
    const vector = vectorToArray('8 11R 24', 24);
    const ppc = rampCprVector({ curve: CWALT_J4_PPC, pctOfPricing: 100, periods: 24, indexing: 'dealPeriod' });
    for (let k = 0; k < 24; k++) expect(vector[k]).toBeCloseTo(ppc[k], 12);
  });

  it('truncates to a shorter horizon', () => {
    expect(Array.from(vectorToArray('8 12R 24', 2))).toEqual([8, expect.closeTo(8 + 16 / 12, 12)]);
  });

  it('names the term and says what was expected', () => {
    expect(errorOf(() => parseVector('8 R 24')).message).toBe(
      'speed: expected a vector such as "8 12R 24", got "8 R 24": term 2 "R" needs a period count, as in 12R',
    );
    const cases: Array<[string, string]> = [
      ['12R 8', 'term 1 "12R" must follow a starting value'],
      ['8 12R', 'the period count "12R" at the end needs a value after it'],
      ['8 12R 12S 10', 'term 3 "12S" follows the period count "12R"'],
      ['8 0R 24', 'term 2 "0R" counts no periods'],
      ['-5', 'term 1 "-5" is negative'],
      ['8 12R -2', 'term 3 "-2" is negative'],
      ['+5', 'has a sign'],
      ['101', 'term 1 "101" is above 100'],
      ['8 12R 100.5', 'term 3 "100.5" is above 100'],
      ['NaN', 'term 1 "NaN" is not a number or a period count'],
      ['1e2', 'term 1 "1e2" is not a number'],
      ['8 12X 24', 'term 2 "12X" is not a number'],
      ['8,9,10', 'separate the terms with spaces'],
      ['', 'the text is empty'],
      ['   ', 'the text is empty'],
    ];
    for (const [text, fragment] of cases) {
      const error = errorOf(() => parseVector(text));
      expect(error.field).toBe('speed');
      expect(error.message).toContain('expected a vector such as "8 12R 24"');
      expect(error.message).toContain(fragment);
    }
  });

  it('uses the caller\'s field name and bound (a CDR or severity vector)', () => {
    const error = errorOf(() => vectorToArray('5 12R x', 10, { field: 'cdr' }));
    expect(error.message).toMatch(/^cdr: expected a vector/);
    expect(() => parseVector('150', { field: 'severity', max: 100 })).toThrow('severity:');
    expect(Array.from(vectorToArray('150', 1, { max: 200 }))).toEqual([150]);
  });

  it('bounds what hostile input can allocate', () => {
    expect(parseVector(`8 ${MAX_PERIODS}R 24`).values.length).toBe(MAX_PERIODS + 1);
    expect(() => parseVector(`8 ${MAX_PERIODS + 1}R 24`)).toThrow(`past ${MAX_PERIODS} periods`);
    expect(() => parseVector('8 99999999999999999999R 24')).toThrow(EngineError);
    expect(() => parseVector('1 '.repeat(MAX_PERIODS + 2))).toThrow(`past ${MAX_PERIODS} periods`);
    expect(() => parseVector('1 '.repeat(MAX_TEXT))).toThrow(`longer than ${MAX_TEXT} characters`);
    expect(() => parseVector('8 600S 9 601S 10')).toThrow('term 4 "601S" takes the vector past 1200 periods');
    expect(() => expandVector(parseVector('8'), MAX_PERIODS + 1)).toThrow('periods: expected a whole number of periods from 1 to 1200');
    expect(() => expandVector(parseVector('8'), 0)).toThrow(EngineError);
    expect(() => expandVector(parseVector('8'), 2.5)).toThrow(EngineError);
  });

  it('expands any valid vector to finite values within [0, 100], ramps between their endpoints (property)', () => {
    const term = fc.tuple(fc.constantFrom('R', 'S', ''), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1000 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(term, { maxLength: 8 }), fc.integer({ min: 1, max: 300 }), (start, terms, periods) => {
        const text = [String(start / 10), ...terms.map(([kind, n, v]) => (kind === '' ? `${v / 10}` : `${n}${kind} ${v / 10}`))].join(' ');
        const values = vectorToArray(text, periods);
        expect(values.length).toBe(periods);
        const explicit = 1 + terms.reduce((sum, [kind, n]) => sum + (kind === '' ? 1 : n), 0);
        expect(parseVector(text).values.length).toBe(explicit);
        for (const v of values) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
        const last = terms.length === 0 ? start / 10 : terms[terms.length - 1][2] / 10;
        if (periods >= explicit) expect(values[periods - 1]).toBe(last);
      }),
    );
  });
});
