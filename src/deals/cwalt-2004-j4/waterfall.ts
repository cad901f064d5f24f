/**
 * CWALT 2004-J4: the period loop. Each period it
 *  1. sets every class's pass-through rate (LIBOR + margin or fixed coupon, capped at the Net
 *     Rate Cap and the Maximum Rate; A-IO on its scheduled notional) and interest due;
 *  2. deposits the collateral's cash (rounded to cents) into the funds;
 *  3. runs `PRIORITY` (priority.ts) with the two calculations below;
 *  4. checks that the cash is conserved to the cent and records the period.
 *
 * The calculations:
 * - `principalDistribution` (after interest): the OC amounts (oc.ts), the Stepdown Date and
 *   Trigger Event, the senior and subordinate principal amounts and the 1-A-6 lockout share;
 * - `realizedLosses` (after every payment): the applied realized loss, written down B → M-2 → M-1.
 */
import { EngineError } from '../../errors';
import type { PoolFlows } from '../../collateral/types';
import { adjustFollowing, addMonths, daysBetween, formatIsoDate, parseIsoDate, type PlainDate } from '../../time';
import { compileSteps, runCompiled, type Calculations } from '../../waterfall/apply';
import { accrueCents, allocateInto, toCents } from '../../waterfall/cents';
import { carryoverOutstanding, couponRate, netRateCap, toActual360, weightedCap, type CouponTerms } from '../../waterfall/interest';
import { appliedRealizedLoss } from '../../waterfall/losses';
import { overcollateralization } from '../../waterfall/oc';
import { cumulativeTarget, lockoutPercent, lockoutShare, paydownToTarget, sequentialToCumulativeTargets } from '../../waterfall/principal';
import { firstEligiblePeriod, steppedUp } from '../../waterfall/redemption';
import { beginPeriod, checkConservation, deposit, fundBalance, newLedger, newPeriodState, resetLedger, type ClassLedger, type PeriodState } from '../../waterfall/state';
import { cumulativeLossLimitPct, cumulativeLossTriggered, stepdownTest, type LossTriggerBand } from '../../waterfall/triggers';
import { AMOUNTS, CALCULATIONS, FUNDS, PRIORITY, TESTS } from './priority';
import {
  AIO,
  aioNotional,
  aioRatePct,
  CLASSES,
  DATES,
  GROUP1_SENIORS,
  GROUP2_SENIORS,
  GROUPS,
  LOCKOUT,
  MAXIMUM_RATE_PCT,
  OVERCOLLATERALIZATION,
  REDEMPTION,
  STEPDOWN,
  SUBORDINATES,
  SUBORDINATION,
  TRIGGERS,
  type CwaltClassId,
  type CwaltClassTerms,
  type CwaltReadings,
} from './terms';

/** Which redemption ends the run: the Mandatory Auction (20%), the Clean-up Call (10%), or none. */
export type CwaltHorizon = 'auction' | 'cleanUpCall' | 'maturity';

/** How the Trigger Event is decided: from the terms (TBD figures never trip), or forced either way. */
export type TriggerMode = 'terms' | 'breached' | 'notBreached';

export interface WaterfallOptions {
  readonly horizon: CwaltHorizon;
  /** One-month LIBOR for each period (element k − 1 = period k), percent. */
  readonly libor1mPct: ArrayLike<number>;
  readonly readings: CwaltReadings;
  readonly trigger: TriggerMode;
  /** Cumulative-loss trigger bands with the [TBD] figures filled in (default: the terms, all null). */
  readonly cumulativeLossBands?: readonly LossTriggerBand[];
}

