import { EngineError } from '../errors';
import { capRate, fullyIndexedRate } from './arm';
import { indexTables, NEVER, type IndexTables } from './indexTables';
import { feeTotalPct, ioMonthsRemaining, type RepLine, validateRepLines } from './repline';
import { type ProjectionScenario, type ScenarioTables, scenarioTables } from './scenario';
import type { PoolFlows } from './types';

/**
 * Collateral projection: rep lines + scenario → period arrays (`PoolFlows`).
 *
 * Per line and period k (conventions.md §1, §2, §12; BMA Standard Formulas §B, §C):
 *
 *   def    = MDR_k · B                       new defaults come off the performing balance first
 *   perf   = B − def                         the loans that pay this period
 *   int    = perf · r                        gross interest (net: perf · (r − fees))
 *   sched  = pmt·(1 − MDR_k) − int           level pay; 0 while interest-only; all of perf at maturity
 *   prepay = SMM_k · (perf − sched)          the SMM applies after the scheduled principal
 *            (scenario `prepaymentBase: 'totalPaydown'`: max(0, SMM_k · perf − sched) instead,
 *            the CPR then being the total paydown rate, scheduled principal included)
 *   B'     = perf − sched − prepay
 *   pmt'   = pmt·(1 − MDR_k)·(1 − SMM_k)     whole loans leave, so the group's payment falls with them
 *
 * `pmt` is the level payment of the surviving loans: recomputed (recast) from the balance, rate and
 * payments left only when the rate changes or an IO period ends, and otherwise scaled, which gives
 * the same numbers as recomputing it every month with no `pow` in the loop. Defaulted loans pay
 * nothing (no advancing), stay in the pool balance until liquidated `lagMonths` later, and then
 * return (1 − severity) of their defaulted balance as a recovery and lose the rest. No new
 * defaults in a line's last `lagMonths` months (SF §C.2i), so every default liquidates by the
 * line's maturity + lag.
 *
 * Weighted-average rates (`grossRate`, `netRate`, `netMaxRate`) weight each line by its
 * performing balance in the period (its beginning balance less the period's new defaults, the
 * balance that accrues), which is the beginning balance when there are no defaults. Once nothing
 * accrues, the last rates are carried (never NaN).
 *
 * Conservation, by construction: Σ_k (sched + prepay + def) = the starting balance when the
 * periods reach the longest remaining term (+ lag); and every period
 * beginBalance − sched − prepay − recovery − loss = endBalance, beginBalance_k = endBalance_{k−1}.
 *
 * Periods outer, lines inner: at each period every line takes its step (lines are independent, so
 * the CPU overlaps their dependency chains) and the pool sums are added in line order, exactly as
 * when each line ran alone over all periods, so every result is bit-identical to that order; the
 * period's outputs follow at once from its sums (no second pass). One allocation a call holds the
 * twelve output arrays and the lines' state; ARM rate changes read the index from per-period
 * tables built once per call.
 */
export function projectPool(lines: readonly RepLine[], scenario: ProjectionScenario): PoolFlows {
  validateRepLines(lines);
  let maxRemaining = 0;
  let maxAge = 0;
  for (const line of lines) {
    if (line.remainingTermMonths > maxRemaining) maxRemaining = line.remainingTermMonths;
    if (line.ageMonths > maxAge) maxAge = line.ageMonths;
  }
  const tables = scenarioTables(scenario, maxRemaining, maxAge);
  for (const line of lines) {
    if (line.arm === undefined) continue;
    if (tables.indices === undefined) {
      throw new EngineError('indices', `expected an index path: line ${line.id} is an ARM on ${line.arm.index}`);
    }
    if (!tables.indices.has(line.arm.index)) {
      throw new EngineError('indices', `expected a path with ${line.arm.index} for ARM line ${line.id}; the path "${tables.indices.description}" has none`, 'notAvailable');
    }
  }
  const n = tables.periods;
  const block = new Float64Array(OUTPUT_ARRAYS * n + SLOTS * lines.length);
  const state = block.subarray(OUTPUT_ARRAYS * n);
  const levels = indexTables(lines, tables);
  const seeds = startLines(lines, tables, levels, state);
  const out = (a: number): Float64Array => block.subarray(a * n, (a + 1) * n);
  const flows: PoolFlows = {
    periods: n,
    beginBalance: out(0),
    scheduledPrincipal: out(1),
    prepayment: out(2),
    defaultedBalance: out(3),
    recovery: out(4),
    loss: out(5),
    grossInterest: out(6),
    netInterest: out(7),
    endBalance: out(8),
    netRate: out(9),
    grossRate: out(10),
    netMaxRate: out(11),
  };
  run(lines, tables, levels, state, seeds, flows);
  return flows;
}

