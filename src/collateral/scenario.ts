import { EngineError, requireFinite } from '../errors';
import { MAX_PERIODS, type RampCurve, type RampIndexing, rampCpr } from '../analytics/prepayment';
import type { IndexPath } from '../market/indices';

/**
 * What a collateral projection needs besides the pool (architecture.md, "The scenario"; the
 * run layer translates a user scenario into this).
 *
 * Rates are percent per year (30 = 30% CPR). CPR and CDR convert to monthly rates as
 * SMM = 1 − (1 − CPR)^(1/12), MDR = 1 − (1 − CDR)^(1/12) (conventions.md §1, §12).
 */

/** Voluntary prepayment speed. */
export type PrepaymentSpec =
  /** CPR by deal period: one number for every period, or period k's CPR at index k − 1 (the last value holds). */
  | { readonly kind: 'cpr'; readonly cprPct: number | ArrayLike<number> }
  /**
   * A ramp (PPC, PSA) at a percent of its speed. `'loanAge'` indexing (the default) reads each
   * line's own loan month, MONTH = line age at cut-off + k (conventions.md §1); `'dealPeriod'` reads
   * MONTH = k for every line.
   */
  | { readonly kind: 'ramp'; readonly curve: RampCurve; readonly pctOfPricing: number; readonly indexing?: RampIndexing }
  /** Any CPR as a function of the loan month (1 = the loan's first month), evaluated per line by age. */
  | { readonly kind: 'byAge'; readonly cprPctAtMonth: (loanMonth: number) => number };

export interface ProjectionScenario {
  /**
   * Periods to project. Default: the longest remaining term plus `lagMonths`, so every loan pays
   * off or is liquidated inside the arrays.
   */
  readonly periods?: number;
  /** Default 0 CPR. */
  readonly prepayment?: PrepaymentSpec;
  /** Annual default rate on the performing balance: one number, or period k's CDR at index k − 1 (last holds). Default 0. */
  readonly cdrPct?: number | ArrayLike<number>;
  /** Loss severity on liquidation, % of the defaulted balance. Default 0. */
  readonly severityPct?: number;
  /** Months from default to liquidation (whole, 0 … 360). Default 0: liquidated in the period of default. */
  readonly lagMonths?: number;
  /** Index levels by period; required when any line is an ARM. */
  readonly indices?: IndexPath;
  /**
   * What the SMM applies to (conventions.md §1):
   * - `'afterScheduled'` (default, BMA SF §B.1): prepay = SMM · (B − scheduled), so the quoted CPR
   *   counts voluntary prepayments only;
   * - `'totalPaydown'`: the quoted CPR is the pool's total paydown rate, scheduled principal
   *   included: prepay = max(0, SMM · B − scheduled) ("CPR includes scheduled amortization").
   */
  readonly prepaymentBase?: PrepaymentBase;
}

export type PrepaymentBase = 'afterScheduled' | 'totalPaydown';

/** A scenario turned into lookup tables for the projection loop. */
export interface ScenarioTables {
  readonly periods: number;
  /**
   * SMM (decimal) table. Line ℓ in period k reads `smm[offset + k]`, with offset = the line's age
   * when `smmByAge`, else 0 (then `smm[k]` is period k's SMM; index 0 is unused).
   */
  readonly smm: Float64Array;
  readonly smmByAge: boolean;
  /** True when the SMM is the total paydown rate (`prepaymentBase: 'totalPaydown'`). */
  readonly smmIsTotalPaydown: boolean;
  /** MDR (decimal) of period k at index k (index 0 unused). */
  readonly mdr: Float64Array;
  readonly anyDefaults: boolean;
  readonly severity: number;
  readonly lagMonths: number;
  readonly indices: IndexPath | undefined;
}

export const MAX_LAG_MONTHS = 360;

/**
 * A scenario checked as far as the sizes of its tables: the projection allocates them with its
 * outputs (one buffer a call), then `fillScenarioTables` writes them.
 */
