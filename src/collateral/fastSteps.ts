/**
 * The fast step of the projection's period loop (periodLoop.ts): amortizing periods before
 * maturity with no defaults (the general step with nothing to default), one loop for each way the
 * SMM applies, written inline in `runPeriods` so that the period's sums stay in locals (passed to a
 * function and back they went through memory every period: 2-4% of a projection, measured). Per
 * line, with `rest` = balance·growth − payment (growth = 1 + r while amortizing, so rest is the
 * balance less scheduled principal; 1 in an IO period, whose payment is 0), at least 0:
 *
 * - one SMM for every line, applied after scheduled principal: next balance rest·(1 − SMM), payment
 *   scaled by (1 − SMM); the pool's prepayment is then Σ rest · SMM;
 * - each line its own SMM (by loan age: `smm[offset + k]`): the same, line by line, with rest at
 *   most the balance;
 * - 'totalPaydown': the SMM is the share of the balance paid down in all, so the prepayment tops the
 *   scheduled principal up to it (project.ts): prepay = clamp(SMM·balance − (balance − rest), 0,
 *   rest), payment scaled by (1 − prepay / rest).
 *
 * Gross, net and (for a pool with ARMs) net max interest are balance · r, · netR, · netMaxR. Every
 * sum is added to in line order, exactly as the general step would.
 */

/** The general step's figures for its line, in `acc` (the period loop adds them to its sums): index of each. */
export const REST = 0;
export const PREPAY = 1;
export const DEFAULTS = 2;
export const GROSS = 3;
export const NET = 4;
export const NET_MAX = 5;
/** Doubles of `acc`. */
export const ACC_LENGTH = 6;
