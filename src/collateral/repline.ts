import { EngineError } from '../errors';
import { INDEX_NAMES, type IndexName } from '../market/indices';

/**
 * Representative lines ("rep lines"): a pool described as a few groups of alike loans, each
 * projected as one loan with the group's balance and weighted-average terms (conventions.md §3;
 * the Intex rep-line headers print WAC, NET, WAM, WALA per line).
 *
 * Units: balances in dollars; rates, margins, caps and fee strips in percent per year; terms in
 * whole months. Ages and terms are whole months because the projection steps month by month and
 * indexes prepayment ramps by loan age; a pool's fractional WA age is represented by splitting a
 * group into lines of adjacent whole ages (see the Impac derivation).
 */

/**
 * Fee strips taken off the gross mortgage rate before interest reaches the trust.
 * Net rate = gross − servicing − master servicing − trustee − LPMI − other.
 */
export interface FeeStrips {
  /** Servicing fee rate, %. */
  readonly servicingPct: number;
  /** Master servicing fee rate, %. */
  readonly masterServicingPct?: number;
  /** Trustee (indenture and owner trustee) fee rate, %. */
  readonly trusteePct?: number;
  /** Lender-paid (trust-paid) mortgage insurance premium rate, %. */
  readonly lpmiPct?: number;
  /** Any other strip (excess servicing, guaranty fee), %. */
  readonly otherPct?: number;
}

/**
 * How a rate is rounded after index + margin:
 * - `'nearest'`: to the nearest multiple of the step (halves go up), the usual note wording
 *   ("rounded to the nearest one-eighth of one percent");
 * - `'up'` / `'down'`: to the next multiple above / below (some notes round up).
 */
export type RateRounding = 'nearest' | 'up' | 'down';

/**
 * How the scheduled payment is set. One rule today:
 * - `'levelPayRemainingTerm'`: the payment is the level payment that retires the balance over the
 *   payments left, recomputed (recast) whenever the rate changes and when an interest-only period
 *   ends; between those events it falls in proportion to prepayments and defaults (whole loans
 *   leave the group), which is the same as recomputing it every month on the surviving balance.
 *   Negative amortization and payment caps (option ARMs) are not modelled.
 */
export type PaymentRecast = 'levelPayRemainingTerm';

/**
 * Adjustable-rate terms (conventions.md §3).
 *
 * Timing: `monthsToNextReset` = m counts months from the cut-off date to the next rate change
 * date (the Impac "Next Interest Adjustment Date": 02/04 = 1 for a January 1, 2004 cut-off). The
 * change date is a due date; interest at the new rate accrues from it and is paid with the next
 * monthly payment, which the trust distributes one period later. So the new rate applies to
 * interest of deal period m + 1 and later, and the payment recasts in period m + 1. Later changes
 * follow every `resetFrequencyMonths`.
 *
 * Index observation: the level of deal period m − `lookbackMonths` (clamped to period 1, which is
 * the current level). Period p's value of a forward path is the fixing for the accrual that pays in
 * period p, about a week before a change date on the 1st of month m; `lookbackMonths` 1 reads the
 * fixing about five weeks before, close to the notes' "45 days before the change date" or "first
 * business day of the preceding month".
 *
 * New rate (conventions.md §3): full = round(index + margin); then clamped to within the cap of the
 * previous rate, both ways (the initial cap at the first change, the periodic cap after); then
 * clamped to [floor, lifetime cap].
 */
export interface ArmTerms {
  readonly index: IndexName;
  /** Gross margin over the index, %. */
  readonly marginPct: number;
  /** Months from the cut-off to the next rate change date (≥ 1). */
  readonly monthsToNextReset: number;
  /** Months between rate changes after the next one (6 for LIBOR 6M, 12 for 1-year indices). */
  readonly resetFrequencyMonths: number;
  /** Largest change at the first rate change, either way, % (the "first periodic cap"). */
  readonly initialCapPct: number;
  /** Largest change at later rate changes, either way, % (the "subsequent periodic cap"). */
  readonly periodicCapPct: number;
  /** Lifetime cap as an absolute maximum rate, %. */
  readonly lifetimeCapPct: number;
  /** Lifetime floor as an absolute minimum rate, %. */
  readonly floorPct: number;
  /** Rounding step, %. Default 0.125. */
  readonly roundingStepPct?: number;
  /** Default `'nearest'`. */
  readonly rounding?: RateRounding;
  /** True when the loan has already had its first change (the next one uses the periodic cap). Default false. */
  readonly firstResetDone?: boolean;
  /** Months of index lookback (see above). Default 0. */
  readonly lookbackMonths?: number;
}

