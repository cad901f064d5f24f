import type { PoolFlows } from '../../collateral/types';
import { EngineError, requireFinite } from '../../errors';
import { type PlainDate, adjustFollowing, formatIsoDate, parseIsoDate, payDate } from '../../time';
import { compileSteps, runCompiled, type Calculations } from '../../waterfall/apply';
import { accrueCents, toCents } from '../../waterfall/cents';
import { appliedRealizedLoss } from '../../waterfall/losses';
import { overcollateralization } from '../../waterfall/oc';
import { firstEligiblePeriod } from '../../waterfall/redemption';
import { beginPeriod, checkConservation, deposit, fundBalance, newLedger, newPeriodState, resetLedger, type ClassLedger, type PeriodState } from '../../waterfall/state';
import type { Step } from '../../waterfall/step';
import { derivativeFlowForPeriod, impacPeriodOf, type SwapContract } from './derivatives';
import { IMPAC_CLASS_NAMES, IMPAC_DEFAULT_CONVENTIONS, IMPAC_TERMS, type ImpacClassName, type ImpacConventions, type ImpacTerms } from './terms';

/**
 * Impac CMB Trust 2004-1: the priority of payments (TS "Priority of Payments", clauses 1-7) as
 * steps of `src/waterfall`, and the period loop that feeds them.
 *
 * Funds of a period (cents):
 * - `interest`: interest funds: the pool's net interest less Net Derivative Fees (net payments
 *   the trust makes on the Derivative Contracts; TS "Net Mortgage Rate" (e));
 * - `principal`: principal remittance (scheduled, prepaid, recovered) and, on the call date, the
 *   purchase price of the remaining loans (their balance, at par);
 * - `available`: what is left of both after clause 1;
 * - `excess`: Excess Cash Flow, "the available funds remaining after priorities 1 and 2";
 * - `derivative`: payments received on the Derivative Contracts, which go to Basis Risk Amounts
 *   A-1 first (TS "Derivative Contracts"); what they do not need goes to the certificates.
 */

const SEQUENTIAL: readonly ImpacClassName[] = IMPAC_TERMS.sequentialOrder;

export const IMPAC_PRIORITY: readonly Step[] = [
  // 1. "Interest funds, sequentially, to the Class A-1, Class A-2, Class M-1, Class M-2, Class M-3 and Class M-4 Bonds"
  { kind: 'interest', fund: 'interest', classes: SEQUENTIAL, order: 'sequential', part: 'current', note: 'clause 1' },
  { kind: 'transfer', from: 'interest', to: 'available', limits: [] },
  { kind: 'transfer', from: 'principal', to: 'available', limits: [] },
  { kind: 'calculate', calculation: 'principalAmounts', note: 'Principal Distribution Amount and OC deficiency' },
  // 2. "From available funds, on a pro rata basis, the Principal Distribution Amount to the Bonds"
  { kind: 'principal', fund: 'available', classes: SEQUENTIAL, order: 'proRata', limits: ['principalDistributionAmount'], note: 'clause 2' },
  { kind: 'transfer', from: 'available', to: 'excess', limits: [] },
  // 3. "Excess Cash Flow ... as principal to the Bonds on a pro rata basis to build or restore Overcollateralization"
  { kind: 'principal', fund: 'excess', classes: SEQUENTIAL, order: 'proRata', limits: ['extraPrincipal'], note: 'clause 3' },
  // "Realized Losses": after OC is gone, M-4, M-3, M-2, M-1, then A-2
  { kind: 'calculate', calculation: 'appliedLoss' },
  { kind: 'writedown', classes: IMPAC_TERMS.lossOrder, order: 'sequential', amount: 'appliedRealizedLoss' },
  // 4. "sequentially to the Class A-2, Class M-1, ..., Class M-4 Bonds, in respect of Allocated Realized Loss Amounts"
  { kind: 'lossReimbursement', fund: 'excess', classes: IMPAC_TERMS.lossReimbursementOrder, order: 'sequential', note: 'clause 4' },
  // 5. "sequentially, to the Class A-1, ..., Class M-4 Bonds, to cover any Unpaid Interest Shortfall Amounts"
  { kind: 'interest', fund: 'excess', classes: SEQUENTIAL, order: 'sequential', part: 'unpaid', note: 'clause 5' },
  // "Derivative Contracts": receipts pay Basis Risk Amounts, A-1 first
  { kind: 'carryover', fund: 'derivative', classes: SEQUENTIAL, order: 'sequential', note: 'derivative proceeds' },
  // 6. "sequentially ... to cover any Basis Risk Amounts which are not covered by payments received in respect of the Derivative Contracts"
  { kind: 'carryover', fund: 'excess', classes: SEQUENTIAL, order: 'sequential', note: 'clause 6' },
  // 7. "Any remaining Excess Cash Flow ... to the Certificates"
  { kind: 'release', fund: 'excess', to: 'certificates', note: 'clause 7' },
  { kind: 'release', fund: 'derivative', to: 'certificates', note: 'derivative proceeds not needed for Basis Risk Amounts' },
];

