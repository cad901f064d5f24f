import Decimal from 'decimal.js';
import { EngineError } from '../../src/errors';
import { canonicalPrice, formatPrice32, isExact32nds, parsePrice } from '../../src/analytics/quote';

function expectPriceError(input: string | number, fragment: string): void {
  let caught: unknown;
  try {
    parsePrice(input);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(EngineError);
  const error = caught as EngineError;
  expect(error.field).toBe('price');
  expect(error.kind).toBe('invalid');
  expect(error.message).toContain(fragment);
}

/** Independent spelling of the canonical quote for handle h, 32nds t, eighths e. */
function canonical(h: number, t: number, e: number): string {
  const tail = e === 0 ? '' : e === 4 ? '+' : String(e);
  return `${h}-${t < 10 ? `0${t}` : t}${tail}`;
}

describe('parsePrice (conventions.md §5)', () => {
  it.each([
    ['100-00', '100'],
    ['99-24', '99.75'],
    ['99-24+', '99.765625'],
    ['99-244', '99.765625'],
    ['99-246', '99.7734375'],
    ['99-241', '99.75390625'],
    ['101-31+', '101.984375'],
    ['101.25', '101.25'],
    ['104.125000', '104.125'],
    ['  99-16 ', '99.5'],
  ])('reads %s as %s exactly', (text, expected) => {
    expect(parsePrice(text).equals(new Decimal(expected))).toBe(true);
  });

  it('reads numbers as decimals', () => {
    expect(parsePrice(101.25).toString()).toBe('101.25');
    expect(parsePrice(99.1).toString()).toBe('99.1');
  });

  it('says what was expected for malformed quotes', () => {
    expectPriceError('99-32', 'expected 32nds from 00 to 31');
    expectPriceError('99-248', 'third digit from 0 to 7');
    expectPriceError('99-8', 'two digits of 32nds');
    expectPriceError('99-8+', 'two digits of 32nds');
    expectPriceError('', 'got an empty text');
    expectPriceError('   ', 'got an empty text');
    expectPriceError('abc', 'expected a price such as 100-00, 99-24+, 99-246 or 101.25, got "abc"');
    expectPriceError('99 - 24', 'got "99 - 24"');
    expectPriceError('99.5.5', 'got "99.5.5"');
    expectPriceError('1e2', 'got "1e2"');
    expectPriceError('-99-00', 'expected a positive price');
    expectPriceError('-5', 'expected a positive price');
    expectPriceError('0-00', 'expected a positive price');
    expectPriceError('0.000', 'expected a positive price');
    expectPriceError(0, 'expected a positive price');
    expectPriceError(-1, 'expected a positive price');
    expectPriceError(Number.NaN, 'got NaN');
    expectPriceError(Number.POSITIVE_INFINITY, 'got Infinity');
    expectPriceError('9'.repeat(200), 'a text of 200 characters');
  });

  it('rejects non-text input from loosely typed callers', () => {
    expect(() => parsePrice(null as unknown as string)).toThrow(EngineError);
    expect(() => parsePrice({} as unknown as string)).toThrow('price: expected a price such as');
  });
});

describe('formatPrice32', () => {
  it('writes whole 32nds, halves as "+" and other eighths as a third digit', () => {
    expect(formatPrice32(100)).toBe('100-00');
    expect(formatPrice32('99.75')).toBe('99-24');
    expect(formatPrice32('99.765625')).toBe('99-24+');
    expect(formatPrice32('99.7734375')).toBe('99-246');
    expect(formatPrice32(new Decimal('101.984375'))).toBe('101-31+');
  });

  it('rounds to the nearest 1/256, halves up', () => {
    expect(formatPrice32('99.001953124')).toBe('99-00');
    expect(formatPrice32('99.001953125')).toBe('99-001'); // exactly half of 1/256
    expect(formatPrice32('99.998046875')).toBe('100-00'); // carries into the handle
    expect(isExact32nds('99.001953125')).toBe(false);
    expect(isExact32nds('99.00390625')).toBe(true);
  });

  it('rejects negative and non-numeric prices', () => {
    expect(() => formatPrice32(-1)).toThrow('price: expected a non-negative price');
    expect(() => formatPrice32('abc')).toThrow('price: expected a number, got "abc"');
    expect(() => formatPrice32(Number.NaN)).toThrow(EngineError);
  });
});

describe('32nds round trip over every 1/256 from 90 to 110', () => {
  it('format → parse is exact for every price', () => {
    for (let units = 90 * 256; units <= 110 * 256; units++) {
      const price = new Decimal(units).div(256);
      const text = formatPrice32(price);
      expect(parsePrice(text).equals(price)).toBe(true);
    }
  });

  it('parse → format is the identity on canonical strings, and parse gives handle + (8·t + e)/256', () => {
    let count = 0;
    for (let h = 90; h <= 110; h++) {
      for (let t = 0; t < 32; t++) {
        for (let e = 0; e < 8; e++) {
          if (h === 110 && (t > 0 || e > 0)) continue;
          const text = canonical(h, t, e);
          const price = parsePrice(text);
          expect(price.equals(new Decimal(h).plus(new Decimal(8 * t + e).div(256)))).toBe(true);
          expect(formatPrice32(price)).toBe(text);
          count++;
        }
      }
    }
    expect(count).toBe(20 * 256 + 1);
  });
});

describe('canonicalPrice', () => {
  it('gives equal prices one text', () => {
    expect(canonicalPrice('101.25')).toBe('101-08');
    expect(canonicalPrice('101-08')).toBe('101-08');
    expect(canonicalPrice(101.25)).toBe('101-08');
    expect(canonicalPrice('99-244')).toBe('99-24+');
    expect(canonicalPrice('100')).toBe('100-00');
    expect(canonicalPrice('101.300')).toBe('101.3');
    expect(canonicalPrice(101.3)).toBe('101.3');
  });
});
