/**
 * Named formulas most deals share, written once: the overcollateralization amounts of a deal
 * that pays principal to a target (OC target, release, deficiency, Principal Distribution Amount,
 * extra principal from excess cash) and the realized loss applied to the bonds. A deal spreads
 * them into its `amounts` and names its own target; src/waterfall/oc.ts states the same rules
 * for numbers.
 */
import { amount, balance, cents, deposited, fund, max, min, q, sub, when, type Formula } from './formula';
import type { ClassId, FundId } from '../waterfall/step';

export interface OcFormulaTerms {
  /** The classes the collateral backs (their balances are the "bonds"). */
  readonly classes: readonly ClassId[];
  /** The OC target in dollars (capped at the collateral by the formulas). */
  readonly targetDollars: Formula;
  /** The fund the principal remittance is collected into. */
  readonly remittanceFund: FundId;
  /** The fund principal is paid from, whose remainder is excess cash. */
  readonly availableFund: FundId;
}

/**
 * In evaluation order: `bonds`, `poolEndCents`, `ocTarget`, `remittance`,
 * `certificatesAfterRemittance`, `ocAfterRemittance`, `ocRelease`, `ocDeficiency`,
 * `principalDistributionAmount` (the remittance less the release; every bond on the redemption
 * date), `excessAfterPrincipal`, `extraPrincipal` (excess cash up to the deficiency).
 */
export function overcollateralizationFormulas(t: OcFormulaTerms): Record<string, Formula> {
  const bonds = balance(t.classes);
  return {
    bonds,
    poolEndCents: cents(q('collateralEnd')),
    ocTarget: cents(min(t.targetDollars, q('collateralEnd'))),
    remittance: deposited(t.remittanceFund),
    certificatesAfterRemittance: max(0, sub(bonds, amount('remittance'))),
    ocAfterRemittance: sub(amount('poolEndCents'), amount('certificatesAfterRemittance')),
    ocRelease: min(amount('remittance'), max(0, sub(amount('ocAfterRemittance'), max(0, amount('ocTarget'))))),
    ocDeficiency: min(amount('certificatesAfterRemittance'), max(0, sub(amount('ocTarget'), amount('ocAfterRemittance')))),
    principalDistributionAmount: when(q('isRedemption'), bonds, max(0, min(bonds, sub(amount('remittance'), amount('ocRelease'))))),
    excessAfterPrincipal: max(0, sub(fund(t.availableFund), min(amount('principalDistributionAmount'), fund(t.availableFund)))),
    extraPrincipal: when(q('isRedemption'), 0, min(amount('excessAfterPrincipal'), amount('ocDeficiency'))),
  };
}

/** The calculation that sets the OC amounts, in order. */
export const OC_AMOUNTS: readonly string[] = ['bonds', 'poolEndCents', 'ocTarget', 'remittance', 'certificatesAfterRemittance', 'ocAfterRemittance', 'ocRelease', 'ocDeficiency', 'principalDistributionAmount', 'excessAfterPrincipal', 'extraPrincipal'];

/** Realized losses the bonds take: their balance above the collateral (needs `poolEndCents`), at most what `lossClasses` hold. */
export function appliedLossFormula(classes: readonly ClassId[], lossClasses: readonly ClassId[]): Formula {
  return min(balance(lossClasses), max(0, sub(balance(classes), max(0, amount('poolEndCents')))));
}
