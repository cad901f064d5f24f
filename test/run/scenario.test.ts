import { normaliseScenario, normaliseSpeed, normaliseHorizon, scenarioKey } from '../../src/run/scenario';
import { EngineError } from '../../src/errors';
import { LruCache } from '../../src/run/lru';

describe('normaliseScenario', () => {
  it('fills the pricing assumptions for everything omitted', () => {
    const s = normaliseScenario({});
    expect(s.speed).toEqual({ kind: 'pctOfPricing', pct: 100 });
    expect(s.horizon).toBe('call');
    expect(s.credit).toEqual({ cdr: 0, severity: 0, lagMonths: 0 });
    expect(s.conventions.walBasis).toBe('deal');
  });

  it('gives equal scenarios one key, however they were typed', () => {
    const a = normaliseScenario({ speed: 100, horizon: 'auction' });
    const b = normaliseScenario({ speed: '100', horizon: 'Call', cdr: null });
    expect(scenarioKey(a)).toBe(scenarioKey(b));
    expect(scenarioKey(normaliseScenario({ speed: 120 }))).not.toBe(scenarioKey(a));
    expect(scenarioKey(normaliseScenario({ indices: { libor1m: 1.5 } }))).not.toBe(scenarioKey(a));
  });

  it('reads speeds as % of pricing, vector strings or CPR arrays', () => {
    expect(normaliseSpeed(150)).toEqual({ kind: 'pctOfPricing', pct: 150 });
    expect(normaliseSpeed('80%')).toEqual({ kind: 'pctOfPricing', pct: 80 });
    const v = normaliseSpeed('8 2R 12');
    expect(v.kind === 'cprVector' && v.cpr).toEqual([8, 10, 12]);
    expect(normaliseSpeed([6, 8])).toEqual({ kind: 'cprVector', cpr: [6, 8] });
  });

  it('rejects bad input with the field and what was expected', () => {
    expect(() => normaliseSpeed(-5)).toThrow(/speed: expected a speed from 0/);
    expect(() => normaliseSpeed('fast')).toThrow(EngineError);
    expect(() => normaliseSpeed([6, Number.NaN])).toThrow(/position 2/);
    expect(() => normaliseHorizon('later')).toThrow(/horizon: expected "call"/);
    expect(() => normaliseScenario({ cdr: -1 })).toThrow(/cdr: expected a CDR/);
    expect(() => normaliseScenario({ lagMonths: 2.5 })).toThrow(/lagMonths/);
    expect(() => normaliseScenario({ curve: 'bumpy' })).toThrow(/curve/);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.size).toBe(2);
  });
});
