/**
 * NETRATECAP and AIONOTIONAL pinned through the built bundle (dist/functions.js, loaded as Excel
 * loads it), for both deals at several periods. The first periods are worked by hand from the
 * term sheets (the arithmetic is in each test); the later ones are today's values at four
 * decimals (what a cell shows): a change to any of them is a change of results and must be named.
 * Build first: `npx webpack --mode production` (npm test does).
 */
import { FakeCustomFunctionsError, loadFunctionsBundle } from '../support/excelBundle';

const bundle = loadFunctionsBundle();

function num(value: unknown): number {
  if (typeof value === 'number') return value;
  const shown = value instanceof FakeCustomFunctionsError ? `${value.code} ${value.message}` : JSON.stringify(value);
  throw new Error(`expected a number, the cell got ${shown}`);
}

const cap = (deal: string, cls: string, period: number, ...rest: unknown[]) => num(bundle.call('NETRATECAP', deal, cls, period, ...rest));

describe('NETRATECAP, CWALT 2004-J4, worked by hand (p.6-7 "Net Rate Cap")', () => {
  // Period 1: group 1 WA Adjusted Net Mortgage Rate 6.231166218, group 2 5.416 (the calibrated pool);
  // A-IO notionals = the group balances (300,000,000 / 315,000,000, p.6) at 1.50%; floaters accrue
  // April 30 → May 25 = 25 days (p.4), so their caps are × 30/25.
  it('2-A, period 1: (5.416 − 1.50) × 30/25 = 4.6992', () => {
    expect(cap('J4', '2-A', 1)).toBeCloseTo(4.6992, 10);
  });

  it('1-A-1 (act/360), period 1: (6.231166218 − 1.50) × 30/25 = 5.67740; the fixed 1-A classes 4.73117 (30/360)', () => {
    expect(cap('J4', '1-A-1', 1)).toBeCloseTo(5.6773994616, 9);
    expect(cap('J4', '1-A-3', 1)).toBeCloseTo(4.731166218, 9);
    expect(cap('J4', '1-A-5', 1)).toBeCloseTo(4.731166218, 9);
  });

  it('subordinates, period 1: (16,350,000 × 4.731166218 + 17,168,000 × 3.916) / 33,518,000 × 30/25 = 5.17636', () => {
    for (const c of ['M-1', 'M-2', 'B']) expect(cap('J4', c, 1)).toBeCloseTo(5.176363351, 8);
  });

  it('period 2 (31 days): 2-A (5.416 − 1.50 × 291,745,922.65 / 307,436,181.40) × 30/31 = 3.86376; M-1 4.25417', () => {
    expect(cap('J4', '2-A', 2)).toBeCloseTo(((5.416 - (1.5 * 291_745_922.65) / 307_436_181.4) * 30) / 31, 6);
    expect(cap('J4', 'M-1', 2)).toBeCloseTo(4.25417, 5);
  });

  it('does not depend on 1M LIBOR (the cap is collateral less the A-IO strip): the same at LIBOR 5%', () => {
    expect(cap('J4', 'M-1', 2, 100, [['LIBOR_1M', 5]])).toBe(cap('J4', 'M-1', 2));
    expect(cap('J4', '2-A', 1, 100, [['LIBOR_1M', 5]])).toBeCloseTo(4.6992, 10);
  });
});

describe('NETRATECAP, Impac CMB 2004-1, worked by hand ("Available Funds Rate")', () => {
  it('period 1: Net Mortgage Rate 5.316279 × 1,000,000,040 / 1,000,000,000 × 30/27 (Jan 29 → Feb 25) = 5.90698', () => {
    expect(cap('Impac 2004-1', 'A-1', 1)).toBeCloseTo(((5.316278768 * 1_000_000_040) / 1_000_000_000) * (30 / 27), 6);
  });

  it('period 2: 5.313276 × 970,714,508.45 / 970,714,508.45 × 30/29 (Feb 25 → Mar 25, 2004 a leap year) = 5.49649', () => {
    expect(cap('Impac 2004-1', 'M-4', 2)).toBeCloseTo((5.313275502 * 30) / 29, 6);
  });

  it('period 4 at +1000 bp from period 2 on forward curves: 5.316755 × 30/29 = 5.50009 (receipts pay Basis Risk Amounts, not the cap)', () => {
    expect(cap('Impac 2004-1', 'A-1', 4, 100, [['CURVE', 'forward'], ['SHIFT_BP', 1000], ['SHIFT_FROM', 2]])).toBeCloseTo((5.316755324 * 30) / 29, 6);
  });
});

