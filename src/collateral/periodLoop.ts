/**
 * The projection's period loop (the step equations are in project.ts): periods outer, lines
 * inner. At each period every line takes its step (lines are independent, so the CPU overlaps
 * their dependency chains) and the pool sums are added in line order, exactly as when each line
 * ran alone over all periods, so every result is bit-identical to that order; the period's
 * outputs follow at once from its sums (no second pass).
 *
 * A period in which every line still running is inside a fast stretch (amortizing, before
 * maturity, no defaults, no rate change or end of IO period due) takes a tight loop over those
 * lines with no per-line test; any other period goes line by line (segment starts, the general
 * step), then works out how many periods the next tight stretch lasts.
 */
import { capRate, fullyIndexedRate } from './arm';
import { NEVER, type IndexTables } from './indexTables';
import {
  AMORTIZE_FROM,
  annuityPayment,
  BALANCE,
  CONSTANT_FROM,
  DEFAULTS_UNTIL,
  DONE,
  FAST_STOP,
  FEE_MONTHLY,
  FIRST_CHANGE,
  LAST,
  NET_MAX_R,
  NET_R,
  NEXT_CHANGE,
  NEXT_EVENT,
  GROWTH,
  PAYMENT,
  R,
  RATE_PCT,
  REMAINING,
  SEGMENT_END,
} from './lineState';
import type { RepLine } from './repline';
import type { ScenarioTables } from './scenario';

/** Below this accruing balance (dollars) a period's WA rates are carried from the last period that had one. */
const RATE_BALANCE_FLOOR = 1e-6;

/**
 * One pool's part of the call's buffer (project.ts): its twelve outputs (output a of period k at
 * `out + a·periods + k − 1`) and its lines' fields (lineState.ts, from `at`), all in `block`; two
 * Int32 words a line in `words` (each line's SMM offset from `smmOffsetAt`, a scratch list of the
 * lines still running from `liveAt`).
 */
export interface PoolLoop {
  readonly lines: readonly RepLine[];
  readonly tables: ScenarioTables;
  readonly levels: IndexTables;
  readonly block: Float64Array;
  readonly out: number;
  readonly at: number;
  readonly words: Int32Array;
  /** Each line's offset into the SMM table (its age when the SMM goes by loan age, else 0). */
  readonly smmOffsetAt: number;
  readonly liveAt: number;
  /** The pool's starting balance and its WA rates (gross, net, net max). */
  readonly seeds: readonly [number, number, number, number];
  /** True when every line is fixed-rate: the net max rate is the net rate, line by line. */
  readonly netMaxIsNet: boolean;
}

/**
 * Starts line `i`'s next segment at period `k` (between events the rate and payment rule are
 * fixed): false when the line has paid off or reached its last period. At an event, the rate
 * change and recast, or the end of the IO period.
 */
