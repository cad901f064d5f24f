/**
 * CWALT 2004-J4 "Certificates Priority of Distributions" (p.9), clauses 1) to 6), as steps.
 * The amounts the steps are limited by (senior principal, lockout share, subordinate targets,
 * applied realized loss) are named formulas (`formulas.ts`) the `calculate` steps evaluate.
 *
 * Funds: `interest1`/`interest2` (net interest of each loan group), `interestAll` (interest of
 * both groups left after the seniors), `principal1`/`principal2` (principal remittance of each
 * group: scheduled, prepaid, recovered), `principalAll` (principal left after the seniors),
 * `excess` (Excess Cashflow: "available funds remaining after ... Clauses 1) and 2)", p.8),
 * `redemption` (auction or clean-up proceeds in the redemption period).
 */
import type { Step } from '../../waterfall/step';
import { GROUP1_SENIORS, GROUP2_SENIORS, LOSS_ALLOCATION_ORDER, RESIDUAL_CLASS, SUBORDINATES } from './terms';

export const FUNDS = {
  interest1: 'interest1',
  interest2: 'interest2',
  interestAll: 'interestAll',
  principal1: 'principal1',
  principal2: 'principal2',
  principalAll: 'principalAll',
  excess: 'excess',
  redemption: 'redemption',
} as const;

/** Amounts set by the calculations (cents). */
export const AMOUNTS = {
  senior1: 'seniorPrincipal1',
  senior2: 'seniorPrincipal2',
  lockout: 'lockout1A6',
  'M-1': 'principalM1',
  'M-2': 'principalM2',
  B: 'principalB',
  appliedLoss: 'appliedRealizedLoss',
  seniorLoss: 'seniorRealizedLoss',
} as const;

export const TESTS = { redemption: 'redemption' } as const;

export const CALCULATIONS = { principal: 'principalDistribution', losses: 'realizedLosses' } as const;

const GROUP1_WITH_IO = [...GROUP1_SENIORS, '1-A-IO'];
const GROUP2_WITH_IO = [...GROUP2_SENIORS, '2-A-IO'];
const OFFERED_NON_IO = [...GROUP1_SENIORS, ...GROUP2_SENIORS, ...SUBORDINATES];
const SENIORS = [...GROUP1_SENIORS, ...GROUP2_SENIORS];

/** "Class 1-A Principal Distribution" (p.10): 1. the 1-A-6 lockout share; 2. sequentially 1-A-1 ... 1-A-6. */
function class1APrincipal(fund: string, note: string): Step[] {
  return [
    { kind: 'principal', fund, classes: ['1-A-6'], order: 'sequential', limits: [AMOUNTS.senior1, AMOUNTS.lockout], note: `${note}: 1-A-6 Lockout Percentage of its pro rata share (p.10 1.)` },
    { kind: 'principal', fund, classes: GROUP1_SENIORS, order: 'sequential', limits: [AMOUNTS.senior1], note: `${note}: sequentially 1-A-1 ... 1-A-6 (p.10 2.)` },
  ];
}

function subordinatePrincipal(fund: string, note: string): Step[] {
  return SUBORDINATES.map((c) => ({ kind: 'principal', fund, classes: [c], order: 'sequential', limits: [AMOUNTS[c as 'M-1' | 'M-2' | 'B']], note: `${note}: ${c}` }) as Step);
}

