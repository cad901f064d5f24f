/**
 * CWALT 2004-J4 worked by hand from the term sheet (shared/seeds/cwalt-2004-j4-term-sheet.txt;
 * "p." = the printed folio). Each test reads only the collateral projection (the waterfall's
 * input: net rates, balances, collections) and printed figures, does the term sheet's arithmetic
 * in the open, and compares the result with what the run reports. Nothing here is a recorded
 * engine output: regenerating a golden master cannot make these pass.
 *
 * Scenario "LIBOR 5%": 100% of the pricing speed, one-month LIBOR held at 5.00%, to maturity.
 * Every floater's LIBOR + margin is then above its Net Rate Cap from period 1.
 */
import { cwaltDetail, type CwaltDetail } from '../support/dealDetail';

const AT_5 = { speed: 100, horizon: 'maturity', indices: { libor1m: 5 } } as const;

/** p.3 class table: principal amounts; p.11-15 margins and coupons. */
const ORIGINAL: Record<string, number> = {
  '1-A-1': 119_257_000, '1-A-2': 14_370_000, '1-A-3': 64_219_000, '1-A-4': 29_485_000, '1-A-5': 27_954_000, '1-A-6': 28_365_000,
  '2-A': 297_832_000, 'M-1': 14_452_000, 'M-2': 11_685_000, B: 7_381_000,
};
const GROUP1_SENIORS = ['1-A-1', '1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6'];
const SUBORDINATES = ['M-1', 'M-2', 'B'];
/** Uncapped rate: LIBOR + margin for floaters (p.11-15, below the 11.25% Maximum Rate, p.6), the coupon for fixed classes. */
const UNCAPPED_AT_5: Record<string, number> = {
  '1-A-1': 5 + 0.16, '1-A-2': 3.108, '1-A-3': 3.8, '1-A-4': 4.924, '1-A-5': 5.225, '1-A-6': 4.43, '2-A': 5 + 0.25, 'M-1': 5 + 0.6, 'M-2': 5 + 1.3, B: 5 + 2.25,
};
const FLOATERS = new Set(['1-A-1', '2-A', 'M-1', 'M-2', 'B']);
/** p.6 A-IO table: notionals of periods 1-3, rate 1.50%. */
const AIO_NOTIONAL = { 1: [300_000_000, 315_000_000], 2: [277_692_501.26, 291_745_922.65], 3: [257_042_255.15, 270_208_058.38] } as Record<number, [number, number]>;
const AIO_RATE = 1.5;

let detail: CwaltDetail;
beforeAll(() => {
  detail = cwaltDetail(AT_5);
});

const cls = (name: string) => {
  const c = detail.run.classes.get(name);
  if (!c) throw new Error(`no class ${name}`);
  return c;
};
const cap = (name: string, period: number) => detail.run.rateCapPct.get(name)?.[period - 1] ?? NaN;
const beginBalance = (name: string, period: number) => (period === 1 ? ORIGINAL[name] : cls(name).balance[period - 2]);
const group = (g: 1 | 2) => detail.run.collateral[g - 1];
const cents = (dollars: number) => Math.round(dollars * 100) / 100;

/**
 * The Net Rate Caps of a period by the p.6-7 definition, on the 30/360 basis, and the floaters'
 * act/360 day count. Inputs: each group's WA Adjusted Net Mortgage Rate and balance (collateral
 * projection), the A-IO notional (p.6 table) and rate, the seniors' balances.
 */
function capsByHand(period: number) {
  const i = period - 1;
  const [n1, n2] = AIO_NOTIONAL[period];
  const nrc1 = group(1).netRate[i] - (AIO_RATE * n1) / group(1).beginBalance[i];
  const nrc2 = group(2).netRate[i] - (AIO_RATE * n2) / group(2).beginBalance[i];
  const seniors1 = GROUP1_SENIORS.reduce((a, c) => a + beginBalance(c, period), 0);
  const w1 = group(1).beginBalance[i] - seniors1;
  const w2 = group(2).beginBalance[i] - beginBalance('2-A', period);
  const sub30 = (w1 * nrc1 + w2 * nrc2) / (w1 + w2);
  const days = detail.accrualDays[i];
  const act = (r: number) => (r * 30) / days;
  const capOf = (name: string) => (SUBORDINATES.includes(name) ? act(sub30) : name === '2-A' ? act(nrc2) : name === '1-A-1' ? act(nrc1) : nrc1);
  return { nrc1, nrc2, w1, w2, sub30, days, capOf };
}

