import { EngineError } from '../src/run';
import { parseNumberText } from '../src/run/numberText';
import type { ScenarioInput } from '../src/run/scenario';
import { describe, isOmitted } from './arguments';

/**
 * The `scenario` argument: a two-column range of names and values, Bloomberg-override style
 * (`LIBOR_1M | 1.50`, `CDR | 2`, `SEVERITY | 35`, `SHIFT_BP | 100`, `VECTOR | 8 12R 24`).
 * Names are case-insensitive; blank rows are skipped; an unknown name, a bad value, or a name
 * given twice (SPEED and VECTOR both set the speed) is an error naming the rows.
 */
type Setter = (input: ScenarioInput, value: unknown, row: number) => void;

const num = (name: string, value: unknown, row: number): number => {
  // Decimal text only (Number() would also take "0x10" or "0b1"), read in linear time.
  const n = typeof value === 'number' ? value : typeof value === 'string' ? parseNumberText(value) : NaN;
  if (!Number.isFinite(n)) throw new EngineError('scenario', `row ${row} (${name}): expected a number, got ${describe(value)}`);
  return n;
};

const index = (key: 'libor1m' | 'libor6m' | 'libor12m' | 'cmt1y', name: string): Setter => (input, value, row) => {
  input.indices = { ...input.indices, [key]: num(name, value, row) };
};

const NAMES: Record<string, Setter> = {
  LIBOR_1M: index('libor1m', 'LIBOR_1M'),
  LIBOR_6M: index('libor6m', 'LIBOR_6M'),
  LIBOR_12M: index('libor12m', 'LIBOR_12M'),
  CMT_1Y: index('cmt1y', 'CMT_1Y'),
  SHIFT_BP: (input, value, row) => (input.shiftBp = num('SHIFT_BP', value, row)),
  SHIFT_FROM: (input, value, row) => (input.shiftFromPeriod = num('SHIFT_FROM', value, row)),
  CDR: (input, value, row) => (input.cdr = num('CDR', value, row)),
  SEVERITY: (input, value, row) => (input.severity = num('SEVERITY', value, row)),
  LAG: (input, value, row) => (input.lagMonths = num('LAG', value, row)),
  SPEED: (input, value) => (input.speed = typeof value === 'number' ? value : String(value)),
  VECTOR: (input, value) => (input.speed = String(value)),
  CURVE: (input, value) => (input.curve = String(value)),
  DERIVATIVES: (input, value, row) => {
    const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (v === true || v === 1 || v === 'on' || v === 'yes' || v === 'true') input.derivatives = true;
    else if (v === false || v === 0 || v === 'off' || v === 'no' || v === 'false') input.derivatives = false;
    else throw new EngineError('scenario', `row ${row} (DERIVATIVES): expected ON or OFF, got ${describe(value)}`);
  },
  WAL_BASIS: (input, value) => (input.walBasis = String(value)),
  DURATION_BASIS: (input, value) => (input.durationBasis = String(value)),
};
const ALIASES: Record<string, string> = { LAG_MONTHS: 'LAG', RECOVERY_LAG: 'LAG', LOSS_SEVERITY: 'SEVERITY', PREPAY_SPEED_VECTOR: 'VECTOR', SHIFT: 'SHIFT_BP' };

export const SCENARIO_NAMES = Object.keys(NAMES);

export function parseScenarioRange(range: unknown): ScenarioInput {
  const input: ScenarioInput = {};
  if (isOmitted(range)) return input;
  if (!Array.isArray(range) || range.some((r) => !Array.isArray(r))) {
    throw new EngineError('scenario', `expected a two-column range of names and values (${SCENARIO_NAMES.slice(0, 4).join(', ')}, ...)`);
  }
  const rows = range as unknown[][];
  if (rows.length === 1 && rows[0].length === 1 && isOmitted(rows[0][0])) return input;
  if (rows.some((r) => r.length !== 2)) throw new EngineError('scenario', `expected two columns (name | value), got ${rows[0]?.length ?? 0}`);
  const seen = new Map<string, { row: number; name: string }>();
  rows.forEach(([name, value], i) => {
    const row = i + 1;
    for (const cell of [name, value]) {
      if (cell !== null && cell !== undefined && typeof cell !== 'string' && typeof cell !== 'number' && typeof cell !== 'boolean') {
        throw new EngineError('scenario', `row ${row}: expected a name and a value (text or numbers), got ${typeof cell}`);
      }
    }
    if (isOmitted(name) && isOmitted(value)) return;
    const key = String(name).trim().toUpperCase().replace(/[\s-]+/g, '_');
    const setter = NAMES[ALIASES[key] ?? key];
    if (!setter) throw new EngineError('scenario', `row ${row}: unknown name ${describe(name)}; expected one of ${SCENARIO_NAMES.join(', ')}`);
    const canonical = ALIASES[key] ?? key;
    const sets = canonical === 'VECTOR' ? 'SPEED' : canonical;
    const earlier = seen.get(sets);
    if (earlier) throw new EngineError('scenario', `rows ${earlier.row} and ${row} both set ${earlier.name === key ? key : `${sets === 'SPEED' ? 'the speed' : canonical} (${earlier.name}, ${key})`}; give it once`);
    seen.set(sets, { row, name: key });
    if (isOmitted(value)) throw new EngineError('scenario', `row ${row} (${key}): expected a value, got nothing`);
    setter(input, value, row);
  });
  return input;
}