export const PRIORITY: readonly Step[] = [
  // 1)(i) current and unpaid interest, concurrently: (a) group 1 interest funds pro rata to the
  // Class 1-A and 1-A-IO certificates, (b) group 2 interest funds pro rata to 2-A and 2-A-IO.
  { kind: 'interest', fund: FUNDS.interest1, classes: GROUP1_WITH_IO, order: 'proRata', part: 'currentAndUnpaid', note: '1)(i)(a)' },
  { kind: 'interest', fund: FUNDS.interest2, classes: GROUP2_WITH_IO, order: 'proRata', part: 'currentAndUnpaid', note: '1)(i)(b)' },
  // 1)(ii) "from interest funds related to all of the Mortgage Loans": what is left of both groups.
  // Cross-group support of the seniors ("under certain circumstances ... interest from an
  // unrelated Loan Group may be used", p.9) comes first, then the subordinates' current interest.
  { kind: 'transfer', from: FUNDS.interest1, to: FUNDS.interestAll, limits: [], note: '1)(ii) group 1 interest left' },
  { kind: 'transfer', from: FUNDS.interest2, to: FUNDS.interestAll, limits: [], note: '1)(ii) group 2 interest left' },
  { kind: 'interest', fund: FUNDS.interestAll, classes: [...GROUP1_WITH_IO, ...GROUP2_WITH_IO], order: 'proRata', part: 'currentAndUnpaid', note: 'p.9 cross-group support of senior interest' },
  { kind: 'interest', fund: FUNDS.interestAll, classes: SUBORDINATES, order: 'sequential', part: 'current', note: '1)(ii) current interest M-1, M-2, B' },
  { kind: 'transfer', from: FUNDS.interestAll, to: FUNDS.excess, limits: [], note: 'interest left is Excess Cashflow (p.8)' },
  // The principal amounts need the excess (for OC) and the stepdown state.
  { kind: 'calculate', calculation: CALCULATIONS.principal, note: 'Principal Paydown (p.9-10), OC (p.8)' },
  // 2)(i) concurrently (a) group 1 principal funds to the Class 1-A certificates, (b) group 2 to 2-A;
  // a group's funds cross over to the other group's seniors when its own are retired (p.9).
  ...class1APrincipal(FUNDS.principal1, '2)(i)(a)'),
  { kind: 'principal', fund: FUNDS.principal2, classes: GROUP2_SENIORS, order: 'sequential', limits: [AMOUNTS.senior2], note: '2)(i)(b)' },
  { kind: 'principal', fund: FUNDS.principal1, classes: GROUP2_SENIORS, order: 'sequential', limits: [AMOUNTS.senior2], note: '2)(i) crossover group 1 → 2-A' },
  ...class1APrincipal(FUNDS.principal2, '2)(i) crossover group 2 → 1-A'),
  // 2)(ii) principal funds of all the loans, sequentially to M-1, M-2, B.
  { kind: 'transfer', from: FUNDS.principal1, to: FUNDS.principalAll, limits: [], note: '2)(ii)' },
  { kind: 'transfer', from: FUNDS.principal2, to: FUNDS.principalAll, limits: [], note: '2)(ii)' },
  ...subordinatePrincipal(FUNDS.principalAll, '2)(ii)'),
  // Principal not needed (OC above its target) joins the Excess Cashflow.
  { kind: 'transfer', from: FUNDS.principalAll, to: FUNDS.excess, limits: [], note: 'principal released (OC above target)' },
  // 3) from November 2004, Excess Cashflow as principal to build or maintain OC, paid as under
  // "Principal Paydown" (the limits hold only what the principal funds did not cover).
  ...class1APrincipal(FUNDS.excess, '3) OC'),
  { kind: 'principal', fund: FUNDS.excess, classes: GROUP2_SENIORS, order: 'sequential', limits: [AMOUNTS.senior2], note: '3) OC: 2-A' },
  ...subordinatePrincipal(FUNDS.excess, '3) OC'),
  // 4) (a) unpaid interest sequentially M-1, M-2, B; (b) unpaid realized loss amounts sequentially.
  { kind: 'interest', fund: FUNDS.excess, classes: SUBORDINATES, order: 'sequential', part: 'unpaid', note: '4)(a)' },
  { kind: 'lossReimbursement', fund: FUNDS.excess, classes: SUBORDINATES, order: 'sequential', note: '4)(b)' },
  // 5) Net Rate Carryover, pro rata first by balance, then by unpaid carryover (p.9).
  { kind: 'carryover', fund: FUNDS.excess, classes: OFFERED_NON_IO, order: 'proRataBalanceThenUnpaid', note: '5)' },
  // Mandatory Auction / Clean-up Call: the proceeds retire the certificates at par (p.4).
  {
    kind: 'ifTest',
    test: TESTS.redemption,
    then: [
      { kind: 'principal', fund: FUNDS.redemption, classes: SENIORS, order: 'proRata', limits: [], note: 'redemption: seniors at par' },
      ...SUBORDINATES.map((c) => ({ kind: 'principal', fund: FUNDS.redemption, classes: [c], order: 'sequential', limits: [], note: `redemption: ${c} at par` }) as Step),
      { kind: 'transfer', from: FUNDS.redemption, to: FUNDS.excess, limits: [], note: 'redemption proceeds above par' },
      { kind: 'interest', fund: FUNDS.excess, classes: SUBORDINATES, order: 'sequential', part: 'unpaid', note: 'redemption: unpaid interest' },
      { kind: 'carryover', fund: FUNDS.excess, classes: OFFERED_NON_IO, order: 'proRataBalanceThenUnpaid', note: 'redemption: carryover' },
    ],
    otherwise: [],
  },
  // 6) to the Class C certificates, any remaining amount.
  { kind: 'release', fund: FUNDS.excess, to: RESIDUAL_CLASS, note: '6)' },
  // Realized losses not covered by excess interest or OC: B, M-2, M-1 (p.9 "Allocation of Losses").
  { kind: 'calculate', calculation: CALCULATIONS.losses, note: 'applied realized loss' },
  { kind: 'writedown', classes: LOSS_ALLOCATION_ORDER, order: 'sequential', amount: AMOUNTS.appliedLoss, note: 'p.9 Allocation of Losses' },
  { kind: 'writedown', classes: SENIORS, order: 'proRata', amount: AMOUNTS.seniorLoss, note: 'beyond the subordinates (reading seniorLosses)' },
];
