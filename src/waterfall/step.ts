/**
 * The priority of distributions as data (style.md, "Terms as data"): a deal's `waterfall.ts`
 * lists its clauses as `Step`s; one interpreter (`apply.ts`) runs every deal. The union is
 * closed: a new kind of step does not compile until `apply` handles it.
 *
 * Vocabulary:
 * - a **fund** is a named pot of cash for the period (`'interest1'`, `'principal2'`, `'excess'`);
 *   the deal deposits the collateral's cash into funds, steps move it between funds or pay it out;
 * - an **amount** is a named cent figure the deal computed for the period (the senior principal
 *   distribution amount, a lockout share, an applied realized loss); a step limited by amounts
 *   pays at most the smallest of them and *consumes* each by what it paid, so several steps can
 *   share one limit (principal funds first, then excess cash, as the CWALT priority does);
 * - a **test** is a named boolean for the period (stepdown reached, trigger in effect, auction);
 * - a **calculation** is a deal function that sets amounts and tests from the state so far
 *   (e.g. after interest is paid, the excess is known and the OC amounts can be computed).
 */

export type ClassId = string;
export type FundId = string;
export type AmountId = string;
export type TestId = string;
export type CalculationId = string;

/** `'sequential'`: in the listed order, each to its limit; `'proRata'`: by balance (principal) or by amount due (interest). */
export type Order = 'proRata' | 'sequential';

/** Which interest a step pays: this period's accrual, shortfalls carried from earlier periods, or both (unpaid first within each class). */
export type InterestPart = 'current' | 'unpaid' | 'currentAndUnpaid';

/**
 * How carryover (Net Rate Carryover, basis risk shortfall) is shared:
 * `'proRataBalanceThenUnpaid'`: pro rata by class balance, then any cash left pro rata by the
 * carryover still unpaid (CWALT 2004-J4: "pro rata basis, first based on the certificate
 * principal balances thereof and second based on any remaining unpaid Net Rate Carryover").
 */
export type CarryoverOrder = Order | 'proRataBalanceThenUnpaid';

export type Step =
  /** Pay interest from `fund` to `classes`. */
  | { readonly kind: 'interest'; readonly fund: FundId; readonly classes: readonly ClassId[]; readonly order: Order; readonly part: InterestPart; readonly note?: string }
  /** Pay principal from `fund` to `classes`, at most the smallest of `limits` (all of the fund when none), never more than a balance. */
  | { readonly kind: 'principal'; readonly fund: FundId; readonly classes: readonly ClassId[]; readonly order: Order; readonly limits: readonly AmountId[]; readonly note?: string }
  /** Pay outstanding carryover (interest above a cap, carried with interest) from `fund`. */
  | { readonly kind: 'carryover'; readonly fund: FundId; readonly classes: readonly ClassId[]; readonly order: CarryoverOrder; readonly note?: string }
  /** Reimburse unpaid realized loss amounts (earlier writedowns) from `fund`; no balance is restored. */
  | { readonly kind: 'lossReimbursement'; readonly fund: FundId; readonly classes: readonly ClassId[]; readonly order: Order; readonly note?: string }
  /** Move cash between funds: all of `from`, or at most the smallest of `limits`. */
  | { readonly kind: 'transfer'; readonly from: FundId; readonly to: FundId; readonly limits: readonly AmountId[]; readonly note?: string }
  /** Pay everything left in `fund` to a residual holder (CWALT Class C). */
  | { readonly kind: 'release'; readonly fund: FundId; readonly to: ClassId; readonly note?: string }
  /** Write down class balances by the amount `amount` (no cash moves), in `order`. */
  | { readonly kind: 'writedown'; readonly classes: readonly ClassId[]; readonly order: Order; readonly amount: AmountId; readonly note?: string }
  /** Run a deal calculation that sets amounts and tests for the steps that follow. */
  | { readonly kind: 'calculate'; readonly calculation: CalculationId; readonly note?: string }
  /** Branch on a test. */
  | { readonly kind: 'ifTest'; readonly test: TestId; readonly then: readonly Step[]; readonly otherwise: readonly Step[]; readonly note?: string };

/** Every step kind, for validation and documentation. */
export const STEP_KINDS: readonly Step['kind'][] = [
  'interest',
  'principal',
  'carryover',
  'lossReimbursement',
  'transfer',
  'release',
  'writedown',
  'calculate',
  'ifTest',
];
