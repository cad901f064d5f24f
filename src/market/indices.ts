import { EngineError, requireFinite } from '../errors';

/**
 * The rate indices the deals use, and the paths an ARM projection reads them from.
 *
 * A path gives the level of an index for each deal period (period 1 = the first distribution;
 * percent per year). Three kinds, all plain data behind one interface:
 *
 * - **flat**: the current level held for every period. This is how the term sheets' DM tables and
 *   collateral projections treat the index ("current index held flat", conventions.md §7, §13).
 * - **forward**: one value per period from a table the deal or the user supplies (for example the
 *   monthly forward curves of `forwardCurves2004.ts`, mapped to deal periods by the deal); past the
 *   end of a table its last value holds.
 * - **shifted**: any path plus a parallel shift in basis points from a given period on (the Impac
 *   Available Rate schedule's "+1000 bp from period 2" column, footnote (3)).
 *
 * Periods before 1 (an ARM whose change date falls before the first period, or a lookback reaching
 * back before it) read period 1's level, which for every path kind is the current level.
 */

/** 1-month, 6-month, 12-month USD LIBOR and the 1-Year Treasury CMT, spelled as in `forwardCurves2004.ts`. */
export type IndexName = 'libor1m' | 'libor6m' | 'libor12m' | 'cmt1y';

export const INDEX_NAMES: readonly IndexName[] = ['libor1m', 'libor6m', 'libor12m', 'cmt1y'];

/** Friendly names (scenario ranges, CLI): `LIBOR_1M`, `1M LIBOR`, `CMT1Y`, `1Y CMT`, any case. */
const ALIASES: Readonly<Record<string, IndexName>> = {
  libor1m: 'libor1m',
  '1mlibor': 'libor1m',
  lib1m: 'libor1m',
  libor6m: 'libor6m',
  '6mlibor': 'libor6m',
  lib6m: 'libor6m',
  libor12m: 'libor12m',
  '12mlibor': 'libor12m',
  lib12m: 'libor12m',
  libor1y: 'libor12m',
  '1ylibor': 'libor12m',
  cmt1y: 'cmt1y',
  '1ycmt': 'cmt1y',
  cmt12m: 'cmt1y',
};

/** Reads an index name in any of its usual spellings; throws an EngineError naming the choices. */
export function parseIndexName(text: string): IndexName {
  const key = String(text).toLowerCase().replace(/[\s_-]/g, '');
  const found = ALIASES[key];
  if (found === undefined) {
    throw new EngineError('index', `expected one of LIBOR_1M, LIBOR_6M, LIBOR_12M, CMT_1Y, got "${text}"`, 'notAvailable');
  }
  return found;
}

/** Current levels of the four indices, percent per year. */
export interface IndexLevels {
  readonly libor1m: number;
  readonly libor6m: number;
  readonly libor12m: number;
  readonly cmt1y: number;
}

/** The level of each index for each deal period. */
export interface IndexPath {
  /** What the path is, for messages and cache keys (e.g. `flat(1.1/1.17/1.35/1.18)+1000bp@2`). */
  readonly description: string;
  /** True when the path can give `index`. */
  has(index: IndexName): boolean;
  /** Level of `index` for deal period `period` (1 = first distribution), percent per year. */
  rate(index: IndexName, period: number): number;
  /**
   * Levels of `index` for periods 1 … `periods` at elements 1 … `periods` (element 0 = period 1's
   * level), in one call. Optional: `indexLevelsByPeriod` falls back to `rate`.
   */
  periodLevels?(index: IndexName, periods: number): Float64Array;
  /**
   * The level of `index` when the path holds it in every period (a flat path, shifted from period
   * 1 or not at all), else undefined. Optional: a path without it is read period by period.
   */
  constantLevel?(index: IndexName): number | undefined;
}

/** Shared tables of a constant level (`sharedLevelsByPeriod`): by period count, then level. */
const constantTables = new Map<number, Map<number, Float64Array>>();
/** At most this many tables are kept (each periods + 1 doubles): a pricing grid's index levels fit. */
const CONSTANT_TABLES_KEPT = 32;
let constantTableCount = 0;

/**
 * `indexLevelsByPeriod`, shared: when the path holds `index` constant, one table per level and
 * period count serves every call (a fresh table of ~360 doubles was 1 µs and 13% of a CWALT
 * projection, twice a call). The table is READ-ONLY for the caller; a path that varies gets a
 * fresh table as before.
 */
export function sharedLevelsByPeriod(path: IndexPath, index: IndexName, periods: number): Float64Array {
  const level = path.constantLevel?.(index);
  if (level === undefined) return indexLevelsByPeriod(path, index, periods);
  let byLevel = constantTables.get(periods);
  if (byLevel === undefined) constantTables.set(periods, (byLevel = new Map()));
  let table = byLevel.get(level);
  // Object.is: a map takes −0 for 0, and the table must hold the level's own bits.
  if (table === undefined || !Object.is(table[0], level)) {
    if (constantTableCount >= CONSTANT_TABLES_KEPT) {
      constantTables.clear();
      constantTables.set(periods, byLevel);
      byLevel.clear();
      constantTableCount = 0;
    }
    table = new Float64Array(periods + 1).fill(level);
    byLevel.set(level, table);
    constantTableCount++;
  }
  return table;
}