export interface ClassCashFlows {
  readonly name: CwaltClassId;
  readonly kind: CouponTerms['kind'];
  readonly dayCount: '30/360' | 'act/360';
  /** Days between the end of accrual and payment (fixed: 24; floaters: 0). */
  readonly delayDays: number;
  /** Original principal (notional for the A-IO classes), dollars. */
  readonly originalBalance: number;
  /** Interest paid (current and earlier shortfalls; carryover not included), dollars. */
  readonly interest: Float64Array;
  readonly principal: Float64Array;
  /** Balance after the period's distributions and writedowns (A-IO: the notional interest accrued on). */
  readonly balance: Float64Array;
  readonly writedown: Float64Array;
  /** Net Rate Carryover paid. */
  readonly carryoverPaid: Float64Array;
  /** Unpaid realized loss amounts reimbursed. */
  readonly lossReimbursed: Float64Array;
  /** Pass-through rate accrued at, percent. */
  readonly couponPct: Float64Array;
  /** Rate without the Net Rate Cap (floaters: up to the Maximum Rate), percent. */
  readonly uncappedCouponPct: Float64Array;
  /** The class's Net Rate Cap on its own accrual basis, percent (A-IO: NaN-free 0). */
  readonly netRateCapPct: Float64Array;
  /** Interest shortfall still unpaid after the period. */
  readonly unpaidInterest: Float64Array;
  /** Net Rate Carryover still unpaid after the period. */
  readonly unpaidCarryover: Float64Array;
}

export interface WaterfallResult {
  readonly periods: number;
  /** Last period in which any certificate had a balance or was paid. */
  readonly lastPeriod: number;
  /** Unadjusted distribution dates (the 25th), 'YYYY-MM-DD'. */
  readonly payDates: readonly string[];
  /** Actual/360 accrual days of the floaters. */
  readonly accrualDays: Float64Array;
  readonly libor1mPct: Float64Array;
  readonly classes: Readonly<Record<CwaltClassId, ClassCashFlows>>;
  /** Net Rate Caps, percent: each group's on a 30/360 basis, and the subordinates' (act/360). */
  readonly netRateCap: { readonly group1: Float64Array; readonly group2: Float64Array; readonly subordinate: Float64Array };
  /** A-IO notional interest accrued on: min(schedule, group balance), dollars. */
  readonly aioNotional: { readonly '1-A-IO': Float64Array; readonly '2-A-IO': Float64Array };
  readonly oc: {
    readonly target: Float64Array;
    /** Collateral less certificates after the period. */
    readonly amount: Float64Array;
    readonly extraPrincipal: Float64Array;
    readonly release: Float64Array;
  };
  /** Excess Cashflow (p.8): interest left after the certificates' interest, before any principal is released into it, dollars. */
  readonly excessCashflow: Float64Array;
  /** 1 from the Stepdown Date on. */
  readonly stepdown: Uint8Array;
  /** 1 when a Trigger Event is in effect. */
  readonly trigger: Uint8Array;
  readonly lockoutPct: Float64Array;
  readonly redemption: {
    readonly horizon: CwaltHorizon;
    /** First period the Mandatory Auction may happen (ending collateral ≤ 20% of cut-off). */
    readonly auctionEligiblePeriod: number | null;
    readonly cleanUpEligiblePeriod: number | null;
    /** Period in which the certificates were retired by the redemption, if any. */
    readonly redeemedPeriod: number | null;
    /** First period with stepped-up coupons, if any. */
    readonly stepUpFromPeriod: number | null;
  };
  /** Paid to the Class C (residual) holder, dollars. */
  readonly residual: Float64Array;
  /** Cash check per period, cents: deposited = paid + released (checked; throws otherwise). */
  readonly cash: { readonly depositedCents: Float64Array; readonly paidCents: Float64Array; readonly releasedCents: Float64Array };
  /** Float dollars of collateral cash minus the cents deposited (the named rounding residual). */
  readonly roundingResidual: Float64Array;
}

interface Carried {
  balance: number;
  unpaidInterest: number;
  carryover: number;
  lossDue: number;
}

const OFFERED_PRINCIPAL: readonly CwaltClassId[] = [...GROUP1_SENIORS, ...GROUP2_SENIORS, ...SUBORDINATES];

/** One class through the run: its terms, resolved coupon, output series, what it carries into the next period, and its ledger (reset each period). */
interface ClassRun {
  readonly terms: CwaltClassTerms;
  readonly coupon: CouponTerms;
  readonly flows: ClassCashFlows;
  readonly carried: Carried;
  readonly ledger: ClassLedger;
}

function runsOf(runs: readonly ClassRun[], names: readonly CwaltClassId[]): ClassRun[] {
  return names.map((name) => {
    const r = runs.find((x) => x.terms.name === name);
    if (!r) throw new EngineError('class', `no class "${name}" in CLASSES`);
    return r;
  });
}