export interface ScenarioPlan {
  readonly scenario: ProjectionScenario;
  readonly periods: number;
  readonly lagMonths: number;
  readonly severity: number;
  readonly prepayment: PrepaymentSpec;
  readonly smmByAge: boolean;
  /** Elements of the SMM table (index 0 unused). */
  readonly smmLength: number;
}

/**
 * Checks `scenario` for a pool whose longest remaining term is `maxRemainingTerm` and oldest line
 * is `maxAge` months, and sizes its tables.
 */
export function planScenario(scenario: ProjectionScenario, maxRemainingTerm: number, maxAge: number): ScenarioPlan {
  if (scenario === null || typeof scenario !== 'object') throw new EngineError('scenario', 'expected a projection scenario object');
  const lagMonths = scenario.lagMonths ?? 0;
  requireFinite('lagMonths', lagMonths);
  if (!Number.isInteger(lagMonths) || lagMonths < 0 || lagMonths > MAX_LAG_MONTHS) {
    throw new EngineError('lagMonths', `expected whole months from 0 to ${MAX_LAG_MONTHS}, got ${lagMonths}`);
  }
  const periods = scenario.periods ?? maxRemainingTerm + lagMonths;
  requireFinite('periods', periods);
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    throw new EngineError('periods', `expected a whole number of periods from 1 to ${MAX_PERIODS}, got ${periods}`);
  }
  const severityPct = scenario.severityPct ?? 0;
  requirePct('severityPct', severityPct);
  const prepayment: PrepaymentSpec = scenario.prepayment ?? { kind: 'cpr', cprPct: 0 };
  // Ramps by loan age and CPRs by age read the line's own month: the table runs to the oldest line's age + periods.
  const smmByAge = prepayment.kind === 'byAge' || (prepayment.kind === 'ramp' && prepayment.indexing !== 'dealPeriod');
  return { scenario, periods, lagMonths, severity: severityPct / 100, prepayment, smmByAge, smmLength: (smmByAge ? maxAge + periods : periods) + 1 };
}

/**
 * Writes the plan's tables into `smm` (`plan.smmLength` long) and `mdr` (`periods + 1`), both
 * zeros, checking the rates as it goes.
 */
export function fillScenarioTables(plan: ScenarioPlan, smm: Float64Array, mdr: Float64Array): ScenarioTables {
  const { scenario, periods, prepayment } = plan;
  const anyDefaults = fillMonthly('cdrPct', scenario.cdrPct ?? 0, mdr, periods);
  switch (prepayment.kind) {
    case 'cpr':
      fillMonthly('cprPct', prepayment.cprPct, smm, periods);
      break;
    case 'ramp': {
      const indexing = prepayment.indexing ?? 'loanAge';
      if (indexing !== 'loanAge' && indexing !== 'dealPeriod') {
        throw new EngineError('indexing', `expected 'loanAge' or 'dealPeriod', got ${JSON.stringify(indexing)}`);
      }
      fillRamp(smm, plan.smmLength - 1, prepayment.curve, prepayment.pctOfPricing);
      break;
    }
    case 'byAge': {
      if (typeof prepayment.cprPctAtMonth !== 'function') throw new EngineError('prepayment', 'expected cprPctAtMonth to be a function of the loan month');
      const months = plan.smmLength - 1;
      for (let m = 1; m <= months; m++) {
        const c = prepayment.cprPctAtMonth(m);
        requirePct(`cpr at loan month ${m}`, c);
        smm[m] = smmOf(c);
      }
      break;
    }
    default:
      throw new EngineError('prepayment', `expected kind 'cpr', 'ramp' or 'byAge', got ${JSON.stringify((prepayment as { kind?: unknown }).kind)}`);
  }

  const base = scenario.prepaymentBase ?? 'afterScheduled';
  if (base !== 'afterScheduled' && base !== 'totalPaydown') {
    throw new EngineError('prepaymentBase', `expected 'afterScheduled' or 'totalPaydown', got ${JSON.stringify(base)}`);
  }
  return { periods, smm, smmByAge: plan.smmByAge, smmIsTotalPaydown: base === 'totalPaydown', mdr, anyDefaults, severity: plan.severity, lagMonths: plan.lagMonths, indices: scenario.indices };
}