describe('Net Rate Cap with 1M LIBOR at 5% (p.6-7 "Net Rate Cap"; p.5 "Pass-Through Rate")', () => {
  it('reads the inputs: the groups\' WA Adjusted Net Mortgage Rates, balances and the period 1 accrual days', () => {
    expect(group(1).netRate[0]).toBeCloseTo(6.231166218, 9);
    expect(group(2).netRate[0]).toBeCloseTo(5.416, 9);
    expect(group(1).beginBalance[0]).toBe(300_000_000);
    expect(group(2).beginBalance[0]).toBe(315_000_000);
    // p.4 "Interest Accrual Period": floaters from the Closing Date (April 30) to the day before May 25.
    expect(detail.run.payDates[0]).toBe('2004-05-25');
    expect(detail.accrualDays[0]).toBe(25);
  });

  it('2-A, period 1: (5.416 − 1.50 × 315,000,000 / 315,000,000) × 30/25 = 3.916 × 1.2 = 4.6992', () => {
    expect(cap('2-A', 1)).toBeCloseTo(4.6992, 10);
    // LIBOR + margin = 5.25 is above the cap: the class is paid the cap.
    expect(cls('2-A').couponPct[0]).toBeCloseTo(4.6992, 10);
  });

  it('2-A, period 2: (5.416 − 1.50 × 291,745,922.65 / 307,436,181.40) × 30/31 = 3.99255 × 0.96774 = 3.86376', () => {
    expect(group(2).beginBalance[1]).toBeCloseTo(307_436_181.40, 1);
    expect(detail.accrualDays[1]).toBe(31);
    const byHand = ((5.416 - (1.5 * 291_745_922.65) / 307_436_181.40) * 30) / 31;
    expect(byHand).toBeCloseTo(3.86376, 5);
    expect(cap('2-A', 2)).toBeCloseTo(byHand, 6);
    expect(cls('2-A').couponPct[1]).toBeCloseTo(byHand, 6);
  });

  it('1-A-1 (act/360) and the fixed 1-A classes (30/360), period 1: 6.231166218 − 1.50 = 4.731166218; × 30/25 = 5.677399462 for 1-A-1', () => {
    expect(cap('1-A-1', 1)).toBeCloseTo(5.677399462, 8);
    expect(cls('1-A-1').couponPct[0]).toBeCloseTo(5.16, 10); // 5.00 + 0.16 is below its cap
    for (const c of ['1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6']) expect(cap(c, 1)).toBeCloseTo(4.731166218, 8);
    // 1-A-4 (4.924%) and 1-A-5 (5.225%) are above the cap; 1-A-2, 1-A-3, 1-A-6 below it.
    expect(cls('1-A-5').couponPct[0]).toBeCloseTo(4.731166218, 8);
    expect(cls('1-A-3').couponPct[0]).toBeCloseTo(3.8, 10);
  });

  it('subordinates, period 1: caps weighted by each group\'s balance over its seniors, × 30/25', () => {
    // Weights: 300,000,000 − 283,650,000 (1-A-1..1-A-6) = 16,350,000; 315,000,000 − 297,832,000 (2-A) = 17,168,000.
    // (16,350,000 × 4.731166218 + 17,168,000 × 3.916) / 33,518,000 = 144,584,455.66 / 33,518,000 = 4.313636126
    // × 30/25 = 5.176363351
    const weighted = (16_350_000 * 4.731166218 + 17_168_000 * 3.916) / 33_518_000;
    expect(weighted).toBeCloseTo(4.313636126, 8);
    for (const c of SUBORDINATES) {
      expect(cap(c, 1)).toBeCloseTo(5.176363351, 8);
      // M-1 5.60, M-2 6.30, B 7.25: each above the cap.
      expect(cls(c).couponPct[0]).toBeCloseTo(5.176363351, 8);
    }
  });

  it('subordinates, period 2: the same weights (no subordinate principal before the stepdown) on the period 2 caps, × 30/31', () => {
    // In period 1 the weights happen to be proportional to the groups (the seniors are 94.55% of each);
    // by period 2 the groups have paid down and only the excess over the seniors stays 16,350,000 / 17,168,000.
    expect(group(1).beginBalance[1] - GROUP1_SENIORS.reduce((a, c) => a + beginBalance(c, 2), 0)).toBeCloseTo(16_350_000, 2);
    expect(group(2).beginBalance[1] - beginBalance('2-A', 2)).toBeCloseTo(17_168_000, 2);
    // Group caps: 6.231074870 − 1.50 × 277,692,501.26 / 295,103,956.48 = 4.819576505;
    //             5.416 − 1.50 × 291,745,922.65 / 307,436,181.40 = 3.992553736.
    // (16,350,000 × 4.819576505 + 17,168,000 × 3.992553736) / 33,518,000 = 4.395946 × 30/31 = 4.254141
    const nrc1 = 6.23107487 - (1.5 * 277_692_501.26) / 295_103_956.48;
    const nrc2 = 5.416 - (1.5 * 291_745_922.65) / 307_436_181.4;
    const byHand = (((16_350_000 * nrc1 + 17_168_000 * nrc2) / 33_518_000) * 30) / 31;
    expect(byHand).toBeCloseTo(4.25417, 4);
    for (const c of SUBORDINATES) expect(cap(c, 2)).toBeCloseTo(byHand, 6);
    // Weighted by the groups' balances instead it would be 4.2558: the rule shows from period 2 on.
    const byGroupBalance = (((295_103_956.48 * nrc1 + 307_436_181.4 * nrc2) / (295_103_956.48 + 307_436_181.4)) * 30) / 31;
    expect(Math.abs(byGroupBalance - byHand)).toBeGreaterThan(1e-3);
  });

  it('periods 1-3: every class\'s cap and coupon follow the definition (A-IO notionals of p.6)', () => {
    for (const period of [1, 2, 3]) {
      const h = capsByHand(period);
      for (const name of Object.keys(ORIGINAL)) {
        expect({ period, name, cap: cap(name, period) }).toEqual({ period, name, cap: expect.closeTo(h.capOf(name), 9) });
        expect({ period, name, coupon: cls(name).couponPct[period - 1] }).toEqual({ period, name, coupon: expect.closeTo(Math.min(UNCAPPED_AT_5[name], h.capOf(name)), 9) });
      }
    }
  });
});