/** Levels of `index` for periods 1 … `periods` (element p = period p, element 0 = period 1) from any path. */
export function indexLevelsByPeriod(path: IndexPath, index: IndexName, periods: number): Float64Array {
  return path.periodLevels !== undefined ? path.periodLevels(index, periods) : levelsByRate(path, index, periods);
}

function levelsByRate(path: Pick<IndexPath, 'rate'>, index: IndexName, periods: number): Float64Array {
  const out = new Float64Array(periods + 1);
  for (let p = 1; p <= periods; p++) out[p] = path.rate(index, p);
  out[0] = out[1];
  return out;
}

/** Every index at its current level in every period. */
export function flatIndexPath(levels: IndexLevels): IndexPath {
  for (const name of INDEX_NAMES) requireLevel(name, levels[name]);
  const copy: IndexLevels = { libor1m: levels.libor1m, libor6m: levels.libor6m, libor12m: levels.libor12m, cmt1y: levels.cmt1y };
  return {
    description: `flat(${copy.libor1m}/${copy.libor6m}/${copy.libor12m}/${copy.cmt1y})`,
    has: () => true,
    rate: (index) => copy[index],
    periodLevels: (index, periods) => new Float64Array(periods + 1).fill(copy[index]),
    constantLevel: (index) => copy[index],
  };
}

/**
 * Forward path from per-period tables: `table[index][p − 1]` is the level in period p; the last
 * value holds after the table ends. Indices absent from the table are not available (`has` is
 * false; asking for one throws).
 */
export function forwardIndexPath(table: Partial<Record<IndexName, ArrayLike<number>>>, description = 'forward'): IndexPath {
  const curves = new Map<IndexName, Float64Array>();
  for (const name of INDEX_NAMES) {
    const values = table[name];
    if (values === undefined) continue;
    if (values.length === 0) throw new EngineError(`forward.${name}`, 'expected at least one period of values, got an empty table');
    const copy = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) copy[i] = requireLevel(`forward.${name}[${i}]`, values[i]);
    curves.set(name, copy);
  }
  if (curves.size === 0) throw new EngineError('forward', 'expected a table for at least one of libor1m, libor6m, libor12m, cmt1y');
  const curve = (index: IndexName): Float64Array => {
    const values = curves.get(index);
    if (values === undefined) throw new EngineError('index', `the path "${description}" has no ${index} curve`, 'notAvailable');
    return values;
  };
  return {
    description,
    has: (index) => curves.has(index),
    rate: (index, period) => {
      const values = curve(index);
      return values[Math.min(Math.max(Math.floor(period), 1), values.length) - 1];
    },
    periodLevels: (index, periods) => {
      const values = curve(index);
      const out = new Float64Array(periods + 1);
      const n = Math.min(values.length, periods);
      out.set(values.subarray(0, n), 1);
      out.fill(values[n - 1], n + 1);
      out[0] = values[0];
      return out;
    },
  };
}

/**
 * `base` plus `shiftBp` basis points in every period from `fromPeriod` on (default 1: a parallel
 * shift of the whole path). The Impac +1000 bp case is `shiftedIndexPath(forward, 1000, 2)`.
 * No floor at zero: a negative shift can give a negative index, and the ARM floors then bind.
 */
export function shiftedIndexPath(base: IndexPath, shiftBp: number, fromPeriod = 1): IndexPath {
  requireFinite('shiftBp', shiftBp);
  requireFinite('fromPeriod', fromPeriod);
  if (!Number.isInteger(fromPeriod) || fromPeriod < 1) {
    throw new EngineError('fromPeriod', `expected a whole period of 1 or more, got ${fromPeriod}`);
  }
  if (shiftBp === 0) return base;
  const shift = shiftBp / 100;
  return {
    description: `${base.description}${shiftBp >= 0 ? '+' : ''}${shiftBp}bp@${fromPeriod}`,
    has: (index) => base.has(index),
    rate: (index, period) => base.rate(index, period) + (period >= fromPeriod ? shift : 0),
    periodLevels: (index, periods) => {
      const out = indexLevelsByPeriod(base, index, periods);
      for (let p = fromPeriod; p <= periods; p++) out[p] += shift;
      return out;
    },
    constantLevel: (index) => {
      const level = fromPeriod === 1 ? base.constantLevel?.(index) : undefined;
      return level === undefined ? undefined : level + shift;
    },
  };
}

function requireLevel(field: string, value: number): number {
  requireFinite(field, value);
  if (value < -10 || value > 100) throw new EngineError(field, `expected an index level in percent (−10 to 100), got ${value}`);
  return value;
}