describe('NETRATECAP pinned at later periods (today\'s values, 4 dp; 100% of the pricing speed, pricing-date indices)', () => {
  const PINS: [deal: string, cls: string, period: number, value: number][] = [
    ['J4', '1-A-1', 3, 4.9008], ['J4', '1-A-1', 12, 5.2408],
    ['J4', '1-A-3', 12, 5.4155], ['J4', '1-A-3', 24, 6.2294], ['J4', '1-A-3', 37, 6.2282],
    ['J4', '1-A-5', 60, 6.226], ['J4', '1-A-5', 67, 6.2252],
    ['J4', '2-A', 3, 4.0652], ['J4', '2-A', 12, 4.4255], ['J4', '2-A', 24, 5.1254], ['J4', '2-A', 37, 4.6978], ['J4', '2-A', 60, 3.4348], ['J4', '2-A', 67, 3.4351],
    ['J4', 'M-1', 3, 4.4728], ['J4', 'M-1', 12, 4.8233], ['J4', 'M-1', 24, 5.5659], ['J4', 'M-2', 37, 5.4444], ['J4', 'B', 60, 4.74], ['J4', 'B', 67, 4.7478],
    ['Impac 2004-1', 'A-1', 3, 4.9401], ['Impac 2004-1', 'A-1', 4, 4.4749], ['Impac 2004-1', 'A-2', 12, 4.1989],
    ['Impac 2004-1', 'M-1', 24, 4.2351], ['Impac 2004-1', 'M-4', 46, 3.5811], ['Impac 2004-1', 'M-4', 47, 3.8521],
  ];
  it.each(PINS)('NETRATECAP("%s","%s",%d) = %d', (deal, cls, period, value) => {
    expect(Number(cap(deal, cls, period).toFixed(4))).toBe(value);
  });

  it('every Impac class has the same Available Funds Rate', () => {
    for (const p of [1, 4, 24, 47]) {
      const a1 = cap('Impac 2004-1', 'A-1', p);
      for (const c of ['A-2', 'M-1', 'M-2', 'M-3', 'M-4']) expect(cap('Impac 2004-1', c, p)).toBe(a1);
    }
  });
});

describe('AIONOTIONAL pinned at several periods', () => {
  // CWALT p.6 table: the scheduled notionals, printed to the cent; 0 from period 22 (rate "0").
  it.each([
    ['1-A-IO', 1, 300_000_000],
    ['1-A-IO', 2, 277_692_501.26],
    ['1-A-IO', 10, 149_628_658.86],
    ['1-A-IO', 21, 63_896_511.57],
    ['1-A-IO', 22, 0],
    ['1-A-IO', 60, 0],
    ['2-A-IO', 1, 315_000_000],
    ['2-A-IO', 2, 291_745_922.65],
    ['2-A-IO', 10, 157_954_407.79],
    ['2-A-IO', 21, 67_928_194.63],
    ['2-A-IO', 22, 0],
  ] as const)('AIONOTIONAL("J4","%s",%d) = %d', (cls, period, value) => {
    expect(num(bundle.call('AIONOTIONAL', 'J4', cls, period))).toBe(value);
  });

  it.each([1, 4, 47])('Impac has no notional class: AIONOTIONAL("Impac 2004-1","A-1",%d) is #N/A naming the class', (period) => {
    const v = bundle.call('AIONOTIONAL', 'Impac 2004-1', 'A-1', period);
    expect(v).toBeInstanceOf(FakeCustomFunctionsError);
    expect((v as FakeCustomFunctionsError).code).toBe('#N/A');
    expect((v as FakeCustomFunctionsError).message).toBe('class: A-1 of Impac CMB 2004-1 has no notional schedule');
  });
});