/** Output arrays, each `periods` long, at the start of the call's one buffer. */
const OUTPUT_ARRAYS = 12;

/**
 * A line's state and constants: SLOTS numbers per line after the outputs. The step reads the
 * first six; the others change only at a segment's start (a rate change, the end of an IO period).
 */
const BALANCE = 0;
const PAYMENT = 1;
const R = 2;
const NET_R = 3;
const NET_MAX_R = 4;
/** Last period of the current segment taken by the amortizing fast step (below the segment's start: none). */
const FAST_STOP = 5;
/** Last period of the current segment; a line whose segment has ended starts a new one (or stops). */
const SEGMENT_END = 6;
const DONE = 7;
const RATE_PCT = 8;
const NEXT_CHANGE = 9;
const NEXT_EVENT = 10;
const FIRST_CHANGE = 11;
const REMAINING = 12;
const LAST = 13;
const AMORTIZE_FROM = 14;
const FEE_MONTHLY = 15;
const SMM_OFFSET = 16;
const DEFAULTS_UNTIL = 17;
const CONSTANT_FROM = 18;
const SLOTS = 19;

/** Level payment retiring `balance` in `months` payments at monthly rate `r` (decimal). */
export function annuityPayment(balance: number, r: number, months: number): number {
  if (months <= 0) return balance;
  if (r === 0) return balance / months;
  return (balance * r) / -Math.expm1(-months * Math.log1p(r));
}

/** Writes each line's starting state; returns the pool's starting balance and its WA rates (gross, net, net max). */
function startLines(lines: readonly RepLine[], t: ScenarioTables, indexLevels: IndexTables, state: Float64Array): readonly [number, number, number, number] {
  let startBalance = 0;
  let grossSeed = 0;
  let netSeed = 0;
  let netMaxSeed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const b = SLOTS * i;
    const remaining = line.remainingTermMonths;
    const ioLeft = ioMonthsRemaining(line);
    const amortizeFrom = ioLeft + 1; // first period with scheduled principal
    const fees = feeTotalPct(line.fees);
    const feeMonthly = fees / 1200;
    const arm = line.arm;
    const ratePct = line.grossRatePct;
    const r = ratePct / 1200;
    // Rate changes: the change in month m applies from period m + 1 (see ArmTerms).
    const nextChange = arm === undefined ? NEVER : arm.monthsToNextReset + 1;
    state[b + BALANCE] = line.balance;
    state[b + PAYMENT] = ioLeft > 0 ? 0 : annuityPayment(line.balance, r, remaining);
    state[b + R] = r;
    state[b + NET_R] = r - feeMonthly;
    state[b + NET_MAX_R] = (arm === undefined ? ratePct : arm.lifetimeCapPct) / 1200 - feeMonthly;
    state[b + RATE_PCT] = ratePct;
    state[b + NEXT_CHANGE] = nextChange;
    state[b + NEXT_EVENT] = Math.min(nextChange, ioLeft > 0 ? amortizeFrom : NEVER);
    state[b + FIRST_CHANGE] = arm !== undefined && arm.firstResetDone !== true ? 1 : 0;
    state[b + REMAINING] = remaining;
    state[b + LAST] = Math.min(t.periods, remaining);
    state[b + AMORTIZE_FROM] = amortizeFrom;
    state[b + FEE_MONTHLY] = feeMonthly;
    state[b + SMM_OFFSET] = t.smmByAge ? line.ageMonths : 0;
    state[b + DEFAULTS_UNTIL] = t.anyDefaults ? remaining - t.lagMonths : 0;
    state[b + CONSTANT_FROM] = arm === undefined ? NEVER : indexLevels.constantFrom[arm.index];
    startBalance += line.balance;
    grossSeed += line.balance * line.grossRatePct;
    netSeed += line.balance * (line.grossRatePct - fees);
    netMaxSeed += line.balance * ((arm ? arm.lifetimeCapPct : line.grossRatePct) - fees);
  }
  return [startBalance, grossSeed / startBalance, netSeed / startBalance, netMaxSeed / startBalance];
}

/**
 * Starts line `i`'s next segment at period `k` (between events the rate and payment rule are
 * fixed): false when the line has paid off or reached its last period. At an event, the rate
 * change and recast, or the end of the IO period.
 */
