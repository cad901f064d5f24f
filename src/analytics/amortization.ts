import { EngineError, requireFinite } from '../errors';
import { MAX_PERIODS } from './prepayment';

/**
 * Level-pay amortization of one loan, with an interest-only period and recast (conventions.md §2;
 * BMA Standard Formulas §B.1). A reference implementation: plain and checkable, used by tests of the
 * collateral projection, not the projection's hot loop.
 *
 *   r = gross/1200,  n = payments left
 *   pmt   = B·r / (1 − (1+r)^(−n))          (B/n when r = 0)
 *   sched = pmt − B·r  = B·r / ((1+r)^n − 1)
 *   prepay = SMM · (B − sched)               the SMM applies after the month's scheduled principal
 *
 * The payment is recomputed every period from the current balance and the payments left. With no
 * prepayment and a fixed rate that equals keeping the original payment; it also absorbs prepayments
 * (the payment falls with the balance, the term does not shorten) and rate changes. Interest-only
 * loans pay no scheduled principal for their IO months, then re-amortize the balance over the
 * payments left (the recast). The last payment retires what is left, so the loan always pays off.
 */

export interface LevelPayLoan {
  /** Balance at the start of period 1, dollars (≥ 0). */
  readonly balance: number;
  /** Gross note rate, annual percent: one rate, or period k's rate at index k − 1 (an ARM's path). */
  readonly grossRatePct: number | ArrayLike<number>;
  /** Payments left, interest-only months included (1 … MAX_PERIODS). */
  readonly remainingTermMonths: number;
  /** Interest-only payments left (0 … remainingTermMonths). Default 0. */
  readonly ioMonthsRemaining?: number;
}

/** Period k of the loan at index k − 1 of every array; `periods` = remainingTermMonths. */
export interface AmortizationPath {
  readonly periods: number;
  readonly beginBalance: Float64Array;
  /** Interest at the gross rate on the beginning balance. */
  readonly interest: Float64Array;
  /** Scheduled principal and interest due (interest + scheduled principal). */
  readonly scheduledPayment: Float64Array;
  readonly scheduledPrincipal: Float64Array;
  /** Voluntary prepayment: SMM × (beginning balance − scheduled principal). */
  readonly prepayment: Float64Array;
  readonly endBalance: Float64Array;
}

/** Level monthly payment that retires `balance` in `months` payments at `annualRatePct` (B/n at 0%). */
export function levelPayment(balance: number, annualRatePct: number, months: number): number {
  requireFinite('balance', balance);
  requireRatePct(annualRatePct);
  requireMonths('months', months, 1);
  const r = annualRatePct / 1200;
  if (r === 0) return balance / months;
  // B·r / (1 − (1+r)^−n), with 1 − (1+r)^−n = −expm1(−n·log1p(r)) for accuracy at small r.
  return (balance * r) / -Math.expm1(-months * Math.log1p(r));
}

/**
 * Zero-prepayment balance factor of a level-pay loan: balance with `toRemaining` payments left over
 * balance with `fromRemaining` payments left (§2): [1 − (1+r)^(−M)] / [1 − (1+r)^(−M0)], M/M0 at 0%.
 */
export function balanceFactor(annualRatePct: number, fromRemaining: number, toRemaining: number): number {
  requireRatePct(annualRatePct);
  requireMonths('fromRemaining', fromRemaining, 1);
  requireMonths('toRemaining', toRemaining, 0);
  if (toRemaining > fromRemaining) {
    throw new EngineError('toRemaining', `expected at most ${fromRemaining} payments left (the starting count), got ${toRemaining}`);
  }
  const r = annualRatePct / 1200;
  if (r === 0) return toRemaining / fromRemaining;
  const annuity = (n: number): number => -Math.expm1(-n * Math.log1p(r));
  return annuity(toRemaining) / annuity(fromRemaining);
}

/**
 * Closed form of `amortize`'s end-of-period balance at zero prepayment, as a fraction of the
 * starting balance, for a fixed-rate loan: 1 through the IO months, then the level-pay factor over
 * the amortizing term n_a = remaining − IO: [1 − (1+r)^−(n_a − j)] / [1 − (1+r)^−n_a], j = period − IO.
 */
