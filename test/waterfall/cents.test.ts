import fc from 'fast-check';
import { accrueCents, allocate, payProRata, paySequential, toCents } from '../../src/waterfall/cents';
import { EngineError } from '../../src/errors';

describe('toCents', () => {
  it('rounds half away from zero', () => {
    expect(toCents(1.005)).toBe(100); // 1.005 is 1.00499999... in binary
    expect(toCents(0.125)).toBe(13);
    expect(toCents(-0.125)).toBe(-13);
    expect(toCents(123456789.994)).toBe(12345678999);
  });
  it('rejects NaN and infinities', () => {
    expect(() => toCents(Number.NaN)).toThrow(EngineError);
    expect(() => toCents(Infinity)).toThrow(EngineError);
  });
});

describe('accrueCents', () => {
  it('is balance × rate × fraction in whole cents', () => {
    // $1,000,000 at 3.108% for a 30/360 month: 2,590.00
    expect(accrueCents(100_000_000, 3.108, 30 / 360)).toBe(259_000);
    // $297,832,000 at 1.35% for 25 actual days (Apr 30 - May 25, 2004): 279,217.50
    expect(accrueCents(29_783_200_000, 1.35, 25 / 360)).toBe(27_921_750);
    expect(accrueCents(0, 5, 1)).toBe(0);
  });
});

describe('allocate', () => {
  it('splits by weight and gives the leftover cents to the largest remainders, ties to the first', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(5, [0, 1, 1])).toEqual([0, 3, 2]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
  });
  it('rejects fractional cents and negative weights', () => {
    expect(() => allocate(1.5, [1])).toThrow(EngineError);
    expect(() => allocate(10, [-1, 2])).toThrow(EngineError);
  });
  it('shares add up to the total and stay within a cent of the exact split', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const shares = allocate(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return shares.every((x) => x === 0);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((s, i) => {
          expect(Number.isInteger(s)).toBe(true);
          expect(Math.abs(s - (total * weights[i]) / sum)).toBeLessThan(1 + 1e-6);
        });
        return true;
      }),
    );
  });
});

describe('payProRata / paySequential', () => {
  it('pays in order, each to its due', () => {
    expect(paySequential(150, [100, 100, 100])).toEqual([100, 50, 0]);
  });
  it('re-splits what a capped share cannot take', () => {
    expect(payProRata(100, [10, 1000], [1, 1])).toEqual([10, 90]);
  });
  it('never pays a share more than its due, and pays min(available, total due)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e8 }), { minLength: 1, maxLength: 8 }), (available, due) => {
        const paid = payProRata(available, due);
        paid.forEach((p, i) => expect(p).toBeLessThanOrEqual(due[i]));
        expect(paid.reduce((a, b) => a + b, 0)).toBe(Math.min(available, due.reduce((a, b) => a + b, 0)));
      }),
    );
  });
});