function startSegment(line: RepLine, i: number, count: number, k: number, state: Float64Array, levels: IndexTables, fast: boolean): boolean {
  const at = (field: number): number => field * count + i; // `i` is the line's offset in the buffer
  const last = state[at(LAST)];
  if (k > last || !(state[at(BALANCE)] > 0)) {
    state[at(DONE)] = 1;
    return false;
  }
  const remaining = state[at(REMAINING)];
  const amortizeFrom = state[at(AMORTIZE_FROM)];
  let nextChange = state[at(NEXT_CHANGE)];
  let nextEvent = state[at(NEXT_EVENT)];
  if (k === nextEvent) {
    const arm = line.arm;
    if (k === nextChange && arm !== undefined) {
      const ratePct = state[at(RATE_PCT)];
      const observed = Math.max(1, k - 1 - (arm.lookbackMonths ?? 0));
      const full = fullyIndexedRate(levels.levels[arm.index][observed], arm);
      const newRatePct = capRate(ratePct, full, arm, state[at(FIRST_CHANGE)] === 1);
      state[at(FIRST_CHANGE)] = 0;
      // Steady state: when the index never moves again and no periodic cap held the rate back
      // (it sits at the fully indexed rate, or at the floor or lifetime cap that bounds it),
      // every later change gives this same rate, so there are no more events to run.
      const steady = observed >= state[at(CONSTANT_FROM)] && newRatePct === Math.min(Math.max(full, arm.floorPct), arm.lifetimeCapPct);
      nextChange = steady ? NEVER : nextChange + arm.resetFrequencyMonths;
      state[at(NEXT_CHANGE)] = nextChange;
      // An unchanged rate needs no recast: the payment already retires the balance at it.
      if (newRatePct !== ratePct) {
        const r = newRatePct / 1200;
        state[at(RATE_PCT)] = newRatePct;
        state[at(R)] = r;
        if (k >= amortizeFrom) state[at(GROWTH)] = 1 + r;
        state[at(NET_R)] = r - state[at(FEE_MONTHLY)];
        if (k >= amortizeFrom) state[at(PAYMENT)] = annuityPayment(state[at(BALANCE)], r, remaining - k + 1);
      }
    }
    // The IO period ends: amortize over the payments left.
    if (k === amortizeFrom) {
      state[at(PAYMENT)] = annuityPayment(state[at(BALANCE)], state[at(R)], remaining - k + 1);
      state[at(GROWTH)] = 1 + state[at(R)];
    }
    nextEvent = Math.min(nextChange, k < amortizeFrom ? amortizeFrom : NEVER);
    state[at(NEXT_EVENT)] = nextEvent;
  }
  const segmentEnd = nextEvent - 1 < last ? nextEvent - 1 : last;
  state[at(SEGMENT_END)] = segmentEnd;
  // Without defaults a line takes the fast step up to the period before maturity (an IO period's
  // too: its payment is 0 and its growth 1); the maturity period and any period with defaults take
  // the general step.
  state[at(FAST_STOP)] = fast ? (segmentEnd < remaining - 1 ? segmentEnd : remaining - 1) : k - 1;
  return true;
}

/** A general step's contributions to the period's sums: index of each in `GeneralContext.adds`. */
const REST = 0;
const PREPAY = 1;
const DEFAULTS = 2;
const GROSS = 3;
const NET = 4;
const NET_MAX = 5;

/** What `generalStep` reads, set up once a run. */
interface GeneralContext {
  readonly block: Float64Array;
  readonly count: number;
  readonly smm: Float64Array;
  readonly mdr: Float64Array;
  readonly totalPaydown: boolean;
  /** The step's contributions (rest, prepayment, new defaults, gross, net and net max interest), for the loop to add in order. */
  readonly adds: Float64Array;
}

/**
 * The general step of the line whose fields start at `b` (field f at b + f·count), with its SMM
 * offset: defaults, the maturity period, interest-only periods with defaults. Writes what it adds
 * to the period's sums into `c.adds`.
 */
function generalStep(c: GeneralContext, b: number, smmOffset: number, k: number): void {
  const { block, count, adds } = c;
  const r = block[b + R * count];
  const balance = block[b + BALANCE * count];
  const m = k <= block[b + DEFAULTS_UNTIL * count] ? c.mdr[k] : 0;
  const survive = 1 - m;
  const performing = balance * survive;
  const paymentNow = block[b + PAYMENT * count] * survive;
  // rest = performing − scheduled, scheduled = paymentNow − interest.
  let rest: number;
  if (k === block[b + REMAINING * count]) rest = 0; // maturity: the last payment retires the balance, IO or not
  else if (k < block[b + AMORTIZE_FROM * count]) rest = performing; // interest only
  else {
    rest = balance * (survive + survive * r) - paymentNow;
    if (rest < 0) rest = 0;
    else if (rest > performing) rest = performing;
  }
  const s = c.smm[smmOffset + k];
  // 'totalPaydown': the SMM is the share of the performing balance paid down in all, so the
  // prepayment tops the scheduled principal up to it (none when scheduled alone exceeds it).
  let prepay = rest * s;
  let next: number;
  if (c.totalPaydown) {
    prepay = s * performing - (performing - rest);
    if (prepay < 0) prepay = 0;
    else if (prepay > rest) prepay = rest;
    block[b + PAYMENT * count] = rest > 0 ? paymentNow * (1 - prepay / rest) : 0;
    next = rest - prepay;
  } else {
    block[b + PAYMENT * count] = paymentNow * (1 - s);
    next = rest * (1 - s);
  }
  adds[REST] = rest;
  adds[PREPAY] = prepay;
  adds[DEFAULTS] = balance * m;
  adds[GROSS] = performing * r;
  adds[NET] = performing * block[b + NET_R * count];
  adds[NET_MAX] = performing * block[b + NET_MAX_R * count];
  block[b + BALANCE * count] = next;
  if (next <= 0) block[b + DONE * count] = 1;
}

