import { EngineError } from '../errors';
import { indexTables, NEVER, type IndexTableCache, type IndexTables } from './indexTables';
import type { LineState } from './lineState';
import { type OutputLayout, runPeriods } from './periodLoop';
import { feeTotalPct, ioMonthsRemaining, type RepLine, validateRepLines } from './repline';
import { fillScenarioTables, planScenario, type ProjectionScenario, type ScenarioPlan, type ScenarioTables } from './scenario';
import { dueLists, levelPayment, levelPaymentsOf, lineStates, releaseScratch, scratchFailed, tableSpace, takeScratch } from './scratch';
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
 * The loop (periodLoop.ts) runs each line alone over all periods (the lines together when their
 * step divides), adding into the pool's sums in line order, then turns the sums into each period's
 * outputs, so every result is bit-identical to stepping the lines together. One allocation a call
 * holds every pool's output arrays; the lines' state and the SMM and MDR tables live in scratch
 * kept from call to call (scratch.ts); ARM rate changes read the index from per-period tables built
 * once per call.
 */
export function projectPool(lines: readonly RepLine[], scenario: ProjectionScenario): PoolFlows {
  return projectPools([{ lines, scenario }])[0];
}

/** A pool and its scenario, for `projectPools`. */
export interface PoolRequest {
  readonly lines: readonly RepLine[];
  readonly scenario: ProjectionScenario;
}

interface PoolPlan {
  readonly lines: readonly RepLine[];
  readonly plan: ScenarioPlan;
  /** Doubles of the call's tables this pool takes (SMM, then MDR). */
  readonly tableSize: number;
  /** True when every line is fixed-rate: the net max rate is the net rate, line by line. */
  readonly netMaxIsNet: boolean;
}

function planPool(lines: readonly RepLine[], scenario: ProjectionScenario): PoolPlan {
  validateRepLines(lines);
  let maxRemaining = 0;
  let maxAge = 0;
  let netMaxIsNet = true;
  for (const line of lines) {
    if (line.remainingTermMonths > maxRemaining) maxRemaining = line.remainingTermMonths;
    if (line.ageMonths > maxAge) maxAge = line.ageMonths;
    if (line.arm !== undefined) netMaxIsNet = false;
  }
  const plan = planScenario(scenario, maxRemaining, maxAge);
  return { lines, plan, tableSize: plan.smmLength + plan.periods + 1, netMaxIsNet };
}

/** A pool ready to run: its tables read, its index levels tabled. */
interface PoolSetup {
  readonly lines: readonly RepLine[];
  readonly tables: ScenarioTables;
  readonly levels: IndexTables;
  readonly netMaxIsNet: boolean;
}

/**
 * Projects several pools in one call (the groups of a deal, over one index path): one buffer for
 * all of their outputs, and each index read once. Errors are those of `projectPool`, pool by pool.
 *
 * The series the engines read are projected now; the gross interest, gross rate and net max rate
 * (reports read them, the engines do not) when first read: the call's pools projected again with
 * every series, once, by the same loop, so they are the same figures to the bit (`LazyPool`). The
 * requests' lines are read again then: when they have changed since (the deals' are frozen), that
 * read is an error.
 */
export function projectPools(requests: readonly PoolRequest[]): PoolFlows[] {
  let every: readonly PoolFlows[] | undefined;
  const pools: PoolFlows[] = project(requests, () => (every ??= sameFigures(pools, project(requests, null))));
  return pools;
}

/** The series the engines read, which a pool projected again must repeat. */
const ENGINE_SERIES = ['beginBalance', 'scheduledPrincipal', 'prepayment', 'defaultedBalance', 'recovery', 'loss', 'netInterest', 'endBalance', 'netRate'] as const;

/**
 * `again`, the call's pools projected again with every series, once it is checked to repeat the
 * figures of `first`: a request's lines changed since the call would give gross figures of other
 * lines, so that is an error that says so rather than a silent mismatch.
 */
