import { EngineError, requireFinite } from '../errors';
import type { IndexName } from '../market/indices';
import { type FeeStrips, type RateRounding, type RepLine, validateRepLines } from './repline';

/**
 * Rep lines from a few pool-level parameters, for a deal that prints only pool statistics (the
 * CWALT narrative: WAC, net WAC, WAM, WALA, IO share, the ARM product mix with margins and caps).
 *
 * Lines: one group per ARM product (its `share` of the balance) plus the fixed-rate remainder;
 * each group split into interest-only and amortizing parts by `ioShare`; each part split into two
 * lines of adjacent whole ages when the WA age is fractional (weights keep the WA age exact); and,
 * when `wacSpreadPct` is given, into two equal halves at gross ± spread (the WA rate is unchanged,
 * a little dispersion for caps and floors to act on). Every line gets the same fee strips, so the
 * pool's net WAC equals gross WAC − fees.
 */

export interface ArmProduct {
  /** As printed (`5/1 CMT1Y`, `2/28 LIB6M`). */
  readonly name: string;
  /** Fraction of the pool balance (0 … 1). The shares may add to less than 1: the rest is fixed rate. */
  readonly share: number;
  readonly index: IndexName;
  /** Months from origination to the first rate change (6 for a 6-month ARM, 60 for a 5/1). */
  readonly fixedPeriodMonths: number;
  readonly resetFrequencyMonths: number;
  readonly marginPct: number;
  readonly initialCapPct: number;
  readonly periodicCapPct: number;
  /** Maximum rate as an absolute level; give this or `lifetimeCapSpreadPct`. */
  readonly lifetimeCapPct?: number;
  /** Maximum rate as a spread over the line's gross rate (e.g. 5 or 6). */
  readonly lifetimeCapSpreadPct?: number;
  /** Minimum rate. Default: the margin. */
  readonly floorPct?: number;
  /** IO share and term for this product, overriding the pool's. */
  readonly ioShare?: number;
  readonly ioTermMonths?: number;
  readonly lookbackMonths?: number;
  readonly rounding?: RateRounding;
  readonly roundingStepPct?: number;
}

export interface PoolParameters {
  /** Prefix of the line ids. Default 'line'. */
  readonly idPrefix?: string;
  readonly balance: number;
  readonly grossWacPct: number;
  /** Net WAC; when `fees` is absent the whole difference is one servicing strip. */
  readonly netWacPct?: number;
  readonly fees?: FeeStrips;
  readonly originalTermMonths: number;
  /** WA remaining term (WAM). Default: original term − age. */
  readonly remainingTermMonths?: number;
  /** WA age (WALA), months; may be fractional. Default: original − remaining term. */
  readonly ageMonths?: number;
  /** Fraction of the balance that is interest-only (0 … 1). Default 0. */
  readonly ioShare?: number;
  /** Original IO term of the IO loans, months. Default 120. */
  readonly ioTermMonths?: number;
  readonly products?: readonly ArmProduct[];
  /** Half-width of the gross-rate split, %. Default 0 (no split). */
  readonly wacSpreadPct?: number;
}

export function buildRepLines(params: PoolParameters): RepLine[] {
  const prefix = params.idPrefix ?? 'line';
  requirePositive('balance', params.balance);
  requireFinite('grossWacPct', params.grossWacPct);
  const original = requireWhole('originalTermMonths', params.originalTermMonths, 1);
  const age = params.ageMonths ?? original - (params.remainingTermMonths ?? original);
  requireFinite('ageMonths', age);
  if (age < 0 || age >= original) throw new EngineError('ageMonths', `expected an age from 0 to below the original term ${original}, got ${age}`);
  if (params.remainingTermMonths !== undefined && Math.abs(params.remainingTermMonths + age - original) > 1e-9) {
    throw new EngineError('remainingTermMonths', `expected remaining term + age = original term (${original}), got ${params.remainingTermMonths} + ${age}`);
  }
  const fees = params.fees ?? feesFromNet(params);
  const spread = params.wacSpreadPct ?? 0;
  requireFinite('wacSpreadPct', spread);
  if (spread < 0 || spread >= params.grossWacPct) throw new EngineError('wacSpreadPct', `expected a spread from 0 to below the gross WAC, got ${spread}`);

  const products = params.products ?? [];
  let armShare = 0;
  for (const p of products) {
    requireShare(`products.${p.name}.share`, p.share);
    armShare += p.share;
  }
  if (armShare > 1 + 1e-12) throw new EngineError('products', `expected product shares adding to at most 1, got ${armShare}`);

  const ageParts = splitFractionalAge(age);
  const lines: RepLine[] = [];
  const groups: { product: ArmProduct | null; share: number }[] = products.map((p) => ({ product: p, share: p.share }));
  if (armShare < 1 - 1e-12) groups.push({ product: null, share: 1 - armShare });

  for (const group of groups) {
    const p = group.product;
    const ioShare = p?.ioShare ?? params.ioShare ?? 0;
    requireShare('ioShare', ioShare);
    const ioTerm = requireWhole('ioTermMonths', p?.ioTermMonths ?? params.ioTermMonths ?? 120, 1);
    const parts: { io: boolean; share: number }[] = [];
    if (ioShare > 0) parts.push({ io: true, share: ioShare });
    if (ioShare < 1) parts.push({ io: false, share: 1 - ioShare });
    for (const part of parts) {
      for (const a of ageParts) {
        const rates = spread > 0 ? [params.grossWacPct - spread, params.grossWacPct + spread] : [params.grossWacPct];
        for (const gross of rates) {
          const balance = (params.balance * group.share * part.share * a.weight) / rates.length;
          if (balance <= 0) continue;
          const name = p?.name ?? 'FIXED';
          const id = `${prefix}:${name}:${part.io ? 'IO' : 'AM'}:age${a.age}${rates.length > 1 ? (gross < params.grossWacPct ? ':lo' : ':hi') : ''}`;
          const line: RepLine = {
            id,
            product: name,
            balance,
            grossRatePct: gross,
            fees,
            originalTermMonths: original,
            remainingTermMonths: original - a.age,
            ageMonths: a.age,
            ...(part.io ? { ioTermMonths: ioTerm } : {}),
            ...(p === null ? {} : { arm: armTerms(p, gross, a.age) }),
          };
          lines.push(line);
        }
      }
    }
  }
  validateRepLines(lines);
  return lines;
}

