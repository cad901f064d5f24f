/**
 * The term-sheet scoreboard as a test: every printed figure of shared/reference/*.json that the
 * engine produces, compared at printed precision (src/run/fidelity.ts). The floors are the counts
 * reached so far: a change that loses a matched figure fails here. Raise a floor when a fix gains
 * figures; never lower one to make a change pass (say in the commit what was lost and why).
 */
import { dealFidelity } from '../../src/run/fidelity';
import { listDeals } from '../../src/run/registry';

const FLOORS: Record<string, Record<string, number>> = {
  'cwalt-2004-j4': { pricingTables: 180, classes: 60, aioNotional: 88 },
  'impac-cmb-2004-1': { pricingTables: 61, classes: 18, availableFundsRate: 4, collateralSummary: 13 },
};

describe.each(listDeals().map((d) => [d.description.id, d] as const))('%s against its term sheet', (id, deal) => {
  const result = dealFidelity(deal);

  it.each(Object.entries(FLOORS[id] ?? {}))('%s: matched figures do not fall below the floor', (table, floor) => {
    expect(result.tables[table]?.matched ?? 0).toBeGreaterThanOrEqual(floor);
  });

  it('reports a measured value for every printed figure it checks', () => {
    for (const miss of result.misses) expect(miss.measured).not.toBeUndefined();
    expect(result.total).toBeGreaterThan(0);
  });
});

it('covers both deals', () => {
  expect(listDeals().map((d) => d.description.id).sort()).toEqual(['cwalt-2004-j4', 'impac-cmb-2004-1']);
});
