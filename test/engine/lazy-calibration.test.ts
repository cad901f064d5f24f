/** Pool calibration runs on first use, once, never when the deals load (issue 16, item 2). */
describe('pool calibration', () => {
  it('does not run when the registry loads, and runs once however often the pool is read', () => {
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { listDeals } = require('../../src/run/registry') as typeof import('../../src/run/registry');
      const collateral = require('../../src/deals/impac-cmb-2004-1/collateral') as typeof import('../../src/deals/impac-cmb-2004-1/collateral');
      /* eslint-enable @typescript-eslint/no-require-imports */
      expect(listDeals().map((d) => d.description.id)).toEqual(['cwalt-2004-j4', 'impac-cmb-2004-1']);
      expect(collateral.impacPoolDerivations()).toBe(0);
      const lines = collateral.impacPool().lines;
      expect(collateral.impacPool().lines).toBe(lines);
      expect(listDeals()[1].repLineCount).toBe(lines.length);
      expect(collateral.impacPoolDerivations()).toBe(1);
    });
  });
});