function sameFigures(first: readonly PoolFlows[], again: readonly PoolFlows[]): readonly PoolFlows[] {
  first.forEach((pool, g) => {
    for (const key of ENGINE_SERIES) {
      const a = pool[key];
      const b = again[g][key];
      for (let i = 0; i < pool.periods; i++) {
        if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) {
          throw new EngineError('lines', `expected the rep lines of pool ${g + 1} unchanged since they were projected (its ${key} differs in period ${i + 1}); project them again`);
        }
      }
    }
  });
  return again;
}

/**
 * `projectPools` with every series when `later` is null; else the series the engines read, and
 * `later` gives the call's pools with every series.
 *
 * The buffer holds only what differs: a pool's begin and end balances overlap (each period begins
 * with the last one's end balance), a pool without defaults has one array of zeros for its
 * defaulted balance, recoveries and losses (outside the buffer: one array of zeros shared by all
 * such pools of every call), and a pool of fixed-rate lines one array for its net and net max
 * rates, which are then the same figures.
 */
function project(requests: readonly PoolRequest[], later: (() => readonly PoolFlows[]) | null): PoolFlows[] {
  const every = later === null;
  const plans = requests.map((r) => planPool(r.lines, r.scenario));
  const kept = takeScratch();
  try {
    let tableSize = 0;
    for (const p of plans) tableSize += p.tableSize;
    const space = tableSpace(tableSize, kept);
    const known: IndexTableCache = [];
    const setups: PoolSetup[] = [];
    let size = 0;
    let zeros = 0; // longest pool without defaults
    let tableAt = 0;
    for (const { lines, plan, netMaxIsNet } of plans) {
      const n = plan.periods;
      const tables = fillScenarioTables(plan, space.subarray(tableAt, tableAt + plan.smmLength), space.subarray(tableAt + plan.smmLength, tableAt + plan.smmLength + n + 1));
      tableAt += plan.smmLength + n + 1;
      requireIndices(lines, tables);
      const levels = indexTables(lines, tables, known);
      setups.push({ lines, tables, levels, netMaxIsNet });
      size += (!every ? 5 : netMaxIsNet ? 7 : 8) * n + 1;
      if (tables.anyDefaults) size += 3 * n;
      else if (n > zeros) zeros = n;
    }
    // Fresh memory every call (the flows are kept and shared by runs, never written again; the loop
    // adds its sums into the zeros it starts with): its cost is by the byte (zeroing, and the
    // collections it brings on), so the shared zeros are not in it.
    const block = new Float64Array(size);
    const buffer = block.buffer;
    const zeroBuffer = sharedZeros(zeros).buffer;
    const pools: PoolFlows[] = [];
    let out = 0;
    for (const { lines, tables, levels, netMaxIsNet } of setups) {
      const n = tables.periods;
      const layout = outputLayout(out, n, every, netMaxIsNet, tables.anyDefaults ? NaN : size);
      const states = lineStates(lines.length, kept);
      const seeds = startLines(lines, tables, levels, states);
      runPeriods({ states, tables, levels, block, layout, seeds, netMaxIsNet, every, due: tables.smmIsTotalPaydown ? dueLists(n + 2, kept) : [] });
      out = layout.end;
      // Views of the buffer (the constructor is quicker than `subarray`); `size` marks the zeros.
      const view = (from: number): Float64Array => (from === size ? new Float64Array(zeroBuffer, 0, n) : new Float64Array(buffer, 8 * from, n));
      const netRate = view(layout.netRate);
      const defaults = view(layout.defaultedBalance);
      const periods = n;
      const beginBalance = view(layout.beginBalance);
      const scheduledPrincipal = view(layout.scheduledPrincipal);
      const prepayment = view(layout.prepayment);
      const recovery = tables.anyDefaults ? view(layout.recovery) : defaults;
      const loss = tables.anyDefaults ? view(layout.loss) : defaults;
      const netInterest = view(layout.netInterest);
      const endBalance = view(layout.endBalance);
      if (later !== null) {
        pools.push(new LazyPool(periods, beginBalance, scheduledPrincipal, prepayment, defaults, recovery, loss, netInterest, endBalance, netRate, { every: later, index: pools.length, netMaxIsNet }));
        continue;
      }
      const grossInterest = view(layout.grossInterest);
      const grossRate = view(layout.grossRate);
      const netMaxRate = netMaxIsNet ? netRate : view(layout.netMaxRate);
      pools.push({ periods, beginBalance, scheduledPrincipal, prepayment, defaultedBalance: defaults, recovery, loss, grossInterest, netInterest, endBalance, netRate, grossRate, netMaxRate });
    }
    return pools;
  } catch (error) {
    if (kept) scratchFailed();
    throw error;
  } finally {
    if (kept) releaseScratch();
  }
}

