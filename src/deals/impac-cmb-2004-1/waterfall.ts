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

/**
 * A run of the priority is the engine's run (src/engine/run.ts) read in the term sheet's words:
 * `carryoverPaid`/`carryoverAfter` are the Basis Risk Amounts paid and unpaid, `redemption*` the
 * clean-up call, `indexPct` one-month LIBOR, and the recorded `series` the Available Funds Rate,
 * Net Mortgage Rate, OC target and actual, Excess Cash Flow, extra principal and OC release.
 */
export type ImpacWaterfallRun = EngineRun;

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
  return run;
}
