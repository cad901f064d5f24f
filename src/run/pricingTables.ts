/**
 * The term sheets' DM/Yield tables: for each priced class and horizon, the measure, WAL, modified
 * duration and principal window at each speed. One run per (speed, horizon), shared by every
 * class; the CLI, the task pane and the fidelity scoreboard all build tables here.
 */
import { canonicalPrice } from '../analytics/quote';
import { EngineError } from '../errors';
import type { ClassDescription, DealModel } from '../deals/types';
import { classMeasures } from './measures';
import { runDeal } from './runner';
import { type Horizon, normaliseScenario, type ScenarioInput } from './scenario';

export interface PricingTable {
  readonly class: string;
  /** The deal's word: 'auction' or 'call' for the redemption horizon, else 'maturity'. */
  readonly horizon: string;
  readonly measure: 'DM' | 'Yield';
  readonly marginPct?: number;
  readonly couponPct?: number;
  readonly speeds: readonly number[];
  readonly value: (number | null)[];
  readonly wal: (number | null)[];
  readonly mdur: (number | null)[];
  readonly firstPrinPay: (string | null)[];
  readonly lastPrinPay: (string | null)[];
}

export interface PricingTablesResult {
  readonly deal: string;
  readonly settlement: string;
  readonly price: string;
  readonly speeds: readonly number[];
  readonly tables: PricingTable[];
}

export interface PricingTablesRequest {
  readonly speeds?: readonly number[];
  readonly price?: string | number;
  readonly horizons?: readonly Horizon[];
  /**
   * A price per class (by the printed name), over `price`. Interest-only classes are quoted in
   * points of notional, so they appear in the tables only with a price of their own (their WAL
   * and window are those of the notional).
   */
  readonly classPrices?: Readonly<Record<string, string | number>>;
  /** Other scenario fields (indices, credit, ...), shared by every column. */
  readonly scenario?: Omit<ScenarioInput, 'speed' | 'horizon'>;
  /** Called after each column, for progress bars; return false to cancel. */
  readonly onProgress?: (done: number, total: number) => boolean | void;
}

export function horizonWord(deal: DealModel, horizon: Horizon): string {
  return horizon === 'call' ? deal.description.callWord : 'maturity';
}

export function pricingTables(deal: DealModel, request: PricingTablesRequest = {}): PricingTablesResult {
  const speeds = request.speeds ?? deal.description.pricingSpeeds;
  if (speeds.length === 0) throw new EngineError('speeds', 'expected at least one speed');
  const price = canonicalPrice(request.price ?? '100-00');
  const classPrice = (cls: ClassDescription): string | null => {
    const own = request.classPrices?.[cls.name];
    if (own !== undefined && own !== null && own !== '') return canonicalPrice(own);
    return cls.kind === 'interestOnly' ? null : price;
  };
  const horizons = request.horizons ?? (['call', 'maturity'] as const);
  // Interest-only classes join the tables when the request prices them (points of notional).
  const priced = deal.description.classes.filter((c) => c.measure !== null && (c.kind !== 'interestOnly' || classPrice(c) !== null));
  const tables: PricingTable[] = [];
  const total = horizons.length * speeds.length;
  let done = 0;
  for (const horizon of horizons) {
    const blocks = priced.map((cls) => ({
      class: cls.name,
      horizon: horizonWord(deal, horizon),
      measure: cls.measure as 'DM' | 'Yield',
      ...(cls.marginPct !== undefined ? { marginPct: cls.marginPct } : {}),
      ...(cls.couponPct !== undefined ? { couponPct: cls.couponPct } : {}),
      speeds: [...speeds],
      value: [] as (number | null)[],
      wal: [] as (number | null)[],
      mdur: [] as (number | null)[],
      firstPrinPay: [] as (string | null)[],
      lastPrinPay: [] as (string | null)[],
    }));
    for (const speed of speeds) {
      const scenario = normaliseScenario({ ...request.scenario, speed, horizon });
      const run = runDeal(deal, scenario);
      priced.forEach((cls, i) => {
        const block = blocks[i];
        try {
          const m = classMeasures(deal.description, cls, run, scenario, classPrice(cls) ?? price);
          block.value.push(m.value);
          block.wal.push(m.walYears);
          block.mdur.push(m.modifiedDuration);
          block.firstPrinPay.push(m.firstPrinPay);
          block.lastPrinPay.push(m.lastPrinPay);
        } catch (error) {
          if (!(error instanceof EngineError) || error.kind !== 'notAvailable') throw error;
          for (const list of [block.value, block.wal, block.mdur, block.firstPrinPay, block.lastPrinPay]) list.push(null);
        }
      });
      done++;
      if (request.onProgress?.(done, total) === false) throw new EngineError('run', 'cancelled', 'notAvailable');
    }
    tables.push(...blocks);
  }
  return { deal: deal.description.id, settlement: deal.description.settlement, price, speeds: [...speeds], tables };
}
