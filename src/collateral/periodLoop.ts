/**
 * The projection's period loop (the step equations are in project.ts): periods outer, lines
 * inner. At each period every line takes its step (lines are independent, so the CPU overlaps
 * their dependency chains) and the pool sums are added in line order, exactly as when each line
 * ran alone over all periods, so every result is bit-identical to that order; the period's
 * outputs follow at once from its sums (no second pass).
 *
 * A line in a fast stretch (amortizing, before maturity, no defaults, no rate change or end of IO
 * period due) takes the fast step (fastSteps.ts) in a tight loop with no per-line test. When its
 * stretch ends the line is put on the list of lines due in the next period, which is all a period
 * looks at besides its tight loops: the lines due (a segment to start, the general step, or done)
 * split the period's run of fast steps, and a period with none due is one tight loop.
 */
import { capRate, fullyIndexedRate } from './arm';
import { ACC_LENGTH, DEFAULTS, fastByAge, fastFlat, fastTotalPaydown, GROSS, NET, NET_MAX, PREPAY, REST } from './fastSteps';
import { NEVER, type IndexTables } from './indexTables';
import { annuityPayment, type LineState, LIST_END } from './lineState';
import type { ScenarioTables } from './scenario';

/** Below this accruing balance (dollars) a period's WA rates are carried from the last period that had one. */
const RATE_BALANCE_FLOOR = 1e-6;

/**
 * Where each output of a pool starts in the call's buffer (period k at `start + k − 1`); `end`: after
 * the pool's own. `grossInterest`, `grossRate` and `netMaxRate` are NaN when the loop leaves them out
 * (a projection for the engines, which read none of them).
 */
export interface OutputLayout {
  readonly beginBalance: number;
  readonly scheduledPrincipal: number;
  readonly prepayment: number;
  readonly defaultedBalance: number;
  readonly recovery: number;
  readonly loss: number;
  readonly grossInterest: number;
  readonly netInterest: number;
  readonly endBalance: number;
  readonly netRate: number;
  readonly grossRate: number;
  readonly netMaxRate: number;
  readonly end: number;
}

/**
 * One pool's part of the call: its lines' states (lineState.ts, in line order, each linked to the
 * next; the loop unlinks lines that are done) and where its outputs go in the call's buffer.
 */
export interface PoolLoop {
  readonly states: LineState[];
  readonly tables: ScenarioTables;
  readonly levels: IndexTables;
  readonly block: Float64Array;
  readonly layout: OutputLayout;
  /** The pool's starting balance and its WA rates (gross, net, net max). */
  readonly seeds: readonly [number, number, number, number];
  /** True when every line is fixed-rate: the net max rate is the net rate, line by line. */
  readonly netMaxIsNet: boolean;
  /** Also the gross interest, gross rate and net max rate (else the loop neither sums nor writes them). */
  readonly every: boolean;
  /** Lists of the lines due by period (`periods + 2` long, every one LIST_END), for the loop to fill and empty. */
  readonly due: LineState[];
}

/**
 * Starts the next segment of line `s` at period `k` (between events the rate and payment rule are
 * fixed): false when the line has paid off or reached its last period. At an event, the rate
 * change and recast, or the end of the IO period.
 */
function startSegment(s: LineState, k: number, levels: IndexTables, fast: boolean): boolean {
  const last = s.last;
  if (k > last || !(s.balance > 0)) {
    s.done = 1;
    return false;
  }
  const remaining = s.remaining;
  const amortizeFrom = s.amortizeFrom;
  let nextChange = s.nextChange;
  let nextEvent = s.nextEvent;
  if (k === nextEvent) {
    const arm = s.line?.arm;
    if (k === nextChange && arm !== undefined) {
      const ratePct = s.ratePct;
      const observed = Math.max(1, k - 1 - (arm.lookbackMonths ?? 0));
      const full = fullyIndexedRate(levels.levels[arm.index][observed], arm);
      const newRatePct = capRate(ratePct, full, arm, s.firstChange === 1);
      s.firstChange = 0;
      // Steady state: when the index never moves again and no periodic cap held the rate back
      // (it sits at the fully indexed rate, or at the floor or lifetime cap that bounds it),
      // every later change gives this same rate, so there are no more events to run.
      const steady = observed >= s.constantFrom && newRatePct === Math.min(Math.max(full, arm.floorPct), arm.lifetimeCapPct);
      nextChange = steady ? NEVER : nextChange + arm.resetFrequencyMonths;
      s.nextChange = nextChange;
      // An unchanged rate needs no recast: the payment already retires the balance at it.
      if (newRatePct !== ratePct) {
        const r = newRatePct / 1200;
        s.ratePct = newRatePct;
        s.r = r;
        if (k >= amortizeFrom) s.growth = 1 + r;
        s.netR = r - s.feeMonthly;
        if (k >= amortizeFrom) s.payment = annuityPayment(s.balance, r, remaining - k + 1);
      }
    }
    // The IO period ends: amortize over the payments left.
    if (k === amortizeFrom) {
      s.payment = annuityPayment(s.balance, s.r, remaining - k + 1);
      s.growth = 1 + s.r;
    }
    nextEvent = Math.min(nextChange, k < amortizeFrom ? amortizeFrom : NEVER);
    s.nextEvent = nextEvent;
  }
  const segmentEnd = nextEvent - 1 < last ? nextEvent - 1 : last;
  s.segmentEnd = segmentEnd;
  // Without defaults a line takes the fast step up to the period before maturity (an IO period's
  // too: its payment is 0 and its growth 1); the maturity period and any period with defaults take
  // the general step.
  s.fastStop = fast ? (segmentEnd < remaining - 1 ? segmentEnd : remaining - 1) : k - 1;
  return true;
}

