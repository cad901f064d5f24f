/**
 * The scenario (architecture.md, "The scenario"): one normalised, hashable type used by the
 * custom functions, the task pane and the CLI alike. Every field defaults to the deal's pricing
 * assumptions. Price is not part of a run: it is applied to the run's cash flows afterwards, so
 * every price of a grid shares one run.
 */
import { EngineError } from '../errors';
import { parseVector } from '../analytics/vector';
import { MAX_PERIODS } from '../analytics/prepayment';
import { parseNumberText, SPEED_NUMBER } from './numberText';

export type Speed =
  /** Percent of the deal's pricing speed (100 = the pricing speed). */
  | { readonly kind: 'pctOfPricing'; readonly pct: number }
  /** A CPR path in percent, period 1 first; the last value holds after its end. */
  | { readonly kind: 'cprVector'; readonly cpr: readonly number[] };

export type Horizon = 'call' | 'maturity';

/** Current index levels in percent, held flat unless a forward curve is chosen. */
export interface IndexLevels {
  readonly libor1m: number;
  readonly libor6m: number;
  readonly libor12m: number;
  readonly cmt1y: number;
}

export interface Credit {
  /** Constant default rate, percent a year. */
  readonly cdr: number;
  /** Loss severity, percent of the defaulted balance. */
  readonly severity: number;
  /** Months from default to liquidation. */
  readonly lagMonths: number;
}

/** Switches where the street is ambiguous; defaults reproduce the term sheets. */
export interface Conventions {
  /**
   * Time basis of WAL: 'deal' (default) uses the basis the deal's own tables were printed on
   * (DealDescription.walBasis); or SF 30/360 from settlement to the pay date, act/365, months/12.
   */
  readonly walBasis: 'deal' | '30/360' | 'act/365' | 'months/12';
  /**
   * Time basis of modified duration: 'accrual' (default) measures T_k on the class's coupon basis,
   * act/360 for floaters, 30/360 for fixed classes; '30/360' uses 30/360 for every class.
   * Evidence: CWALT floater durations at 100% match on act/360 and run 1.5% short on 30/360.
   */
  readonly durationBasis: 'accrual' | '30/360';
}

export interface Scenario {
  readonly speed: Speed;
  readonly horizon: Horizon;
  /** Flat current levels; `undefined` fields take the deal's pricing-date levels. */
  readonly indices: Partial<IndexLevels>;
  /** Index paths: flat at the current level, or the deal's forward curves where it has them. */
  readonly curve: 'flat' | 'forward';
  /** Parallel shift of every index, bp, from `shiftFromPeriod` on. */
  readonly shiftBp: number;
  readonly shiftFromPeriod: number;
  readonly credit: Credit;
  /** Derivative contracts (Impac) on or off. */
  readonly derivatives: boolean;
  readonly conventions: Conventions;
}

export const DEFAULT_SCENARIO: Scenario = {
  speed: { kind: 'pctOfPricing', pct: 100 },
  horizon: 'call',
  indices: {},
  curve: 'flat',
  shiftBp: 0,
  shiftFromPeriod: 1,
  credit: { cdr: 0, severity: 0, lagMonths: 0 },
  derivatives: true,
  conventions: { walBasis: 'deal', durationBasis: 'accrual' },
};

/** Loose input as a user or a caller gives it; `normaliseScenario` checks every field. */
export interface ScenarioInput {
  speed?: number | string | readonly number[] | Speed | null;
  horizon?: string | null;
  indices?: Partial<Record<keyof IndexLevels, number | null>>;
  curve?: string | null;
  shiftBp?: number | null;
  shiftFromPeriod?: number | null;
  cdr?: number | null;
  severity?: number | null;
  lagMonths?: number | null;
  derivatives?: boolean | null;
  walBasis?: string | null;
  durationBasis?: string | null;
}

const MAX_SPEED_PCT = 10_000;

/** Parses a speed: a percent of pricing (number or numeric text), a CPR vector string, or a CPR array. */
export function normaliseSpeed(value: ScenarioInput['speed'], field = 'speed'): Speed {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return DEFAULT_SCENARIO.speed;
  if (typeof value === 'object' && !Array.isArray(value) && 'kind' in value) {
    return value.kind === 'pctOfPricing' ? normaliseSpeed(value.pct, field) : normaliseSpeed(value.cpr, field);
  }
  const typed = typeof value === 'string' ? parseNumberText(value, SPEED_NUMBER) : NaN;
  if (typeof value === 'number' || !Number.isNaN(typed)) {
    const pct = typeof value === 'number' ? value : typed;
    if (!Number.isFinite(pct) || pct < 0 || pct > MAX_SPEED_PCT) {
      throw new EngineError(field, `expected a speed from 0 to ${MAX_SPEED_PCT} (% of the pricing speed) or a vector such as "8 12R 24", got ${String(value)}`);
    }
    return { kind: 'pctOfPricing', pct };
  }
  if (typeof value === 'string') {
    const vector = parseVector(value, { field });
    return { kind: 'cprVector', cpr: Array.from(vector.values) };
  }
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > MAX_PERIODS) throw new EngineError(field, `expected a CPR vector of 1 to ${MAX_PERIODS} values, got ${value.length}`);
    const cpr = value.map((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
        throw new EngineError(field, `expected CPRs from 0 to 100 in the vector, got ${String(v)} at position ${i + 1}`);
      }
      return v;
    });
    return { kind: 'cprVector', cpr };
  }
  throw new EngineError(field, `expected a speed (% of pricing) or a vector such as "8 12R 24", got ${String(value)}`);
}

