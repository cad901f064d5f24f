/**
 * The one scenario normaliser: checks every field in one pass and returns every problem
 * (`checkScenario`), or the scenario in its canonical form, so equal scenarios share one key and
 * one cached run. `normaliseScenario` is the throwing form for callers that stop at the first
 * bad input.
 */
import { EngineError } from '../errors';
import { parseVector } from '../analytics/vector';
import { MAX_PERIODS } from '../analytics/prepayment';
import { parseNumberText, SPEED_NUMBER } from '../numberText';
import { DEFAULT_SCENARIO, type Horizon, type IndexLevels, type Issue, type Normalised, type Scenario, type ScenarioInput, type Speed } from './types';

/** The widest speed any input may ask for; each deal's own limit is `maxSpeedPct` (pricingSpeed.ts). */
const MAX_SPEED_PCT = 10_000;

/** Issues collected in one pass; `field` names the input, `expected` what it should have been. */
class Issues {
  readonly list: Issue[] = [];
  add(field: string, expected: string): undefined {
    this.list.push({ field, expected });
    return undefined;
  }
  /** Runs a parser that throws EngineError, recording its error instead. */
  catch<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      return this.add(error.field, error.message.slice(error.field.length + 2));
    }
  }
}

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
  if (typeof value === 'string') return { kind: 'cprVector', cpr: Array.from(parseVector(value, { field }).values) };
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > MAX_PERIODS) throw new EngineError(field, `expected a CPR vector of 1 to ${MAX_PERIODS} values, got ${value.length}`);
    const cpr = value.map((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) throw new EngineError(field, `expected CPRs from 0 to 100 in the vector, got ${String(v)} at position ${i + 1}`);
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

/** A number from `min` to `max` (`whole`: the words for whole units, e.g. 'whole months'), or the fallback when absent. */
function numberIn(issues: Issues, field: string, value: number | null | undefined, fallback: number, min: number, max: number, what: string, whole?: string): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return issues.add(field, `expected ${what} from ${min} to ${max}, got ${String(value)}`) ?? fallback;
  if (whole !== undefined && !Number.isInteger(value)) return issues.add(field, `expected ${whole}, got ${value}`) ?? fallback;
  return value;
}

function oneOf<T extends string>(issues: Issues, field: string, value: string | null | undefined, fallback: T, allowed: readonly T[]): T {
  const v = value === null || value === undefined ? fallback : value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  return issues.add(field, `expected ${allowed.map((a) => `"${a}"`).join(' or ')}, got "${value}"`) ?? fallback;
}

/** Checks every field and fills defaults; every problem comes back at once. */
export function checkScenario(input: ScenarioInput = {}): Normalised {
  const issues = new Issues();
  const indices: Partial<Record<keyof IndexLevels, number>> = {};
  for (const key of ['libor1m', 'libor6m', 'libor12m', 'cmt1y'] as const) {
    const v = input.indices?.[key];
    if (v !== null && v !== undefined) indices[key] = numberIn(issues, key, v, 0, -5, 50, 'an index level in percent');
  }
  const speed = issues.catch(() => normaliseSpeed(input.speed));
  const horizon = issues.catch(() => normaliseHorizon(input.horizon));
  const scenario: Scenario = {
    speed: speed ?? DEFAULT_SCENARIO.speed,
    horizon: horizon ?? DEFAULT_SCENARIO.horizon,
    indices,
    curve: oneOf(issues, 'curve', input.curve, 'flat', ['flat', 'forward']),
    shiftBp: numberIn(issues, 'shiftBp', input.shiftBp, 0, -2000, 5000, 'a shift in bp'),
    shiftFromPeriod: numberIn(issues, 'shiftFromPeriod', input.shiftFromPeriod, 1, 1, MAX_PERIODS, 'a period', 'a whole period'),
    credit: {
      cdr: numberIn(issues, 'cdr', input.cdr, 0, 0, 100, 'a CDR in percent'),
      severity: numberIn(issues, 'severity', input.severity, 0, 0, 100, 'a severity in percent'),
      lagMonths: numberIn(issues, 'lagMonths', input.lagMonths, 0, 0, 120, 'a recovery lag in months', 'whole months'),
    },
    derivatives: input.derivatives ?? true,
    conventions: {
      walBasis: input.walBasis == null ? 'deal' : (['deal', '30/360', 'act/365', 'months/12'] as const).find((b) => b === input.walBasis) ?? issues.add('walBasis', `expected "deal", "30/360", "act/365" or "months/12", got "${input.walBasis}"`) ?? 'deal',
      durationBasis: input.durationBasis == null ? 'accrual' : (['accrual', '30/360'] as const).find((b) => b === input.durationBasis) ?? issues.add('durationBasis', `expected "accrual" or "30/360", got "${input.durationBasis}"`) ?? 'accrual',
    },
  };
  return issues.list.length > 0 ? { ok: false, issues: issues.list } : { ok: true, scenario };
}

/** One EngineError for a list of issues: named by the first field, listing every problem. */
export function issuesError(issues: readonly Issue[]): EngineError {
  const [first, ...rest] = issues;
  return new EngineError(first.field, [first.expected, ...rest.map((i) => `${i.field}: ${i.expected}`)].join('; '));
}

/** `checkScenario`, throwing one EngineError that lists every problem. */
export function normaliseScenario(input: ScenarioInput = {}): Scenario {
  const result = checkScenario(input);
  if (!result.ok) throw issuesError(result.issues);
  return result.scenario;
}

/** A stable key: equal scenarios give equal keys (field order fixed by the normaliser). */
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
