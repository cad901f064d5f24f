import { memoByOwner } from '../../engine/memo';
import type { EngineTerms } from '../../engine/terms';
import type { Step } from '../../waterfall/step';
import { impacPeriodOf } from './derivatives';
import { impacFormulas } from './formulas';
import { IMPAC_TERMS, type ImpacClassName, type ImpacConventions, type ImpacTerms } from './terms';
// The pricing terms' formulas as compiled code (npm run formulas), which the engine finds by their signature.
import './formulas.generated';

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

const dayQuantity = (basis: 'accrualPeriod' | 'unadjusted25ths') => (basis === 'accrualPeriod' ? 'accrualDays' : 'unadjustedDays');

const engineTermsOf = memoByOwner<ImpacTerms, EngineTerms>();

/** The deal as the engine runs it, under a set of readings (memoised per terms and readings). */
export function impacEngineTerms(terms: ImpacTerms, conv: ImpacConventions): EngineTerms {
  return engineTermsOf(terms, JSON.stringify(conv), () => ({
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
  }));
}