/** 'call', 'auction', 'maturity' (any case; 'mat', 'to call' too). */
export function normaliseHorizon(value: string | null | undefined, field = 'horizon'): Horizon {
  if (value === null || value === undefined || value.trim() === '') return DEFAULT_SCENARIO.horizon;
  const v = value.trim().toLowerCase().replace(/^to\s+/, '');
  if (v === 'call' || v === 'auction' || v === 'redemption') return 'call';
  if (v === 'maturity' || v === 'mat') return 'maturity';
  throw new EngineError(field, `expected "call" (or the deal's word, "auction") or "maturity", got "${value}"`);
}

function optionalNumberIn(field: string, value: number | null | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new EngineError(field, `expected ${what} from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Checks every field and fills defaults; equal scenarios come out in one canonical form. */
export function normaliseScenario(input: ScenarioInput = {}): Scenario {
  const indices: Partial<Record<keyof IndexLevels, number>> = {};
  for (const key of ['libor1m', 'libor6m', 'libor12m', 'cmt1y'] as const) {
    const v = input.indices?.[key];
    if (v !== null && v !== undefined) indices[key] = optionalNumberIn(key, v, 0, -5, 50, 'an index level in percent');
  }
  const curve = input.curve === null || input.curve === undefined ? 'flat' : input.curve.trim().toLowerCase();
  if (curve !== 'flat' && curve !== 'forward') throw new EngineError('curve', `expected "flat" or "forward", got "${input.curve}"`);
  const walBasis = input.walBasis ?? DEFAULT_SCENARIO.conventions.walBasis;
  if (walBasis !== 'deal' && walBasis !== '30/360' && walBasis !== 'act/365' && walBasis !== 'months/12') {
    throw new EngineError('walBasis', `expected "deal", "30/360", "act/365" or "months/12", got "${walBasis}"`);
  }
  const durationBasis = input.durationBasis ?? DEFAULT_SCENARIO.conventions.durationBasis;
  if (durationBasis !== 'accrual' && durationBasis !== '30/360') {
    throw new EngineError('durationBasis', `expected "accrual" or "30/360", got "${durationBasis}"`);
  }
  const lag = optionalNumberIn('lagMonths', input.lagMonths, 0, 0, 120, 'a recovery lag in months');
  if (!Number.isInteger(lag)) throw new EngineError('lagMonths', `expected whole months, got ${lag}`);
  const shiftFrom = optionalNumberIn('shiftFromPeriod', input.shiftFromPeriod, 1, 1, MAX_PERIODS, 'a period');
  if (!Number.isInteger(shiftFrom)) throw new EngineError('shiftFromPeriod', `expected a whole period, got ${shiftFrom}`);
  return {
    speed: normaliseSpeed(input.speed),
    horizon: normaliseHorizon(input.horizon),
    indices,
    curve,
    shiftBp: optionalNumberIn('shiftBp', input.shiftBp, 0, -2000, 5000, 'a shift in bp'),
    shiftFromPeriod: shiftFrom,
    credit: {
      cdr: optionalNumberIn('cdr', input.cdr, 0, 0, 100, 'a CDR in percent'),
      severity: optionalNumberIn('severity', input.severity, 0, 0, 100, 'a severity in percent'),
      lagMonths: lag,
    },
    derivatives: input.derivatives ?? true,
    conventions: { walBasis, durationBasis },
  };
}

/** A stable key: equal scenarios give equal keys (field order fixed by `normaliseScenario`). */
export function scenarioKey(scenario: Scenario): string {
  const idx = scenario.indices;
  return JSON.stringify([
    scenario.speed.kind === 'pctOfPricing' ? scenario.speed.pct : scenario.speed.cpr,
    scenario.horizon,
    [idx.libor1m, idx.libor6m, idx.libor12m, idx.cmt1y],
    scenario.curve,
    scenario.shiftBp,
    scenario.shiftFromPeriod,
    [scenario.credit.cdr, scenario.credit.severity, scenario.credit.lagMonths],
    scenario.derivatives,
  ]);
  // Conventions change only measures computed after the run, so they are not part of the key.
}
