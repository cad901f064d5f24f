import type { PoolFlows } from '../../collateral/types';
import { periodCalendar } from '../../engine/calendar';
import type { EngineRun } from '../../engine/run';
import { runEngine } from '../../engine/run';
import type { EngineTerms } from '../../engine/terms';
import type { PlainDate } from '../../time';
import type { SwapContract } from '../../waterfall/derivatives';
import type { Step } from '../../waterfall/step';
import { impacPeriodOf } from './derivatives';
import { impacFormulas } from './formulas';
import { IMPAC_DEFAULT_CONVENTIONS, IMPAC_TERMS, type ImpacClassName, type ImpacConventions, type ImpacTerms } from './terms';

/**
 * Impac CMB Trust 2004-1: the priority of payments (TS "Priority of Payments", clauses 1-7) as
 * steps of `src/waterfall`, and the deal's terms as the engine (src/engine) runs them: the
 * collections into funds, the derivative contracts, the redemption and the readings. The
 * named formulas (Available Funds Rate, OC, Principal Distribution Amount) are in formulas.ts.
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

/**
 * The OC target of a period, $: 0 through the July 2004 payment date, then 0.50% of the
 * Cut-off Date Balance; no stepdown (TS "Credit Enhancement" 1).
 */
export function ocTargetOf(terms: ImpacTerms, period: number): number {
  return period <= impacPeriodOf(terms, `${terms.overcollateralization.zeroThroughPaymentMonth}-25`) ? 0 : (terms.overcollateralization.targetPctOfCutoff / 100) * terms.cutoffBalance;
}

/** Payment dates and day counts of periods 1..n (fresh copies: callers may keep them). */
export function impacPeriodDates(n: number, terms: ImpacTerms = IMPAC_TERMS): { dates: PlainDate[]; accrualDays: Int32Array; unadjustedDays: Int32Array } {
  const c = periodCalendar(terms.dates.closing, terms.dates.firstPayment, n);
  return { dates: c.dates.slice(0, n), accrualDays: c.accrualDays.slice(0, n), unadjustedDays: c.unadjustedDays.slice(0, n) };
}

const dayQuantity = (basis: 'accrualPeriod' | 'unadjusted25ths') => (basis === 'accrualPeriod' ? 'accrualDays' : 'unadjustedDays');

/** The deal as the engine runs it, under a set of readings (memoised per terms and readings). */
const engineTermsCache = new WeakMap<ImpacTerms, Map<string, EngineTerms>>();
export function impacEngineTerms(terms: ImpacTerms, conv: ImpacConventions): EngineTerms {
  let perTerms = engineTermsCache.get(terms);
  if (!perTerms) engineTermsCache.set(terms, (perTerms = new Map()));
  const key = JSON.stringify(conv);
  const known = perTerms.get(key);
  if (known) return known;
  const built: EngineTerms = {
    name: 'Impac CMB 2004-1',
    cutoffBalance: terms.cutoffBalance,
    dates: { closing: terms.dates.closing, firstPayment: terms.dates.firstPayment },
    accrualDays: conv.bondAccrualDates === 'businessDayAdjusted' ? 'accrualDays' : 'unadjustedDays',
    classes: terms.sequentialOrder.map((name) => {
      const c = terms.classes.find((x) => x.name === name) as ImpacTerms['classes'][number];
      // "Bond Interest Rate": the least of LIBOR + margin (stepped up after the first call date), the Available Funds Rate and 11.50%.
      const coupon = { kind: 'floater', marginPct: c.marginPct, stepUpMultiplier: c.stepUpMultiple, maximumRatePct: terms.bondRateCapPct, floorPct: -Infinity } as const;
      return { name, originalBalance: c.principal, coupon, accrual: 'act/360', cap: 'availableFundsRate', carryoverInterest: 'capped' } as const;
    }),
    funds: ['interest', 'principal', 'available', 'excess', 'derivative'],
    collections: [
      { fund: 'interest', sources: ['netInterest'] },
      { fund: 'principal', sources: ['scheduledPrincipal', 'prepayment', 'recovery'] },
      // On the call date, the purchase price of the remaining loans (their balance, at par).
      { fund: 'principal', sources: ['redemption'] },
    ],
    // Net Derivative Fees come out of interest first, then principal; receipts pay Basis Risk Amounts.
    derivatives: { payFrom: ['interest', 'principal'], receiptsTo: 'derivative', notionalTiming: conv.derivativeNotionalTiming, days: dayQuantity(conv.derivativeDays) },
    ...impacFormulas(terms, conv.afrPoolBalance, dayQuantity(conv.afrCapDayBasis)),
    priority: IMPAC_PRIORITY,
    redemption: {
      poolPctOfCutoff: terms.cleanUpCall.poolFractionOfCutoff * 100,
      basis: conv.callTest === 'endingBalance' ? 'ending' : 'beginning',
      latestPeriod: impacPeriodOf(terms, terms.cleanUpCall.latestPaymentDate),
      stepUpStart: conv.stepUpStart === 'afterFirstCallDate' ? 'afterEligible' : 'atEligible',
    },
    unpaidInterestBearsInterest: conv.unpaidInterestBearsInterest,
  };
  perTerms.set(key, built);
  return built;
}

