/**
 * Impac CMB 2004-1: its targets, limits and caps as named formulas over deal quantities
 * (src/engine/formula.ts), each with its term-sheet section. Evaluated by the engine, in order.
 */
import { amount, balance, cents, deposited, div, fund, gt, le, max, min, mul, q, sub, when, type Formula } from '../../engine/formula';
import type { EngineTerms } from '../../engine/terms';
import { impacPeriodOf } from './derivatives';
import type { ImpacConventions, ImpacTerms } from './terms';

export function impacFormulas(terms: ImpacTerms, afrPool: ImpacConventions['afrPoolBalance'], capDays: 'accrualDays' | 'unadjustedDays'): Pick<EngineTerms, 'amounts' | 'beforeInterest' | 'calculations' | 'tests' | 'record'> {
  const bonds = balance(terms.sequentialOrder);
  const lastZero = impacPeriodOf(terms, `${terms.overcollateralization.zeroThroughPaymentMonth}-25`);
  const targetDollars = (terms.overcollateralization.targetPctOfCutoff / 100) * terms.cutoffBalance;
  // "Credit Enhancement" 1: zero through the July 2004 payment date, then 0.50% of the cut-off balance; no stepdown.
  const ocTargetDollars: Formula = when(le(q('period'), lastZero), 0, targetDollars);
  const amounts: Record<string, Formula> = {
    // "Net Mortgage Rate" (e): less Net Derivative Fees, as a rate on the pool's beginning balance.
    netMortgageRate: sub(q('poolNetRatePct'), when(gt(q('poolBegin'), 0), div(mul(mul(q('derivativePayments'), 12), 100), q('poolBegin')), 0)),
    afrPoolBalance: q(afrPool === 'beginOfPeriod' ? 'poolBegin' : 'poolEnd'),
    // "Available Funds Rate": Net Mortgage Rate × pool / bonds × 30 / days in the accrual period.
    availableFundsRate: when(gt(q('bondsBeginCents'), 0), div(mul(mul(amount('netMortgageRate'), div(amount('afrPoolBalance'), div(q('bondsBeginCents'), 100))), 30), q(capDays)), 0),
    bonds,
    poolEndCents: cents(q('collateralEnd')),
    ocTarget: cents(min(ocTargetDollars, q('collateralEnd'))),
    remittance: deposited('principal'),
    certificatesAfterRemittance: max(0, sub(bonds, amount('remittance'))),
    ocAfterRemittance: sub(amount('poolEndCents'), amount('certificatesAfterRemittance')),
    ocRelease: min(amount('remittance'), max(0, sub(amount('ocAfterRemittance'), max(0, amount('ocTarget'))))),
    ocDeficiency: min(amount('certificatesAfterRemittance'), max(0, sub(amount('ocTarget'), amount('ocAfterRemittance')))),
    // "Principal Distribution Amount": the remittance less any OC release; on the call date, every bond.
    principalDistributionAmount: when(q('isRedemption'), bonds, max(0, min(bonds, sub(amount('remittance'), amount('ocRelease'))))),
    // Clause 3: Excess Cash Flow builds OC up to its target.
    excessAfterPrincipal: max(0, sub(fund('available'), min(amount('principalDistributionAmount'), fund('available')))),
    extraPrincipal: when(q('isRedemption'), 0, min(amount('excessAfterPrincipal'), amount('ocDeficiency'))),
    // "Realized Losses": bonds above the pool, never more than the classes that take losses.
    appliedRealizedLoss: min(balance(terms.lossOrder), max(0, sub(bonds, max(0, amount('poolEndCents'))))),
  };
  return {
    amounts,
    beforeInterest: ['netMortgageRate', 'afrPoolBalance', 'availableFundsRate'],
    calculations: {
      principalAmounts: ['bonds', 'poolEndCents', 'ocTarget', 'remittance', 'certificatesAfterRemittance', 'ocAfterRemittance', 'ocRelease', 'ocDeficiency', 'principalDistributionAmount', 'excessAfterPrincipal', 'extraPrincipal'],
      appliedLoss: ['appliedRealizedLoss'],
    },
    tests: {},
    record: {
      netMortgageRatePct: amount('netMortgageRate'),
      availableFundsRatePct: amount('availableFundsRate'),
      afrPoolBalance: amount('afrPoolBalance'),
      ocTarget: ocTargetDollars,
      overcollateralization: sub(q('collateralEnd'), div(bonds, 100)),
    },
  };
}
