/**
 * A third deal written as data only: the engine runs it from these terms with no code of its own.
 * A small floating/fixed deal on a pool of fixed-rate loans:
 *
 *   A-F  senior fixed 4.50%, 30/360, capped by the net WAC cap
 *   A-V  senior floater 1M LIBOR + 0.40% (2× after an unexercised call), act/360, max 11%, capped by the net WAC cap
 *   M-1  mezzanine floater 1M LIBOR + 1.50% (1.5× after the call), act/360, capped
 *
 * Credit enhancement: OC target 1.50% of the cut-off balance, built from excess interest.
 * Trigger: once cumulative losses exceed 1% of the cut-off balance, the seniors are paid
 * sequentially (A-F first) instead of pro rata. Clean-up call at 10% of the cut-off balance.
 */
import type { RepLine } from '../../src/collateral/repline';
import { amount, balance, div, gt, mul, q, when } from '../../src/engine/formula';
import { appliedLossFormula, OC_AMOUNTS, overcollateralizationFormulas } from '../../src/engine/library';
import type { EngineTerms } from '../../src/engine/terms';
import type { Step } from '../../src/waterfall/step';

export const POOL_LINES: readonly RepLine[] = [
  { id: 'fixed-30y', balance: 70_000_000, grossRatePct: 6.25, fees: { servicingPct: 0.25 }, originalTermMonths: 360, remainingTermMonths: 356, ageMonths: 4 },
  { id: 'fixed-15y', balance: 30_000_000, grossRatePct: 5.75, fees: { servicingPct: 0.25 }, originalTermMonths: 180, remainingTermMonths: 178, ageMonths: 2 },
];

const CUTOFF = 100_000_000;
const SENIORS = ['A-F', 'A-V'];
const ALL = [...SENIORS, 'M-1'];

const seniorPrincipal = (fund: string, limit: string, note: string): Step[] => [
  {
    kind: 'ifTest',
    test: 'trigger',
    then: [{ kind: 'principal', fund, classes: SENIORS, order: 'sequential', limits: [limit], note: `${note}: seniors sequentially (trigger)` }],
    otherwise: [{ kind: 'principal', fund, classes: SENIORS, order: 'proRata', limits: [limit], note: `${note}: seniors pro rata` }],
  },
  { kind: 'principal', fund, classes: ['M-1'], order: 'sequential', limits: [limit], note: `${note}: M-1` },
];

export const DATA_ONLY_DEAL: EngineTerms = {
  name: 'Data-only 2004-D1',
  cutoffBalance: CUTOFF,
  dates: { closing: '2004-04-29', firstPayment: '2004-05-25' },
  accrualDays: 'accrualDays',
  classes: [
    { name: 'A-F', originalBalance: 50_000_000, coupon: { kind: 'fixed', couponPct: 4.5, stepUpPct: 0.5 }, accrual: '30/360', cap: 'netWacCap30', carryoverInterest: 'uncapped' },
    { name: 'A-V', originalBalance: 40_000_000, coupon: { kind: 'floater', marginPct: 0.4, stepUpMultiplier: 2, maximumRatePct: 11, floorPct: 0 }, accrual: 'act/360', cap: 'netWacCapActual', carryoverInterest: 'uncapped' },
    { name: 'M-1', originalBalance: 9_000_000, coupon: { kind: 'floater', marginPct: 1.5, stepUpMultiplier: 1.5, maximumRatePct: 11, floorPct: 0 }, accrual: 'act/360', cap: 'netWacCapActual', carryoverInterest: 'uncapped' },
  ],
  funds: ['interest', 'principal', 'available', 'excess'],
  collections: [
    { fund: 'interest', sources: ['netInterest'] },
    { fund: 'principal', sources: ['scheduledPrincipal', 'prepayment', 'recovery', 'redemption'] },
  ],
  amounts: {
    // Net WAC cap: the pool's net rate on the pool over the bonds, 30/360 and converted to act/360.
    netWacCap30: when(gt(q('bondsBeginCents'), 0), mul(q('poolNetRatePct'), div(q('poolBegin'), div(q('bondsBeginCents'), 100))), 0),
    netWacCapActual: div(mul(amount('netWacCap30'), 30), q('accrualDays')),
    ...overcollateralizationFormulas({ classes: ALL, targetDollars: 0.015 * CUTOFF, remittanceFund: 'principal', availableFund: 'available' }),
    appliedRealizedLoss: appliedLossFormula(ALL, ['M-1', 'A-V', 'A-F']),
  },
  beforeInterest: ['netWacCap30', 'netWacCapActual'],
  calculations: { principalAmounts: OC_AMOUNTS, losses: ['appliedRealizedLoss'] },
  tests: { trigger: gt(q('cumulativeLoss'), 0.01 * CUTOFF) },
  priority: [
    { kind: 'interest', fund: 'interest', classes: SENIORS, order: 'proRata', part: 'currentAndUnpaid', note: 'senior interest' },
    { kind: 'interest', fund: 'interest', classes: ['M-1'], order: 'sequential', part: 'current', note: 'M-1 interest' },
    { kind: 'transfer', from: 'interest', to: 'available', limits: [] },
    { kind: 'transfer', from: 'principal', to: 'available', limits: [] },
    { kind: 'calculate', calculation: 'principalAmounts' },
    ...seniorPrincipal('available', 'principalDistributionAmount', 'principal'),
    { kind: 'transfer', from: 'available', to: 'excess', limits: [] },
    ...seniorPrincipal('excess', 'extraPrincipal', 'OC build'),
    { kind: 'calculate', calculation: 'losses' },
    { kind: 'writedown', classes: ['M-1'], order: 'sequential', amount: 'appliedRealizedLoss' },
    { kind: 'writedown', classes: SENIORS, order: 'proRata', amount: 'appliedRealizedLoss' },
    { kind: 'interest', fund: 'excess', classes: ['M-1'], order: 'sequential', part: 'unpaid' },
    { kind: 'lossReimbursement', fund: 'excess', classes: ALL, order: 'sequential' },
    { kind: 'carryover', fund: 'excess', classes: ALL, order: 'sequential' },
    { kind: 'release', fund: 'excess', to: 'residual' },
  ],
  redemption: { poolPctOfCutoff: 10, basis: 'ending', stepUpStart: 'afterEligible' },
  unpaidInterestBearsInterest: false,
  record: { overcollateralization: { op: 'sub', a: q('collateralEnd'), b: div(balance(ALL), 100) }, trigger: gt(q('cumulativeLoss'), 0.01 * CUTOFF) },
};