/** Runs the priority of payments over the pool's periods. */
export function runImpacWaterfall(input: ImpacWaterfallInput): ImpacWaterfallRun {
  const terms = input.terms ?? IMPAC_TERMS;
  const conv: ImpacConventions = { ...IMPAC_DEFAULT_CONVENTIONS, ...terms.conventions, ...input.conventions };
  const run = runEngine(impacEngineTerms(terms, conv), { pools: [input.pool], indexPct: input.libor1mPct, horizon: input.horizon, contracts: input.derivatives });
  return impacView(run);
}

/** The engine's run in the term sheet's words (Basis Risk Amounts, Available Funds Rate, call). */
function impacView(run: EngineRun): ImpacWaterfallRun {
  return {
    periods: run.periods,
    paymentDates: run.payDates,
    accrualDays: run.accrualDays,
    unadjustedDays: run.unadjustedDays,
    libor1mPct: run.indexPct,
    netMortgageRatePct: run.series.netMortgageRatePct,
    availableFundsRatePct: run.series.availableFundsRatePct,
    bondBeginBalance: run.bondBeginBalance,
    bondEndBalance: run.bondEndBalance,
    afrPoolBalance: run.series.afrPoolBalance,
    poolEndBalance: run.collateralEnd,
    ocTarget: run.series.ocTarget,
    overcollateralization: run.series.overcollateralization,
    derivativeNotional: run.derivativeNotional,
    derivativeReceipts: run.derivativeReceipts,
    derivativePayments: run.derivativePayments,
    derivativeShortfall: run.derivativeShortfall,
    releasedToCertificates: run.released,
    cashInCents: run.cashInCents,
    paidCents: run.paidCents,
    releasedCents: run.releasedCents,
    roundingResidual: run.roundingResidual,
    callProceeds: run.redemptionProceeds,
    excessCashFlow: run.series.excessCashFlow,
    extraPrincipal: run.series.extraPrincipal,
    ocRelease: run.series.ocRelease,
    classes: run.classes.map((c) => ({
      name: c.name as ImpacClassName,
      beginBalance: c.beginBalance, endBalance: c.endBalance, couponPct: c.couponPct, uncappedCouponPct: c.uncappedCouponPct,
      interestDue: c.interestDue, interest: c.interest, principal: c.principal, basisRisk: c.carryoverPaid,
      lossReimbursed: c.lossReimbursed, writedown: c.writedown, cashFlow: c.cashFlow,
      unpaidInterestAfter: c.unpaidInterestAfter, basisRiskAfter: c.carryoverAfter, lossAfter: c.lossAfter,
    })),
    firstCallPeriod: run.firstRedemptionPeriod,
    callPeriod: run.redemptionPeriod,
    stepUpFromPeriod: run.stepUpFromPeriod,
  };
}
