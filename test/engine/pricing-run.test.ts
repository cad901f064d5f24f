/**
 * A pricing run (runEngine(…, 'pricing'), what the deal models cache) records each class's pricing
 * series only: they must be the full run's to the bit, over the same periods and pay dates, for
 * every kind of scenario (speeds, both horizons, credit, shifts, derivatives off), and what a
 * pricing run leaves out must not leak into what it keeps (its unrecorded series share one
 * scratch array).
 */
import { PRICING_CLASS_SERIES } from '../../src/engine/outputs';
import { priceCwalt, runCwalt } from '../../src/deals/cwalt-2004-j4';
import { priceImpac, runImpac } from '../../src/deals/impac-cmb-2004-1';
import { clearBranches } from '../../src/engine/branch';
import { normaliseScenario } from '../../src/scenario/normalise';
import type { EngineRun, PricingRun } from '../../src/engine/outputs';

const SCENARIOS = [
  { speed: 0, horizon: 'maturity' },
  { speed: 100, horizon: 'call' },
  { speed: 100, horizon: 'maturity' },
  { speed: 300, horizon: 'maturity' },
  { speed: 50, horizon: 'maturity', cdr: 10, severity: 50, lagMonths: 6 },
  { speed: 150, horizon: 'call', shiftBp: 300 },
  { speed: 100, horizon: 'maturity', derivatives: false },
] as const;

function sameBits(pricing: PricingRun, full: EngineRun): string[] {
  const out: string[] = [];
  if (pricing.periods !== full.periods) out.push(`periods ${full.periods} → ${pricing.periods}`);
  if (pricing.payDates.join() !== full.payDates.join()) out.push('pay dates');
  if (pricing.redemptionPeriod !== full.redemptionPeriod) out.push('redemption period');
  full.classes.forEach((c, k) => {
    const p = pricing.classes[k];
    for (const name of PRICING_CLASS_SERIES) {
      const a = p[name];
      const b = c[name];
      if (a.length !== b.length || a.some((x, i) => !Object.is(x, b[i]))) out.push(`${c.name} ${name}`);
    }
  });
  return out;
}

describe('a pricing run is the full run, less the series pricing does not read', () => {
  for (const [deal, price, full] of [
    ['CWALT', priceCwalt, (s: ReturnType<typeof normaliseScenario>) => runCwalt(s)],
    ['Impac', priceImpac, (s: ReturnType<typeof normaliseScenario>) => runImpac(s).waterfall],
  ] as const) {
    it.each(SCENARIOS.map((s) => [JSON.stringify(s), s] as const))(`${deal} %s`, (_, raw) => {
      const scenario = normaliseScenario(raw);
      // Cold (no branch point to start from), then after the other horizon left one.
      for (let pass = 0; pass < 2; pass++) {
        if (pass === 0) clearBranches();
        const pricing = price(scenario).run;
        expect(sameBits(pricing, full(scenario))).toEqual([]);
        expect(Object.keys(pricing.classes[0]).sort()).toEqual(['name', ...PRICING_CLASS_SERIES].sort());
        price(normaliseScenario({ ...raw, horizon: raw.horizon === 'call' ? 'maturity' : 'call' }));
      }
    });
  }

  it('gives every class pricing series of its own (no two share an array)', () => {
    const { run } = priceCwalt(normaliseScenario({ speed: 100, horizon: 'maturity' }));
    const buffers = new Set(run.classes.flatMap((c) => PRICING_CLASS_SERIES.map((name) => c[name])));
    expect(buffers.size).toBe(run.classes.length * PRICING_CLASS_SERIES.length);
  });
});
