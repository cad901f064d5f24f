/**
 * The state of a projection's rep lines in the call's one buffer (project.ts), field by field:
 * field f of line i is `state[f · count + i]`, so the period loop reads each field of the lines
 * one after another. The fast step reads the first five; the others change only at a segment's
 * start (a rate change, the end of an IO period) or when a line leaves the fast step.
 */
export const BALANCE = 0;
export const PAYMENT = 1;
/**
 * What the fast step multiplies the balance by before it takes the payment: 1 + the monthly gross
 * rate while the line amortizes (rest = balance·(1 + r) − payment), 1 during an interest-only
 * period, whose payment is 0 (rest = the balance: nothing scheduled).
 */
export const GROWTH = 2;
export const NET_R = 3;
export const NET_MAX_R = 4;
/** Monthly gross rate (decimal). */
export const R = 5;
/** Last period of the current segment taken by the amortizing fast step (below the segment's start: none). */
export const FAST_STOP = 6;
/** Last period of the current segment; a line whose segment has ended starts a new one (or stops). */
export const SEGMENT_END = 7;
export const DONE = 8;
export const RATE_PCT = 9;
export const NEXT_CHANGE = 10;
export const NEXT_EVENT = 11;
export const FIRST_CHANGE = 12;
export const REMAINING = 13;
export const LAST = 14;
export const AMORTIZE_FROM = 15;
export const FEE_MONTHLY = 16;
export const DEFAULTS_UNTIL = 17;
export const CONSTANT_FROM = 18;
/** Fields a line. */
export const FIELDS = 19;

/** Level payment retiring `balance` in `months` payments at monthly rate `r` (decimal). */
export function annuityPayment(balance: number, r: number, months: number): number {
  if (months <= 0) return balance;
  if (r === 0) return balance / months;
  return (balance * r) / -Math.expm1(-months * Math.log1p(r));
}
