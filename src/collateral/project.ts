import { EngineError } from '../errors';
import { indexTables, NEVER, type IndexTableCache, type IndexTables } from './indexTables';
import { annuityPayment, type LineState, lineStates, releaseKeptStates, takeKeptStates } from './lineState';
import { runPeriods } from './periodLoop';
import { feeTotalPct, ioMonthsRemaining, type RepLine, validateRepLines } from './repline';
import { fillScenarioTables, planScenario, type ProjectionScenario, type ScenarioPlan, type ScenarioTables } from './scenario';
import type { PoolFlows } from './types';

export { annuityPayment } from './lineState';

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
 * The period loop (periodLoop.ts) runs periods outer and lines inner, the pool sums in line order,
 * so every result is bit-identical to projecting each line alone over all periods. One allocation a
 * call holds every pool's twelve output arrays and its SMM and MDR tables; the lines' state lives in
 * objects kept from call to call (lineState.ts); ARM rate changes read the index from per-period
 * tables built once per call.
 */
export function projectPool(lines: readonly RepLine[], scenario: ProjectionScenario): PoolFlows {
  return projectPools([{ lines, scenario }])[0];
}

/** A pool and its scenario, for `projectPools`. */
export interface PoolRequest {
  readonly lines: readonly RepLine[];
  readonly scenario: ProjectionScenario;
}

/** Output arrays, each `periods` long, at the start of each pool's part of the call's one buffer. */
const OUTPUT_ARRAYS = 12;

interface PoolPlan {
  readonly lines: readonly RepLine[];
  readonly plan: ScenarioPlan;
  /** Doubles of the call's buffer this pool takes. */
  readonly size: number;
}

function planPool(lines: readonly RepLine[], scenario: ProjectionScenario): PoolPlan {
  validateRepLines(lines);
  let maxRemaining = 0;
  let maxAge = 0;
  for (const line of lines) {
    if (line.remainingTermMonths > maxRemaining) maxRemaining = line.remainingTermMonths;
    if (line.ageMonths > maxAge) maxAge = line.ageMonths;
  }
  const plan = planScenario(scenario, maxRemaining, maxAge);
  const n = plan.periods;
  // Outputs, then the SMM and MDR tables.
  return { lines, plan, size: OUTPUT_ARRAYS * n + plan.smmLength + (n + 1) };
}

/**
 * Projects several pools in one call (the groups of a deal, over one index path): one buffer for
 * all of them, and each index read once. Errors are those of `projectPool`, pool by pool.
 */
export function projectPools(requests: readonly PoolRequest[]): PoolFlows[] {
  const plans = requests.map((r) => planPool(r.lines, r.scenario));
  let size = 0;
  for (const p of plans) size += p.size;
  const block = new Float64Array(size);
  const known: IndexTableCache = [];
  const pools: PoolFlows[] = [];
  const fromKept = takeKeptStates();
  try {
    let out = 0;
    for (const { lines, plan, size: poolSize } of plans) {
      const n = plan.periods;
      const view = (from: number, length: number): Float64Array => new Float64Array(block.buffer, from * 8, length);
      const smmAt = out + OUTPUT_ARRAYS * n;
      const tables = fillScenarioTables(plan, view(smmAt, plan.smmLength), view(smmAt + plan.smmLength, n + 1));
      requireIndices(lines, tables);
      const levels = indexTables(lines, tables, known);
      const states = lineStates(lines.length, fromKept);
      const seeds = startLines(lines, tables, levels, states);
      const netMaxIsNet = lines.every((line) => line.arm === undefined);
      runPeriods({ states, tables, levels, block, out, seeds, netMaxIsNet });
      pools.push({
        periods: n,
        beginBalance: view(out, n),
        scheduledPrincipal: view(out + n, n),
        prepayment: view(out + 2 * n, n),
        defaultedBalance: view(out + 3 * n, n),
        recovery: view(out + 4 * n, n),
        loss: view(out + 5 * n, n),
        grossInterest: view(out + 6 * n, n),
        netInterest: view(out + 7 * n, n),
        endBalance: view(out + 8 * n, n),
        netRate: view(out + 9 * n, n),
        grossRate: view(out + 10 * n, n),
        netMaxRate: view(out + 11 * n, n),
      });
      out += poolSize;
    }
  } finally {
    if (fromKept) releaseKeptStates();
  }
  return pools;
}

/** Every ARM line needs its index in the scenario's path. */
function requireIndices(lines: readonly RepLine[], tables: ScenarioTables): void {
  for (const line of lines) {
    if (line.arm === undefined) continue;
    if (tables.indices === undefined) {
      throw new EngineError('indices', `expected an index path: line ${line.id} is an ARM on ${line.arm.index}`);
    }
    if (!tables.indices.has(line.arm.index)) {
      throw new EngineError('indices', `expected a path with ${line.arm.index} for ARM line ${line.id}; the path "${tables.indices.description}" has none`, 'notAvailable');
    }
  }
}

/** Writes each line's starting state; returns the pool's starting balance and its WA rates (gross, net, net max). */
function startLines(lines: readonly RepLine[], t: ScenarioTables, indexLevels: IndexTables, states: readonly LineState[]): readonly [number, number, number, number] {
  const count = lines.length;
  let startBalance = 0;
  let grossSeed = 0;
  let netSeed = 0;
  let netMaxSeed = 0;
  for (let i = 0; i < count; i++) {
    const line = lines[i];
    const s = states[i];
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
    s.balance = line.balance;
    s.payment = ioLeft > 0 ? 0 : annuityPayment(line.balance, r, remaining);
    s.r = r;
    s.growth = ioLeft > 0 ? 1 : 1 + r;
    s.netR = r - feeMonthly;
    s.netMaxR = (arm === undefined ? ratePct : arm.lifetimeCapPct) / 1200 - feeMonthly;
    s.ratePct = ratePct;
    s.feeMonthly = feeMonthly;
    s.fastStop = 0;
    s.segmentEnd = 0;
    s.done = 0;
    s.nextChange = nextChange;
    s.nextEvent = Math.min(nextChange, ioLeft > 0 ? amortizeFrom : NEVER);
    s.firstChange = arm !== undefined && arm.firstResetDone !== true ? 1 : 0;
    s.remaining = remaining;
    s.last = Math.min(t.periods, remaining);
    s.amortizeFrom = amortizeFrom;
    s.defaultsUntil = t.anyDefaults ? remaining - t.lagMonths : 0;
    s.constantFrom = arm === undefined ? NEVER : indexLevels.constantFrom[arm.index];
    s.smmOffset = t.smmByAge ? line.ageMonths : 0;
    s.line = line;
    startBalance += line.balance;
    grossSeed += line.balance * line.grossRatePct;
    netSeed += line.balance * (line.grossRatePct - fees);
    netMaxSeed += line.balance * ((arm ? arm.lifetimeCapPct : line.grossRatePct) - fees);
  }
  return [startBalance, grossSeed / startBalance, netSeed / startBalance, netMaxSeed / startBalance];
}