export function scheduledBalanceFactor(loan: Omit<LevelPayLoan, 'balance'> & { readonly grossRatePct: number }, period: number): number {
  const { term, io } = requireTerm(loan);
  requireMonths('period', period, 0);
  if (period > term) throw new EngineError('period', `expected a period from 0 to ${term}, got ${period}`);
  if (period === term) return 0;
  if (period <= io) return 1;
  return balanceFactor(loan.grossRatePct, term - io, term - period);
}

/**
 * Runs the loan to maturity at the given SMMs (percent of the balance after scheduled principal;
 * one number for every period, or period k's SMM at index k − 1, at least `remainingTermMonths` long).
 */
export function amortize(loan: LevelPayLoan, smmPct: number | ArrayLike<number>): AmortizationPath {
  requireFinite('balance', loan.balance);
  if (loan.balance < 0) throw new EngineError('balance', `expected a balance of 0 or more, got ${loan.balance}`);
  const { term, io } = requireTerm(loan);
  const rateAt = perPeriod('grossRatePct', loan.grossRatePct, term, requireRatePct);
  const smmAt = perPeriod('smm', smmPct, term, requireSmmPct);

  const beginBalance = new Float64Array(term);
  const interest = new Float64Array(term);
  const scheduledPayment = new Float64Array(term);
  const scheduledPrincipal = new Float64Array(term);
  const prepayment = new Float64Array(term);
  const endBalance = new Float64Array(term);

  let balance = loan.balance;
  for (let k = 1; k <= term; k++) {
    const i = k - 1;
    const r = rateAt(i) / 1200;
    const left = term - k + 1; // payments left including this one
    let sched: number;
    if (left === 1) sched = balance; // maturity: whatever is left, IO or not
    else if (k <= io) sched = 0;
    else if (r === 0) sched = balance / left;
    else sched = (balance * r) / Math.expm1(left * Math.log1p(r));
    const prepay = (smmAt(i) / 100) * (balance - sched);

    beginBalance[i] = balance;
    interest[i] = balance * r;
    scheduledPrincipal[i] = sched;
    scheduledPayment[i] = balance * r + sched;
    prepayment[i] = prepay;
    balance = Math.max(0, balance - sched - prepay);
    endBalance[i] = balance;
  }
  return { periods: term, beginBalance, interest, scheduledPayment, scheduledPrincipal, prepayment, endBalance };
}

function requireTerm(loan: { readonly remainingTermMonths: number; readonly ioMonthsRemaining?: number }): { term: number; io: number } {
  const term = loan.remainingTermMonths;
  requireMonths('remainingTermMonths', term, 1);
  if (term > MAX_PERIODS) throw new EngineError('remainingTermMonths', `expected at most ${MAX_PERIODS} months, got ${term}`);
  const io = loan.ioMonthsRemaining ?? 0;
  requireMonths('ioMonthsRemaining', io, 0);
  if (io > term) throw new EngineError('ioMonthsRemaining', `expected at most the ${term} payments left, got ${io}`);
  return { term, io };
}

/** A reader for a scalar-or-array input, checked once up front. */
function perPeriod(field: string, value: number | ArrayLike<number>, term: number, check: (v: number, field: string) => void): (i: number) => number {
  if (typeof value === 'number') {
    check(value, field);
    return () => value;
  }
  if (value.length < term) throw new EngineError(field, `expected one value for each of the ${term} periods, got ${value.length}`);
  for (let i = 0; i < term; i++) check(value[i], `${field}[${i}]`);
  return (i) => value[i];
}

function requireRatePct(rate: number, field = 'grossRatePct'): void {
  requireFinite(field, rate);
  if (rate < 0 || rate > 100) throw new EngineError(field, `expected an annual rate from 0 to 100 (percent), got ${rate}`);
}

function requireSmmPct(smm: number, field = 'smm'): void {
  requireFinite(field, smm);
  if (smm < 0 || smm > 100) throw new EngineError(field, `expected an SMM from 0 to 100 (percent), got ${smm}`);
}

function requireMonths(field: string, months: number, min: number): void {
  requireFinite(field, months);
  if (!Number.isInteger(months) || months < min) throw new EngineError(field, `expected a whole number of months, ${min} or more, got ${months}`);
}
