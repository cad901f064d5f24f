/**
 * Impac CMB 2004-1 Available Rate worked by hand from the term sheet
 * (shared/seeds/impac-cmb-2004-1-term-sheet.txt, sections "Available Funds Rate", "Net Mortgage
 * Rate", "Bond Interest Rate", "Derivative Contracts", "Available Rate Schedule" footnotes (2)-(3)).
 * The deal has two implementations of the rate: the waterfall's cap on the Bond Interest Rate
 * (derivative receipts excluded: they pay Basis Risk Amounts) and the printed schedule (footnotes
 * (2) and (3): "includes all projected cash proceeds from the Derivative Contracts"). Both are
 * recomputed here from the collateral projection, the bonds' balances and the derivative cash.
 */
import { resolveDeal } from '../../src/run/registry';
import { impacDetail, type ImpacDetail } from '../support/dealDetail';

/** Footnote (3): forward curves + 1000 bp from period 2, 30% CPR (100%); the schedule runs the pool to maturity. */
const SHOCKED = { speed: 100, curve: 'forward', shiftBp: 1000, shiftFromPeriod: 2, horizon: 'maturity' } as const;
/** Footnote (2): forward curves, 30% CPR. */
const FORWARD = { speed: 100, curve: 'forward', horizon: 'maturity' } as const;

const bondsBefore = (d: ImpacDetail, period: number) => {
  let total = 0;
  for (const c of d.run.classes.values()) total += period === 1 ? 0 : c.balance[period - 2];
  return total;
};

describe('Impac Available Rate in a period with derivative receipts (+1000 bp, period 4, May 2004)', () => {
  let d: ImpacDetail;
  let schedule: { period: number; forwardCurves: number; plus1000bp: number }[];
  beforeAll(() => {
    d = impacDetail(SHOCKED);
    schedule = resolveDeal('impac-cmb-2004-1').rateSchedule?.() ?? [];
  });
  const i = 3;

  it('reads the inputs: Net Mortgage Rate, pool and bonds before the payment, receipts, days', () => {
    const pool = d.run.collateral[0];
    expect(pool.netRate[i]).toBeCloseTo(5.316755324, 8);
    expect(pool.beginBalance[i]).toBeCloseTo(914_691_255.82, 1);
    expect(bondsBefore(d, 4)).toBeCloseTo(914_691_255.82, 1);
    // LIBOR + 1000 bp is far above the strikes: the trust receives, and pays nothing.
    expect(d.derivativeReceipts[i]).toBeCloseTo(3_155_604.6, 1);
    expect(d.derivativePayments[i]).toBe(0);
    // Pay dates: April 25, 2004 is a Sunday (paid Monday the 26th); May 25 a Tuesday.
    expect(d.run.payDates.slice(2, 4)).toEqual(['2004-04-26', '2004-05-25']);
    expect(d.accrualDays[i]).toBe(29); // April 26 → May 25, act/360 ("Interest Accrual Period")
  });

  it('the waterfall\'s cap: 5.316755324 × 914,691,255.82 / 914,691,255.82 × 30/29 = 5.500092 (receipts excluded)', () => {
    const byHand = ((5.316755324 * 914_691_255.82) / 914_691_255.82) * (30 / 29);
    expect(byHand).toBeCloseTo(5.500092, 6);
    for (const [name, cap] of d.run.rateCapPct) expect({ name, cap: cap[i] }).toEqual({ name, cap: expect.closeTo(byHand, 5) });
    // LIBOR + margin is above 11.50%: every bond is paid the Available Funds Rate.
    for (const [name, c] of d.run.classes) expect({ name, coupon: c.couponPct[i] }).toEqual({ name, coupon: expect.closeTo(byHand, 5) });
  });

  it('the waterfall\'s cap in every shocked period 2-12 follows the definition (Net Mortgage Rate × pool / bonds × 30 / accrual days)', () => {
    for (let p = 2; p <= 12; p++) {
      const k = p - 1;
      const pool = d.run.collateral[0];
      const nmr = pool.netRate[k] - (d.derivativePayments[k] * 1200) / pool.beginBalance[k];
      const byHand = ((nmr * pool.beginBalance[k]) / bondsBefore(d, p)) * (30 / d.accrualDays[k]);
      expect({ p, cap: d.run.rateCapPct.get('A-1')?.[k] }).toEqual({ p, cap: expect.closeTo(byHand, 6) });
    }
  });

  it('the printed schedule, column (3): (5.316755324 × 914,691,255.82 + 1200 × 3,155,604.60) / 914,691,255.82 × 30/30 = 9.45665', () => {
    // The schedule counts days between unadjusted 25ths (April 25 → May 25 = 30; impac-readings.md item 5).
    const byHand = ((5.316755324 * 914_691_255.82 + 1200 * 3_155_604.6) / 914_691_255.82) * (30 / 30);
    expect(byHand).toBeCloseTo(9.45665, 5);
    const row = schedule.find((r) => r.period === 4);
    expect(row?.plus1000bp).toBeCloseTo(byHand, 5);
    // Printed: 9.61. The residual is the undisclosed derivative notional path (docs/fidelity.md).
  });

  it('period 5 (31 days both ways): waterfall × 30/31, schedule adds 1200 × receipts / bonds', () => {
    const k = 4;
    const pool = d.run.collateral[0];
    const bonds = bondsBefore(d, 5);
    expect(d.accrualDays[k]).toBe(31);
    const waterfall = ((pool.netRate[k] * pool.beginBalance[k]) / bonds) * (30 / 31);
    const printed = ((pool.netRate[k] * pool.beginBalance[k] + 1200 * d.derivativeReceipts[k]) / bonds) * (30 / 31);
    expect(d.run.rateCapPct.get('M-4')?.[k]).toBeCloseTo(waterfall, 6);
    expect(schedule.find((r) => r.period === 5)?.plus1000bp).toBeCloseTo(printed, 4);
    expect(printed - waterfall).toBeGreaterThan(4); // receipts of about 3.3M a month on about 888M of bonds
  });
});

describe('Impac Available Rate in a period with derivative payments (forward curves, period 4)', () => {
  let d: ImpacDetail;
  let schedule: { period: number; forwardCurves: number; plus1000bp: number }[];
  beforeAll(() => {
    d = impacDetail(FORWARD);
    schedule = resolveDeal('impac-cmb-2004-1').rateSchedule?.() ?? [];
  });

  it('Net Derivative Fees come off the Net Mortgage Rate (TS "Net Mortgage Rate" (e)) in both implementations', () => {
    const i = 3;
    const pool = d.run.collateral[0];
    expect(pool.netRate[i]).toBeCloseTo(5.30355728, 7);
    expect(d.derivativePayments[i]).toBeCloseTo(708_318.35, 1);
    expect(d.derivativeReceipts[i]).toBe(0);
    // 5.30355728 − 1200 × 708,318.35 / 914,691,255.82 = 5.30355728 − 0.92926 = 4.37430
    const nmr = 5.30355728 - (1200 * 708_318.35) / 914_691_255.82;
    expect(nmr).toBeCloseTo(4.3743, 4);
    // Waterfall: × 30/29 = 4.52514; schedule (unadjusted 25ths): × 30/30 = 4.37430 (printed 4.46).
    expect(d.run.rateCapPct.get('A-1')?.[i]).toBeCloseTo((nmr * 30) / 29, 5);
    expect(schedule.find((r) => r.period === 4)?.forwardCurves).toBeCloseTo(nmr, 5);
  });
});
