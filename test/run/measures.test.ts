import { syntheticDeal } from '../support/syntheticDeal';
import { classMeasures, priceFromMeasure } from '../../src/run/measures';
import { normaliseScenario } from '../../src/run/scenario';
import { pricingTables } from '../../src/run/pricingTables';
import { resetRunCache, runDeal, runStats } from '../../src/run/runner';
import { matchesAtPrecision } from '../../src/run/fidelity';
import { resolveClass, resolveDeal } from '../../src/run/registry';

const deal = syntheticDeal();
const [flt, fix] = deal.description.classes;

describe('class measures on a deal with known answers', () => {
  it('yields 5.435 at par for a 5.5% level-pay class at 24% CPR with the 24-day delay (conventions.md §6)', () => {
    const s = normaliseScenario({ speed: 100, horizon: 'maturity' });
    const m = classMeasures(deal.description, fix, runDeal(deal, s), s, '100-00');
    expect(m.value).toBeCloseTo(5.435, 3);
  });

  it('gives DM = margin at par for an uncapped floater settling on its accrual start, at every speed (§7 identity)', () => {
    for (const speed of [0, 50, 100, 200]) {
      const s = normaliseScenario({ speed, horizon: 'maturity' });
      const m = classMeasures(deal.description, flt, runDeal(deal, s), s, '100-00');
      expect(m.value).toBeCloseTo(40, 4); // within 0.0001 bp
    }
  });

  it('prices back from its own DM and yield', () => {
    const s = normaliseScenario({ speed: 100, horizon: 'call' });
    const run = runDeal(deal, s);
    for (const cls of [flt, fix]) {
      const m = classMeasures(deal.description, cls, run, s, '99-16+');
      expect(priceFromMeasure(deal.description, cls, run, s, m.value)).toBeCloseTo(99 + 16.5 / 32, 9);
    }
  });

  it('puts the call in the first month whose ending pool is at or below 20%, and shortens the WAL', () => {
    const call = normaliseScenario({ speed: 100, horizon: 'call' });
    const mat = normaliseScenario({ speed: 100, horizon: 'maturity' });
    const c = classMeasures(deal.description, fix, runDeal(deal, call), call, '100-00');
    const m = classMeasures(deal.description, fix, runDeal(deal, mat), mat, '100-00');
    expect(c.lastPeriod).toBeLessThan(m.lastPeriod);
    expect(c.walYears).toBeLessThan(m.walYears);
    expect(c.firstPrinPay).toBe('2004-05');
    // 24% CPR plus amortization: the pool is below 20% after about 5.5 years.
    expect(c.lastPeriod).toBeGreaterThan(55);
    expect(c.lastPeriod).toBeLessThan(70);
  });
});

describe('pricing tables', () => {
  it('runs each (speed, horizon) once for every class, and reuses cached runs', () => {
    resetRunCache();
    const before = deal.runs;
    const result = pricingTables(deal, { speeds: [0, 100], price: '100-00' });
    expect(deal.runs - before).toBe(4);
    expect(result.tables).toHaveLength(4);
    expect(result.tables.map((t) => t.horizon)).toEqual(['auction', 'auction', 'maturity', 'maturity']);
    pricingTables(deal, { speeds: [0, 100], price: '99-00' });
    expect(deal.runs - before).toBe(4);
    expect(runStats().projections).toBe(4);
  });
});

describe('fidelity comparison at printed precision', () => {
  it('rounds the measured value to the printed decimals', () => {
    expect(matchesAtPrecision({ table: 't', row: 'r', field: 'wal', printed: 0.9, measured: 0.904, decimals: 2 })).toBe(true);
    expect(matchesAtPrecision({ table: 't', row: 'r', field: 'wal', printed: 0.9, measured: 0.906, decimals: 2 })).toBe(false);
    expect(matchesAtPrecision({ table: 't', row: 'r', field: 'dm', printed: 16, measured: 15.6, decimals: 0 })).toBe(true);
    expect(matchesAtPrecision({ table: 't', row: 'r', field: 'last', printed: '2006-02', measured: '2006-03' })).toBe(false);
    expect(matchesAtPrecision({ table: 't', row: 'r', field: 'wal', printed: 1, measured: null, decimals: 2 })).toBe(false);
  });
});

describe('price from a measure', () => {
  it('refuses a yield so high that the clean price would be negative (CWALT 1-A-2 at 1e6%, found by the fuzz)', () => {
    const j4 = resolveDeal('J4');
    const s = normaliseScenario({ speed: 100, horizon: 'call' });
    const cls = resolveClass(j4, '1-A-2');
    expect(() => priceFromMeasure(j4.description, cls, runDeal(j4, s), s, 1e6)).toThrow(/measure: 1000000 % gives no positive price for 1-A-2/);
    expect(priceFromMeasure(j4.description, cls, runDeal(j4, s), s, 3)).toBeGreaterThan(99);
  });
});

// The run cache's bound (memory, not a count of runs) and its cyclic-sweep behaviour: test/run/runCache.test.ts.