export interface ImpacWaterfallInput {
  readonly pool: PoolFlows;
  /** One-month LIBOR fixed for each period's accrual (index t − 1 = period t), %. */
  readonly libor1mPct: ArrayLike<number>;
  readonly horizon: 'call' | 'maturity';
  /** The Derivative Contracts in force; [] runs without them. */
  readonly derivatives: readonly SwapContract[];
  readonly conventions?: Partial<ImpacConventions>;
  readonly terms?: ImpacTerms;
}

export interface ImpacClassFlows {
  readonly name: ImpacClassName;
  /** Balance before the period's distributions, $. */
  readonly beginBalance: Float64Array;
  /** Balance after principal and writedowns, $. */
  readonly endBalance: Float64Array;
  /** Bond Interest Rate of the period, % (least of LIBOR + margin, AFR, 11.50%). */
  readonly couponPct: Float64Array;
  /** Rate without the Available Funds Rate (LIBOR + margin, at most 11.50%), %. */
  readonly uncappedCouponPct: Float64Array;
  /** Current interest accrued at the Bond Interest Rate, $. */
  readonly interestDue: Float64Array;
  /** Interest paid: current (clause 1) and Unpaid Interest Shortfall (clause 5), $. */
  readonly interest: Float64Array;
  readonly principal: Float64Array;
  /** Basis Risk Amounts paid (derivative proceeds and clause 6), $. */
  readonly basisRisk: Float64Array;
  /** Allocated Realized Loss Amounts reimbursed (clause 4), $. */
  readonly lossReimbursed: Float64Array;
  readonly writedown: Float64Array;
  /** All cash paid to the class: interest + principal + basis risk + loss reimbursement, $. */
  readonly cashFlow: Float64Array;
  /** Unpaid Interest Shortfall, Basis Risk and Allocated Realized Loss amounts left after the period, $. */
  readonly unpaidInterestAfter: Float64Array;
  readonly basisRiskAfter: Float64Array;
  readonly lossAfter: Float64Array;
}

export interface ImpacWaterfallRun {
  readonly periods: number;
  /** Business-day adjusted payment dates, ISO. */
  readonly paymentDates: readonly string[];
  /** Days in each bond accrual period (prior payment date, or closing, to this one). */
  readonly accrualDays: Int32Array;
  /** Days between unadjusted 25ths (first: closing to February 25). */
  readonly unadjustedDays: Int32Array;
  readonly libor1mPct: Float64Array;
  /** Net Mortgage Rate including Net Derivative Fees, % (TS "Net Mortgage Rate"). */
  readonly netMortgageRatePct: Float64Array;
  /** Available Funds Rate that caps the Bond Interest Rate (TS definition; derivative receipts excluded), %. */
  readonly availableFundsRatePct: Float64Array;
  readonly bondBeginBalance: Float64Array;
  readonly bondEndBalance: Float64Array;
  /** Pool balance used in the AFR's pool/bond ratio, $. */
  readonly afrPoolBalance: Float64Array;
  readonly poolEndBalance: Float64Array;
  readonly ocTarget: Float64Array;
  /** Overcollateralization after the period: pool end balance − bonds end balance, $. */
  readonly overcollateralization: Float64Array;
  readonly derivativeNotional: Float64Array;
  readonly derivativeReceipts: Float64Array;
  readonly derivativePayments: Float64Array;
  /** Net derivative payments owed but not paid because collections ran out (deep credit stress). */
  readonly derivativeShortfall: Float64Array;
  /** Cash released to the Certificates (clause 7 and unneeded derivative proceeds), $. */
  readonly releasedToCertificates: Float64Array;
  /** Cash in, in whole cents as deposited: net interest − derivative payments + principal + call proceeds + derivative receipts. */
  readonly cashInCents: Float64Array;
  /** Cash paid to the bonds, cents. */
  readonly paidCents: Float64Array;
  readonly releasedCents: Float64Array;
  /** Dollars lost to cent rounding of the inflows (inflow $ − inflow cents / 100). */
  readonly roundingResidual: Float64Array;
  readonly callProceeds: Float64Array;
  /** Excess Cash Flow: available funds left after clauses 1 and 2, $. */
  readonly excessCashFlow: Float64Array;
  /** Excess Cash Flow paid as principal to build or restore the OC (clause 3), $. */
  readonly extraPrincipal: Float64Array;
  /** Principal held back from the bonds because the OC is above its target, $. */
  readonly ocRelease: Float64Array;
  readonly classes: readonly ImpacClassFlows[];
  /** First period the clean-up call may be exercised, or null (never within the pool's life). */
  readonly firstCallPeriod: number | null;
  /** Period the bonds were called (horizon 'call'), or null. */
  readonly callPeriod: number | null;
  /** Period from which the margins step up (horizon 'maturity'), or null. */
  readonly stepUpFromPeriod: number | null;
}