/** Balance of the classes' ledgers now (cents). */
function balanceOf(runs: readonly ClassRun[]): number {
  let total = 0;
  for (let j = 0; j < runs.length; j++) total += runs[j].ledger.balance;
  return total;
}

/** Balance the classes carried into the period (cents). */
function carriedBalanceOf(runs: readonly ClassRun[]): number {
  let total = 0;
  for (let j = 0; j < runs.length; j++) total += runs[j].carried.balance;
  return total;
}

/** Float64 series a class has in `ClassCashFlows`. */
const SERIES_PER_CLASS = 11;

/**
 * Zeroed Float64Array series of length `n`, handed out as views on buffers of `perBuffer`
 * series (one allocation for a run's outputs; a new buffer if more are asked for).
 */
function seriesAllocator(n: number, perBuffer: number): () => Float64Array {
  let buffer = new Float64Array(0);
  let used = perBuffer;
  return () => {
    if (used === perBuffer) {
      buffer = new Float64Array(n * perBuffer);
      used = 0;
    }
    used += 1;
    return buffer.subarray(n * (used - 1), n * used);
  };
}

function setPair(pair: number[], first: number, second: number): number[] {
  pair[0] = first;
  pair[1] = second;
  return pair;
}

function dayCountOf(c: CwaltClassTerms): '30/360' | 'act/360' {
  return c.coupon.kind === 'floater' ? 'act/360' : '30/360';
}

function couponTermsOf(c: CwaltClassTerms, readings: CwaltReadings): CouponTerms {
  switch (c.coupon.kind) {
    case 'fixed':
      return { kind: 'fixed', couponPct: c.coupon.couponPct, stepUpPct: c.coupon.stepUpPct };
    case 'floater':
      return { kind: 'floater', marginPct: c.coupon.marginPct, stepUpMultiplier: c.coupon.stepUpMultiplier, maximumRatePct: readings.maximumRateCapsCoupon ? MAXIMUM_RATE_PCT : Infinity, floorPct: 0 };
    case 'interestOnly':
      return { kind: 'interestOnly' };
  }
}

/** Distribution dates, unadjusted or rolled to the next business day (memoised: pure in its arguments). */
const dateCache = new Map<string, { readonly dates: readonly PlainDate[]; readonly iso: readonly string[] }>();
function distributionDates(periods: number, adjusted: boolean): { readonly dates: readonly PlainDate[]; readonly iso: readonly string[] } {
  const key = `${periods}|${adjusted}`;
  let cached = dateCache.get(key);
  if (!cached) {
    const first = parseIsoDate(DATES.firstDistribution);
    const dates: PlainDate[] = [];
    for (let k = 1; k <= periods; k++) {
      const d = addMonths(first, k - 1);
      dates.push(adjusted ? adjustFollowing(d) : d);
    }
    cached = { dates, iso: dates.map((d) => formatIsoDate(d)) };
    dateCache.set(key, cached);
  }
  return cached;
}

/**
 * Runs the waterfall over the two groups' collateral flows (same length). Pure: allocates its
 * own arrays, never mutates its inputs.
 */