/**
 * The general step of line `s` in period `k`: defaults, the maturity period, interest-only periods
 * with defaults. Adds to the period's sums in `acc` (fastSteps.ts; a sum the pool does not read
 * gets the line's figure added all the same).
 */
function generalStep(s: LineState, k: number, t: ScenarioTables, acc: Float64Array): void {
  const r = s.r;
  const balance = s.balance;
  const m = k <= s.defaultsUntil ? t.mdr[k] : 0;
  const survive = 1 - m;
  const performing = balance * survive;
  const paymentNow = s.payment * survive;
  // rest = performing − scheduled, scheduled = paymentNow − interest.
  let rest: number;
  if (k === s.remaining) rest = 0; // maturity: the last payment retires the balance, IO or not
  else if (k < s.amortizeFrom) rest = performing; // interest only
  else {
    rest = balance * (survive + survive * r) - paymentNow;
    if (rest < 0) rest = 0;
    else if (rest > performing) rest = performing;
  }
  const smm = t.smm[s.smmOffset + k];
  // 'totalPaydown': the SMM is the share of the performing balance paid down in all, so the
  // prepayment tops the scheduled principal up to it (none when scheduled alone exceeds it).
  let prepay = rest * smm;
  let next: number;
  if (t.smmIsTotalPaydown) {
    prepay = smm * performing - (performing - rest);
    if (prepay < 0) prepay = 0;
    else if (prepay > rest) prepay = rest;
    s.payment = rest > 0 ? paymentNow * (1 - prepay / rest) : 0;
    next = rest - prepay;
  } else {
    s.payment = paymentNow * (1 - smm);
    next = rest * (1 - smm);
  }
  acc[REST] += rest;
  acc[PREPAY] += prepay;
  acc[DEFAULTS] += balance * m;
  acc[GROSS] += performing * r;
  acc[NET] += performing * s.netR;
  acc[NET_MAX] += performing * s.netMaxR;
  s.balance = next;
  if (next <= 0) s.done = 1;
}

/** Puts line `s` among the lines due for attention in period `p` (none after the last period), in line order. */
function schedule(due: LineState[], s: LineState, p: number, n: number): void {
  if (p > n) return;
  const first = due[p];
  if (first === LIST_END || s.order < first.order) {
    s.nextDue = first;
    due[p] = s;
    return;
  }
  let x = first;
  while (x.nextDue !== LIST_END && x.nextDue.order < s.order) x = x.nextDue;
  s.nextDue = x.nextDue;
  x.nextDue = s;
}

/** Takes line `s` out of the list of lines running (it is never stepped again); returns the list's head. */
function unlink(head: LineState, s: LineState): LineState {
  const next = s.next;
  if (next !== LIST_END) next.prev = s.prev;
  if (s === head) return next;
  s.prev.next = next;
  return head;
}

