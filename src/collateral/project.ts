import { EngineError, requireFinite } from '../errors';
import { type IndexName, indexLevelsByPeriod } from '../market/indices';
import { capRate, fullyIndexedRate } from './arm';
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
 * One pass over the lines (lines outer, periods inner), adding into one interleaved array of pool
 * sums; every array is allocated before the loops, nothing inside them. ARM rate changes read the
 * index from per-period tables built once per call.
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
  const indexLevels = indexTables(lines, tables);
  // One allocation for the sums and every output array (views into one buffer): an ArrayBuffer
  // allocation costs about as much as projecting a line.
  const block = new Float64Array((STRIDE + OUTPUT_ARRAYS) * n);
  const sums = block.subarray(0, STRIDE * n);
  let next = STRIDE;
  const take = (): Float64Array => block.subarray(n * next, n * ++next);
  let startBalance = 0;
  let grossSeed = 0;
  let netSeed = 0;
  let netMaxSeed = 0;
  for (const line of lines) {
    accumulateLine(line, tables, indexLevels, sums);
    const fees = feeTotalPct(line.fees);
    startBalance += line.balance;
    grossSeed += line.balance * line.grossRatePct;
    netSeed += line.balance * (line.grossRatePct - fees);
    netMaxSeed += line.balance * ((line.arm ? line.arm.lifetimeCapPct : line.grossRatePct) - fees);
  }
  return finish(sums, tables, take, startBalance, [grossSeed / startBalance, netSeed / startBalance, netMaxSeed / startBalance]);
}

/**
 * Pool sums written by the line loop, interleaved: period k's sums sit at STRIDE·(k − 1) + slot.
 * One array with the slots side by side is markedly faster than one array per sum (one base and
 * bounds check, one cache line). The loop writes as few sums as it can: scheduled principal and
 * the performing end balance follow in `finish` from the performing balance, the defaults and the
 * balance left after scheduled principal; prepayments too when every line has the period's SMM.
 */
const STRIDE = 6;
/** Σ (performing − scheduled principal): the balance the SMM applies to. */
const REST = 0;
const GROSS = 1;
const NET = 2;
/** Σ performing balance × net maximum rate (monthly decimal). */
const NET_MAX = 3;
/** Σ prepayments; written only when the SMM depends on the line (loan-age indexing). */
const PREPAY = 4;
/** Σ new defaults; written only when the scenario has defaults. */
const DEFAULT = 5;
/** Arrays `finish` returns. */
const OUTPUT_ARRAYS = 12;

const NEVER = 0x3fffffff;
const EMPTY = new Float64Array(0);

/**
 * Index levels by period (element p = period p; 0 unused) for the indices the ARM lines use, and
 * for each index the first period from which its level never changes again.
 */
interface IndexTables {
  readonly levels: Readonly<Record<IndexName, Float64Array>>;
  readonly constantFrom: Readonly<Record<IndexName, number>>;
}

/** Reads the scenario's index path once per projection, so a rate change is an array lookup. */
function indexTables(lines: readonly RepLine[], t: ScenarioTables): IndexTables {
  const levels: Record<IndexName, Float64Array> = { libor1m: EMPTY, libor6m: EMPTY, libor12m: EMPTY, cmt1y: EMPTY };
  const constantFrom: Record<IndexName, number> = { libor1m: NEVER, libor6m: NEVER, libor12m: NEVER, cmt1y: NEVER };
  const path = t.indices;
  if (path === undefined) return { levels, constantFrom };
  for (const line of lines) {
    const index = line.arm?.index;
    if (index === undefined || levels[index] !== EMPTY) continue;
    const table = indexLevelsByPeriod(path, index, t.periods);
    if (table.length !== t.periods + 1) throw new EngineError('indices', `expected ${t.periods + 1} levels of ${index} from "${path.description}", got ${table.length}`);
    for (let p = 1; p <= t.periods; p++) if (!Number.isFinite(table[p])) requireFinite(`indices.${index}[period ${p}]`, table[p]);
    let from = t.periods;
    while (from > 1 && table[from - 1] === table[t.periods]) from--;
    levels[index] = table;
    constantFrom[index] = from;
  }
  return { levels, constantFrom };
}

/** Level payment retiring `balance` in `months` payments at monthly rate `r` (decimal). */
export function annuityPayment(balance: number, r: number, months: number): number {
  if (months <= 0) return balance;
  if (r === 0) return balance / months;
  return (balance * r) / -Math.expm1(-months * Math.log1p(r));
}