/** The period loop: every line's step, then the period's outputs from the pool sums. */
export function runPeriods(pool: PoolLoop): void {
  const { lines, tables: t, levels, block, words, seeds, netMaxIsNet } = pool;
  const n = t.periods;
  const count = lines.length;
  const { smm, mdr, smmByAge, smmIsTotalPaydown: totalPaydown, anyDefaults, lagMonths: lag, severity } = t;
  const prepayByLine = smmByAge || totalPaydown;
  // The fast step: amortizing periods before maturity with no defaults (the general step with
  // nothing to default; with one SMM per period applied after scheduled principal, the bare loop).
  const fast = !anyDefaults;
  const at = pool.at;
  const oB = at + BALANCE * count;
  const oP = at + PAYMENT * count;
  const oQ = at + GROWTH * count;
  const oN = at + NET_R * count;
  const oM = at + NET_MAX_R * count;
  const oR = at + R * count;
  const oF = at + FAST_STOP * count;
  const oD = at + DONE * count;
  const oE = at + SEGMENT_END * count;
  const oS = pool.smmOffsetAt;
  const oL = pool.liveAt;
  const general: GeneralContext = { block, count, smm, mdr, totalPaydown, adds: new Float64Array(6) };
  const adds = general.adds;
  // Output a of period k at out + a·n + k − 1, in the order of PoolFlows in project.ts.
  const beginBalance = pool.out;
  const scheduledPrincipal = beginBalance + n;
  const prepayment = scheduledPrincipal + n;
  const defaultedBalance = prepayment + n;
  const recovery = defaultedBalance + n;
  const loss = recovery + n;
  const grossInterest = loss + n;
  const netInterest = grossInterest + n;
  const endBalance = netInterest + n;
  const netRate = endBalance + n;
  const grossRate = netRate + n;
  const netMaxRate = grossRate + n;
  const startBalance = seeds[0];
  const dust = startBalance * 1e-13; // float residue of a paid-off pool, dollars
  let grossCarry = seeds[1];
  let netCarry = seeds[2];
  let netMaxCarry = seeds[3];
  let performingBegin = startBalance;
  let pending = 0; // defaulted, not yet liquidated
  let liveCount = count;
  for (let i = 0; i < count; i++) words[oL + i] = i;
  let tightUntil = 0; // every live line takes the fast step up to this period
  for (let k = 1; k <= n; k++) {
    let sumRest = 0; // Σ (performing − scheduled principal): the balance the SMM applies to
    let sumGross = 0;
    let sumNet = 0;
    let sumNetMax = 0;
    let sumPrepay = 0; // only when the SMM depends on the line
    let sumDefault = 0;
    const smmK = smm[k];
    const keep = 1 - smmK;
    const checked = k > tightUntil;
    let j = 0;
    for (;;) {
      // Fast steps up to the next line outside a fast stretch (none in a tight period).
      let to = liveCount;
      if (checked) for (to = j; to < liveCount && k <= block[oF + words[oL + to]]; ) to++;
      if (!prepayByLine) {
        // rest = balance − scheduled = balance·(1 + r) − payment (scheduled = payment − interest).
        for (; j < to; j++) {
          const i = words[oL + j];
          const balance = block[oB + i];
          let rest = balance * block[oQ + i] - block[oP + i];
          if (rest < 0) rest = 0;
          sumRest += rest;
          sumGross += balance * block[oR + i];
          sumNet += balance * block[oN + i];
          if (!netMaxIsNet) sumNetMax += balance * block[oM + i];
          block[oP + i] *= keep;
          block[oB + i] = rest * keep;
        }
      } else if (!totalPaydown) {
        for (; j < to; j++) {
          const i = words[oL + j];
          const balance = block[oB + i];
          let rest = balance * block[oQ + i] - block[oP + i];
          if (rest < 0) rest = 0;
          if (rest > balance) rest = balance;
          const s = smm[words[oS + i] + k];
          sumRest += rest;
          sumPrepay += rest * s;
          sumGross += balance * block[oR + i];
          sumNet += balance * block[oN + i];
          if (!netMaxIsNet) sumNetMax += balance * block[oM + i];
          block[oP + i] *= 1 - s;
          const next = rest * (1 - s);
          block[oB + i] = next;
          if (next <= 0) block[oD + i] = 1;
        }
      } else {
        // 'totalPaydown': the SMM is the share of the balance paid down in all (project.ts).
        for (; j < to; j++) {
          const i = words[oL + j];
          const balance = block[oB + i];
          let rest = balance * block[oQ + i] - block[oP + i];
          if (rest < 0) rest = 0;
          if (rest > balance) rest = balance;
          const s = smmByAge ? smm[words[oS + i] + k] : smmK;
          let prepay = s * balance - (balance - rest);
          if (prepay < 0) prepay = 0;
          else if (prepay > rest) prepay = rest;
          block[oP + i] = rest > 0 ? block[oP + i] * (1 - prepay / rest) : 0;
          const next = rest - prepay;
          sumRest += rest;
          sumPrepay += prepay;
          sumGross += balance * block[oR + i];
          sumNet += balance * block[oN + i];
          if (!netMaxIsNet) sumNetMax += balance * block[oM + i];
          block[oB + i] = next;
          if (next <= 0) block[oD + i] = 1;
        }
      }
      if (j >= liveCount) break;
      // A line outside a fast stretch: done, or it starts a segment (which may start with the fast
      // step: the loop above takes it), or it takes the general step.
      const i = words[oL + j];
      if (block[oD + i] !== 0 || (k > block[oE + i] && !startSegment(lines[i], at + i, count, k, block, levels, fast))) {
        j++;
        continue;
      }
      if (k <= block[oF + i]) continue;
      j++;
      generalStep(general, at + i, words[oS + i], k);
      sumRest += adds[REST];
      if (prepayByLine) sumPrepay += adds[PREPAY];
      if (anyDefaults) sumDefault += adds[DEFAULTS];
      sumGross += adds[GROSS];
      sumNet += adds[NET];
      if (!netMaxIsNet) sumNetMax += adds[NET_MAX];
    }
    if (checked) {
      // The lines still running next period, and how long they all stay in fast stretches. A line
      // done and past its fast stretch is never stepped again.
      let kept = 0;
      tightUntil = n;
      for (let x = 0; x < liveCount; x++) {
        const i = words[oL + x];
        const stop = block[oF + i];
        if (stop <= k && block[oD + i] !== 0) continue;
        words[oL + kept++] = i;
        if (stop < tightUntil) tightUntil = stop;
      }
      liveCount = kept;
    }

    // The period's outputs from its sums. Without defaults, the defaulted balance, recoveries and
    // losses stay the zeros the buffer starts with.
    const i = k - 1;
    const d = sumDefault;
    let liquidated = 0;
    if (anyDefaults) {
      block[defaultedBalance + i] = d;
      liquidated = i >= lag ? block[defaultedBalance + i - lag] : 0;
      const lost = liquidated * severity;
      block[loss + i] = lost;
      block[recovery + i] = liquidated - lost;
    }
    block[grossInterest + i] = sumGross;
    block[netInterest + i] = sumNet;
    block[beginBalance + i] = performingBegin + pending;
    const accruing = performingBegin - d;
    let scheduled = accruing - sumRest;
    if (scheduled < dust) scheduled = scheduled > -dust ? 0 : scheduled;
    block[scheduledPrincipal + i] = scheduled;
    const prepaid = prepayByLine ? sumPrepay : sumRest * smmK;
    block[prepayment + i] = prepaid;
    let performingEnd = sumRest - prepaid;
    if (performingEnd < dust) performingEnd = 0;
    pending += d - liquidated;
    block[endBalance + i] = performingEnd + pending;
    if (accruing > RATE_BALANCE_FLOOR) {
      grossCarry = (1200 * sumGross) / accruing;
      netCarry = (1200 * sumNet) / accruing;
      netMaxCarry = netMaxIsNet ? netCarry : (1200 * sumNetMax) / accruing;
    }
    block[grossRate + i] = grossCarry;
    block[netRate + i] = netCarry;
    block[netMaxRate + i] = netMaxCarry;
    performingBegin = performingEnd;
  }
}