describe('Net Rate Carryover paid and unpaid, periods 1-3 (p.7 "Net Rate Carryover"; p.9 priority 5))', () => {
  /**
   * One period of clause 5) by hand: Excess Cashflow = both groups' interest funds less every
   * class's current interest (clause 1; no OC build before November 2004, p.8); carryover due =
   * the unpaid carryover with interest at the uncapped rate plus this period's interest at the
   * uncapped rate less interest at the cap; paid "on a pro rata basis, first based on the
   * certificate principal balances thereof and second based on any remaining unpaid Net Rate
   * Carryover" (p.9).
   */
  function carryoverByHand(period: number, priorUnpaid: Record<string, number>) {
    const i = period - 1;
    const h = capsByHand(period);
    const tau = (name: string) => (FLOATERS.has(name) ? h.days / 360 : 30 / 360);
    let currentInterest = 0;
    const due: Record<string, number> = {};
    for (const name of Object.keys(ORIGINAL)) {
      const b = beginBalance(name, period);
      const paidRate = Math.min(UNCAPPED_AT_5[name], h.capOf(name));
      currentInterest += cents((b * paidRate * tau(name)) / 100);
      const prior = priorUnpaid[name] ?? 0;
      due[name] = cents(prior + cents((prior * UNCAPPED_AT_5[name] * tau(name)) / 100) + Math.max(0, cents((b * UNCAPPED_AT_5[name] * tau(name)) / 100) - cents((b * paidRate * tau(name)) / 100)));
    }
    // A-IO current interest on the lesser of the notional and the group balance (p.5), 30/360.
    for (const g of [1, 2] as const) currentInterest += cents((Math.min(AIO_NOTIONAL[period][g - 1], group(g).beginBalance[i]) * AIO_RATE) / 1200);
    const excess = cents(group(1).netInterest[i] + group(2).netInterest[i] - currentInterest);
    // Round 1: pro rata by the balance after the period's principal, each up to its due.
    const owed = Object.keys(due).filter((c) => due[c] > 0);
    const afterPrincipal = (c: string) => cls(c).balance[i];
    const weight = owed.reduce((a, c) => a + afterPrincipal(c), 0);
    const pot = Math.min(excess, owed.reduce((a, c) => a + due[c], 0));
    const paid: Record<string, number> = {};
    for (const c of owed) paid[c] = Math.min(due[c], (pot * afterPrincipal(c)) / weight);
    // Round 2: what is left, pro rata by the carryover still unpaid.
    const left = pot - owed.reduce((a, c) => a + paid[c], 0);
    const stillDue = owed.reduce((a, c) => a + (due[c] - paid[c]), 0);
    for (const c of owed) paid[c] += stillDue > 0 ? (left * (due[c] - paid[c])) / stillDue : 0;
    const unpaid: Record<string, number> = {};
    for (const c of Object.keys(due)) unpaid[c] = due[c] - (paid[c] ?? 0);
    return { excess, due, paid, unpaid };
  }

  it('period 1: Excess Cashflow 119,238.01 split pro rata by balance, then by what is still unpaid', () => {
    const p1 = carryoverByHand(1, {});
    expect(p1.excess).toBeCloseTo(119_238.01, 1);
    // Dues, e.g. 2-A: 297,832,000 × (5.25 − 4.6992)% × 25/360 = 113,920.74;
    // 1-A-5: 27,954,000 × (5.225 − 4.731166218)% × 30/360 = 11,503.85; M-1: 14,452,000 × (5.60 − 5.176363351)% × 25/360 = 4,251.66.
    expect(p1.due['2-A']).toBeCloseTo(113_920.74, 1);
    expect(p1.due['1-A-5']).toBeCloseTo(11_503.85, 1);
    expect(p1.due['M-1']).toBeCloseTo(4_251.66, 1);
    // Round 1 weights: balances after principal of the classes owed carryover:
    // 1-A-4 29,485,000; 1-A-5 27,954,000; 2-A 290,268,181.40; M-1 14,452,000; M-2 11,685,000; B 7,381,000 (sum 381,225,181.40).
    // 1-A-4 (due 4,738.08) and M-1 (due 4,251.66) are paid in full; 2-A gets about 119,238.01 × 290,268,181.40 / 381,225,181.40 = 90,789
    // in round 1 and its share of the 4,753 left in round 2.
    expect(p1.paid['1-A-4']).toBeCloseTo(4_738.08, 1);
    expect(p1.paid['M-1']).toBeCloseTo(4_251.66, 1);
    expect(p1.paid['2-A']).toBeCloseTo(93_559.79, 0);
    expect(p1.paid['1-A-5']).toBeCloseTo(9_074.01, 0);
    expect(p1.paid.B).toBeCloseTo(3_305.27, 0);
    // Sequentially (1-A-4, 1-A-5, 2-A, M-1, M-2, B in turn) B would get nothing; pro rata it gets 3,305.27.
    for (const name of ['1-A-4', '1-A-5', '2-A', 'M-1', 'M-2', 'B']) {
      expect({ name, paid: detail.carryoverPaid.get(name)?.[0] }).toEqual({ name, paid: expect.closeTo(p1.paid[name], 1) });
    }
  });

  it('periods 1-3: the run pays and carries what the hand computation does, to the cent', () => {
    let prior: Record<string, number> = {};
    for (const period of [1, 2, 3]) {
      const h = carryoverByHand(period, prior);
      for (const name of Object.keys(ORIGINAL)) {
        const paid = detail.carryoverPaid.get(name)?.[period - 1] ?? NaN;
        const unpaid = detail.carryoverUnpaid.get(name)?.[period - 1] ?? NaN;
        expect({ period, name, paid: cents(paid), unpaid: cents(unpaid) }).toEqual({ period, name, paid: expect.closeTo(h.paid[name] ?? 0, 1), unpaid: expect.closeTo(h.unpaid[name], 1) });
      }
      // The run layer's interest includes the carryover paid (src/deals/types.ts ClassFlows).
      expect(cls('B').interest[period - 1]).toBeCloseTo(cents((ORIGINAL.B * capsByHand(period).capOf('B') * capsByHand(period).days) / 36000) + (h.paid.B ?? 0), 1);
      prior = h.unpaid;
    }
  });

  it('period 2 carries period 1\'s unpaid carryover with interest at the uncapped rate (1-A-5: 2,429.84 × (1 + 5.225%/12) + new shortfall)', () => {
    // 2,429.84 × (1 + 0.05225 / 12) = 2,440.42; new: 27,954,000 × (5.225 − 4.819576505)% / 12 = 9,444.35; due 11,884.77.
    const byHand = 2_429.84 * (1 + 0.05225 / 12) + (27_954_000 * (5.225 - 4.819576505)) / 1200;
    expect(byHand).toBeCloseTo(11_884.77, 1);
    const paid = detail.carryoverPaid.get('1-A-5')?.[1] ?? NaN;
    const unpaid = detail.carryoverUnpaid.get('1-A-5')?.[1] ?? NaN;
    expect(detail.carryoverUnpaid.get('1-A-5')?.[0]).toBeCloseTo(2_429.84, 2);
    expect(paid + unpaid).toBeCloseTo(byHand, 1);
  });
});