function accumulateLine(line: RepLine, t: ScenarioTables, indexLevels: IndexTables, sums: Float64Array): void {
  const remaining = line.remainingTermMonths;
  const last = Math.min(t.periods, remaining);
  const ioLeft = ioMonthsRemaining(line);
  const amortizeFrom = ioLeft + 1; // first period with scheduled principal
  const feeMonthly = feeTotalPct(line.fees) / 1200;
  const arm = line.arm;

  let ratePct = line.grossRatePct;
  let r = ratePct / 1200;
  let netR = r - feeMonthly;
  const netMaxMonthly = (arm === undefined ? ratePct : arm.lifetimeCapPct) / 1200 - feeMonthly;

  // Rate changes: the change in month m applies from period m + 1 (see ArmTerms).
  let nextChange = arm === undefined ? NEVER : arm.monthsToNextReset + 1;
  const frequency = arm === undefined ? NEVER : arm.resetFrequencyMonths;
  const lookback = arm?.lookbackMonths ?? 0;
  const levels = arm === undefined ? EMPTY : indexLevels.levels[arm.index];
  const constantFrom = arm === undefined ? NEVER : indexLevels.constantFrom[arm.index];
  let firstChange = arm !== undefined && arm.firstResetDone !== true;
  let nextEvent = Math.min(nextChange, ioLeft > 0 ? amortizeFrom : NEVER);

  let balance = line.balance;
  let payment = ioLeft > 0 ? 0 : annuityPayment(balance, r, remaining);

  const smm = t.smm;
  const smmOffset = t.smmByAge ? line.ageMonths : 0;
  const totalPaydown = t.smmIsTotalPaydown;
  const prepayByLine = t.smmByAge || totalPaydown;
  const mdr = t.mdr;
  const anyDefaults = t.anyDefaults;
  const defaultsUntil = anyDefaults ? remaining - t.lagMonths : 0;

  // Segments between events (rate changes, the end of an IO period): inside a segment the rate
  // and payment rule are fixed, so the common case (amortizing, no defaults, one SMM per period)
  // runs a tight loop with no calls and no branches but the float guard.
  const fast = !anyDefaults && !prepayByLine;
  let k = 1;
  while (k <= last && balance > 0) {
    if (k === nextEvent) {
      if (k === nextChange && arm !== undefined) {
        const observed = Math.max(1, k - 1 - lookback);
        const full = fullyIndexedRate(levels[observed], arm);
        const newRatePct = capRate(ratePct, full, arm, firstChange);
        firstChange = false;
        // Steady state: when the index never moves again and no periodic cap held the rate back
        // (it sits at the fully indexed rate, or at the floor or lifetime cap that bounds it),
        // every later change gives this same rate, so there are no more events to run.
        const steady = observed >= constantFrom && newRatePct === Math.min(Math.max(full, arm.floorPct), arm.lifetimeCapPct);
        nextChange = steady ? NEVER : nextChange + frequency;
        // An unchanged rate needs no recast: the payment already retires the balance at it.
        if (newRatePct !== ratePct) {
          ratePct = newRatePct;
          r = ratePct / 1200;
          netR = r - feeMonthly;
          if (k >= amortizeFrom) payment = annuityPayment(balance, r, remaining - k + 1);
        }
      }
      // The IO period ends: amortize over the payments left.
      if (k === amortizeFrom) payment = annuityPayment(balance, r, remaining - k + 1);
      nextEvent = Math.min(nextChange, k < amortizeFrom ? amortizeFrom : NEVER);
    }
    const segmentEnd = nextEvent - 1 < last ? nextEvent - 1 : last;

    if (fast && k >= amortizeFrom) {
      // rest = balance − scheduled = balance·(1 + r) − payment (scheduled = payment − interest).
      const stop = segmentEnd < remaining - 1 ? segmentEnd : remaining - 1;
      const grow = 1 + r;
      for (; k <= stop; k++) {
        let rest = balance * grow - payment;
        if (rest < 0) rest = 0;
        const keepPrepay = 1 - smm[k];
        const j = STRIDE * (k - 1);
        sums[j + REST] += rest;
        sums[j + GROSS] += balance * r;
        sums[j + NET] += balance * netR;
        sums[j + NET_MAX] += balance * netMaxMonthly;
        payment *= keepPrepay;
        balance = rest * keepPrepay;
      }
      if (k > segmentEnd) continue;
      // else k is the maturity period: the general step below retires the balance.
    }

    for (; k <= segmentEnd; k++) {
      const m = k <= defaultsUntil ? mdr[k] : 0;
      const keep = 1 - m;
      const performing = balance * keep;
      const paymentNow = payment * keep;
      // rest = performing − scheduled, scheduled = paymentNow − interest.
      let rest: number;
      if (k === remaining) rest = 0; // maturity: the last payment retires the balance, IO or not
      else if (k < amortizeFrom) rest = performing; // interest only
      else {
        rest = balance * (keep + keep * r) - paymentNow;
        if (rest < 0) rest = 0;
        else if (rest > performing) rest = performing;
      }
      const s = smm[smmOffset + k];
      // 'totalPaydown': the SMM is the share of the performing balance paid down in all, so the
      // prepayment tops the scheduled principal up to it (none when scheduled alone exceeds it).
      let prepay = rest * s;
      if (totalPaydown) {
        prepay = s * performing - (performing - rest);
        if (prepay < 0) prepay = 0;
        else if (prepay > rest) prepay = rest;
      }
      const j = STRIDE * (k - 1);
      sums[j + REST] += rest;
      if (prepayByLine) sums[j + PREPAY] += prepay;
      if (anyDefaults) sums[j + DEFAULT] += balance * m;
      sums[j + GROSS] += performing * r;
      sums[j + NET] += performing * netR;
      sums[j + NET_MAX] += performing * netMaxMonthly;
      if (totalPaydown) {
        payment = rest > 0 ? paymentNow * (1 - prepay / rest) : 0;
        balance = rest - prepay;
      } else {
        payment = paymentNow * (1 - s);
        balance = rest * (1 - s);
      }
      if (balance <= 0) {
        k++;
        break;
      }
    }
  }
}