/** How a lazy pool reaches its other series: the call's pools with every series, and its place among them. */
interface Later {
  readonly every: () => readonly PoolFlows[];
  readonly index: number;
  /** Fixed-rate lines only: the net max rate is the net rate. */
  readonly netMaxIsNet: boolean;
}

/**
 * A pool's flows with the series the engines read; the gross interest, gross rate and net max rate
 * from the call's pools projected with every series, the first time one of them is read (getters,
 * not fields: sizing a run for the run cache projects nothing).
 */
class LazyPool implements PoolFlows {
  /**
   * How to reach the other series: not enumerable, so what compares or sizes a pool's data (a
   * test's deep equality, the run cache) sees series only. Not a `WeakMap` entry: its value leads
   * back to the pool (through the call's pools), a cycle only a full collection breaks, so every
   * projection outlived the young collections (docs/performance.md, seventh round).
   */
  private declare readonly later: Later;

  constructor(
    readonly periods: number,
    readonly beginBalance: Float64Array,
    readonly scheduledPrincipal: Float64Array,
    readonly prepayment: Float64Array,
    readonly defaultedBalance: Float64Array,
    readonly recovery: Float64Array,
    readonly loss: Float64Array,
    readonly netInterest: Float64Array,
    readonly endBalance: Float64Array,
    readonly netRate: Float64Array,
    later: Later,
  ) {
    Object.defineProperty(this, 'later', { value: later });
  }

  get grossInterest(): Float64Array {
    return this.withEvery().grossInterest;
  }

  get grossRate(): Float64Array {
    return this.withEvery().grossRate;
  }

  get netMaxRate(): Float64Array {
    return this.later.netMaxIsNet ? this.netRate : this.withEvery().netMaxRate;
  }

  private withEvery(): PoolFlows {
    return this.later.every()[this.later.index];
  }
}

/** Zeros that nothing writes, for every pool without defaults of every call (flows are read-only). */
let zeroFlows = new Float64Array(0);

/** At least `n` of the shared zeros. */
function sharedZeros(n: number): Float64Array {
  if (zeroFlows.length < n) zeroFlows = new Float64Array(Math.max(n, 2 * zeroFlows.length));
  return zeroFlows;
}

/**
 * Where each output of a pool of `n` periods starts in the call's buffer, from `at`: the end
 * balances one after the begin balances (period k begins with period k − 1's end balance, the same
 * figure: n + 1 doubles hold both), the net max rate at the net rate when they are the same
 * figures, the gross interest and rates nowhere (NaN) unless `every`, the defaults at `zerosAt`
 * (NaN: a pool with defaults has its own); `end`, where the next pool starts.
 */
function outputLayout(at: number, n: number, every: boolean, netMaxIsNet: boolean, zerosAt: number): OutputLayout {
  const from = at + n + 1; // after the balances
  const netRate = from + 3 * n;
  const own = Number.isNaN(zerosAt);
  const defaultsAt = from + (!every ? 4 : netMaxIsNet ? 6 : 7) * n;
  return {
    beginBalance: at,
    endBalance: at + 1,
    scheduledPrincipal: from,
    prepayment: from + n,
    netInterest: from + 2 * n,
    netRate,
    grossInterest: every ? from + 4 * n : NaN,
    grossRate: every ? from + 5 * n : NaN,
    netMaxRate: !every ? NaN : netMaxIsNet ? netRate : from + 6 * n,
    defaultedBalance: own ? defaultsAt : zerosAt,
    recovery: own ? defaultsAt + n : zerosAt,
    loss: own ? defaultsAt + 2 * n : zerosAt,
    end: own ? defaultsAt + 3 * n : defaultsAt,
  };
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
  const payments = levelPaymentsOf(lines);
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
    s.payment = ioLeft > 0 ? 0 : levelPayment(payments, i, line.balance, r, remaining);
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