/**
 * A fractional WA age as two adjacent whole ages with weights that keep the mean:
 * 5.83 → 17% at 5 and 83% at 6. Whole ages (and fractions within 0.005 of one) give one part.
 */
export function splitFractionalAge(age: number): { age: number; weight: number }[] {
  const low = Math.floor(age);
  const frac = age - low;
  if (frac < 0.005) return [{ age: low, weight: 1 }];
  if (frac > 0.995) return [{ age: low + 1, weight: 1 }];
  return [
    { age: low, weight: 1 - frac },
    { age: low + 1, weight: frac },
  ];
}

/** Months to the next change and whether the first change is behind, from the loan's age. */
export function nextResetFromAge(fixedPeriodMonths: number, resetFrequencyMonths: number, ageMonths: number): { monthsToNextReset: number; firstResetDone: boolean } {
  if (ageMonths < fixedPeriodMonths) return { monthsToNextReset: fixedPeriodMonths - ageMonths, firstResetDone: false };
  const since = (ageMonths - fixedPeriodMonths) % resetFrequencyMonths;
  return { monthsToNextReset: resetFrequencyMonths - since, firstResetDone: true };
}

function armTerms(p: ArmProduct, gross: number, age: number): NonNullable<RepLine['arm']> {
  requireWhole(`products.${p.name}.fixedPeriodMonths`, p.fixedPeriodMonths, 1);
  requireWhole(`products.${p.name}.resetFrequencyMonths`, p.resetFrequencyMonths, 1);
  let lifetimeCapPct: number;
  if (p.lifetimeCapPct !== undefined) lifetimeCapPct = p.lifetimeCapPct;
  else if (p.lifetimeCapSpreadPct !== undefined) lifetimeCapPct = gross + p.lifetimeCapSpreadPct;
  else throw new EngineError(`products.${p.name}`, 'expected lifetimeCapPct or lifetimeCapSpreadPct');
  const next = nextResetFromAge(p.fixedPeriodMonths, p.resetFrequencyMonths, age);
  return {
    index: p.index,
    marginPct: p.marginPct,
    monthsToNextReset: next.monthsToNextReset,
    resetFrequencyMonths: p.resetFrequencyMonths,
    initialCapPct: p.initialCapPct,
    periodicCapPct: p.periodicCapPct,
    lifetimeCapPct,
    floorPct: p.floorPct ?? p.marginPct,
    firstResetDone: next.firstResetDone,
    ...(p.lookbackMonths === undefined ? {} : { lookbackMonths: p.lookbackMonths }),
    ...(p.rounding === undefined ? {} : { rounding: p.rounding }),
    ...(p.roundingStepPct === undefined ? {} : { roundingStepPct: p.roundingStepPct }),
  };
}

function feesFromNet(params: PoolParameters): FeeStrips {
  if (params.netWacPct === undefined) throw new EngineError('netWacPct', 'expected a net WAC or fee strips');
  requireFinite('netWacPct', params.netWacPct);
  const strip = params.grossWacPct - params.netWacPct;
  if (strip < 0) throw new EngineError('netWacPct', `expected a net WAC at or below the gross WAC ${params.grossWacPct}, got ${params.netWacPct}`);
  return { servicingPct: strip };
}

function requirePositive(field: string, value: number): void {
  requireFinite(field, value);
  if (value <= 0) throw new EngineError(field, `expected a positive amount, got ${value}`);
}

function requireShare(field: string, value: number): void {
  requireFinite(field, value);
  if (value < 0 || value > 1) throw new EngineError(field, `expected a fraction from 0 to 1, got ${value}`);
}

function requireWhole(field: string, value: number, min: number): number {
  requireFinite(field, value);
  if (!Number.isInteger(value) || value < min) throw new EngineError(field, `expected a whole number of months of ${min} or more, got ${value}`);
  return value;
}
