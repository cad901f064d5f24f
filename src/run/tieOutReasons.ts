/**
 * Why a printed figure is off: the diagnoses of docs/fidelity.md as data, one rule per cause,
 * matched against the scoreboard's misses (first rule that matches wins). `assumption` marks
 * causes that rest on what the dealer assumed and the term sheet does not print, so no model
 * built from the document can settle them. Used only to generate the tie-out data
 * (src/run/tieOut.json, `npm run tie-out`); the bundles read the generated file.
 */

export interface MissRule {
  readonly id: string;
  /** A short name for the cause, shown as the heading of its misses. */
  readonly title: string;
  /** The diagnosis, in a trader's words. */
  readonly text: string;
  /** True when the figures rest on dealer assumptions the term sheet does not print. */
  readonly assumption: boolean;
  /** The reference table, the row (a pattern over the scoreboard's row text) and the fields it covers. */
  readonly table?: string;
  readonly row?: RegExp;
  readonly fields?: readonly string[];
}

export interface DealReasons {
  readonly rules: readonly MissRule[];
  /** What the deal's shown figures rest on beyond the term sheet, where any (printed beside them). */
  readonly assumptions: readonly string[];
  /** Which pricing-table figures rest on them: columns at these speeds (% of pricing), whole tables of these horizons. */
  readonly assumedIn?: AssumedIn;
}

export interface AssumedIn {
  readonly speeds: readonly number[];
  readonly horizons: readonly ('call' | 'maturity')[];
}

export const UNDIAGNOSED: Omit<MissRule, 'id'> = { title: 'Not yet diagnosed', text: 'Off at printed precision; no cause written down yet.', assumption: false };

export const MISS_REASONS: Readonly<Record<string, DealReasons>> = {
  'cwalt-2004-j4': {
    assumptions: [],
    rules: [
      {
        id: 'floater-duration-0',
        title: 'Floater durations at 0%',
        text: 'Durations are timed on act/360, the floaters’ accrual basis; the long 0% tails still come out about 0.1% short. No other time basis tried (30/360, act/365, act/360 compounded monthly) gives all four classes: the dealer’s floater duration basis is not settled.',
        assumption: false,
        table: 'pricingTables',
        row: /^(2-A|M-1|M-2|B) \w+ 0%$/,
        fields: ['mdur'],
      },
      {
        id: 'subordinate-tail-0',
        title: 'M-2 and B WAL at 0%',
        text: 'The group 1 end of life below, a few thousandths of a year over the rounding edge.',
        assumption: false,
        table: 'pricingTables',
        row: /^(M-2|B) \w+ 0%$/,
        fields: ['wal'],
      },
      {
        id: 'group1-tail-0',
        title: 'Group 1’s end of life at 0%',
        text: 'At zero prepayments the fixed pool amortizes about a month slow at the end of its life. The term sheet describes no collateral; three representative lines held to the 1-A-IO schedule are as far as the evidence goes, and more lines would fit noise.',
        assumption: false,
        table: 'pricingTables',
        row: /^1-A-\d \w+ 0%$/,
      },
      {
        id: 'last-digit',
        title: 'One unit of the last digit',
        text: '1-A-5’s 100% duration to maturity: 7.707 against 7.70 printed.',
        assumption: false,
        table: 'pricingTables',
        row: /^1-A-5 maturity 100%$/,
        fields: ['mdur'],
      },
    ],
  },
  'impac-cmb-2004-1': {
    assumptions: [
      '0% columns: how the pool amortizes at zero prepayments (the ARMs reset and recast) is not printed',
      '100% to maturity: the tail after the call date rests on a prepayment convention the term sheet does not state',
      'Available Rate: the dealer’s forward curves and the derivative strikes and notional path are not printed (ours: sourced January 2004 curves, inferred contracts)',
    ],
    assumedIn: { speeds: [0], horizons: ['maturity'] },
    rules: [
      {
        id: 'zero-speed',
        title: '0% columns',
        text: 'The pool amortizes too fast at zero prepayments: its ARMs reset to index + margin and recast. The dealer’s pool amortizes slower than a fixed 5.776% loan for ten years yet matches it over its life; no single stated rule fits both 0% columns. Every class pays pro rata, so one fact repeats for all six.',
        assumption: true,
        table: 'pricingTables',
        row: / 0%$/,
      },
      {
        id: 'maturity-tail',
        title: '100% to maturity: the tail',
        text: 'Under the total-paydown convention that reproduces the 100% call, the pool is $6.6M in period 169, above the $5M OC target, so the bonds cannot retire before period 179 (printed Feb-18, period 169). The standard convention gives the printed tail shape but calls two months early. The dealer’s convention is not printed.',
        assumption: true,
        table: 'pricingTables',
        row: / maturity 100%$/,
      },
      {
        id: 'maturity-tail-classes',
        title: '100% to maturity: the tail (class table)',
        text: 'The same tail as in the pricing tables, in the class table’s WAL, duration and window.',
        assumption: true,
        table: 'classes',
        fields: ['walMaturity', 'mdurMaturity', 'windowMaturity.first', 'windowMaturity.last'],
      },
      {
        id: 'oc-build',
        title: '100% to call: the OC build',
        text: 'With the OC target at 0 the same run gives 2.133 (printed 2.13). With the printed 0.50% target built from August 2004, no amortization or prepayment rule can exceed 2.116; reaching 2.125 would need the build to start after about period 33, which nothing printed allows.',
        assumption: false,
        row: /^[AM]-\d( call 100%)?$/,
        fields: ['wal', 'mdur', 'walCall', 'mdurCall'],
      },
      {
        id: 'afr-period-1',
        title: 'Available Rate, period 1',
        text: 'The collateral alone gives 5.9% for the 27 days of period 1 against 2.27% printed; an unstated one-off charge of about $2.7M would explain it, and no stated rule does.',
        assumption: true,
        table: 'availableFundsRate',
        row: /^period 1$/,
      },
      {
        id: 'afr-forward',
        title: 'Available Rate on the forward curves',
        text: 'Periods 2-47 are within 0.14% RMS. The dealer’s forward curve is not printed (ours is bootstrapped from sourced January 2004 deposits, swaps and Treasuries) and the derivative strikes and notional path are inferred.',
        assumption: true,
        table: 'availableFundsRate',
        fields: ['forwardCurves'],
      },
      {
        id: 'afr-shock',
        title: 'Available Rate at +1000 bp',
        text: '2-3% low in periods 5-21: it needs more derivative notional than the printed $479.7M maximum, or a collateral reaction to the shock that our 1% first caps on 6-month ARMs do not give.',
        assumption: true,
        table: 'availableFundsRate',
        fields: ['plus1000bp'],
      },
    ],
  },
};
