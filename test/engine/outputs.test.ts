import { CLASS_SERIES, DEAL_SERIES, PRICING_CLASS_SERIES, runOutputs } from '../../src/engine/outputs';

describe('runOutputs', () => {
  it('gives a full run a fresh series for every class, deal and recorded name, each listed once in `series`', () => {
    const { flows, out, recorded, series } = runOutputs(2, ['excess'], 5);
    const all = [...flows.flatMap((f) => CLASS_SERIES.map((name) => f[name])), ...DEAL_SERIES.map((name) => out[name]), recorded.excess];
    expect(all.every((values) => values.length === 5)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(series.length === all.length && series.every((values, k) => values === all[k])).toBe(true);
  });

  it('gives a pricing run fresh series only for the pricing series, every other one the scratch array', () => {
    const discard = new Float64Array(8);
    const { flows, out, recorded, series } = runOutputs(2, ['excess'], 5, discard);
    for (const f of flows) {
      for (const name of CLASS_SERIES) expect([name, f[name] === discard]).toEqual([name, !(PRICING_CLASS_SERIES as readonly string[]).includes(name)]);
    }
    expect(DEAL_SERIES.every((name) => out[name] === discard) && recorded.excess === discard).toBe(true);
    const kept = flows.flatMap((f) => PRICING_CLASS_SERIES.map((name) => f[name]));
    expect(series.length === kept.length && series.every((values, k) => values === kept[k])).toBe(true);
    expect(new Set(series).size).toBe(2 * PRICING_CLASS_SERIES.length);
  });
});
