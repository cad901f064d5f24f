/**
 * Golden masters of coupons, rate caps, cap carryover, pay dates, OC, Stepdown and Trigger
 * states, the cash check and the rounding residual, for both deals; and, for Impac, its cash
 * flows (CWALT's are in cwalt-golden.test.ts). Recorded from the engine by
 * test/support/goldenStates.ts: they hold a restructuring to today's figures, to 1e-8 % for
 * rates and to the cent for money. A failure lists the run, class, period, pay date and field.
 *
 * Beside them, the cash identity that no recording can fake: each period the cash in (the
 * collateral's float dollars, redemption proceeds, derivative cash) equals what was deposited in
 * cents plus the named rounding residual, and what was deposited was all paid or released.
 */
import { readFileSync } from 'node:fs';
import { GOLDEN_SCENARIOS } from '../support/cwaltGolden';
import { cwaltDetail, impacDetail, type RunDetail } from '../support/dealDetail';
import { GOLDEN_STATE_FILES, GOLDEN_STATE_SCENARIOS, captureGolden, compareGolden, type DealKey, type GoldenStateRun } from '../support/goldenStates';

const DEALS = Object.keys(GOLDEN_STATE_SCENARIOS) as DealKey[];
const recorded = (deal: DealKey) => (JSON.parse(readFileSync(GOLDEN_STATE_FILES[deal], 'utf8')) as { runs: GoldenStateRun[] }).runs;

describe.each(DEALS)('%s golden master: coupons, caps, carryover, pay dates, OC, triggers, cash', (deal) => {
  const runs = recorded(deal);

  it('records every scenario', () => {
    expect(runs.map((r) => r.name)).toEqual(GOLDEN_STATE_SCENARIOS[deal].map((s) => s.name));
  });

  it.each(GOLDEN_STATE_SCENARIOS[deal].map((s, i) => [s.name, i] as const))('%s', (_name, i) => {
    const s = GOLDEN_STATE_SCENARIOS[deal][i];
    expect(compareGolden(runs[i], captureGolden(deal, s.name, s.input))).toEqual([]);
  });
});

describe('the recorded runs exercise what they are meant to pin', () => {
  const find = (deal: DealKey, name: string) => {
    const r = recorded(deal).find((x) => x.name === name);
    if (!r) throw new Error(`no recorded run ${name}`);
    return r;
  };

  it('CWALT: caps bind and carryover is owed at LIBOR 5%; the stepdown and the lockout happen at 100%', () => {
    const hot = find('cwalt-2004-j4', 'speed 100, LIBOR 5%, maturity');
    expect(hot.classes['2-A'].couponPct[0]).toBe(hot.classes['2-A'].capPct[0]);
    expect(hot.classes['2-A'].carryoverUnpaid[0]).toBeGreaterThan(0);
    const base = find('cwalt-2004-j4', 'speed 100, maturity');
    expect(base.stepdown.indexOf(1)).toBe(36);
    expect(base.lockoutPct?.[36]).toBe(45);
    expect(base.ocAmount[36]).toBe(215_250_000);
  });

  it('Impac: the shocked run has coupons at the cap and Basis Risk Amounts paid; OC builds to 0.50% of the cut-off balance', () => {
    const shocked = find('impac-cmb-2004-1', 'forward curves +1000 bp from period 2, maturity');
    expect(shocked.classes['A-1'].couponPct[3]).toBe(shocked.classes['A-1'].capPct[3]);
    expect(shocked.classes['A-1'].carryoverPaid.slice(2, 12).some((c) => c > 0)).toBe(true);
    const base = find('impac-cmb-2004-1', 'speed 100, call');
    expect(base.ocTarget[6]).toBe(500_000_020); // 0.50% × 1,000,000,040 from August 2004 (period 7)
    expect(base.ocTarget[5]).toBe(0);
  });
});

describe('cash is conserved to the cent, the rounding residual included', () => {
  const cases: [string, () => RunDetail][] = [
    ...GOLDEN_SCENARIOS.map((s) => [`CWALT ${s.name}`, () => cwaltDetail(s.input)] as [string, () => RunDetail]),
    ...GOLDEN_STATE_SCENARIOS['impac-cmb-2004-1'].map((s) => [`Impac ${s.name}`, () => impacDetail(s.input)] as [string, () => RunDetail]),
  ];

  it.each(cases)('%s', (_name, detail) => {
    const d = detail();
    let cashIn = 0;
    let out = 0;
    let residual = 0;
    let nonZero = 0;
    let allowed = 1e-6;
    for (let i = 0; i < d.waterfallPeriods; i++) {
      // Deposited in whole cents = paid + released, exactly.
      expect({ period: i + 1, undistributed: d.depositedCents[i] - d.paidCents[i] - d.releasedCents[i] }).toEqual({ period: i + 1, undistributed: 0 });
      // Float cash in = cents deposited + the rounding residual: exactly, but for the half cent of
      // each amount the run reports only in cents (Impac's derivative cash and call proceeds).
      const tolerance = 1e-6 + 0.005 * d.centsOnlyInflows[i];
      allowed += tolerance;
      const gap = d.cashInDollars[i] - d.depositedCents[i] / 100 - d.roundingResidual[i];
      if (Math.abs(gap) > tolerance) throw new Error(`period ${i + 1}: cash in ${d.cashInDollars[i]} − deposited ${d.depositedCents[i] / 100} − residual ${d.roundingResidual[i]} = ${gap}`);
      // Each period's residual is at most half a cent for each of the (at most 6) amounts rounded.
      expect(Math.abs(d.roundingResidual[i])).toBeLessThanOrEqual(0.03);
      cashIn += d.cashInDollars[i];
      out += (d.paidCents[i] + d.releasedCents[i]) / 100;
      residual += d.roundingResidual[i];
      if (d.roundingResidual[i] !== 0) nonZero++;
    }
    expect(Math.abs(cashIn - out - residual)).toBeLessThanOrEqual(allowed);
    // The residual is real (sub-cent amounts every period), not a zero that would pass trivially.
    expect(nonZero).toBeGreaterThan(d.waterfallPeriods / 2);
  });
});