/** The adjusted payment date of period t ≥ 1 and the closing date for t = 0. */
function paymentDateOf(terms: ImpacTerms, period: number, adjusted: boolean): PlainDate {
  if (period === 0) return parseIsoDate(terms.dates.closing);
  const d = payDate(parseIsoDate(terms.dates.firstPayment), period);
  return adjusted ? adjustFollowing(d) : d;
}

interface PeriodCalendar {
  readonly dates: PlainDate[];
  readonly isoDates: string[];
  readonly accrualDays: Int32Array;
  readonly unadjustedDays: Int32Array;
}

/** Calendars already computed, per terms object: the dates never change within one set of terms. */
const calendars = new WeakMap<ImpacTerms, PeriodCalendar>();

function periodCalendar(n: number, terms: ImpacTerms): PeriodCalendar {
  const known = calendars.get(terms);
  if (known && known.dates.length >= n) return known;
  const size = Math.max(n, 480);
  const dates: PlainDate[] = [];
  const accrualDays = new Int32Array(size), unadjustedDays = new Int32Array(size);
  for (let t = 1; t <= size; t++) {
    const d = paymentDateOf(terms, t, true);
    dates.push(d);
    accrualDays[t - 1] = d - paymentDateOf(terms, t - 1, true);
    unadjustedDays[t - 1] = paymentDateOf(terms, t, false) - paymentDateOf(terms, t - 1, false);
  }
  const calendar = { dates, isoDates: dates.map(formatIsoDate), accrualDays, unadjustedDays };
  calendars.set(terms, calendar);
  return calendar;
}

/** Payment dates and day counts of periods 1..n (fresh copies: callers may keep them). */
export function impacPeriodDates(n: number, terms: ImpacTerms = IMPAC_TERMS): { dates: PlainDate[]; accrualDays: Int32Array; unadjustedDays: Int32Array } {
  const c = periodCalendar(n, terms);
  return { dates: c.dates.slice(0, n), accrualDays: c.accrualDays.slice(0, n), unadjustedDays: c.unadjustedDays.slice(0, n) };
}

/**
 * The OC target of a period, $: 0 through the July 2004 payment date, then 0.50% of the
 * Cut-off Date Balance; no stepdown (TS "Credit Enhancement" 1).
 */
export function ocTargetOf(terms: ImpacTerms, period: number): number {
  const target = ocTargetTerms(terms);
  return period <= target.lastZeroPeriod ? 0 : target.dollars;
}

/** The OC target as the loop reads it: the last period at zero, then the amount ($). */
function ocTargetTerms(terms: ImpacTerms): { readonly lastZeroPeriod: number; readonly dollars: number } {
  return {
    lastZeroPeriod: impacPeriodOf(terms, `${terms.overcollateralization.zeroThroughPaymentMonth}-25`),
    dollars: (terms.overcollateralization.targetPctOfCutoff / 100) * terms.cutoffBalance,
  };
}

interface Carried {
  balance: number;
  unpaidInterest: number;
  basisRisk: number;
  loss: number;
}