export function runWaterfall(group1: PoolFlows, group2: PoolFlows, options: WaterfallOptions): WaterfallResult {
  if (group1.periods !== group2.periods) throw new EngineError('collateral', `expected both groups projected over the same periods, got ${group1.periods} and ${group2.periods}`);
  const n = group1.periods;
  if (options.libor1mPct.length < n) throw new EngineError('libor1mPct', `expected a 1M LIBOR level for each of ${n} periods, got ${options.libor1mPct.length}`);
  const { readings } = options;
  const bands = options.cumulativeLossBands ?? TRIGGERS.cumulativeLoss;

  // Every series of the run (accrual days, pool balances, the outputs) is a view on one shared
  // buffer: a typed array of its own each costs far more to allocate and collect than to fill.
  // (Per class 11; then accrual days and the two pool balances, and the 17 deal-level series below.)
  const arr = seriesAllocator(n, CLASSES.length * SERIES_PER_CLASS + 3 + 17);

  // Dates and accrual days.
  const unadjusted = distributionDates(n, false);
  const accrualEnds = (readings.accrualDates === 'businessDayAdjusted' ? distributionDates(n, true) : unadjusted).dates;
  const closing = parseIsoDate(DATES.closing);
  const accrualDays = arr();
  for (let k = 1; k <= n; k++) accrualDays[k - 1] = daysBetween(k === 1 ? closing : accrualEnds[k - 2], accrualEnds[k - 1]);

  // Redemption timing (reading 3: the ending collateral balance).
  const poolBegin = arr();
  const poolEnd = arr();
  for (let i = 0; i < n; i++) {
    poolBegin[i] = group1.beginBalance[i] + group2.beginBalance[i];
    poolEnd[i] = group1.endBalance[i] + group2.endBalance[i];
  }
  const eligible = (pct: number) => firstEligiblePeriod({ beginBalance: poolBegin, endBalance: poolEnd, cutoffBalance: GROUPS.cutoffBalance, thresholdPct: pct, basis: readings.redemptionBalance });
  const auctionEligible = eligible(REDEMPTION.auctionPctOfCutoff);
  const cleanUpEligible = eligible(REDEMPTION.cleanUpCallPctOfCutoff);
  const redeemAt = options.horizon === 'auction' ? auctionEligible : options.horizon === 'cleanUpCall' ? cleanUpEligible : null;
  const stepUpFrom = auctionEligible === null ? null : readings.stepUpStart === 'afterEligible' ? auctionEligible + 1 : auctionEligible;

  // Output arrays.
  const classes = {} as Record<CwaltClassId, ClassCashFlows>;
  for (const c of CLASSES) {
    classes[c.name] = {
      name: c.name,
      kind: c.coupon.kind,
      dayCount: dayCountOf(c),
      delayDays: c.coupon.kind === 'floater' ? 0 : 24,
      originalBalance: c.principal,
      interest: arr(),
      principal: arr(),
      balance: arr(),
      writedown: arr(),
      carryoverPaid: arr(),
      lossReimbursed: arr(),
      couponPct: arr(),
      uncappedCouponPct: arr(),
      netRateCapPct: arr(),
      unpaidInterest: arr(),
      unpaidCarryover: arr(),
    };
  }
  const result = {
    nrc1: arr(),
    nrc2: arr(),
    nrcSub: arr(),
    aio1: arr(),
    aio2: arr(),
    ocTarget: arr(),
    ocAmount: arr(),
    ocExtra: arr(),
    ocRelease: arr(),
    excessCashflow: arr(),
    stepdown: new Uint8Array(n),
    trigger: new Uint8Array(n),
    lockoutPct: arr(),
    residual: arr(),
    deposited: arr(),
    paid: arr(),
    released: arr(),
    rounding: arr(),
    libor: arr(),
  };

  // Per class, in CLASSES order: its terms resolved once, what it carries between periods, and
  // its ledger, reused every period (the period loop allocates as little as it can).
  const runs: ClassRun[] = CLASSES.map((c) => ({
    terms: c,
    coupon: couponTermsOf(c, readings),
    flows: classes[c.name],
    carried: { balance: toCents(c.principal), unpaidInterest: 0, carryover: 0, lossDue: 0 },
    ledger: newLedger(0, c.coupon.kind === 'interestOnly'),
  }));
  // One period state for the run (`beginPeriod` moves it on), and the priority resolved against its ledgers.
  const s = newPeriodState(0, new Map<string, ClassLedger>(runs.map((r) => [r.terms.name, r.ledger])));
  const priority = compileSteps(PRIORITY, s.classes);
  const group1Seniors = runsOf(runs, GROUP1_SENIORS);
  const group2Seniors = runsOf(runs, GROUP2_SENIORS);
  const subordinates = runsOf(runs, SUBORDINATES);
  const offeredPrincipal = runsOf(runs, OFFERED_PRINCIPAL);
  const lockoutClass = runsOf(runs, [LOCKOUT.lockoutClass])[0];
  const subordinateAmounts = SUBORDINATES.map((c) => AMOUNTS[c as 'M-1' | 'M-2' | 'B']);
  const subordinateTargetPct = SUBORDINATES.map((c) => SUBORDINATION.targetAtStepdownPct[c as 'M-1' | 'M-2' | 'B']);
  const subordinateBalances = subordinates.map(() => 0);
  const subordinatePrincipal = subordinates.map(() => 0);
  const subordinateTargets = subordinates.map(() => 0);
  const pair = [0, 0];
  const pairWeights = [0, 0];
  const pairShares = [0, 0];

  const ocTargetCents = toCents((OVERCOLLATERALIZATION.targetPctOfCutoff / 100) * GROUPS.cutoffBalance);
  const group1FloorCents = toCents((OVERCOLLATERALIZATION.targetPctOfCutoff / 100) * GROUPS.group1CutoffBalance);
  const group2FloorCents = toCents((OVERCOLLATERALIZATION.targetPctOfCutoff / 100) * GROUPS.group2CutoffBalance);
  let stepdownReached = false;
  let seniorTestFirstPassed: number | null = null;
  let cumulativeLoss = 0;
  let lastPeriod = 0;
  const allSettled = () => {
    for (const r of runs) if (r.carried.unpaidInterest > 0 || r.carried.carryover > 0 || r.carried.lossDue > 0) return false;
    return true;
  };

  // The period being run, as the calculations see it (set at the top of each period).
  let k = 0;
  let i = 0;
  let begin1 = 0;
  let end1C = 0;
  let end2C = 0;
  let pra1 = 0;
  let pra2 = 0;
  let redeemNow = false;

  /** Deposits collateral cash into a fund; the rounding residual is what the cents leave out of the float dollars. */
  const depositDollars = (fund: string, dollars: number): number => {
    const cents = toCents(Math.max(0, dollars));
    deposit(s, fund, cents);
    result.rounding[i] += dollars - cents / 100;
    return cents;
  };

  const calculations: Calculations = {
    [CALCULATIONS.principal]: (st: PeriodState) => {
      const seniorBal1 = balanceOf(group1Seniors);
      const seniorBal2 = balanceOf(group2Seniors);
      const seniorBal = seniorBal1 + seniorBal2;
      let certBal = seniorBal;
      for (let j = 0; j < subordinates.length; j++) {
        subordinateBalances[j] = subordinates[j].ledger.balance;
        certBal += subordinateBalances[j];
      }
      const poolEndC = end1C + end2C;
      const target = k >= OVERCOLLATERALIZATION.firstTargetPeriod ? ocTargetCents : 0;
      const oc = overcollateralization({
        collateralBalance: poolEndC,
        certificateBalance: certBal,
        principalRemittance: pra1 + pra2,
        target,
        excess: fundBalance(st, FUNDS.excess),
        buildAllowed: k >= OVERCOLLATERALIZATION.firstTargetPeriod,
      });
      result.ocTarget[i] = target / 100;
      result.excessCashflow[i] = fundBalance(st, FUNDS.excess) / 100;
      result.ocExtra[i] = oc.extraPrincipal / 100;
      result.ocRelease[i] = oc.release / 100;
      // Split the extra principal and the release between the groups.
      if (readings.extraPrincipalSplit === 'principalRemittance' && pra1 + pra2 > 0) setPair(pairWeights, pra1, pra2);
      else setPair(pairWeights, Math.max(0, end1C), Math.max(0, end2C));
      allocateInto(oc.extraPrincipal, pairWeights, 2, pairShares);
      const extra1 = pairShares[0];
      const extra2 = pairShares[1];
      allocateInto(oc.release, setPair(pairWeights, pra1, pra2), 2, pairShares);
      const avail1 = pra1 + extra1 - pairShares[0];
      const avail2 = pra2 + extra2 - pairShares[1];
      const pda = Math.min(certBal, avail1 + avail2);

      // Stepdown Date (p.9), reading 4: seniors after the period's principal (all of it to them).
      const seniorsTested = readings.stepdownTest === 'afterPrincipal' ? seniorBal - Math.min(seniorBal, pda) : seniorBal;
      const sd = stepdownTest({ period: k, earliestPeriod: STEPDOWN.earliestPeriod, seniorBalance: seniorsTested, collateralBalance: poolEndC, seniorPctLimit: STEPDOWN.seniorPctOfPool, seniorTestFirstPassed });
      seniorTestFirstPassed = sd.seniorTestFirstPassed;
      stepdownReached = stepdownReached || sd.reached;
      const lossLimit = cumulativeLossLimitPct(bands, k);
      const triggerEvent =
        stepdownReached &&
        (options.trigger === 'breached' || (options.trigger === 'terms' && cumulativeLossTriggered(cumulativeLoss, GROUPS.cutoffBalance, lossLimit)));
      result.stepdown[i] = stepdownReached ? 1 : 0;
      result.trigger[i] = triggerEvent ? 1 : 0;

      let s1: number;
      let s2: number;
      let subs: readonly number[];
      const subsOutstanding = subordinateBalances.some((b) => b > 0);
      if (!stepdownReached || triggerEvent) {
        // All of each group's principal to its seniors; crossover once a group's seniors are retired; then M-1, M-2, B.
        s1 = Math.min(seniorBal1, avail1);
        s2 = Math.min(seniorBal2, avail2);
        const cross1 = Math.min(seniorBal2 - s2, avail1 - s1);
        const cross2 = Math.min(seniorBal1 - s1, avail2 - s2);
        s2 += cross1;
        s1 += cross2;
        let left = pda - s1 - s2;
        for (let j = 0; j < subordinateBalances.length; j++) {
          const p = Math.min(subordinateBalances[j], Math.max(0, left));
          left -= p;
          subordinatePrincipal[j] = p;
        }
        subs = subordinatePrincipal;
      } else {
        const pool1 = end1C;
        const pool2 = end2C;
        const seniorPct = 100 - SUBORDINATION.targetAtStepdownPct.senior;
        switch (readings.seniorTargets) {
          case 'aggregateWithGroupFloors': {
            // With the subordinates paid off, each group's principal goes to its own seniors down
            // to the group floor ("principal will be paid from each Loan Group to the Senior
            // Certificates", p.10): the 1-A-5 / 2-A tails at 100% end as each group crosses its floor.
            const byPct = subsOutstanding && (seniorPct / 100) * poolEndC <= poolEndC - ocTargetCents;
            const t1 = byPct ? (seniorPct / 100) * pool1 : pool1 - group1FloorCents;
            const t2 = byPct ? (seniorPct / 100) * pool2 : pool2 - group2FloorCents;
            s1 = Math.min(avail1, paydownToTarget(seniorBal1, Math.round(t1)));
            s2 = Math.min(avail2, paydownToTarget(seniorBal2, Math.round(t2)));
            break;
          }
          case 'groupTargets': {
            s1 = Math.min(avail1, paydownToTarget(seniorBal1, Math.round(Math.min((seniorPct / 100) * pool1, pool1 - group1FloorCents))));
            s2 = Math.min(avail2, paydownToTarget(seniorBal2, Math.round(Math.min((seniorPct / 100) * pool2, pool2 - group2FloorCents))));
            break;
          }
          case 'aggregateSplitByRemittance': {
            const aggregateTarget = cumulativeTarget(poolEndC, SUBORDINATION.targetAtStepdownPct.senior, ocTargetCents);
            const need = Math.min(pda, paydownToTarget(seniorBal, Math.round(aggregateTarget)));
            allocateInto(need, avail1 + avail2 > 0 ? setPair(pairWeights, avail1, avail2) : setPair(pairWeights, 1, 1), 2, pairShares);
            s1 = Math.min(seniorBal1, pairShares[0]);
            s2 = Math.min(seniorBal2, pairShares[1]);
            break;
          }
        }
        for (let j = 0; j < subordinateTargets.length; j++) subordinateTargets[j] = Math.round(cumulativeTarget(poolEndC, subordinateTargetPct[j], ocTargetCents));
        subs = sequentialToCumulativeTargets({ available: pda - s1 - s2, seniorBalanceAfter: seniorBal - s1 - s2, balances: subordinateBalances, targets: subordinateTargets });
      }

      // 1-A-6 lockout share (p.10), reading 6.
      const pct = lockoutPercent(LOCKOUT.schedule, k);
      result.lockoutPct[i] = pct;
      const denominator = readings.lockoutShareBasis === 'seniorGroupBalance' ? seniorBal1 : toCents(begin1);
      const lockoutBase = readings.lockoutPrincipalBasis === 'groupPrincipal' ? avail1 : s1;
      const lockout = Math.min(s1, lockoutShare({ pct, lockoutBalance: lockoutClass.ledger.balance, denominator, principal: lockoutBase }));

      st.amounts.set(AMOUNTS.senior1, s1);
      st.amounts.set(AMOUNTS.senior2, s2);
      st.amounts.set(AMOUNTS.lockout, lockout);
      for (let j = 0; j < subordinateAmounts.length; j++) st.amounts.set(subordinateAmounts[j], subs[j]);
    },
    [CALCULATIONS.losses]: (st: PeriodState) => {
      const certAfter = balanceOf(offeredPrincipal);
      const collateral = redeemNow ? 0 : end1C + end2C;
      const applied = appliedRealizedLoss(certAfter, collateral);
      const subsLeft = balanceOf(subordinates);
      st.amounts.set(AMOUNTS.appliedLoss, applied);
      st.amounts.set(AMOUNTS.seniorLoss, readings.seniorLosses === 'proRataSeniors' ? Math.max(0, applied - subsLeft) : 0);
    },
  };

  for (k = 1; k <= n; k++) {
    i = k - 1;
    const libor = options.libor1mPct[i];
    result.libor[i] = libor;
    redeemNow = redeemAt === k;
    const stepped = steppedUp(k, auctionEligible, readings.stepUpStart);

    // Ledgers and state for the period.
    for (const r of runs) resetLedger(r.ledger, r.carried.balance);
    beginPeriod(s, k);

    // Collateral of the period, cents.
    begin1 = group1.beginBalance[i];
    const begin2 = group2.beginBalance[i];
    end1C = toCents(group1.endBalance[i]);
    end2C = toCents(group2.endBalance[i]);
    cumulativeLoss += group1.loss[i] + group2.loss[i];

    // A-IO notionals: interest on the lesser of the schedule and the group balance (p.5).
    const eff1 = Math.min(aioNotional(1, k), begin1);
    const eff2 = Math.min(aioNotional(2, k), begin2);
    const ioRate = aioRatePct(k);
    result.aio1[i] = ioRate > 0 ? eff1 : 0;
    result.aio2[i] = ioRate > 0 ? eff2 : 0;
    const capNotional1 = readings.aioCapNotional === 'effective' ? eff1 : aioNotional(1, k);
    const capNotional2 = readings.aioCapNotional === 'effective' ? eff2 : aioNotional(2, k);

    // Net Rate Caps (p.6-7), 30/360 basis.
    const nrc1 = netRateCap({ netRatePct: group1.netRate[i], ioRatePct: ioRate, ioNotional: capNotional1, collateralBalance: begin1 });
    const nrc2 = netRateCap({ netRatePct: group2.netRate[i], ioRatePct: ioRate, ioNotional: capNotional2, collateralBalance: begin2 });
    const senior1Bal = carriedBalanceOf(group1Seniors) / 100;
    const senior2Bal = carriedBalanceOf(group2Seniors) / 100;
    const nrcSub30 = weightedCap(setPair(pair, nrc1, nrc2), setPair(pairWeights, Math.max(0, begin1 - senior1Bal), Math.max(0, begin2 - senior2Bal)));
    const days = accrualDays[i];
    result.nrc1[i] = nrc1;
    result.nrc2[i] = nrc2;
    result.nrcSub[i] = toActual360(nrcSub30, days);

    // Rates and interest due.
    for (const r of runs) {
      const { terms: c, ledger: l, carried: prior, flows } = r;
      l.unpaidInterestDue = prior.unpaidInterest;
      l.lossDue = prior.lossDue;
      if (r.coupon.kind === 'interestOnly') {
        const eff = c.group === 1 ? eff1 : eff2;
        l.balance = toCents(ioRate > 0 ? eff : 0);
        l.interestDue = accrueCents(l.balance, ioRate, 30 / 360);
        flows.couponPct[i] = ioRate;
        flows.uncappedCouponPct[i] = ioRate;
        continue;
      }
      const cap30 = c.group === 1 ? nrc1 : c.group === 2 ? nrc2 : nrcSub30;
      const actual = r.coupon.kind === 'floater';
      const capPct = actual ? toActual360(cap30, days) : cap30;
      const yearFraction = actual ? days / 360 : 30 / 360;
      const rate = couponRate(r.coupon, { indexPct: libor, steppedUp: stepped, capPct });
      l.interestDue = accrueCents(l.balance, rate.ratePct, yearFraction);
      l.carryoverDue = carryoverOutstanding(prior.carryover, l.balance, rate, yearFraction);
      flows.couponPct[i] = l.balance > 0 ? rate.ratePct : 0;
      flows.uncappedCouponPct[i] = l.balance > 0 ? rate.uncappedPct : 0;
      flows.netRateCapPct[i] = capPct;
    }

    // Deposits.
    depositDollars(FUNDS.interest1, group1.netInterest[i]);
    depositDollars(FUNDS.interest2, group2.netInterest[i]);
    pra1 = depositDollars(FUNDS.principal1, group1.scheduledPrincipal[i] + group1.prepayment[i] + group1.recovery[i]);
    pra2 = depositDollars(FUNDS.principal2, group2.scheduledPrincipal[i] + group2.prepayment[i] + group2.recovery[i]);
    if (redeemNow) depositDollars(FUNDS.redemption, group1.endBalance[i] + group2.endBalance[i]);
    s.tests.set(TESTS.redemption, redeemNow);

    runCompiled(s, priority, calculations);
    const cash = checkConservation(s);
    if (cash.undistributedCents !== 0) throw new Error(`period ${k}: ${cash.undistributedCents} cents left undistributed`);
    result.deposited[i] = cash.depositedCents;
    result.paid[i] = cash.paidCents;
    result.released[i] = cash.releasedCents;
    result.residual[i] = cash.releasedCents / 100;

    // Record and carry.
    let anyBalance = false;
    let anyPaid = false;
    for (const r of runs) {
      const { terms: c, ledger: l, carried: prior, flows } = r;
      flows.interest[i] = (l.paidInterest + l.paidUnpaidInterest) / 100;
      flows.principal[i] = l.paidPrincipal / 100;
      flows.writedown[i] = l.writedown / 100;
      flows.carryoverPaid[i] = l.paidCarryover / 100;
      flows.lossReimbursed[i] = l.paidLoss / 100;
      const unpaid = l.unpaidInterestDue - l.paidUnpaidInterest + (l.interestDue - l.paidInterest);
      const carry = Math.max(0, l.carryoverDue - l.paidCarryover);
      flows.unpaidInterest[i] = r.coupon.kind === 'interestOnly' ? 0 : unpaid / 100;
      flows.unpaidCarryover[i] = carry / 100;
      if (r.coupon.kind === 'interestOnly') {
        flows.balance[i] = l.balance / 100;
        prior.balance = c.principal > 0 ? toCents(c.principal) : 0;
        // A-IO shortfalls are carried as unpaid interest (current and unpaid interest, 1)(i)).
        prior.unpaidInterest = unpaid;
      } else {
        flows.balance[i] = l.balance / 100;
        prior.balance = l.balance;
        prior.unpaidInterest = unpaid;
        prior.carryover = carry;
        prior.lossDue = Math.max(0, l.lossDue - l.paidLoss);
        if (l.balance > 0) anyBalance = true;
      }
      if (l.paidInterest + l.paidUnpaidInterest + l.paidPrincipal + l.paidCarryover + l.paidLoss > 0) anyPaid = true;
    }
    result.ocAmount[i] = (end1C + end2C - carriedBalanceOf(offeredPrincipal)) / 100;
    if (redeemNow) result.ocAmount[i] = 0;
    if (anyBalance || anyPaid) lastPeriod = k;
    if (redeemNow) break;
    // Every certificate retired and nothing owed: the rest of the collateral belongs to Class C.
    if (!anyBalance && k >= AIO.lastPeriod && allSettled()) break;
  }

  return {
    periods: n,
    lastPeriod,
    payDates: unadjusted.iso,
    accrualDays,
    libor1mPct: result.libor,
    classes,
    netRateCap: { group1: result.nrc1, group2: result.nrc2, subordinate: result.nrcSub },
    aioNotional: { '1-A-IO': result.aio1, '2-A-IO': result.aio2 },
    oc: { target: result.ocTarget, amount: result.ocAmount, extraPrincipal: result.ocExtra, release: result.ocRelease },
    excessCashflow: result.excessCashflow,
    stepdown: result.stepdown,
    trigger: result.trigger,
    lockoutPct: result.lockoutPct,
    redemption: { horizon: options.horizon, auctionEligiblePeriod: auctionEligible, cleanUpEligiblePeriod: cleanUpEligible, redeemedPeriod: redeemAt, stepUpFromPeriod: stepUpFrom },
    residual: result.residual,
    cash: { depositedCents: result.deposited, paidCents: result.paid, releasedCents: result.released },
    roundingResidual: result.rounding,
  };
}