export interface RepLine {
  /** Unique within a pool, for messages. */
  readonly id: string;
  /** Product as printed in the deal's strats (`2/28 LIB6M`, `30YR FIXED`), for grouping. */
  readonly product?: string;
  /** Balance at the cut-off, dollars (> 0). */
  readonly balance: number;
  /** Current gross mortgage rate, %. */
  readonly grossRatePct: number;
  readonly fees: FeeStrips;
  /** Original term, months. */
  readonly originalTermMonths: number;
  /** Payments left at the cut-off, months (1 … original term). */
  readonly remainingTermMonths: number;
  /** Loan age at the cut-off, whole months. */
  readonly ageMonths: number;
  /** Original interest-only term in months (0: amortizing from the start). IO months left = IO term − age. */
  readonly ioTermMonths?: number;
  /** Absent for fixed-rate lines. */
  readonly arm?: ArmTerms;
  /** Default `'levelPayRemainingTerm'`. */
  readonly recast?: PaymentRecast;
}

/** Sum of the fee strips, %. */
export function feeTotalPct(fees: FeeStrips): number {
  return fees.servicingPct + (fees.masterServicingPct ?? 0) + (fees.trusteePct ?? 0) + (fees.lpmiPct ?? 0) + (fees.otherPct ?? 0);
}

/** Net mortgage rate = gross − all fee strips, %. */
export function netRatePct(line: RepLine): number {
  return line.grossRatePct - feeTotalPct(line.fees);
}

/** IO payments left at the cut-off. */
export function ioMonthsRemaining(line: RepLine): number {
  return Math.max(0, Math.min((line.ioTermMonths ?? 0) - line.ageMonths, line.remainingTermMonths));
}

/** Longest remaining term a line may have (the projection's array bound). */
export const MAX_TERM_MONTHS = 600;

/**
 * Checks every line and throws one EngineError listing every problem (up to 20), so a bad pool is
 * reported in one pass rather than one error at a time. Ids label lines in messages; they are not
 * required to be unique (the projection never looks lines up by id).
 */
export function validateRepLines(lines: readonly RepLine[]): void {
  if (!Array.isArray(lines) || lines.length === 0) throw new EngineError('lines', 'expected at least one rep line');
  // Fast path without allocation (the projection validates on every run); the detailed pass
  // below runs only when something is wrong, to name every problem.
  let ok = true;
  for (let i = 0; i < lines.length && ok; i++) ok = lineLooksValid(lines[i]);
  if (ok) return;
  const issues: string[] = [];
  lines.forEach((line, i) => {
    const at = `line ${i} (${line?.id ?? '?'})`;
    const add = (what: string): void => {
      issues.push(`${at}: ${what}`);
    };
    if (line === null || typeof line !== 'object') {
      add('expected a rep line object');
      return;
    }
    if (typeof line.id !== 'string' || line.id === '') add('expected a non-empty id');
    checkNumber(add, 'balance', line.balance, 0, 1e13, { exclusiveMin: true });
    checkNumber(add, 'grossRatePct', line.grossRatePct, 0, 50);
    checkWhole(add, 'originalTermMonths', line.originalTermMonths, 1, MAX_TERM_MONTHS);
    checkWhole(add, 'remainingTermMonths', line.remainingTermMonths, 1, MAX_TERM_MONTHS);
    checkWhole(add, 'ageMonths', line.ageMonths, 0, MAX_TERM_MONTHS);
    if (line.remainingTermMonths > line.originalTermMonths) add(`expected remainingTermMonths ≤ originalTermMonths (${line.originalTermMonths}), got ${line.remainingTermMonths}`);
    if (line.ioTermMonths !== undefined) checkWhole(add, 'ioTermMonths', line.ioTermMonths, 0, MAX_TERM_MONTHS);
    if (line.recast !== undefined && line.recast !== 'levelPayRemainingTerm') add(`expected recast 'levelPayRemainingTerm', got ${JSON.stringify(line.recast)}`);
    const fees = line.fees;
    if (fees === null || typeof fees !== 'object') add('expected fee strips { servicingPct, ... }');
    else {
      checkNumber(add, 'fees.servicingPct', fees.servicingPct, 0, 10);
      for (const key of ['masterServicingPct', 'trusteePct', 'lpmiPct', 'otherPct'] as const) {
        if (fees[key] !== undefined) checkNumber(add, `fees.${key}`, fees[key], 0, 10);
      }
      if (Number.isFinite(line.grossRatePct) && feeTotalPct(fees) > line.grossRatePct) add(`expected fee strips (${feeTotalPct(fees)}) no larger than the gross rate (${line.grossRatePct})`);
    }
    if (line.arm !== undefined) validateArm(add, line.arm, line.grossRatePct);
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, 20).join('; ');
    throw new EngineError('lines', `${issues.length} problem(s): ${shown}${issues.length > 20 ? '; …' : ''}`);
  }
}

const inRange = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && v >= min && v <= max;
const wholeInRange = (v: unknown, min: number, max: number): boolean => inRange(v, min, max) && Number.isInteger(v);
const optionalInRange = (v: unknown, min: number, max: number): boolean => v === undefined || inRange(v, min, max);

