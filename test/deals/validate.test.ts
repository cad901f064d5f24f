import { dealIssues, validateDeal } from '../../src/engine/validateDeal';
import { listDeals } from '../../src/run/registry';
import type { DealDescription } from '../../src/deals/types';

describe('deal terms are validated at load', () => {
  it('finds no issue in the registered deals', () => {
    for (const deal of listDeals()) expect(dealIssues(deal.description)).toEqual([]);
  });

  const cwalt = listDeals().find((d) => d.description.id === 'cwalt-2004-j4')!.description;
  const broken = (change: (d: DealDescription) => DealDescription) => dealIssues(change(cwalt));

  it('names a class size that no longer adds up to the deal size', () => {
    const issues = broken((d) => ({ ...d, classes: d.classes.map((c) => (c.name === '1-A-3' ? { ...c, originalBalance: c.originalBalance + 1000 } : c)) }));
    expect(issues).toEqual(['cwalt-2004-j4.sizeDollars: the classes add to 615001000, the deal size is 615000000']);
  });

  it('names a duplicate class, a floater without margin and a wrong measure, in one pass', () => {
    const issues = broken((d) => ({
      ...d,
      classes: [...d.classes.map((c) => (c.name === '2-A' ? { ...c, marginPct: undefined, measure: 'Yield' as const } : c)), { ...d.classes[0] }],
    }));
    expect(issues.some((i) => /\(2-A\)\.marginPct/.test(i))).toBe(true);
    expect(issues.some((i) => /\(2-A\)\.measure/.test(i))).toBe(true);
    expect(issues.some((i) => /duplicate class name/.test(i))).toBe(true);
  });

  it('rejects unordered speeds and a first payment before settlement', () => {
    expect(broken((d) => ({ ...d, pricingSpeeds: [0, 100, 80] }))[0]).toMatch(/pricingSpeeds: expected increasing/);
    expect(broken((d) => ({ ...d, firstPayDate: '2004-04-25' }))[0]).toMatch(/firstPayDate: expected after the settlement/);
  });

  it('throws one EngineError listing every issue', () => {
    const model = { ...listDeals()[0], description: { ...cwalt, sizeDollars: 1, pricingSpeeds: [] } };
    expect(() => validateDeal(model)).toThrow(/deal terms: .*sizeDollars.*; .*pricingSpeeds/);
  });
});
