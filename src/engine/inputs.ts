/**
 * What the engine checks and derives from a run's inputs before its period loop: the collateral
 * flows and index (every issue named by its field), the sums over loan groups, and when the
 * optional redemption may happen, happens, and when coupons step up without it.
 */
import { EngineError, requireFinite } from '../errors';
import type { PoolFlows } from '../collateral/types';
import { firstEligiblePeriod } from '../waterfall/redemption';
import type { Step } from '../waterfall/step';
import type { EngineInput, EngineTerms } from './terms';

export interface RedemptionTiming {
  /** First period the redemption may happen. */
  readonly first: number | null;
  /** The period it happens (horizon 'call'). */
  readonly at: number | null;
  /** First period with stepped-up coupons. */
  readonly stepUpFrom: number | null;
}

/** Sum over loan groups of one series at period index i (one group: the value itself). */
export function sumGroups(pools: readonly PoolFlows[], key: 'beginBalance' | 'endBalance' | 'loss', i: number): number {
  let total = pools[0][key][i];
  for (let g = 1; g < pools.length; g++) total += pools[g][key][i];
  return total;
}

export function netRateOf(pools: readonly PoolFlows[], i: number): number {
  if (pools.length === 1) return pools[0].netRate[i];
  let weighted = 0;
  let balance = 0;
  // An index, not an iterator: this runs every period, and unoptimized code allocates an iterator and a result a step.
  for (let g = 0; g < pools.length; g++) {
    const p = pools[g];
    weighted += p.netRate[i] * p.beginBalance[i];
    balance += p.beginBalance[i];
  }
  return balance > 0 ? weighted / balance : 0;
}

/** The pool's balance at the start and end of each of `n` periods, summed over its loan groups once a run (`sumGroups`). */
export interface PoolBalances {
  readonly begin: Float64Array;
  readonly end: Float64Array;
}

/** Balances summed, per projection's pools (shared by the runs of every class and horizon, and never changed once made, as `validPools` holds). */
const summed = new WeakMap<readonly PoolFlows[], PoolBalances>();

export function poolBalances(pools: readonly PoolFlows[], n: number): PoolBalances {
  const known = summed.get(pools);
  if (known !== undefined && known.begin.length === n) return known;
  const begin = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    begin[i] = sumGroups(pools, 'beginBalance', i);
    end[i] = sumGroups(pools, 'endBalance', i);
  }
  const balances = { begin, end };
  summed.set(pools, balances);
  return balances;
}

/** When the optional redemption may happen, happens, and when coupons step up without it. */
export function redemptionTiming(terms: EngineTerms, input: EngineInput, { begin, end }: PoolBalances): RedemptionTiming {
  const n = begin.length;
  const r = terms.redemption;
  const byBalance = firstEligiblePeriod({ beginBalance: begin, endBalance: end, cutoffBalance: terms.cutoffBalance, thresholdPct: r.poolPctOfCutoff, basis: r.basis });
  const byDate = r.latestPeriod;
  const first = byBalance === null ? (byDate !== undefined && byDate <= n ? byDate : null) : byDate === undefined ? byBalance : Math.min(byBalance, byDate);
  const stepUpEligible = r.stepUpPoolPctOfCutoff === undefined ? (input.horizon === 'maturity' ? first : null) : firstEligiblePeriod({ beginBalance: begin, endBalance: end, cutoffBalance: terms.cutoffBalance, thresholdPct: r.stepUpPoolPctOfCutoff, basis: r.basis });
  const stepUpFrom = stepUpEligible === null ? null : r.stepUpStart === 'afterEligible' ? stepUpEligible + 1 : stepUpEligible;
  return { first, at: input.horizon === 'call' ? first : null, stepUpFrom };
}

const POOL_SERIES = ['beginBalance', 'scheduledPrincipal', 'prepayment', 'recovery', 'loss', 'netInterest', 'endBalance', 'netRate'] as const;

/** Collateral flows found valid: a projection is shared by the runs of every class and horizon, and never changed once made. */
const validPools = new WeakSet<PoolFlows>();

/** Every series present and finite, amounts not negative (beyond float dust). */
function validatePool(pool: PoolFlows): void {
  if (validPools.has(pool)) return;
  for (const key of POOL_SERIES) {
    const a = pool[key];
    if (!a || a.length < pool.periods) throw new EngineError(`pool.${key}`, `expected ${pool.periods} periods of values`);
    const floor = key === 'netRate' ? -Infinity : -1e-6;
    for (let i = 0; i < pool.periods; i++) {
      // The message is built only for a bad value: this runs for every period of every projection
      // (each value read once: unoptimized code boxes each read of a double).
      const v = a[i];
      if (!(v >= floor) || !Number.isFinite(v)) {
        requireFinite(`pool.${key}[${i}]`, v);
        throw new EngineError(`pool.${key}[${i}]`, `expected an amount of 0 or more, got ${v}`);
      }
    }
  }
  validPools.add(pool);
}

export function validateInput(terms: EngineTerms, input: EngineInput): number {
  if (input.pools.length === 0) throw new EngineError('pools', 'expected the collateral flows of at least one loan group');
  const n = input.pools[0].periods;
  if (!Number.isInteger(n) || n < 1) throw new EngineError('pool.periods', `expected a whole number of periods of 1 or more, got ${String(n)}`);
  if (input.pools.some((p) => p.periods !== n)) throw new EngineError('pools', 'expected every loan group projected over the same periods');
  for (const pool of input.pools) validatePool(pool);
  if (input.indexPct.length < n) throw new EngineError('indexPct', `expected ${n} periods of the index, got ${input.indexPct.length}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(input.indexPct[i])) requireFinite(`indexPct[${i}]`, input.indexPct[i]);
  if (input.horizon !== 'call' && input.horizon !== 'maturity') throw new EngineError('horizon', `expected call or maturity, got "${String(input.horizon)}"`);
  if (input.contracts.length > 0 && !terms.derivatives) throw new EngineError('contracts', `${terms.name} has no derivative contracts in its terms`);
  return n;
}

/** The named amounts a priority's steps read: principal and transfer limits, writedown amounts. */
export function amountsReadBySteps(steps: readonly Step[], into = new Set<string>()): Set<string> {
  for (const step of steps) {
    if (step.kind === 'principal' || step.kind === 'transfer') step.limits.forEach((id) => into.add(id));
    if (step.kind === 'writedown') into.add(step.amount);
    if (step.kind === 'ifTest') {
      amountsReadBySteps(step.then, into);
      amountsReadBySteps(step.otherwise, into);
    }
  }
  return into;
}
