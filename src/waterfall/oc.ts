/**
 * Overcollateralization (OC): collateral balance minus certificate balance. Excess interest
 * paid as principal builds it to a target; principal not needed to keep it there is released.
 * All amounts in cents.
 *
 * With PR = the principal remittance (scheduled + prepaid + recovered principal):
 *
 *   OC after remittance = collateral (end of period) − (certificates before − PR)
 *   deficiency = max(0, target − OC after remittance),   at most the certificates left
 *   release    = max(0, OC after remittance − target),   at most PR
 *   extra      = min(excess cash, deficiency)            only while building is allowed
 *   principal distribution amount = PR + extra − release
 *
 * A realized loss lowers the collateral without a remittance, so it shows up as deficiency and
 * is made good from excess interest ("Any realized losses ... will be applied first to Excess
 * Cashflow and then to Overcollateralization").
 */
export interface OcInputs {
  /** Collateral balance at the end of the period. */
  readonly collateralBalance: number;
  /** Certificate balance (principal classes) before this period's principal. */
  readonly certificateBalance: number;
  /** Principal remittance of the period. */
  readonly principalRemittance: number;
  /** OC target for the period (0 before building starts). */
  readonly target: number;
  /** Excess cash available to build OC (after current interest). */
  readonly excess: number;
  /** Whether excess cash may be paid as principal this period (CWALT: from November 2004). */
  readonly buildAllowed: boolean;
}

export interface OcAmounts {
  readonly ocAfterRemittance: number;
  readonly deficiency: number;
  readonly extraPrincipal: number;
  readonly release: number;
  readonly principalDistributionAmount: number;
}

export function overcollateralization(x: OcInputs): OcAmounts {
  const certsAfterRemittance = Math.max(0, x.certificateBalance - x.principalRemittance);
  const ocAfterRemittance = x.collateralBalance - certsAfterRemittance;
  const deficiency = Math.min(certsAfterRemittance, Math.max(0, x.target - ocAfterRemittance));
  const release = Math.min(x.principalRemittance, Math.max(0, ocAfterRemittance - Math.max(0, x.target)));
  const extraPrincipal = x.buildAllowed ? Math.min(Math.max(0, x.excess), deficiency) : 0;
  const principalDistributionAmount = Math.min(x.certificateBalance, x.principalRemittance + extraPrincipal - release);
  return { ocAfterRemittance, deficiency, extraPrincipal, release, principalDistributionAmount };
}
