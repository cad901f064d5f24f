/**
 * The collateral's cash of a period into the named funds (terms `collections`): each collection
 * sums its sources over its loan groups in dollars and rounds to cents once; the derivative
 * payments come out of the funds the terms name, the receipts go into one. The sources are
 * resolved to the run's series when it starts, so a period reads arrays, not names.
 */
import { EngineError } from '../errors';
import type { PoolFlows } from '../collateral/types';
import type { DerivativePeriodFlow } from '../waterfall/derivatives';
import { toCents } from '../waterfall/cents';
import type { EngineTerms } from './terms';

/** The period's cash beyond the funds: inflow in float dollars, each collection's rounding remainder, derivative cents paid, unfunded and received, redemption cents. */
export interface PeriodCash {
  inflowDollars: number;
  perCollection: number;
  paidOut: number;
  unfunded: number;
  receipts: number;
  redemption: number;
}

export class Collector {
  /** Per collection: its fund's index, whether it collects the redemption, and its sources' series in summing order (sources, then groups; null: the redemption, a group's ending balance in the redemption period). */
  private readonly fundOf: Int32Array;
  private readonly redeems: Uint8Array;
  private readonly sources: { series: (Float64Array | null)[]; ending: Float64Array[] }[] = [];
  private readonly payFrom: Int32Array;
  private readonly receiptsTo: number;
  /** Cents each fund receives this period, after derivative payments. */
  readonly cents: Float64Array;
  readonly cash: PeriodCash = { inflowDollars: 0, perCollection: 0, paidOut: 0, unfunded: 0, receipts: 0, redemption: 0 };

  constructor(private readonly terms: EngineTerms) {
    const fund = (name: string, where: string) => {
      const i = terms.funds.indexOf(name);
      if (i < 0) throw new EngineError(`terms.${where}`, `no fund "${name}"; expected one of ${terms.funds.join(', ')}`);
      return i;
    };
    this.fundOf = Int32Array.from(terms.collections, (c, k) => fund(c.fund, `collections[${k}].fund`));
    this.redeems = Uint8Array.from(terms.collections, (c) => (c.sources.includes('redemption') ? 1 : 0));
    // A deal without contracts pays its 0 cents of contract payments from its first fund and
    // receives 0 cents into it: every deal runs the same steps below, so code optimized on one
    // deal's run is not thrown away on the other's.
    this.payFrom = terms.derivatives ? Int32Array.from(terms.derivatives.payFrom, (name, k) => fund(name, `derivatives.payFrom[${k}]`)) : new Int32Array(Math.min(1, terms.funds.length));
    this.receiptsTo = terms.derivatives ? fund(terms.derivatives.receiptsTo, 'derivatives.receiptsTo') : 0;
    this.cents = new Float64Array(terms.funds.length);
  }

  /** Resolves each collection's sources to the run's pools. */
  start(pools: readonly PoolFlows[]): void {
    this.sources.length = 0;
    for (const c of this.terms.collections) {
      const series: (Float64Array | null)[] = [];
      const ending: Float64Array[] = [];
      for (const source of c.sources) {
        for (let g = c.group ?? 0; g < (c.group === undefined ? pools.length : c.group + 1); g++) {
          series.push(source === 'redemption' ? null : pools[g][source]);
          ending.push(pools[g].endBalance);
        }
      }
      this.sources.push({ series, ending });
    }
  }

  /** Period index `i`'s cash into `cents` (per fund) and `cash`, the derivative flow of the period paid and received. */
  collect(i: number, isRedemption: boolean, derivative: DerivativePeriodFlow): void {
    const pending = this.cents.fill(0);
    let inflowDollars = 0;
    let perCollection = 0;
    let redemption = 0;
    for (let c = 0; c < this.sources.length; c++) {
      const { series, ending } = this.sources[c];
      let dollars = 0;
      for (let j = 0; j < series.length; j++) {
        const s = series[j];
        const v = s === null ? (isRedemption ? ending[j][i] : 0) : s[i];
        dollars += v;
        inflowDollars += v;
      }
      const cents = toCents(Math.max(0, dollars));
      perCollection += dollars - cents / 100;
      if (this.redeems[c]) redemption += cents;
      pending[this.fundOf[c]] += cents;
    }
    const payments = toCents(derivative.payments);
    const receipts = toCents(derivative.receipts);
    let paidOut = 0;
    for (let k = 0; k < this.payFrom.length; k++) {
      const f = this.payFrom[k];
      const from = Math.min(payments - paidOut, pending[f]);
      pending[f] -= from;
      paidOut += from;
    }
    pending[this.receiptsTo] += receipts;
    // Summed in this order, so the residual is the same float whatever the deal.
    inflowDollars += derivative.receipts;
    inflowDollars -= derivative.payments;
    inflowDollars += (payments - paidOut) / 100;
    const cash = this.cash;
    cash.inflowDollars = inflowDollars;
    cash.perCollection = perCollection;
    cash.paidOut = paidOut;
    cash.unfunded = payments - paidOut;
    cash.receipts = receipts;
    cash.redemption = redemption;
  }
}