function startSegment(line: RepLine, b: number, k: number, state: Float64Array, levels: IndexTables, fast: boolean): boolean {
  const last = state[b + LAST];
  if (k > last || !(state[b + BALANCE] > 0)) {
    state[b + DONE] = 1;
    return false;
  }
  const remaining = state[b + REMAINING];
  const amortizeFrom = state[b + AMORTIZE_FROM];
  let nextChange = state[b + NEXT_CHANGE];
  let nextEvent = state[b + NEXT_EVENT];
  if (k === nextEvent) {
    const arm = line.arm;
    if (k === nextChange && arm !== undefined) {
      const ratePct = state[b + RATE_PCT];
      const observed = Math.max(1, k - 1 - (arm.lookbackMonths ?? 0));
      const full = fullyIndexedRate(levels.levels[arm.index][observed], arm);
      const newRatePct = capRate(ratePct, full, arm, state[b + FIRST_CHANGE] === 1);
      state[b + FIRST_CHANGE] = 0;
      // Steady state: when the index never moves again and no periodic cap held the rate back
      // (it sits at the fully indexed rate, or at the floor or lifetime cap that bounds it),
      // every later change gives this same rate, so there are no more events to run.
      const steady = observed >= state[b + CONSTANT_FROM] && newRatePct === Math.min(Math.max(full, arm.floorPct), arm.lifetimeCapPct);
      nextChange = steady ? NEVER : nextChange + arm.resetFrequencyMonths;
      state[b + NEXT_CHANGE] = nextChange;
      // An unchanged rate needs no recast: the payment already retires the balance at it.
      if (newRatePct !== ratePct) {
        const r = newRatePct / 1200;
        state[b + RATE_PCT] = newRatePct;
        state[b + R] = r;
        state[b + NET_R] = r - state[b + FEE_MONTHLY];
        if (k >= amortizeFrom) state[b + PAYMENT] = annuityPayment(state[b + BALANCE], r, remaining - k + 1);
      }
    }
    // The IO period ends: amortize over the payments left.
    if (k === amortizeFrom) state[b + PAYMENT] = annuityPayment(state[b + BALANCE], state[b + R], remaining - k + 1);
    nextEvent = Math.min(nextChange, k < amortizeFrom ? amortizeFrom : NEVER);
    state[b + NEXT_EVENT] = nextEvent;
  }
  const segmentEnd = nextEvent - 1 < last ? nextEvent - 1 : last;
  state[b + SEGMENT_END] = segmentEnd;
  // The common case (amortizing, no defaults, one SMM per period) takes the fast step up to the
  // period before maturity; the maturity period, IO periods and the rest take the general step.
  state[b + FAST_STOP] = fast && k >= amortizeFrom ? (segmentEnd < remaining - 1 ? segmentEnd : remaining - 1) : k - 1;
  return true;
}

/** Below this accruing balance (dollars) a period's WA rates are carried from the last period that had one. */
const RATE_BALANCE_FLOOR = 1e-6;