function lineLooksValid(line: RepLine): boolean {
  if (line === null || typeof line !== 'object' || typeof line.id !== 'string' || line.id === '') return false;
  if (!(inRange(line.balance, 0, 1e13) && line.balance > 0 && inRange(line.grossRatePct, 0, 50))) return false;
  if (!(wholeInRange(line.originalTermMonths, 1, MAX_TERM_MONTHS) && wholeInRange(line.remainingTermMonths, 1, line.originalTermMonths))) return false;
  if (!wholeInRange(line.ageMonths, 0, MAX_TERM_MONTHS)) return false;
  if (line.ioTermMonths !== undefined && !wholeInRange(line.ioTermMonths, 0, MAX_TERM_MONTHS)) return false;
  if (line.recast !== undefined && line.recast !== 'levelPayRemainingTerm') return false;
  const f = line.fees;
  if (f === null || typeof f !== 'object' || !inRange(f.servicingPct, 0, 10)) return false;
  if (!(optionalInRange(f.masterServicingPct, 0, 10) && optionalInRange(f.trusteePct, 0, 10) && optionalInRange(f.lpmiPct, 0, 10) && optionalInRange(f.otherPct, 0, 10))) return false;
  if (feeTotalPct(f) > line.grossRatePct) return false;
  const a = line.arm;
  if (a === undefined) return true;
  return (
    a !== null &&
    typeof a === 'object' &&
    (a.index === 'libor1m' || a.index === 'libor6m' || a.index === 'libor12m' || a.index === 'cmt1y') &&
    inRange(a.marginPct, -10, 30) &&
    wholeInRange(a.monthsToNextReset, 1, MAX_TERM_MONTHS) &&
    wholeInRange(a.resetFrequencyMonths, 1, 120) &&
    inRange(a.initialCapPct, 0, 50) &&
    inRange(a.periodicCapPct, 0, 50) &&
    inRange(a.lifetimeCapPct, 0, 50) &&
    inRange(a.floorPct, 0, 50) &&
    a.floorPct <= a.lifetimeCapPct &&
    a.lifetimeCapPct >= line.grossRatePct - 1e-9 &&
    optionalInRange(a.roundingStepPct, 0, 1) &&
    (a.rounding === undefined || a.rounding === 'nearest' || a.rounding === 'up' || a.rounding === 'down') &&
    (a.lookbackMonths === undefined || wholeInRange(a.lookbackMonths, 0, 12)) &&
    (a.firstResetDone === undefined || typeof a.firstResetDone === 'boolean')
  );
}

function validateArm(add: (what: string) => void, arm: ArmTerms, grossRatePct: number): void {
  if (!INDEX_NAMES.includes(arm.index)) add(`expected arm.index one of ${INDEX_NAMES.join(', ')}, got ${JSON.stringify(arm.index)}`);
  checkNumber(add, 'arm.marginPct', arm.marginPct, -10, 30);
  checkWhole(add, 'arm.monthsToNextReset', arm.monthsToNextReset, 1, MAX_TERM_MONTHS);
  checkWhole(add, 'arm.resetFrequencyMonths', arm.resetFrequencyMonths, 1, 120);
  checkNumber(add, 'arm.initialCapPct', arm.initialCapPct, 0, 50);
  checkNumber(add, 'arm.periodicCapPct', arm.periodicCapPct, 0, 50);
  checkNumber(add, 'arm.lifetimeCapPct', arm.lifetimeCapPct, 0, 50);
  checkNumber(add, 'arm.floorPct', arm.floorPct, 0, 50);
  if (arm.floorPct > arm.lifetimeCapPct) add(`expected arm.floorPct (${arm.floorPct}) ≤ arm.lifetimeCapPct (${arm.lifetimeCapPct})`);
  if (Number.isFinite(grossRatePct) && arm.lifetimeCapPct < grossRatePct - 1e-9) add(`expected arm.lifetimeCapPct (${arm.lifetimeCapPct}) ≥ the gross rate (${grossRatePct})`);
  if (arm.roundingStepPct !== undefined) checkNumber(add, 'arm.roundingStepPct', arm.roundingStepPct, 0, 1);
  if (arm.rounding !== undefined && arm.rounding !== 'nearest' && arm.rounding !== 'up' && arm.rounding !== 'down') {
    add(`expected arm.rounding 'nearest', 'up' or 'down', got ${JSON.stringify(arm.rounding)}`);
  }
  if (arm.lookbackMonths !== undefined) checkWhole(add, 'arm.lookbackMonths', arm.lookbackMonths, 0, 12);
  if (arm.firstResetDone !== undefined && typeof arm.firstResetDone !== 'boolean') add('expected arm.firstResetDone true or false');
}

function checkNumber(
  add: (what: string) => void,
  field: string,
  value: unknown,
  min: number,
  max: number,
  options: { exclusiveMin?: boolean } = {},
): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    add(`expected ${field} a finite number, got ${String(value)}`);
    return;
  }
  const low = options.exclusiveMin ? value <= min : value < min;
  if (low || value > max) add(`expected ${field} ${options.exclusiveMin ? 'above' : 'from'} ${min}${options.exclusiveMin ? ' and up' : ''} to ${max}, got ${value}`);
}

function checkWhole(add: (what: string) => void, field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    add(`expected ${field} a whole number from ${min} to ${max}, got ${String(value)}`);
  }
}
