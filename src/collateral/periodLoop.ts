/**
 * The projection's loop (the step equations are in project.ts). Lines are independent until their
 * figures are summed, so the lines run two by two over their periods (lines outer, periods inner:
 * two independent chains the CPU overlaps), the figures of a stretch of fast steps in locals as in
 * the bare kernel, adding each period's figures to the pool's sums in the call's buffer; the pairs
 * run in line order and each period takes the first line's figures first, so every sum is added in
 * line order (bit-identical to stepping the lines together period by period). A second pass over
 * the periods turns the sums into the period's outputs, in place.
 *
 * A line in a fast stretch (amortizing, before maturity, no defaults, no rate change or end of IO
 * period due) takes the fast step (fastSteps.ts) in a tight loop; between stretches, a segment to
 * start (a rate change, the end of the IO period) or the general step (defaults, maturity). The
 * one step whose chain waits on a division ('totalPaydown') runs the lines together, period by
 * period, so their divisions overlap (`runInterleaved`).
 */
import { capRate, fullyIndexedRate } from './arm';
import { byAgeStretch, flatStretch, paydownSteps, type SumsAt } from './fastSteps';
import { NEVER, type IndexTables } from './indexTables';
import { annuityPayment, type LineState, LIST_END, NO_LINE } from './lineState';
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

/** One pool's part of the call: its lines' states (lineState.ts, in line order) and where its outputs go in the call's buffer. */
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
  /** For the loop that steps the lines together: lists of the lines due by period (`periods + 2` long, every one LIST_END), to fill and empty. */
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
 * with defaults. Adds to the period's sums the pool keeps (`at`).
 */
function generalStep(s: LineState, k: number, t: ScenarioTables, block: Float64Array, at: SumsAt): void {
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
    // Capped, then floored (rest is 0 or more): both tests run on every step, also at 0% (where
    // the floor always applies), so code optimized then is not thrown away at the first speed.
    if (prepay > rest) prepay = rest;
    if (prepay < 0) prepay = 0;
    s.payment = rest > 0 ? paymentNow * (1 - prepay / rest) : 0;
    next = rest - prepay;
  } else {
    s.payment = paymentNow * (1 - smm);
    next = rest * (1 - smm);
  }
  const i = k - 1;
  block[at.rest + i] += rest;
  if (at.prepay >= 0) block[at.prepay + i] += prepay;
  if (at.defaults >= 0) block[at.defaults + i] += balance * m;
  if (at.gross >= 0) block[at.gross + i] += performing * r;
  block[at.net + i] += performing * s.netR;
  if (at.netMax >= 0) block[at.netMax + i] += performing * s.netMaxR;
  s.balance = next;
  if (next <= 0) s.done = 1;
}

/** Whether line `s` steps in period `k`: false once it is done (a segment started when one ends). */
function running(s: LineState, k: number, levels: IndexTables, fast: boolean): boolean {
  return s.done === 0 && (k <= s.segmentEnd || startSegment(s, k, levels, fast));
}

/**
 * Lines `a` and `b` (`NO_LINE`: `a` alone) over periods 1 to `n`, each its fast stretches and
 * general steps, the two together through the periods where both are in a fast stretch. `a` takes
 * every period before `b` does (`b` is never ahead of it), so each period's sums take `a`'s figures
 * first.
 */
function runPair(a: LineState, b: LineState, n: number, t: ScenarioTables, levels: IndexTables, fast: boolean, block: Float64Array, at: SumsAt): void {
  const byAge = t.smmByAge;
  let ka = 1; // the next period of each line
  let kb = 1;
  let aLive = true;
  let bLive = b !== NO_LINE;
  for (;;) {
    if (aLive && (!bLive || ka === kb)) {
      if (ka > n || !running(a, ka, levels, fast)) aLive = false;
      else if (ka > a.fastStop) generalStep(a, ka++, t, block, at);
      else {
        // With `b` alongside through both stretches; alone for one period when `b` takes the general step in it.
        if (bLive && !running(b, kb, levels, fast)) bLive = false;
        const with2 = bLive && kb <= b.fastStop;
        const to = !bLive ? a.fastStop : with2 ? Math.min(a.fastStop, b.fastStop) : ka;
        if (byAge) byAgeStretch(a, with2 ? b : NO_LINE, ka, to, t.smm, block, at);
        else flatStretch(a, with2 ? b : NO_LINE, ka, to, t.smm, block, at);
        ka = to + 1;
        if (with2) kb = to + 1;
      }
    } else if (bLive) {
      // Behind `a`: up to the period before its (or to the end, `a` done).
      if (kb > n || !running(b, kb, levels, fast)) bLive = false;
      else if (kb > b.fastStop) generalStep(b, kb++, t, block, at);
      else {
        const to = aLive && ka - 1 < b.fastStop ? ka - 1 : b.fastStop;
        if (byAge) byAgeStretch(b, NO_LINE, kb, to, t.smm, block, at);
        else flatStretch(b, NO_LINE, kb, to, t.smm, block, at);
        kb = to + 1;
      }
    } else return;
  }
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

/**
 * Every line period by period, in line order ('totalPaydown'): its step divides (the payment
 * falls by the share prepaid), so one line alone waits on each division before its next step;
 * the lines' steps interleaved hide that wait. A line whose fast stretch ends is put on the list of
 * lines due in the period after (`due`): a period looks at those lines alone, between its runs of
 * fast steps, and the periods up to the next one with a line due are one run of fast steps
 * (`paydownSteps`) with no test.
 */
function runInterleaved(states: readonly LineState[], due: LineState[], n: number, t: ScenarioTables, levels: IndexTables, fast: boolean, block: Float64Array, at: SumsAt): void {
  const { smm, smmByAge } = t;
  // The lines still running: a list from `head` through each state's `next`, in line order; every
  // line is due in period 1.
  let head = LIST_END;
  for (let j = states.length - 1; j >= 0; j--) {
    const s = states[j];
    s.order = j;
    s.next = head;
    s.nextDue = head;
    s.prev = LIST_END;
    if (head !== LIST_END) head.prev = s;
    head = s;
  }
  due[1] = head;
  let k = 1;
  while (k <= n && head !== LIST_END) {
    let s = head; // the next line to step
    let line = due[k];
    due[k] = LIST_END; // read once: the lists are empty again when the loop ends
    for (;;) {
      // Fast steps up to the next line due (all the lines left when none is).
      if (s !== line) paydownSteps(s, line, k, k, smm, smmByAge, block, at);
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
        generalStep(line, k, t, block, at);
        s = line.next;
        schedule(due, line, k + 1, n);
      }
      line = nextDue;
    }
    let next = k + 1;
    while (next <= n && due[next] === LIST_END) next++;
    if (next > k + 1 && head !== LIST_END) paydownSteps(head, LIST_END, k + 1, next - 1, smm, smmByAge, block, at);
    k = next;
  }
  // The lists are empty again: a line leaves the list of lines running only when it is due, and
  // none is put on a list past the last period.
}