/** Validates `scenario` and builds its tables in arrays of their own (the projection puts them in its one buffer). */
export function scenarioTables(scenario: ProjectionScenario, maxRemainingTerm: number, maxAge: number): ScenarioTables {
  const plan = planScenario(scenario, maxRemainingTerm, maxAge);
  return fillScenarioTables(plan, new Float64Array(plan.smmLength), new Float64Array(plan.periods + 1));
}

/** A ramp's SMM by loan month up to the first month at its plateau (element m = month m), by curve and speed: the last few filled. */
const rampSmms: { start: number; plateau: number; plateauMonth: number; pct: number; smm: Float64Array }[] = [];
const RAMPS_KEPT = 8;

/**
 * Fills `smm[1..months]` with the SMM of a ramp at `pct`% of its speed by loan month: one `pow` a
 * month up to the plateau month, then the plateau's (rampCpr clamps the month: the same CPR). A
 * curve and speed filled before copy the SMMs remembered then (12 `pow` a CWALT call).
 */
function fillRamp(smm: Float64Array, months: number, curve: RampCurve, pct: number): void {
  const { startCprPct: start, plateauCprPct: plateau, plateauMonth } = curve;
  const known = rampSmms.find((r) => r.start === start && r.plateau === plateau && r.plateauMonth === plateauMonth && r.pct === pct);
  if (known !== undefined) {
    const last = known.smm.length - 1; // the first month at the plateau
    const to = Math.min(months, last);
    smm.set(known.smm.subarray(1, to + 1), 1);
    if (months > last) smm.fill(known.smm[last], last + 1, months + 1);
    return;
  }
  let lastCpr = -1;
  let lastSmm = 0;
  for (let m = 1; m <= months; m++) {
    const c = rampCpr(curve, pct, m);
    if (c !== lastCpr) {
      lastCpr = c;
      lastSmm = smmOf(c);
    }
    smm[m] = lastSmm;
    if (m >= plateauMonth) {
      smm.fill(lastSmm, m + 1, months + 1);
      if (rampSmms.length >= RAMPS_KEPT) rampSmms.shift();
      rampSmms.push({ start, plateau, plateauMonth, pct, smm: smm.slice(0, m + 1) });
      break;
    }
  }
}

function smmOf(cprPct: number): number {
  return 1 - Math.pow(1 - cprPct / 100, 1 / 12);
}

/**
 * Fills `out[1..periods]` (zeros) with the monthly rate (1 − (1 − annual)^(1/12)) of a flat annual
 * rate or of a per-period array whose last value holds; `pow` only where the value changes.
 * Returns true when any period's rate is above 0.
 */
function fillMonthly(field: string, spec: number | ArrayLike<number>, out: Float64Array, periods: number): boolean {
  if (typeof spec === 'number') {
    requirePct(field, spec);
    const monthly = smmOf(spec);
    // The buffer is zeros already: a rate of 0 needs no writing.
    if (monthly !== 0) out.fill(monthly, 1, periods + 1);
    return monthly > 0;
  }
  if (spec === null || typeof spec !== 'object' || typeof spec.length !== 'number' || spec.length === 0) {
    throw new EngineError(field, 'expected a number or a non-empty array of per-period values');
  }
  let last = -1;
  let monthly = 0;
  let any = false;
  for (let k = 1; k <= periods; k++) {
    const i = Math.min(k, spec.length) - 1;
    const v = spec[i];
    if (v !== last) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 100)) requirePct(`${field}[${i}]`, v);
      last = v;
      monthly = smmOf(v);
      if (monthly > 0) any = true;
    }
    out[k] = monthly;
  }
  return any;
}

function requirePct(field: string, value: number): void {
  requireFinite(field, value);
  if (value < 0 || value > 100) throw new EngineError(field, `expected a rate from 0 to 100 (percent), got ${value}`);
}
