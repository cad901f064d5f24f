/**
 * Realized losses on the certificates. Losses first eat excess interest and OC (see `oc.ts`);
 * what is left shows as certificates exceeding the collateral after the period's
 * distributions, the "applied realized loss amount", which `writedown` steps allocate in the
 * deal's order (CWALT: Class B, then M-2, then M-1). Cents.
 */
export function appliedRealizedLoss(certificateBalanceAfter: number, collateralBalance: number): number {
  return Math.max(0, certificateBalanceAfter - Math.max(0, collateralBalance));
}
