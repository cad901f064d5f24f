/** The one scenario normaliser (src/scenario/): every problem in one pass, and the pricing speed as a deal term. */
import { checkScenario, normaliseScenario } from '../../src/scenario/normalise';
import { maxSpeedPct, prepaymentOf, requireSpeedWithin } from '../../src/scenario/pricingSpeed';
import { listDeals } from '../../src/run/registry';

describe('checkScenario', () => {
  it('returns every issue of a bad input at once, each naming its field', () => {
    const result = checkScenario({ speed: -5, horizon: 'later', cdr: 200, lagMonths: 2.5, curve: 'bumpy', walBasis: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual(['speed', 'horizon', 'curve', 'cdr', 'lagMonths', 'walBasis']);
    expect(result.issues[3].expected).toMatch(/from 0 to 100, got 200/);
  });

  it('gives the canonical scenario when the input is sound, and the throwing form lists every issue', () => {
    const result = checkScenario({ speed: '120%', horizon: 'auction' });
    expect(result.ok && result.scenario.speed).toEqual({ kind: 'pctOfPricing', pct: 120 });
    expect(() => normaliseScenario({ speed: -5, cdr: 200 })).toThrow(/^speed: .*; cdr: expected a CDR/);
  });
});

describe('the pricing speed, a term of each deal', () => {
  it('sets each deal’s maximum speed by one rule: 100% CPR in its fastest group', () => {
    const max = Object.fromEntries(listDeals().map((d) => [d.description.id, maxSpeedPct(d.description.pricingSpeed ?? [])]));
    expect(max).toEqual({ 'cwalt-2004-j4': 400, 'impac-cmb-2004-1': 333 });
    expect(() => requireSpeedWithin([{ kind: 'cpr', cprPct: 30 }], { kind: 'pctOfPricing', pct: 334 })).toThrow(/at most 333%/);
  });

  it('scales a flat CPR or a ramp, and applies a CPR vector to every group', () => {
    expect(prepaymentOf({ kind: 'cpr', cprPct: 25 }, { kind: 'pctOfPricing', pct: 80 })).toEqual({ kind: 'cpr', cprPct: 20 });
    const ramp = { startCprPct: 8, plateauCprPct: 24, plateauMonth: 12 };
    expect(prepaymentOf({ kind: 'ramp', curve: ramp }, { kind: 'pctOfPricing', pct: 150 }, 'loanAge')).toEqual({ kind: 'ramp', curve: ramp, pctOfPricing: 150, indexing: 'loanAge' });
    expect(prepaymentOf({ kind: 'ramp', curve: ramp }, { kind: 'cprVector', cpr: [5, 10] })).toEqual({ kind: 'cpr', cprPct: [5, 10] });
  });
});