/** The period loop: every line's step, then the period's outputs from the pool sums. */
function run(lines: readonly RepLine[], t: ScenarioTables, levels: IndexTables, state: Float64Array, seeds: readonly [number, number, number, number], f: PoolFlows): void {
  const n = t.periods;
  const count = lines.length;
  const { smm, mdr, smmByAge, smmIsTotalPaydown: totalPaydown, anyDefaults, lagMonths: lag, severity } = t;
  const prepayByLine = smmByAge || totalPaydown;
  // The fast step: amortizing periods before maturity with no defaults (the general step with
  // nothing to default; with one SMM per period applied after scheduled principal, the bare loop).
  const fast = !anyDefaults;
  const { beginBalance, scheduledPrincipal, prepayment, defaultedBalance, recovery, loss, grossInterest, netInterest, endBalance, grossRate, netRate, netMaxRate } = f;
  const startBalance = seeds[0];
  const dust = startBalance * 1e-13; // float residue of a paid-off pool, dollars
  let grossCarry = seeds[1];
  let netCarry = seeds[2];
  let netMaxCarry = seeds[3];
  let performingBegin = startBalance;
  let pending = 0; // defaulted, not yet liquidated
  let firstLive = 0; // lines before it are done
  for (let k = 1; k <= n; k++) {
    let sumRest = 0; // Σ (performing − scheduled principal): the balance the SMM applies to
    let sumGross = 0;
    let sumNet = 0;
    let sumNetMax = 0;
    let sumPrepay = 0; // only when the SMM depends on the line
    let sumDefault = 0;
    const keepPrepay = 1 - smm[k];
    for (let i = firstLive; i < count; i++) {
      const b = SLOTS * i;
      let fastStop = state[b + FAST_STOP];
      if (k > fastStop) {
        // Not in a fast stretch: the line is done, or starts a segment, or takes the general step.
        if (state[b + DONE] !== 0) {
          if (i === firstLive) firstLive++;
          continue;
        }
        if (k > state[b + SEGMENT_END]) {
          if (!startSegment(lines[i], b, k, state, levels, fast)) continue;
          fastStop = state[b + FAST_STOP];
        }
      }
      const r = state[b + R];
      const balance = state[b + BALANCE];
      if (k <= fastStop) {
        // rest = balance − scheduled = balance·(1 + r) − payment (scheduled = payment − interest).
        let rest = balance * (1 + r) - state[b + PAYMENT];
        if (rest < 0) rest = 0;
        if (prepayByLine) {
          // The general step below with no defaults (performing = balance), before maturity.
          if (rest > balance) rest = balance;
          const s = smm[state[b + SMM_OFFSET] + k];
          let prepay = rest * s;
          let next: number;
          if (totalPaydown) {
            prepay = s * balance - (balance - rest);
            if (prepay < 0) prepay = 0;
            else if (prepay > rest) prepay = rest;
            state[b + PAYMENT] = rest > 0 ? state[b + PAYMENT] * (1 - prepay / rest) : 0;
            next = rest - prepay;
          } else {
            state[b + PAYMENT] *= 1 - s;
            next = rest * (1 - s);
          }
          sumRest += rest;
          sumPrepay += prepay;
          sumGross += balance * r;
          sumNet += balance * state[b + NET_R];
          sumNetMax += balance * state[b + NET_MAX_R];
          state[b + BALANCE] = next;
          if (next <= 0) state[b + DONE] = 1;
          continue;
        }
        sumRest += rest;
        sumGross += balance * r;
        sumNet += balance * state[b + NET_R];
        sumNetMax += balance * state[b + NET_MAX_R];
        state[b + PAYMENT] *= keepPrepay;
        state[b + BALANCE] = rest * keepPrepay;
        continue;
      }
      const m = k <= state[b + DEFAULTS_UNTIL] ? mdr[k] : 0;
      const keep = 1 - m;
      const performing = balance * keep;
      const paymentNow = state[b + PAYMENT] * keep;
      // rest = performing − scheduled, scheduled = paymentNow − interest.
      let rest: number;
      if (k === state[b + REMAINING]) rest = 0; // maturity: the last payment retires the balance, IO or not
      else if (k < state[b + AMORTIZE_FROM]) rest = performing; // interest only
      else {
        rest = balance * (keep + keep * r) - paymentNow;
        if (rest < 0) rest = 0;
        else if (rest > performing) rest = performing;
      }
      const s = smm[state[b + SMM_OFFSET] + k];
      // 'totalPaydown': the SMM is the share of the performing balance paid down in all, so the
      // prepayment tops the scheduled principal up to it (none when scheduled alone exceeds it).
      let prepay = rest * s;
      if (totalPaydown) {
        prepay = s * performing - (performing - rest);
        if (prepay < 0) prepay = 0;
        else if (prepay > rest) prepay = rest;
      }
      sumRest += rest;
      if (prepayByLine) sumPrepay += prepay;
      if (anyDefaults) sumDefault += balance * m;
      sumGross += performing * r;
      sumNet += performing * state[b + NET_R];
      sumNetMax += performing * state[b + NET_MAX_R];
      let next: number;
      if (totalPaydown) {
        state[b + PAYMENT] = rest > 0 ? paymentNow * (1 - prepay / rest) : 0;
        next = rest - prepay;
      } else {
        state[b + PAYMENT] = paymentNow * (1 - s);
        next = rest * (1 - s);
      }
      state[b + BALANCE] = next;
      if (next <= 0) state[b + DONE] = 1;
    }

    // The period's outputs from its sums.
    const i = k - 1;
    const d = sumDefault;
    defaultedBalance[i] = d;
    grossInterest[i] = sumGross;
    netInterest[i] = sumNet;
    const liquidated = i >= lag ? defaultedBalance[i - lag] : 0;
    loss[i] = liquidated * severity;
    recovery[i] = liquidated - loss[i];
    beginBalance[i] = performingBegin + pending;
    const accruing = performingBegin - d;
    let scheduled = accruing - sumRest;
    if (scheduled < dust) scheduled = scheduled > -dust ? 0 : scheduled;
    scheduledPrincipal[i] = scheduled;
    prepayment[i] = prepayByLine ? sumPrepay : sumRest * smm[k];
    let performingEnd = sumRest - prepayment[i];
    if (performingEnd < dust) performingEnd = 0;
    pending += d - liquidated;
    endBalance[i] = performingEnd + pending;
    if (accruing > RATE_BALANCE_FLOOR) {
      grossCarry = (1200 * sumGross) / accruing;
      netCarry = (1200 * sumNet) / accruing;
      netMaxCarry = (1200 * sumNetMax) / accruing;
    }
    grossRate[i] = grossCarry;
    netRate[i] = netCarry;
    netMaxRate[i] = netMaxCarry;
    performingBegin = performingEnd;
  }
}
