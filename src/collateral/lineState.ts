import type { RepLine } from './repline';

/**
 * The state of one rep line while a projection runs (project.ts, periodLoop.ts). An object with
 * fixed fields, not slots of a typed array: the steps that run the lines together (fastSteps.ts,
 * `paydownSteps`) read six fields of each line a period, and a field of an object costs one checked
 * load of the object's shape per line, where every element of a typed array costs its own index
 * arithmetic and bounds check (the step took twice the time); a line that runs alone reads them
 * once a stretch. The objects are reused from call to call (scratch.ts), so a call allocates none
 * of them.
 *
 * The fast steps read the first six; the others change only at a segment's start (a rate change,
 * the end of an IO period) or when a line leaves the fast step.
 */
export class LineState {
  balance: number;
  payment: number;
  /**
   * What the fast step multiplies the balance by before it takes the payment: 1 + the monthly gross
   * rate while the line amortizes (rest = balance·(1 + r) − payment), 1 during an interest-only
   * period, whose payment is 0 (rest = the balance: nothing scheduled).
   */
  growth: number;
  /** Monthly gross rate (decimal). */
  r: number;
  netR: number;
  netMaxR: number;
  ratePct: number;
  feeMonthly: number;
  /** Last period of the current segment taken by the fast step (below the segment's start: none). */
  fastStop: number;
  /** Last period of the current segment; a line whose segment has ended starts a new one (or stops). */
  segmentEnd: number;
  /** 1 once the line has paid off or stopped. */
  done: number;
  nextChange: number;
  nextEvent: number;
  /** 1 until an ARM's first rate change (the initial cap applies). */
  firstChange: number;
  remaining: number;
  last: number;
  amortizeFrom: number;
  defaultsUntil: number;
  constantFrom: number;
  /** The line's offset into the SMM table (its age when the SMM goes by loan age, else 0). */
  smmOffset: number;
  line: RepLine | null;
  /** The loop that steps the lines together (periodLoop.ts): the line's place in its pool. */
  order: number;
  /** The next line still running (in line order), or `LIST_END`. */
  next: LineState;
  /** The line before it in that list, or `LIST_END`. */
  prev: LineState;
  /** The next line due for attention in the same period as this one, or `LIST_END`. */
  nextDue: LineState;

  constructor() {
    // NaN, not 0: a field first given a whole number is kept as one, and the first fraction stored
    // in it would change the object's shape (and throw away the code compiled for it).
    this.balance = NaN;
    this.payment = NaN;
    this.growth = NaN;
    this.r = NaN;
    this.netR = NaN;
    this.netMaxR = NaN;
    this.ratePct = NaN;
    this.feeMonthly = NaN;
    this.fastStop = 0;
    this.segmentEnd = 0;
    this.done = 0;
    this.nextChange = 0;
    this.nextEvent = 0;
    this.firstChange = 0;
    this.remaining = 0;
    this.last = 0;
    this.amortizeFrom = 0;
    this.defaultsUntil = 0;
    this.constantFrom = 0;
    this.smmOffset = 0;
    this.line = null;
    this.order = 0;
    this.next = this;
    this.prev = this;
    this.nextDue = this;
  }
}

/** The end of every list of lines running (never stepped): a loop over a list needs no test for null. */
export const LIST_END = new LineState();

/**
 * A line with nothing (balance, payment, rates and growth 0), done: the partner of a line that takes
 * its fast stretch alone. Its figures are +0, which leave every sum as it is, and stay 0.
 */
export const NO_LINE = new LineState();
NO_LINE.balance = 0;
NO_LINE.payment = 0;
NO_LINE.growth = 0;
NO_LINE.r = 0;
NO_LINE.netR = 0;
NO_LINE.netMaxR = 0;
NO_LINE.done = 1;

/** Level payment retiring `balance` in `months` payments at monthly rate `r` (decimal). */
export function annuityPayment(balance: number, r: number, months: number): number {
  if (months <= 0) return balance;
  if (r === 0) return balance / months;
  return (balance * r) / -Math.expm1(-months * Math.log1p(r));
}
