import { EngineError, requireFinite } from '../errors';

/**
 * Principal window (conventions.md §8): the first and last period with principal > 0, inclusive,
 * 1-based (period 1 = the first distribution), as CSFB prints "May04 – Sep11, Principal # Months 89"
 * and WaMu "Window Begin 1 / End 189". The caller maps periods to pay months ('YYYY-MM'); to call or
 * auction the last period is the redemption period, because the redemption pays principal.
 */
export interface PrincipalWindow {
  readonly firstPeriod: number;
  readonly lastPeriod: number;
  /** lastPeriod − firstPeriod + 1: months from the first through the last principal payment. */
  readonly months: number;
}

/**
 * Window of the periods whose principal exceeds `minimumPrincipal` (default 0; pass e.g. 0.005 to
 * ignore float dust below half a cent), among the first `n` (default all). Throws (kind
 * 'notAvailable') when no period qualifies, as for an interest-only class whose term sheet prints NA.
 */
export function principalWindow(principal: ArrayLike<number>, minimumPrincipal = 0, n = principal.length): PrincipalWindow {
  requireFinite('minimumPrincipal', minimumPrincipal);
  if (minimumPrincipal < 0) throw new EngineError('minimumPrincipal', `expected 0 or more, got ${minimumPrincipal}`);
  let first = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const p = principal[i];
    // (The field name is built only for a bad value.)
    if (!Number.isFinite(p)) requireFinite(`principal[${i}]`, p);
    if (p > minimumPrincipal) {
      if (first === 0) first = i + 1;
      last = i + 1;
    }
  }
  if (first === 0) throw noPrincipalWindow();
  return { firstPeriod: first, lastPeriod: last, months: last - first + 1 };
}

/** The error of a window with no period above the minimum (kind 'notAvailable'). */
export function noPrincipalWindow(): EngineError {
  return new EngineError('principal', 'expected some positive principal: with none paid, there is no principal window', 'notAvailable');
}
