/**
 * The pane's pricing run: the term sheet's DM/Yield tables for the chosen speeds, one column at a
 * time so the pane can show progress, repaint and honour Cancel between columns. Numeric speeds go
 * through `pricingTables` (src/run/pricingTables.ts), exactly as the CLI's; a vector column
 * (which `pricingTables` does not take) is the same computation, runDeal + classMeasures, over the
 * vector scenario. Runs are memoised by the runner, so a rerun of unchanged columns is quick.
 * Classes with their own price are measured at it: `pricingTables` is asked once per distinct
 * price, every ask sharing the column's one run.
 */
import { EngineError } from '../src/run';
import type { DealModel } from '../src/run';
import { classMeasures } from '../src/run/measures';
import { horizonWord, pricingTables, type PricingTable } from '../src/run/pricingTables';
import { runDeal } from '../src/run/runner';
import { type Horizon, normaliseScenario } from '../src/run/scenario';
import { type Assumptions, priceOf, type SpeedColumn } from './assumptions';

/** One class's block for one horizon, the speed columns in the order asked. */
export interface PaneTable {
  readonly class: string;
  readonly horizon: Horizon;
  /** The deal's word: 'auction', 'call' or 'maturity'. */
  readonly horizonWord: string;
  readonly measure: 'DM' | 'Yield';
  readonly marginPct?: number;
  readonly couponPct?: number;
  /** The price the class is measured at (canonical quote): its own, or the run's. */
  readonly price: string;
  readonly value: (number | null)[];
  readonly wal: (number | null)[];
  readonly mdur: (number | null)[];
  /** 'YYYY-MM' or null (NA). */
  readonly firstPrinPay: (string | null)[];
  readonly lastPrinPay: (string | null)[];
}

export interface PricingRun {
  readonly deal: DealModel;
  readonly assumptions: Assumptions;
  readonly speeds: readonly SpeedColumn[];
  /** Blocks by horizon, then class in the deal's order. */
  readonly tables: readonly PaneTable[];
  readonly ranAt: Date;
  readonly elapsedMs: number;
}

/** Thrown when the user pressed Cancel; the pane says "Cancelled" and writes nothing. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

export interface RunControl {
  /** After each column: columns done, columns in all, and what was just computed. */
  onProgress?(done: number, total: number, what: string): void;
  isCancelled?(): boolean;
  /** Lets the page repaint between columns; defaults to a zero-delay timer. */
  yieldToUi?(): Promise<void>;
  /** Clock for `elapsedMs` (tests pin it). */
  now?(): number;
}

export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function emptyTable(deal: DealModel, a: Assumptions, horizon: Horizon, from: { class: string; measure: 'DM' | 'Yield'; marginPct?: number; couponPct?: number }): PaneTable {
  return {
    class: from.class,
    price: priceOf(a, from.class),
    horizon,
    horizonWord: horizonWord(deal, horizon),
    measure: from.measure,
    ...(from.marginPct !== undefined ? { marginPct: from.marginPct } : {}),
    ...(from.couponPct !== undefined ? { couponPct: from.couponPct } : {}),
    value: [],
    wal: [],
    mdur: [],
    firstPrinPay: [],
    lastPrinPay: [],
  };
}

/** One column for a CPR-vector speed: the computation of `pricingTables`, for a vector scenario. */
function vectorColumn(deal: DealModel, a: Assumptions, speed: string, horizon: Horizon): PricingTable[] {
  const scenario = normaliseScenario({ ...a.scenario, speed, horizon });
  const run = runDeal(deal, scenario);
  return deal.description.classes
    // Interest-only classes (points of notional) join with a price of their own, as in pricingTables.
    .filter((c) => c.measure !== null && (c.kind !== 'interestOnly' || a.classPrices[c.name] !== undefined))
    .map((cls) => {
      const base = {
        class: cls.name,
        horizon: horizonWord(deal, horizon),
        measure: cls.measure as 'DM' | 'Yield',
        speeds: [],
        ...(cls.marginPct !== undefined ? { marginPct: cls.marginPct } : {}),
        ...(cls.couponPct !== undefined ? { couponPct: cls.couponPct } : {}),
      };
      try {
        const m = classMeasures(deal.description, cls, run, scenario, priceOf(a, cls.name));
        return { ...base, value: [m.value], wal: [m.walYears], mdur: [m.modifiedDuration], firstPrinPay: [m.firstPrinPay], lastPrinPay: [m.lastPrinPay] };
      } catch (error) {
        if (!(error instanceof EngineError) || error.kind !== 'notAvailable') throw error;
        return { ...base, value: [null], wal: [null], mdur: [null], firstPrinPay: [null], lastPrinPay: [null] };
      }
    });
}

/** One column for a numeric speed: `pricingTables`, each class at its own price (`classPrices`). */
function numericColumn(deal: DealModel, a: Assumptions, speed: number, horizon: Horizon): PricingTable[] {
  return pricingTables(deal, { speeds: [speed], price: a.price, classPrices: a.classPrices, horizons: [horizon], scenario: a.scenario }).tables;
}

export async function runPricing(deal: DealModel, a: Assumptions, control: RunControl = {}): Promise<PricingRun> {
  const now = control.now ?? (() => Date.now());
  const yieldToUi = control.yieldToUi ?? nextTask;
  const started = now();
  const ranAt = new Date();
  const total = a.horizons.length * a.speeds.length;
  const tables: PaneTable[] = [];
  let done = 0;
  for (const horizon of a.horizons) {
    let blocks: PaneTable[] | null = null;
    for (const column of a.speeds) {
      if (control.isCancelled?.()) throw new Cancelled();
      const result = typeof column.speed === 'number' ? numericColumn(deal, a, column.speed, horizon) : vectorColumn(deal, a, column.speed, horizon);
      blocks ??= result.map((t) => emptyTable(deal, a, horizon, t));
      result.forEach((t, i) => {
        const b = blocks?.[i];
        if (!b || b.class !== t.class) throw new Error(`pricing columns disagree on the classes (${t.class})`);
        b.value.push(t.value[0]);
        b.wal.push(t.wal[0]);
        b.mdur.push(t.mdur[0]);
        b.firstPrinPay.push(t.firstPrinPay[0]);
        b.lastPrinPay.push(t.lastPrinPay[0]);
      });
      done++;
      control.onProgress?.(done, total, `${column.label} to ${horizonWord(deal, horizon)}`);
      await yieldToUi();
    }
    tables.push(...(blocks ?? []));
  }
  if (control.isCancelled?.()) throw new Cancelled();
  return { deal, assumptions: a, speeds: a.speeds, tables, ranAt, elapsedMs: now() - started };
}
