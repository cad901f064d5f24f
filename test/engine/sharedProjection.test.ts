/**
 * A scenario's call and maturity runs read one collateral projection (the horizon does not change
 * the collateral), while a new collateral scenario projects anew and the bare projection the
 * benchmark times is never served from the memo.
 */
import { projectCwaltCollateral, runCwalt } from '../../src/deals/cwalt-2004-j4';
import { runImpac } from '../../src/deals/impac-cmb-2004-1';
import { normaliseScenario } from '../../src/run/scenario';

describe('sharedProjection', () => {
  it('gives a CWALT scenario\'s call and maturity runs the same pool flows, and another speed its own', () => {
    const call = runCwalt(normaliseScenario({ speed: 150, horizon: 'call' }));
    const maturity = runCwalt(normaliseScenario({ speed: 150, horizon: 'maturity' }));
    const other = runCwalt(normaliseScenario({ speed: 151, horizon: 'maturity' }));
    expect(maturity.collateral[0]).toBe(call.collateral[0]);
    expect(other.collateral[0]).not.toBe(call.collateral[0]);
  });

  it('gives an Impac scenario\'s runs the same pool, and a credit scenario its own', () => {
    const call = runImpac(normaliseScenario({ speed: 40, horizon: 'call' }));
    const maturity = runImpac(normaliseScenario({ speed: 40, horizon: 'maturity', derivatives: false }));
    const credit = runImpac(normaliseScenario({ speed: 40, horizon: 'maturity', cdr: 1, severity: 40 }));
    expect(maturity.pool).toBe(call.pool);
    expect(credit.pool).not.toBe(call.pool);
  });

  it('leaves the bare projection uncached', () => {
    const s = normaliseScenario({ speed: 150 });
    expect(projectCwaltCollateral(s)[0]).not.toBe(projectCwaltCollateral(s)[0]);
  });
});