function validate(input: ImpacWaterfallInput): void {
  const { pool } = input;
  if (!Number.isInteger(pool.periods) || pool.periods < 1) throw new EngineError('pool.periods', `expected a whole number of periods of 1 or more, got ${String(pool.periods)}`);
  const arrays: (keyof PoolFlows)[] = ['beginBalance', 'scheduledPrincipal', 'prepayment', 'recovery', 'loss', 'netInterest', 'endBalance', 'netRate'];
  for (const key of arrays) {
    const a = pool[key] as Float64Array;
    if (!a || a.length < pool.periods) throw new EngineError(`pool.${key}`, `expected ${pool.periods} periods of values`);
    const floor = key === 'netRate' ? -Infinity : -1e-6;
    for (let i = 0; i < pool.periods; i++) {
      // The message is built only for a bad value: this runs for every period of every run.
      if (!(a[i] >= floor) || !Number.isFinite(a[i])) {
        requireFinite(`pool.${key}[${i}]`, a[i]);
        throw new EngineError(`pool.${key}[${i}]`, `expected an amount of 0 or more, got ${a[i]}`);
      }
    }
  }
  if (input.libor1mPct.length < pool.periods) throw new EngineError('libor1mPct', `expected ${pool.periods} periods of one-month LIBOR, got ${input.libor1mPct.length}`);
  for (let i = 0; i < pool.periods; i++) if (!Number.isFinite(input.libor1mPct[i])) requireFinite(`libor1mPct[${i}]`, input.libor1mPct[i]);
  if (input.horizon !== 'call' && input.horizon !== 'maturity') throw new EngineError('horizon', `expected call or maturity, got "${String(input.horizon)}"`);
}

