/**
 * Impac CMB 2004-1: its targets, limits and caps as named formulas over deal quantities
 * (src/engine/formula.ts), each with its term-sheet section. Evaluated by the engine, in order.
 */
import { amount, balance, div, gt, le, mul, q, sub, when, type Formula } from '../../engine/formula';
import { appliedLossFormula, OC_AMOUNTS, overcollateralizationFormulas } from '../../engine/library';
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
    ...overcollateralizationFormulas({ classes: terms.sequentialOrder, targetDollars: ocTargetDollars, remittanceFund: 'principal', availableFund: 'available' }),
    // "Realized Losses": bonds above the pool, never more than the classes that take losses.
    appliedRealizedLoss: appliedLossFormula(terms.sequentialOrder, terms.lossOrder),
  };
  return {
    amounts,
    beforeInterest: ['netMortgageRate', 'afrPoolBalance', 'availableFundsRate'],
    calculations: {
      principalAmounts: OC_AMOUNTS,
      appliedLoss: ['appliedRealizedLoss'],
    },
    tests: {},
    record: {
      netMortgageRatePct: amount('netMortgageRate'),
      availableFundsRatePct: amount('availableFundsRate'),
      afrPoolBalance: amount('afrPoolBalance'),
      ocTarget: ocTargetDollars,
      overcollateralization: sub(q('collateralEnd'), div(bonds, 100)),
      excessCashFlow: div(amount('excessAfterPrincipal'), 100),
      extraPrincipal: div(amount('extraPrincipal'), 100),
      ocRelease: when(q('isRedemption'), 0, div(amount('ocRelease'), 100)),
    },
  };
}
