/**
 * The waterfall sheet's report built from a deal's layout (data: groups of labelled series, each
 * naming a series of the run) and the run's named series. A deal writes only its layout; the
 * derived series every deal shows (excess spread, redemption and step-up flags, the cash check in
 * dollars) are computed here, once.
 */
import type { WaterfallReport, WaterfallSeries } from './dealModel';

/** One series of a layout: its unit, its label in the deal's words, and the name of the run's series. */
export type ReportLine = readonly [unit: WaterfallSeries['unit'], label: string, series: string];

export interface ReportLayout {
  readonly groups: readonly { readonly name: string; readonly lines: readonly ReportLine[] }[];
}

/** What the report reads from a run: named series, the pool's beginning balance and the redemption. */
export interface ReportInputs {
  /** Periods shown. */
  readonly periods: number;
  /** The run's series by name (any object whose fields are the series: a view, a record). */
  readonly series: object;
  /** Collateral balance at the start of each period (for the excess spread), $. */
  readonly poolBegin: (i: number) => number;
  readonly excessCashflow: ArrayLike<number>;
  readonly redeemedPeriod: number | null;
  readonly stepUpFromPeriod: number | null;
  readonly cashCents: { readonly deposited: ArrayLike<number>; readonly paid: ArrayLike<number>; readonly released: ArrayLike<number> };
  /** Per class, its named series. */
  readonly classes: readonly { readonly name: string; readonly lines: readonly ReportLine[]; readonly series: object }[];
}

/** Series of the first `n` periods from a function of the 0-based index. */
function seriesOf(n: number, at: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = at(i);
  return out;
}

/** The series every deal's layout may name besides its own: derived once here. */
function derivedSeries(r: ReportInputs): Record<string, ArrayLike<number>> {
  const n = r.periods;
  const { redeemedPeriod: redeemed, stepUpFromPeriod: stepUp } = r;
  return {
    excessSpreadPct: seriesOf(n, (i) => (r.poolBegin(i) > 0 ? (1200 * r.excessCashflow[i]) / r.poolBegin(i) : 0)),
    redeemed: seriesOf(n, (i) => (redeemed === i + 1 ? 1 : 0)),
    steppedUp: seriesOf(n, (i) => (stepUp !== null && i + 1 >= stepUp ? 1 : 0)),
    cashDeposited: seriesOf(n, (i) => r.cashCents.deposited[i] / 100),
    cashPaid: seriesOf(n, (i) => r.cashCents.paid[i] / 100),
    cashReleased: seriesOf(n, (i) => r.cashCents.released[i] / 100),
  };
}

function linesOf(lines: readonly ReportLine[], named: object): WaterfallSeries[] {
  return lines.map(([unit, label, name]) => {
    const values = (named as Record<string, ArrayLike<number> | undefined>)[name];
    if (values === undefined || typeof values.length !== 'number') throw new Error(`waterfall report: no series named '${name}' for '${label}'`);
    return { label, unit, values };
  });
}

/** The report of a run under a deal's layout. */
export function buildWaterfallReport(layout: ReportLayout, r: ReportInputs): WaterfallReport {
  const named = { ...r.series, ...derivedSeries(r) };
  const classes = new Map<string, readonly WaterfallSeries[]>();
  for (const c of r.classes) classes.set(c.name, linesOf(c.lines, c.series));
  return {
    lastPeriod: r.periods,
    redeemedPeriod: r.redeemedPeriod,
    groups: layout.groups.map((g) => ({ name: g.name, series: linesOf(g.lines, named) })),
    classes,
  };
}
