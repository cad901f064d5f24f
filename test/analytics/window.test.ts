import fc from 'fast-check';
import { EngineError } from '../../src/errors';
import { principalWindow } from '../../src/analytics/window';

describe('principalWindow (conventions.md §8: first and last period with principal > 0, inclusive, 1-based)', () => {
  it('finds the first and last paying periods and counts the months between (CSFB "Principal # Months")', () => {
    expect(principalWindow([0, 0, 5, 3, 0, 2, 0])).toEqual({ firstPeriod: 3, lastPeriod: 6, months: 4 });
    expect(principalWindow([7])).toEqual({ firstPeriod: 1, lastPeriod: 1, months: 1 });
  });

  it('CSFB 2004-4 style window May04 – Sep11 is periods 1 – 89', () => {
    const principal = new Float64Array(120);
    principal.fill(1000, 0, 89);
    expect(principalWindow(principal)).toEqual({ firstPeriod: 1, lastPeriod: 89, months: 89 });
  });

  it('ignores principal at or below a threshold (float dust)', () => {
    expect(principalWindow([0.001, 5, 0.004, 0], 0.005)).toEqual({ firstPeriod: 2, lastPeriod: 2, months: 1 });
    expect(principalWindow([-3, 4, -1])).toEqual({ firstPeriod: 2, lastPeriod: 2, months: 1 });
  });

  it('has no window without principal (an IO class prints NA): EngineError, kind notAvailable', () => {
    let caught: unknown;
    try {
      principalWindow([0, 0]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).kind).toBe('notAvailable');
    expect(() => principalWindow([])).toThrow('no principal window');
    expect(() => principalWindow([1, Number.NaN])).toThrow('principal[1]: expected a finite number');
    expect(() => principalWindow([1], -1)).toThrow('minimumPrincipal: expected 0 or more');
  });

  it('bounds exactly the paying periods (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: -10, max: 1e6, noNaN: true })), { maxLength: 400 }), (principal) => {
        const paying = principal.map((p, i) => (p > 0 ? i + 1 : 0)).filter((k) => k > 0);
        if (paying.length === 0) {
          expect(() => principalWindow(principal)).toThrow(EngineError);
          return;
        }
        const w = principalWindow(principal);
        expect(w.firstPeriod).toBe(paying[0]);
        expect(w.lastPeriod).toBe(paying[paying.length - 1]);
        expect(w.months).toBe(w.lastPeriod - w.firstPeriod + 1);
      }),
    );
  });

  it('reads only the first n periods when asked (the measures pass the run\'s whole series)', () => {
    const principal = [0, 5, 0, 7, 9, 0];
    expect(principalWindow(principal, 0, 4)).toEqual(principalWindow(principal.slice(0, 4)));
    expect(() => principalWindow(principal, 0, 1)).toThrow(EngineError);
  });
});