/** Runs the priority of payments over the pool's periods. */
export function runImpacWaterfall(input: ImpacWaterfallInput): ImpacWaterfallRun {
  validate(input);
  const terms = input.terms ?? IMPAC_TERMS;
  const conv: ImpacConventions = { ...IMPAC_DEFAULT_CONVENTIONS, ...terms.conventions, ...input.conventions };
  const { pool } = input;
  const n = pool.periods;
  const { isoDates, accrualDays, unadjustedDays } = periodCalendar(n, terms);
  const ocTarget = ocTargetTerms(terms);
  const classTerms = IMPAC_CLASS_NAMES.map((name) => {
    const c = terms.classes.find((x) => x.name === name);
    if (!c) throw new EngineError('terms.classes', `missing class ${name}`);
    return c;
  });

  const callLimit = terms.cleanUpCall.poolFractionOfCutoff * 100;
  const byFraction = firstEligiblePeriod({
    beginBalance: pool.beginBalance.subarray(0, n),
    endBalance: pool.endBalance.subarray(0, n),
    cutoffBalance: terms.cutoffBalance,
    thresholdPct: callLimit,
    basis: conv.callTest === 'endingBalance' ? 'ending' : 'beginning',
  });
  const byDate = impacPeriodOf(terms, terms.cleanUpCall.latestPaymentDate);
  const firstCallPeriod = byFraction === null ? (byDate <= n ? byDate : null) : Math.min(byFraction, byDate);
  const callPeriod = input.horizon === 'call' ? firstCallPeriod : null;
  const stepStart = conv.stepUpStart === 'afterFirstCallDate' ? 'afterEligible' : 'atEligible';
  const stepUpFromPeriod = input.horizon === 'maturity' && firstCallPeriod !== null ? (stepStart === 'afterEligible' ? firstCallPeriod + 1 : firstCallPeriod) : null;

  const carried: Carried[] = classTerms.map((c) => ({ balance: toCents(c.principal), unpaidInterest: 0, basisRisk: 0, loss: 0 }));
  // Every output series is a view on one buffer sized to the periods the run can reach (a run
  // to call ends at the call period): one allocation instead of 103 arrays of 360 periods.
  const reach = callPeriod ?? n;
  const SERIES = IMPAC_CLASS_NAMES.length * 14 + 22;
  const block = new Float64Array(reach * SERIES);
  let taken = 0;
  const take = (): Float64Array => {
    if (taken === SERIES) throw new Error('more output series than reserved');
    return block.subarray(reach * taken, reach * ++taken);
  };
  const flows = IMPAC_CLASS_NAMES.map(() => ({
    beginBalance: take(), endBalance: take(), couponPct: take(), uncappedCouponPct: take(),
    interestDue: take(), interest: take(), principal: take(), basisRisk: take(),
    lossReimbursed: take(), writedown: take(), cashFlow: take(),
    unpaidInterestAfter: take(), basisRiskAfter: take(), lossAfter: take(),
  }));
  const out = {
    libor1mPct: take(), netMortgageRatePct: take(), availableFundsRatePct: take(),
    bondBeginBalance: take(), bondEndBalance: take(), afrPoolBalance: take(), poolEndBalance: take(),
    ocTarget: take(), overcollateralization: take(), derivativeNotional: take(),
    derivativeReceipts: take(), derivativePayments: take(), derivativeShortfall: take(), releasedToCertificates: take(),
    cashInCents: take(), paidCents: take(), releasedCents: take(), roundingResidual: take(),
    callProceeds: take(), excessCashFlow: take(), extraPrincipal: take(), ocRelease: take(),
  };

  // One ledger per class and one period state for the whole run (reset each period), the
  // priority compiled against them once, and the calculations reading this period's inputs.
  const ledgerList = classTerms.map((c, k) => newLedger(carried[k].balance));
  const ledgers = new Map<string, ClassLedger>(classTerms.map((c, k) => [c.name, ledgerList[k]]));
  const lossLedgers = terms.lossOrder.map((name) => ledgers.get(name) as ClassLedger);
  const program = compileSteps(IMPAC_PRIORITY, ledgers);
  const s = newPeriodState(0, ledgers);
  const sumBalances = (list: readonly ClassLedger[]): number => {
    let total = 0;
    for (let k = 0; k < list.length; k++) total += list[k].balance;
    return total;
  };
  const period = { index: 0, isCall: false, poolEndCents: 0, targetCents: 0, principalRemittance: 0 };
  const calculations: Calculations = {
    principalAmounts: (st: PeriodState) => {
      const bonds = sumBalances(ledgerList);
      const base = overcollateralization({
        collateralBalance: period.poolEndCents, certificateBalance: bonds, principalRemittance: period.principalRemittance, target: period.targetCents, excess: 0, buildAllowed: true,
      });
      const pda = period.isCall ? bonds : Math.max(0, base.principalDistributionAmount);
      const excess = Math.max(0, fundBalance(st, 'available') - Math.min(pda, fundBalance(st, 'available')));
      const extra = period.isCall ? 0 : Math.min(excess, base.deficiency);
      st.amounts.set('principalDistributionAmount', pda);
      st.amounts.set('extraPrincipal', extra);
      out.excessCashFlow[period.index] = excess / 100;
      out.extraPrincipal[period.index] = extra / 100;
      out.ocRelease[period.index] = period.isCall ? 0 : base.release / 100;
    },
    appliedLoss: (st: PeriodState) => {
      st.amounts.set('appliedRealizedLoss', Math.min(sumBalances(lossLedgers), appliedRealizedLoss(sumBalances(ledgerList), period.poolEndCents)));
    },
  };

  let last = 0;
  for (let t = 1; t <= n; t++) {
    const i = t - 1;
    let bondsBegin = 0, owed = false;
    for (const c of carried) {
      bondsBegin += c.balance;
      owed ||= c.unpaidInterest > 0 || c.basisRisk > 0 || c.loss > 0;
    }
    if (bondsBegin <= 0 && !owed) break;
    last = t;
    const libor = input.libor1mPct[i];
    const days = conv.bondAccrualDates === 'businessDayAdjusted' ? accrualDays[i] : unadjustedDays[i];
    const tau = days / 360;
    const isCall = callPeriod === t;

    // Derivative Contracts: net per contract, on the notional for this payment (≤ the bonds).
    const deriv = input.derivatives.length
      ? derivativeFlowForPeriod(input.derivatives, { period: t, libor1mPct: libor, days: conv.derivativeDays === 'accrualPeriod' ? accrualDays[i] : unadjustedDays[i], bondBalance: bondsBegin / 100, timing: conv.derivativeNotionalTiming })
      : { notional: 0, receipts: 0, payments: 0 };

    // Available Funds Rate (TS): Net Mortgage Rate × pool / bonds × 30 / days in the accrual period.
    const poolForAfr = conv.afrPoolBalance === 'beginOfPeriod' ? pool.beginBalance[i] : pool.endBalance[i];
    const nmr = pool.netRate[i] - (pool.beginBalance[i] > 0 ? (deriv.payments * 12 * 100) / pool.beginBalance[i] : 0);
    const capDays = conv.afrCapDayBasis === 'accrualPeriod' ? accrualDays[i] : unadjustedDays[i];
    const afr = bondsBegin > 0 ? (nmr * (poolForAfr / (bondsBegin / 100)) * 30) / capDays : 0;
    const stepped = stepUpFromPeriod !== null && t >= stepUpFromPeriod;

    // Cash in, in cents. Net Derivative Fees come out of interest first, then principal.
    const netInterest = toCents(pool.netInterest[i]);
    const principalIn = toCents(pool.scheduledPrincipal[i] + pool.prepayment[i] + pool.recovery[i]);
    const callIn = isCall ? toCents(pool.endBalance[i]) : 0;
    const payments = toCents(deriv.payments);
    const receipts = toCents(deriv.receipts);
    const fromInterest = Math.min(payments, netInterest);
    const fromPrincipal = Math.min(payments - fromInterest, principalIn + callIn);
    // In a deep credit stress the net swap payment can exceed everything collected: the trust pays
    // what it has and the rest is the counterparty's unpaid claim (recorded, never paid by the bonds).
    const paidToCounterparty = fromInterest + fromPrincipal;
    const unfunded = payments - paidToCounterparty;

    for (let k = 0; k < classTerms.length; k++) {
      const c = classTerms[k];
      const l = resetLedger(ledgerList[k], carried[k].balance);
      const margin = c.marginPct * (stepped ? c.stepUpMultiple : 1);
      const uncapped = Math.min(libor + margin, terms.bondRateCapPct);
      const rate = Math.max(0, Math.min(uncapped, afr));
      flows[k].couponPct[i] = rate;
      flows[k].uncappedCouponPct[i] = Math.max(0, uncapped);
      l.interestDue = accrueCents(carried[k].balance, rate, tau);
      const unpaidInterest = conv.unpaidInterestBearsInterest ? carried[k].unpaidInterest + accrueCents(carried[k].unpaidInterest, rate, tau) : carried[k].unpaidInterest;
      l.unpaidInterestDue = unpaidInterest;
      // Basis Risk Amounts: prior ones with interest at the Bond Interest Rate, plus this period's shortfall.
      const shortfall = Math.max(0, accrueCents(carried[k].balance, Math.max(0, uncapped), tau) - l.interestDue);
      l.carryoverDue = carried[k].basisRisk + accrueCents(carried[k].basisRisk, rate, tau) + shortfall;
      l.lossDue = carried[k].loss;
      flows[k].beginBalance[i] = carried[k].balance / 100;
      flows[k].interestDue[i] = l.interestDue / 100;
    }

    beginPeriod(s, t);
    deposit(s, 'interest', netInterest - fromInterest);
    deposit(s, 'principal', principalIn + callIn - fromPrincipal);
    deposit(s, 'derivative', receipts);
    const poolEnd = isCall ? 0 : pool.endBalance[i];
    const target = Math.min(t <= ocTarget.lastZeroPeriod ? 0 : ocTarget.dollars, poolEnd);
    const principalRemittance = principalIn + callIn - fromPrincipal;

    period.index = i;
    period.isCall = isCall;
    period.poolEndCents = toCents(poolEnd);
    period.targetCents = toCents(target);
    period.principalRemittance = principalRemittance;
    runCompiled(s, program, calculations);
    const check = checkConservation(s);
    if (check.undistributedCents !== 0) throw new Error(`period ${t}: ${check.undistributedCents} cents left in the funds`);

    for (let k = 0; k < classTerms.length; k++) {
      const l = ledgerList[k];
      const f = flows[k];
      const carry = carried[k];
      f.interest[i] = (l.paidInterest + l.paidUnpaidInterest) / 100;
      f.principal[i] = l.paidPrincipal / 100;
      f.basisRisk[i] = l.paidCarryover / 100;
      f.lossReimbursed[i] = l.paidLoss / 100;
      f.writedown[i] = l.writedown / 100;
      f.cashFlow[i] = (l.paidInterest + l.paidUnpaidInterest + l.paidPrincipal + l.paidCarryover + l.paidLoss) / 100;
      f.endBalance[i] = l.balance / 100;
      carry.balance = l.balance;
      carry.unpaidInterest = isCall ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest + (l.interestDue - l.paidInterest);
      carry.basisRisk = isCall ? 0 : l.carryoverDue - l.paidCarryover;
      carry.loss = isCall ? 0 : l.lossDue - l.paidLoss;
      f.unpaidInterestAfter[i] = carry.unpaidInterest / 100;
      f.basisRiskAfter[i] = carry.basisRisk / 100;
      f.lossAfter[i] = carry.loss / 100;
    }
    const bondsEnd = sumBalances(ledgerList);
    const inflowDollars = pool.netInterest[i] + pool.scheduledPrincipal[i] + pool.prepayment[i] + pool.recovery[i] + (isCall ? pool.endBalance[i] : 0) + deriv.receipts - deriv.payments + unfunded / 100;
    out.libor1mPct[i] = libor;
    out.netMortgageRatePct[i] = nmr;
    out.availableFundsRatePct[i] = afr;
    out.bondBeginBalance[i] = bondsBegin / 100;
    out.bondEndBalance[i] = bondsEnd / 100;
    out.afrPoolBalance[i] = poolForAfr;
    out.poolEndBalance[i] = poolEnd;
    out.ocTarget[i] = t <= ocTarget.lastZeroPeriod ? 0 : ocTarget.dollars;
    out.overcollateralization[i] = poolEnd - bondsEnd / 100;
    out.derivativeNotional[i] = deriv.notional;
    out.derivativeReceipts[i] = receipts / 100;
    out.derivativePayments[i] = paidToCounterparty / 100;
    out.derivativeShortfall[i] = unfunded / 100;
    out.releasedToCertificates[i] = check.releasedCents / 100;
    out.cashInCents[i] = check.depositedCents;
    out.paidCents[i] = check.paidCents;
    out.releasedCents[i] = check.releasedCents;
    out.roundingResidual[i] = inflowDollars - check.depositedCents / 100;
    out.callProceeds[i] = callIn / 100;
    if (isCall) break;
  }

  // Views of the first `last` periods (no copy: the run owns its arrays).
  const cut = (a: Float64Array) => a.subarray(0, last);
  return {
    periods: last,
    paymentDates: isoDates.slice(0, last),
    accrualDays: accrualDays.slice(0, last),
    unadjustedDays: unadjustedDays.slice(0, last),
    libor1mPct: cut(out.libor1mPct),
    netMortgageRatePct: cut(out.netMortgageRatePct),
    availableFundsRatePct: cut(out.availableFundsRatePct),
    bondBeginBalance: cut(out.bondBeginBalance),
    bondEndBalance: cut(out.bondEndBalance),
    afrPoolBalance: cut(out.afrPoolBalance),
    poolEndBalance: cut(out.poolEndBalance),
    ocTarget: cut(out.ocTarget),
    overcollateralization: cut(out.overcollateralization),
    derivativeNotional: cut(out.derivativeNotional),
    derivativeReceipts: cut(out.derivativeReceipts),
    derivativePayments: cut(out.derivativePayments),
    derivativeShortfall: cut(out.derivativeShortfall),
    releasedToCertificates: cut(out.releasedToCertificates),
    cashInCents: cut(out.cashInCents),
    paidCents: cut(out.paidCents),
    releasedCents: cut(out.releasedCents),
    roundingResidual: cut(out.roundingResidual),
    callProceeds: cut(out.callProceeds),
    excessCashFlow: cut(out.excessCashFlow),
    extraPrincipal: cut(out.extraPrincipal),
    ocRelease: cut(out.ocRelease),
    classes: classTerms.map((c, k) => {
      const f = flows[k];
      return {
        name: c.name,
        beginBalance: cut(f.beginBalance), endBalance: cut(f.endBalance), couponPct: cut(f.couponPct), uncappedCouponPct: cut(f.uncappedCouponPct),
        interestDue: cut(f.interestDue), interest: cut(f.interest), principal: cut(f.principal), basisRisk: cut(f.basisRisk),
        lossReimbursed: cut(f.lossReimbursed), writedown: cut(f.writedown), cashFlow: cut(f.cashFlow),
        unpaidInterestAfter: cut(f.unpaidInterestAfter), basisRiskAfter: cut(f.basisRiskAfter), lossAfter: cut(f.lossAfter),
      };
    }),
    firstCallPeriod,
    callPeriod: callPeriod !== null && callPeriod <= last ? callPeriod : null,
    stepUpFromPeriod,
  };
}
