/**
 * The index levels a projection's ARM lines read, tabled once per projection call (project.ts): a
 * rate change is then an array lookup.
 */
import { EngineError, requireFinite } from '../errors';
import { type IndexName, type IndexPath, sharedLevelsByPeriod } from '../market/indices';
import type { RepLine } from './repline';
import type { ScenarioTables } from './scenario';

/** A period that never comes (no rate change, no event). */
export const NEVER = 0x3fffffff;
const EMPTY = new Float64Array(0);

/**
 * Index levels by period (element p = period p; 0 unused) for the indices the ARM lines use, and
 * for each index the first period from which its level never changes again.
 */
export interface IndexTables {
  readonly levels: Readonly<Record<IndexName, Float64Array>>;
  readonly constantFrom: Readonly<Record<IndexName, number>>;
}

/** Index tables a call has read already (pools of one call share the path): path, index, periods, levels, first constant period. */
export type IndexTableCache = { path: IndexPath; index: IndexName; periods: number; levels: Float64Array; from: number }[];

/** Reads the scenario's index path once per projection call, so a rate change is an array lookup. */
export function indexTables(lines: readonly RepLine[], t: ScenarioTables, known: IndexTableCache = []): IndexTables {
  const levels: Record<IndexName, Float64Array> = { libor1m: EMPTY, libor6m: EMPTY, libor12m: EMPTY, cmt1y: EMPTY };
  const constantFrom: Record<IndexName, number> = { libor1m: NEVER, libor6m: NEVER, libor12m: NEVER, cmt1y: NEVER };
  const path = t.indices;
  if (path === undefined) return { levels, constantFrom };
  for (const line of lines) {
    const index = line.arm?.index;
    if (index === undefined || levels[index] !== EMPTY) continue;
    const seen = known.find((e) => e.path === path && e.index === index && e.periods === t.periods);
    if (seen) {
      levels[index] = seen.levels;
      constantFrom[index] = seen.from;
      continue;
    }
    // Shared when the path holds the index constant (never written here).
    const table = sharedLevelsByPeriod(path, index, t.periods);
    if (table.length !== t.periods + 1) throw new EngineError('indices', `expected ${t.periods + 1} levels of ${index} from "${path.description}", got ${table.length}`);
    // From the end: the first period of the last level's run (one comparison a period; none for a
    // constant path), then the first period with no finite level (named in the error): a level in
    // that run is finite when the last is, so only the periods before it are tested one by one.
    const lastLevel = table[t.periods];
    let from = t.periods;
    if (path.constantLevel?.(index) !== undefined) from = 1;
    while (from > 1 && table[from - 1] === lastLevel) from--;
    let bad = lastLevel - lastLevel !== 0 ? from : 0; // NaN or ±Infinity
    for (let p = from - 1; p >= 1; p--) {
      const level = table[p];
      if (level - level !== 0) bad = p;
    }
    if (bad !== 0) requireFinite(`indices.${index}[period ${bad}]`, table[bad]);
    levels[index] = table;
    constantFrom[index] = from;
    known.push({ path, index, periods: t.periods, levels: table, from });
  }
  return { levels, constantFrom };
}