/** An output's start, or −1 for one the loop leaves out (NaN in the layout). */
const kept = (start: number): number => (Number.isNaN(start) ? -1 : start);

/**
 * The pool's loop: every line over its periods, adding to the period sums (each in the place of
 * an output: the buffer is fresh zeros), then the period's outputs from its sums, in place.
 */
export function runPeriods(pool: PoolLoop): void {
  const { tables: t, levels, block, seeds, netMaxIsNet, every } = pool;
  const n = t.periods;
  const { smm, smmByAge, smmIsTotalPaydown: totalPaydown, anyDefaults, lagMonths: lag, severity } = t;
  const prepayByLine = smmByAge || totalPaydown;
  const withGross = every;
  const withNetMax = every && !netMaxIsNet;
  // Period k of each output at its start + k − 1.
  const { beginBalance, scheduledPrincipal, prepayment, defaultedBalance, recovery, loss, grossInterest, netInterest, endBalance, netRate, grossRate, netMaxRate } = pool.layout;
  // The sums: the rest where the prepayment goes, the lines' prepayments where the scheduled
  // principal goes, the net max interest where its rate goes; the others where they are output.
  const at: SumsAt = {
    rest: prepayment,
    prepay: prepayByLine ? scheduledPrincipal : -1,
    defaults: anyDefaults ? defaultedBalance : -1,
    gross: withGross ? kept(grossInterest) : -1,
    net: netInterest,
    netMax: withNetMax ? kept(netMaxRate) : -1,
  };
  // The fast step: amortizing periods before maturity with no defaults (the general step with
  // nothing to default; with one SMM per period applied after scheduled principal, the bare loop).
  const fast = !anyDefaults;
  if (totalPaydown) runInterleaved(pool.states, pool.due, n, t, levels, fast, block, at);
  else {
    const states = pool.states;
    for (let j = 0; j < states.length; j += 2) runPair(states[j], j + 1 < states.length ? states[j + 1] : NO_LINE, n, t, levels, fast, block, at);
  }

  const startBalance = seeds[0];
  const dust = startBalance * 1e-13; // float residue of a paid-off pool, dollars
  let grossCarry = seeds[1];
  let netCarry = seeds[2];
  let netMaxCarry = seeds[3];
  let performingBegin = startBalance;
  let pending = 0; // defaulted, not yet liquidated
  block[beginBalance] = startBalance; // period 1's; each period writes the next one's as its end balance
  for (let k = 1; k <= n; k++) {
    const i = k - 1;
    const sumRest = block[prepayment + i];
    const sumNet = block[netInterest + i];
    // Without defaults, the defaulted balance, recoveries and losses are zeros the loop never writes.
    let d = 0;
    let liquidated = 0;
    if (anyDefaults) {
      d = block[defaultedBalance + i];
      liquidated = i >= lag ? block[defaultedBalance + i - lag] : 0;
      const lost = liquidated * severity;
      block[loss + i] = lost;
      block[recovery + i] = liquidated - lost;
      pending += d - liquidated;
    }
    const accruing = performingBegin - d;
    let scheduled = accruing - sumRest;
    if (scheduled < dust) scheduled = scheduled > -dust ? 0 : scheduled;
    const prepaid = prepayByLine ? block[scheduledPrincipal + i] : sumRest * smm[k];
    block[scheduledPrincipal + i] = scheduled;
    block[prepayment + i] = prepaid;
    let performingEnd = sumRest - prepaid;
    if (performingEnd < dust) performingEnd = 0;
    // The next period's begin balance too (the same element).
    block[endBalance + i] = performingEnd + pending;
    if (accruing > RATE_BALANCE_FLOOR) netCarry = (1200 * sumNet) / accruing;
    block[netRate + i] = netCarry;
    if (withGross) {
      if (accruing > RATE_BALANCE_FLOOR) {
        grossCarry = (1200 * block[grossInterest + i]) / accruing;
        netMaxCarry = netMaxIsNet ? netCarry : (1200 * block[netMaxRate + i]) / accruing;
      }
      block[grossRate + i] = grossCarry;
      if (!netMaxIsNet) block[netMaxRate + i] = netMaxCarry; // else the net rate's array
    }
    performingBegin = performingEnd;
  }
}
