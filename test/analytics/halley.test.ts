/**
 * The quick solve (src/analytics/halley.ts) against the bracketing solver it runs ahead of: any
 * options send a solve to the bracketing path, so `yieldFromPrice(flows, price, {})` is the answer
 * the functions gave before. Both stop within the price tolerance (1e-12 per 100), so they agree
 * far below any printed digit; and a duration read off the solve's last pass is the bits of a
 * duration computed afresh.
 */
import fc from 'fast-check';
import type { FloaterCashFlows } from '../../src/analytics/cashflows';
import { discountMarginFromPrice, priceFromDiscountMargin } from '../../src/analytics/discountMargin';
import { macaulayOfFlows, yieldAndMacaulay } from '../../src/analytics/duration';
import { priceFromYield, yieldFromPrice, yieldOfFlows } from '../../src/analytics/yield';

/** A level-pay pool per 100 of face at a CPR, paid monthly from `firstPayDays` (30/360) after settlement. */
function pool(couponPct: number, months: number, cpr: number, firstPayDays: number): FloaterCashFlows {
  const t: number[] = [];
  const tau: number[] = [];
  const amount: number[] = [];
  const r = couponPct / 1200;
  const smm = 1 - Math.pow(1 - cpr / 100, 1 / 12);
  let balance = 100;
  for (let k = 1; k <= months && balance > 1e-9; k++) {
    const remaining = months - k + 1;
    const scheduled = r === 0 ? balance / remaining : (balance * r) / (1 - Math.pow(1 + r, -remaining)) - balance * r;
    const prepaid = smm * (balance - scheduled);
    t.push((firstPayDays + 30 * (k - 1)) / 360);
    tau.push(k === 1 ? firstPayDays / 360 : 30 / 360);
    amount.push(balance * r + scheduled + prepaid);
    balance -= scheduled + prepaid;
  }
  return { face: 100, t, tau, amount };
}

const arbPool = fc.record({
  couponPct: fc.double({ min: 0.5, max: 12, noNaN: true }),
  months: fc.integer({ min: 12, max: 360 }),
  cpr: fc.double({ min: 0, max: 60, noNaN: true }),
  firstPayDays: fc.integer({ min: 15, max: 55 }),
  price: fc.double({ min: 60, max: 140, noNaN: true }),
});

describe('quick solve (Halley on ln P) against the bracketing solver', () => {
  it('yield: the same yield within 1e-9 %, and the price within the tolerance', () => {
    fc.assert(
      fc.property(arbPool, ({ couponPct, months, cpr, firstPayDays, price }) => {
        const flows = pool(couponPct, months, cpr, firstPayDays);
        const quick = yieldFromPrice(flows, price);
        expect(Math.abs(quick - yieldFromPrice(flows, price, {}))).toBeLessThan(1e-9 * Math.max(1, Math.abs(quick)));
        expect(Math.abs(priceFromYield(flows, quick) - price)).toBeLessThan(1e-11);
      }),
    );
  });

  it('discount margin, flat index and a path: the same DM within 1e-7 bp', () => {
    fc.assert(
      fc.property(arbPool, fc.double({ min: 0.5, max: 8, noNaN: true }), ({ couponPct, months, cpr, firstPayDays, price }, indexPct) => {
        const flows = pool(couponPct, months, cpr, firstPayDays);
        const flat = discountMarginFromPrice(flows, indexPct, price);
        expect(Math.abs(flat - discountMarginFromPrice(flows, indexPct, price, {}))).toBeLessThan(1e-7);
        expect(Math.abs(priceFromDiscountMargin(flows, indexPct, flat) - price)).toBeLessThan(1e-11);
        const path = Array.from({ length: flows.t.length }, (_, k) => indexPct + 0.01 * (k % 7));
        const overPath = discountMarginFromPrice(flows, path, price);
        expect(Math.abs(overPath - discountMarginFromPrice(flows, path, price, {}))).toBeLessThan(1e-7);
      }),
    );
  });

  it('a duration read off the solve is the bits of one computed at the yield', () => {
    fc.assert(
      fc.property(arbPool, ({ couponPct, months, cpr, firstPayDays, price }) => {
        const flows = pool(couponPct, months, cpr, firstPayDays);
        const out = new Float64Array(2);
        yieldAndMacaulay(flows.t, flows.amount, flows.t.length, 1, price, out);
        expect(out[0]).toBe(yieldOfFlows(flows.t, flows.amount, flows.t.length, 1, price));
        if (!Number.isNaN(out[1])) expect(out[1]).toBe(macaulayOfFlows(flows.t, flows.amount, flows.t.length, out[0]));
      }),
    );
  });

  it('what the quick solve cannot settle, the bracketing solver decides as before', () => {
    const flows = pool(5, 360, 0, 25);
    // Every flow at settlement: no yield to solve for.
    const zeroTime: FloaterCashFlows = { face: 100, t: [0, 0], tau: [0.1, 0.1], amount: [50, 50] };
    expect(() => yieldFromPrice(zeroTime, 120)).toThrow('does not depend on yield');
    // A tiny price: a yield of hundreds of percent, still the bracketing solver's figure to 1e-9.
    const steep = yieldFromPrice(flows, 2);
    expect(steep).toBeGreaterThan(100);
    expect(Math.abs(steep - yieldFromPrice(flows, 2, {}))).toBeLessThan(1e-9 * steep);
    // Half the cash at settlement: no yield prices it below 50.
    const half: FloaterCashFlows = { face: 100, t: [0, 1], tau: [0.1, 1], amount: [50, 50] };
    expect(() => yieldFromPrice(half, 40)).toThrow('outside the range');
  });
});