/** The period loop: every line's step, then the period's outputs from the pool sums. */
export function runPeriods(pool: PoolLoop): void {
  const { tables: t, levels, block, seeds, netMaxIsNet, every } = pool;
  const n = t.periods;
  const { smm, smmByAge, smmIsTotalPaydown: totalPaydown, anyDefaults, lagMonths: lag, severity } = t;
  const prepayByLine = smmByAge || totalPaydown;
  // The fast step: amortizing periods before maturity with no defaults (the general step with
  // nothing to default; with one SMM per period applied after scheduled principal, the bare loop).
  const fast = !anyDefaults;
  const acc = new Float64Array(ACC_LENGTH);
  const withGross = every;
  const withNetMax = every && !netMaxIsNet;
  // Period k of each output at its start + k − 1.
  const { beginBalance, scheduledPrincipal, prepayment, defaultedBalance, recovery, loss, grossInterest, netInterest, endBalance, netRate, grossRate, netMaxRate } = pool.layout;
  const startBalance = seeds[0];
  const dust = startBalance * 1e-13; // float residue of a paid-off pool, dollars
  let grossCarry = seeds[1];
  let netCarry = seeds[2];
  let netMaxCarry = seeds[3];
  let performingBegin = startBalance;
  let pending = 0; // defaulted, not yet liquidated
  // The lines still running, in line order: a list from `head` through each state's `next` to
  // LIST_END. The lines due for attention in period k (a fast stretch ended: a segment to start, the
  // general step, or done): a list from due[k] through `nextDue`, in line order; every line at first.
  let head = pool.states.length > 0 ? pool.states[0] : LIST_END;
  const due = pool.due;
  due[1] = head;
  block[beginBalance] = startBalance; // period 1's; each period writes the next one's as its end balance
  for (let k = 1; k <= n; k++) {
    acc[REST] = 0;
    acc[PREPAY] = 0;
    acc[DEFAULTS] = 0;
    acc[GROSS] = 0;
    acc[NET] = 0;
    acc[NET_MAX] = 0;
    const smmK = smm[k];
    let s = head; // the next line to step
    let line = due[k];
    if (line !== LIST_END) due[k] = LIST_END; // read once: the lists are empty again when the loop ends
    for (;;) {
      // Fast steps up to the next line due (all the lines left when none is).
      if (s !== line) {
        if (!prepayByLine) fastFlat(s, line, 1 - smmK, withGross, withNetMax, acc);
        else if (!totalPaydown) fastByAge(s, line, smm, k, withGross, withNetMax, acc);
        else fastTotalPaydown(s, line, smm, k, smmByAge, withGross, withNetMax, acc);
      }
      if (line === LIST_END) break;
      const nextDue = line.nextDue;
      if (line.done !== 0 || (k > line.segmentEnd && !startSegment(line, k, levels, fast))) {
        s = line.next;
        head = unlink(head, line);
      } else if (k <= line.fastStop) {
        // A segment that starts with the fast step: the line goes with the run that follows.
        s = line;
        schedule(due, line, line.fastStop + 1, n);
      } else {
        generalStep(line, k, t, acc);
        s = line.next;
        schedule(due, line, k + 1, n);
      }
      line = nextDue;
    }
    const sumRest = acc[REST];
    const sumNet = acc[NET];

    // The period's outputs from its sums. Without defaults, the defaulted balance, recoveries and
    // losses are zeros the loop never writes.
    const i = k - 1;
    const d = acc[DEFAULTS];
    let liquidated = 0;
    if (anyDefaults) {
      block[defaultedBalance + i] = d;
      liquidated = i >= lag ? block[defaultedBalance + i - lag] : 0;
      const lost = liquidated * severity;
      block[loss + i] = lost;
      block[recovery + i] = liquidated - lost;
      pending += d - liquidated;
    }
    block[netInterest + i] = sumNet;
    const accruing = performingBegin - d;
    let scheduled = accruing - sumRest;
    if (scheduled < dust) scheduled = scheduled > -dust ? 0 : scheduled;
    block[scheduledPrincipal + i] = scheduled;
    const prepaid = prepayByLine ? acc[PREPAY] : sumRest * smmK;
    block[prepayment + i] = prepaid;
    let performingEnd = sumRest - prepaid;
    if (performingEnd < dust) performingEnd = 0;
    // The next period's begin balance too (the same element).
    block[endBalance + i] = performingEnd + pending;
    if (accruing > RATE_BALANCE_FLOOR) netCarry = (1200 * sumNet) / accruing;
    block[netRate + i] = netCarry;
    if (withGross) {
      const sumGross = acc[GROSS];
      block[grossInterest + i] = sumGross;
      if (accruing > RATE_BALANCE_FLOOR) {
        grossCarry = (1200 * sumGross) / accruing;
        netMaxCarry = netMaxIsNet ? netCarry : (1200 * acc[NET_MAX]) / accruing;
      }
      block[grossRate + i] = grossCarry;
      if (!netMaxIsNet) block[netMaxRate + i] = netMaxCarry; // else the net rate's array
    }
    performingBegin = performingEnd;
  }
}
