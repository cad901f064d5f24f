/**
 * CWALT 2004-J4 as the engine (src/engine) runs it: its classes and their coupon terms, the
 * collections of the two loan groups into the funds of the priority (priority.ts), the Mandatory
 * Auction and Clean-up Call with the coupon step-ups, and the readings (terms.ts). The Net Rate
 * Caps, A-IO notionals, OC, Stepdown Date, Trigger Event, principal amounts and lockout share
 * are named formulas (formulas.ts).
 */
import type { EngineClass, EngineTerms } from '../../engine/terms';
import { memoByKey } from '../../engine/memo';
import type { LossTriggerBand } from '../../waterfall/triggers';
import { cwaltFormulas } from './formulas';
import { PRIORITY } from './priority';
import { CLASSES, DATES, GROUPS, MAXIMUM_RATE_PCT, REDEMPTION, type CwaltClassTerms, type CwaltReadings } from './terms';
// The pricing terms' formulas as compiled code (npm run formulas), which the engine finds by their signature.
import './formulas.generated';

export type CwaltHorizon = 'auction' | 'cleanUpCall' | 'maturity';

/** How the Trigger Event is decided: from the terms (TBD figures never trip), or forced either way. */
export type TriggerMode = 'terms' | 'breached' | 'notBreached';

/** A class's terms as the engine reads them: its coupon, accrual basis and the Net Rate Cap that caps it. */
function engineClass(c: CwaltClassTerms, readings: CwaltReadings): EngineClass {
  if (c.coupon.kind === 'interestOnly') {
    return { name: c.name, originalBalance: c.principal, coupon: { kind: 'interestOnly' }, accrual: '30/360', notional: `aioEffective${c.coupon.group}`, rate: 'ioRate' };
  }
  const cap30 = c.group === 'sub' ? 'netRateCapSub' : `netRateCap${c.group}`;
  if (c.coupon.kind === 'fixed') {
    return { name: c.name, originalBalance: c.principal, coupon: { kind: 'fixed', couponPct: c.coupon.couponPct, stepUpPct: c.coupon.stepUpPct }, accrual: '30/360', cap: cap30, carryoverInterest: 'uncapped' };
  }
  const maximumRatePct = readings.maximumRateCapsCoupon ? MAXIMUM_RATE_PCT : Infinity;
  return { name: c.name, originalBalance: c.principal, coupon: { kind: 'floater', marginPct: c.coupon.marginPct, stepUpMultiplier: c.coupon.stepUpMultiplier, maximumRatePct, floorPct: 0 }, accrual: 'act/360', cap: `${cap30}Actual`, carryoverInterest: 'uncapped' };
}

const termsOf = memoByKey<EngineTerms>();

/** The deal's terms for the engine under a set of readings, trigger mode, loss bands and redemption (memoised). */
export function cwaltEngineTerms(readings: CwaltReadings, trigger: TriggerMode, bands: readonly LossTriggerBand[], redemption: 'auction' | 'cleanUpCall'): EngineTerms {
  return termsOf(JSON.stringify([readings, trigger, bands, redemption]), () => ({
    name: 'CWALT 2004-J4',
    cutoffBalance: GROUPS.cutoffBalance,
    dates: { closing: DATES.closing, firstPayment: DATES.firstDistribution },
    payDates: 'unadjusted',
    couponOfRetiredClass: 'zero',
    roundingResidual: 'perCollection',
    seriesLength: 'projection',
    accrualDays: readings.accrualDates === 'businessDayAdjusted' ? 'accrualDays' : 'unadjustedDays',
    classes: CLASSES.map((c) => engineClass(c, readings)),
    funds: ['interest1', 'interest2', 'interestAll', 'principal1', 'principal2', 'principalAll', 'excess', 'redemption'],
    collections: [
      { fund: 'interest1', sources: ['netInterest'], group: 0 },
      { fund: 'interest2', sources: ['netInterest'], group: 1 },
      { fund: 'principal1', sources: ['scheduledPrincipal', 'prepayment', 'recovery'], group: 0 },
      { fund: 'principal2', sources: ['scheduledPrincipal', 'prepayment', 'recovery'], group: 1 },
      // The auction or clean-up proceeds: the collateral at par (p.4).
      { fund: 'redemption', sources: ['redemption'] },
    ],
    ...cwaltFormulas(readings, trigger, bands),
    priority: PRIORITY,
    redemption: {
      poolPctOfCutoff: redemption === 'auction' ? REDEMPTION.auctionPctOfCutoff : REDEMPTION.cleanUpCallPctOfCutoff,
      basis: readings.redemptionBalance,
      stepUpStart: readings.stepUpStart,
      stepUpPoolPctOfCutoff: REDEMPTION.auctionPctOfCutoff,
    },
    unpaidInterestBearsInterest: false,
  }));
}