/** Below this accruing balance (dollars) a period's WA rates are carried from the last period that had one. */
const RATE_BALANCE_FLOOR = 1e-6;

function finish(
  sums: Float64Array,
  t: ScenarioTables,
  take: () => Float64Array,
  startBalance: number,
  seeds: readonly [number, number, number],
): PoolFlows {
  const n = t.periods;
  const beginBalance = take();
  const scheduledPrincipal = take();
  const prepayment = take();
  const defaultedBalance = take();
  const recovery = take();
  const loss = take();
  const grossInterest = take();
  const netInterest = take();
  const endBalance = take();
  const grossRate = take();
  const netRate = take();
  const netMaxRate = take();
  for (let i = 0, j = 0; i < n; i++, j += STRIDE) {
    defaultedBalance[i] = sums[j + DEFAULT];
    grossInterest[i] = sums[j + GROSS];
    netInterest[i] = sums[j + NET];
  }
  const lag = t.lagMonths;
  const severity = t.severity;
  const dust = startBalance * 1e-13; // float residue of a paid-off pool, dollars
  let [grossCarry, netCarry, netMaxCarry] = seeds;
  let performingBegin = startBalance;
  let pending = 0; // defaulted, not yet liquidated
  for (let i = 0; i < n; i++) {
    const j = STRIDE * i;
    const d = defaultedBalance[i];
    const liquidated = i >= lag ? defaultedBalance[i - lag] : 0;
    loss[i] = liquidated * severity;
    recovery[i] = liquidated - loss[i];
    beginBalance[i] = performingBegin + pending;
    const accruing = performingBegin - d;
    const rest = sums[j + REST];
    let scheduled = accruing - rest;
    if (scheduled < dust) scheduled = scheduled > -dust ? 0 : scheduled;
    scheduledPrincipal[i] = scheduled;
    prepayment[i] = t.smmByAge || t.smmIsTotalPaydown ? sums[j + PREPAY] : rest * t.smm[i + 1];
    let performingEnd = rest - prepayment[i];
    if (performingEnd < dust) performingEnd = 0;
    pending += d - liquidated;
    endBalance[i] = performingEnd + pending;
    if (accruing > RATE_BALANCE_FLOOR) {
      grossCarry = (1200 * grossInterest[i]) / accruing;
      netCarry = (1200 * netInterest[i]) / accruing;
      netMaxCarry = (1200 * sums[j + NET_MAX]) / accruing;
    }
    grossRate[i] = grossCarry;
    netRate[i] = netCarry;
    netMaxRate[i] = netMaxCarry;
    performingBegin = performingEnd;
  }
  return {
    periods: n,
    beginBalance,
    scheduledPrincipal,
    prepayment,
    defaultedBalance,
    recovery,
    loss,
    grossInterest,
    netInterest,
    endBalance,
    netRate,
    grossRate,
    netMaxRate,
  };
}