describe('stepdown period 37 at 100% to maturity (p.9 "Stepdown Date", p.8 "Overcollateralization Target", p.9-10 "Principal Paydown", p.10 "Class 1-A Principal Distribution")', () => {
  let base: CwaltDetail;
  beforeAll(() => {
    base = cwaltDetail({ speed: 100, horizon: 'maturity' });
  });
  const c = (name: string) => {
    const f = base.run.classes.get(name);
    if (!f) throw new Error(`no class ${name}`);
    return f;
  };
  const i = 36; // period 37 = May 2007

  it('OC target: 0 before November 2004 (period 7), then 0.35% × 615,000,000 = 2,152,500, reached and held', () => {
    expect(Array.from(base.ocTarget.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(base.ocTarget[6]).toBe(2_152_500);
    expect(base.ocTarget[i]).toBe(2_152_500);
    for (const k of [35, 36, 37]) expect(base.ocAmount[k]).toBeCloseTo(2_152_500, 1);
  });

  it('the Stepdown Date is period 37: May 2007, and the seniors after its principal are at most 88.40% of the pool', () => {
    const pool = base.run.collateral[0].endBalance[i] + base.run.collateral[1].endBalance[i];
    expect(pool).toBeCloseTo(254_164_025.34, 1);
    const seniorsBefore = [...GROUP1_SENIORS, '2-A'].reduce((a, n) => a + c(n).balance[i - 1], 0);
    expect(seniorsBefore).toBeCloseTo(224_793_998.2, 1);
    const remittance = [0, 1].reduce((a, g) => a + base.run.collateral[g].scheduledPrincipal[i] + base.run.collateral[g].prepayment[i], 0);
    expect(remittance).toBeCloseTo(6_300_472.85, 1);
    // 224,793,998.20 − 6,300,472.85 = 218,493,525.35 ≤ 0.884 × 254,164,025.34 = 224,680,998.40: the test passes.
    expect(seniorsBefore - remittance).toBeLessThanOrEqual(0.884 * pool);
    // A period earlier it could not pass: period 36 < 37 (May 2007).
    expect(base.run.payDates[i]).toBe('2007-05-25');
    expect(Array.from(base.stepdown).slice(i - 2, i + 2)).toEqual([0, 0, 1, 1]);
    expect(Array.from(base.trigger).slice(0, 120).every((t) => t === 0)).toBe(true); // [TBD] triggers never trip (p.8)
  });

  it('principal after the stepdown: seniors to 88.40% of their group, then M-1, M-2, B to 93.10% / 96.90% / 99.30% of the pool, capped at pool − OC target', () => {
    const p1 = base.run.collateral[0].endBalance[i];
    const p2 = base.run.collateral[1].endBalance[i];
    const pool = p1 + p2;
    const seniors1 = GROUP1_SENIORS.reduce((a, n) => a + c(n).balance[i - 1], 0); // 112,367,826.64
    // Group 1 seniors down to 0.884 × 126,691,001.54 = 111,994,845.36: 372,981.28 of principal.
    const s1 = seniors1 - 0.884 * p1;
    expect(s1).toBeCloseTo(372_981.28, 1);
    // 2-A (112,426,171.56) is already below 0.884 × 127,473,023.81 = 112,686,153.04: no principal.
    expect(c('2-A').balance[i - 1]).toBeLessThan(0.884 * p2);
    expect(c('2-A').principal[i]).toBe(0);
    const seniorsAfter = seniors1 - s1 + c('2-A').balance[i - 1];
    // M-1: 224,421,016.92 + 14,452,000 − 0.931 × 254,164,025.34 (236,626,707.59) = 2,246,309.33
    const m1 = seniorsAfter + 14_452_000 - 0.931 * pool;
    // M-2: 236,626,707.59 + 11,685,000 − 0.969 × pool (246,284,940.55) = 2,026,767.05
    const m2 = 0.931 * pool + 11_685_000 - 0.969 * pool;
    // B: 246,284,940.55 + 7,380,999.99 − min(0.993 × pool, pool − 2,152,500) (252,011,525.34) = 1,654,415.20
    const b = 0.969 * pool + c('B').balance[i - 1] - Math.min(0.993 * pool, pool - 2_152_500);
    expect([m1, m2, b].map((x) => Math.round(x))).toEqual([2_246_309, 2_026_767, 1_654_415]);
    const paidS1 = GROUP1_SENIORS.reduce((a, n) => a + c(n).principal[i], 0);
    expect(paidS1).toBeCloseTo(s1, 1);
    expect(c('M-1').principal[i]).toBeCloseTo(m1, 1);
    expect(c('M-2').principal[i]).toBeCloseTo(m2, 1);
    expect(c('B').principal[i]).toBeCloseTo(b, 1);
    // All of it is the period's principal remittance: OC stays at its target.
    expect(paidS1 + m1 + m2 + b).toBeCloseTo(6_300_472.85, 1);
  });

  it('1-A-6 lockout share, period 37: 45% × 28,365,000 / 112,367,826.64 × 372,981.28 = 42,368.2; the rest to 1-A-3 in order', () => {
    expect(base.lockoutPct[i - 1]).toBe(0);
    expect(base.lockoutPct[i]).toBe(45);
    const seniors1 = GROUP1_SENIORS.reduce((a, n) => a + c(n).balance[i - 1], 0);
    const s1 = seniors1 - 0.884 * base.run.collateral[0].endBalance[i];
    const lockout = 0.45 * (28_365_000 / seniors1) * s1;
    expect(lockout).toBeCloseTo(42_368.2, 0);
    expect(c('1-A-6').principal[i]).toBeCloseTo(lockout, 1);
    expect(c('1-A-3').principal[i]).toBeCloseTo(s1 - lockout, 1);
    expect(c('1-A-4').principal[i]).toBe(0);
    // Periods 1-36: 0% (no 1-A-6 principal while 1-A-1..1-A-3 are outstanding).
    for (let k = 0; k < 36; k++) expect(c('1-A-6').principal[k]).toBe(0);
  });
});
