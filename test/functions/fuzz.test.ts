/**
 * Issue 9 (fuzz): random arguments of every type Excel can pass, and some it cannot, to every
 * function id of dist/functions.json, through the built bundle. Each call must return a finite
 * number, a rectangular matrix of strings and finite numbers, or a CustomFunctions.Error (#VALUE!
 * or #N/A) with a message: never a raw throw, never NaN or null, never a hang (each call is timed).
 * Runs are seeded (FUZZ_SEED overrides) and bounded so the file takes a few seconds. Well-formed
 * calls (every argument valid for its call) must give a finite number or a table: never an error.
 */
import fc from 'fast-check';
import { ErrorCode, FakeCustomFunctionsError, loadFunctionsBundle } from '../support/excelBundle';

const bundle = loadFunctionsBundle();
const SEED = Number(process.env.FUZZ_SEED ?? 20040430);
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const MAX_CALL_MS = 2000;

const slowest = { ms: 0, id: '', args: '' };
let calls = 0;
const kinds = { numbers: 0, matrices: 0, strings: 0, errors: 0 };

// ---- arbitraries -------------------------------------------------------------------------------

const HOSTILE_STRINGS = [
  '', ' ', '\t\n', '\u0000', '\uD800', '\u202Eevil', '🙂', '=1+1', '@SUM(A1)', '<script>alert(1)</script>', '__proto__', 'constructor', 'toString',
  'hasOwnProperty', '${process.exit()}', "'; DROP TABLE deals; --", '%s%s%n', '1e400', '-0', 'NaN', 'Infinity', '-Infinity', '0x10', '0b11', '1_000',
  '1,5', '99-33', '99-24+', '100-00', '99-246', '99-2468', '101.25', '-101', '8 12R 24', '0 1000R 100', '100 1199S 5', '5R', 'R', '12R', '8 12R',
  '-5', '10000', '10001', '100%', 'auction', 'maturity', 'call', 'J4', 'Impac 2004-1', '1a3', 'm-2', 'CDR', 'VECTOR', 'A'.repeat(100_000),
  '8 '.repeat(2_000), '99-'.repeat(50),
];
const numbers = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 0.5, 1, 12, 22, 47, 100, 150, 360, 10_000),
);
const strings = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 12 }));
const scalars = fc.oneof(numbers, strings, fc.constant(null), fc.constant(undefined), fc.boolean());

const BIG_COLUMN = Array.from({ length: 10_000 }, (_, i) => [i % 101]);
const BIG_ROW = [Array.from({ length: 10_000 }, (_, i) => i % 37)];
const BIG_SCENARIO = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? ['CDR', 1] : [null, null]));
const SCENARIO_NAMES = ['LIBOR_1M', 'LIBOR_6M', 'LIBOR_12M', 'CMT_1Y', 'SHIFT_BP', 'SHIFT', 'SHIFT_FROM', 'CURVE', 'CDR', 'SEVERITY', 'LAG', 'VECTOR', 'SPEED', 'DERIVATIVES', 'WAL_BASIS', 'cdr', 'Loss Severity', 'LIBOR', ''];
const throwingToString = { toString: () => { throw new Error('boom'); } };
const objects = fc.oneof(fc.object({ maxDepth: 2 }), fc.constantFrom<unknown>(Object.create(null), throwingToString, new Date(0), () => 1, Symbol('s'), new Map(), 10n));
const ranges = fc.oneof(
  fc.constantFrom<unknown>([], [[]], [[null]], [['']], [[], []], BIG_COLUMN, BIG_ROW, BIG_SCENARIO),
  fc.array(fc.array(fc.oneof({ arbitrary: scalars, weight: 4 }, { arbitrary: objects, weight: 1 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), // objects inside ranges
  fc.array(fc.array(scalars, { maxLength: 4 }), { maxLength: 5 }), // ragged ranges
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...SCENARIO_NAMES), scalars), scalars).map((t) => [...t]), { minLength: 1, maxLength: 4 }),
  fc.array(fc.array(fc.array(scalars, { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 }), // nested deeper than 2-D
);
const anything = fc.oneof({ arbitrary: scalars, weight: 6 }, { arbitrary: ranges, weight: 3 }, { arbitrary: objects, weight: 1 });

/** Values that get past argument checks, so the fuzz also reaches the engine (few distinct runs). */
const PLAUSIBLE: Record<string, unknown[]> = {
  deal: ['J4', 'Impac 2004-1', 'cwalt 2004-j4', [['impac']]],
  className: ['1-A-1', '1a3', '1-A-6', '1-A-IO', '2-A', 'M-2', 'B', 'A-1', 'm-4', 'M-1'],
  price: [null, '100-00', '99-24+', 101.25, '98-16'],
  measure: [0, 3.5, 45, 250],
  speed: [null, 100, [[100]], '8 12R 24', [[10], [20]], 0],
  speeds: [null, [[0, 100]], [[150]]],
  horizon: [null, 'auction', 'call', 'maturity'],
  scenario: [null, [['CDR', 2], ['SEVERITY', 35], ['LAG', 12]], [['SHIFT_BP', 100]], [['CURVE', 'forward']]],
  period: [1, 12, 22, 45, 400],
  value: ['99-24+', 101.25],
  to: [null, 'decimal', '32nds'],
  cpr: [6, 24],
  smm: [0.5],
  percentPPC: [100, 150],
  loanAgeMonths: [1, 12],
};

function argument(name: string, hostileOnly: boolean): fc.Arbitrary<unknown> {
  const plausible = PLAUSIBLE[name];
  if (hostileOnly || !plausible) return anything;
  return fc.oneof({ arbitrary: fc.constantFrom(...plausible), weight: 3 }, { arbitrary: anything, weight: 1 });
}

function argumentsOf(id: string, hostileOnly: boolean): fc.Arbitrary<unknown[]> {
  const meta = bundle.metadata.find((f) => f.id === id);
  const params = (meta?.parameters ?? []).map((p) => argument(p.name, hostileOnly));
  // sometimes fewer arguments (Excel pads with null), sometimes extra ones
  return fc.tuple(fc.tuple(...params), fc.integer({ min: 0, max: params.length }), fc.array(anything, { maxLength: 2 })).map(([args, keep, extra]) => [
    ...args.slice(0, keep === 0 ? args.length : Math.max(keep, args.length - 1)),
    ...(keep === 0 ? extra : []),
  ]);
}

// ---- the contract ----------------------------------------------------------------------------

function describeArgs(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a.length > 40 ? `"${a.slice(0, 40)}…"(${a.length})` : JSON.stringify(a);
      if (Array.isArray(a)) return `range ${a.length}x${Array.isArray(a[0]) ? a[0].length : '?'}`;
      if (typeof a === 'symbol' || typeof a === 'function' || typeof a === 'bigint') return typeof a;
      try {
        return JSON.stringify(a) ?? String(a);
      } catch {
        return typeof a;
      }
    })
    .join(', ');
}

/** Calls the function, times it, and checks what the cell gets. Returns the result. */
function callChecked(id: string, args: unknown[]): unknown {
  const start = performance.now();
  const result = bundle.call(id, ...args);
  const ms = performance.now() - start;
  calls++;
  if (ms > slowest.ms) Object.assign(slowest, { ms, id, args: describeArgs(args) });
  if (ms > MAX_CALL_MS) throw new Error(`${id}(${describeArgs(args)}) took ${ms.toFixed(0)} ms`);
  checkCellValue(id, result, args);
  if (result instanceof FakeCustomFunctionsError) kinds.errors++;
  else if (Array.isArray(result)) kinds.matrices++;
  else if (typeof result === 'number') kinds.numbers++;
  else kinds.strings++;
  return result;
}

function checkCellValue(id: string, result: unknown, args: unknown[]): void {
  const where = `${id}(${describeArgs(args)})`;
  if (result instanceof FakeCustomFunctionsError) {
    if (result.code !== ErrorCode.invalidValue && result.code !== ErrorCode.notAvailable) throw new Error(`${where}: error code ${result.code}`);
    if (typeof result.message !== 'string' || result.message.trim().length === 0) throw new Error(`${where}: ${result.code} without a message`);
    if (/^unexpected error/.test(result.message)) throw new Error(`${where}: unmapped internal error: ${result.message}`);
    return;
  }
  if (result instanceof Error) throw new Error(`${where}: raw throw ${result.name}: ${result.message}`);
  const matrixResult = bundle.metadata.find((f) => f.id === id)?.result.dimensionality === 'matrix';
  if (matrixResult) {
    if (!Array.isArray(result) || result.length === 0) throw new Error(`${where}: expected a matrix, got ${String(result)}`);
    const width = Array.isArray(result[0]) ? result[0].length : -1;
    if (width < 1) throw new Error(`${where}: first row is not a non-empty array`);
    result.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== width) throw new Error(`${where}: row ${i} is not an array of ${width}`);
      row.forEach((v: unknown, j) => {
        if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw new Error(`${where}: cell [${i}][${j}] is ${String(v)}`);
      });
    });
    return;
  }
  if (typeof result === 'number') {
    if (!Number.isFinite(result)) throw new Error(`${where}: returned ${result}`);
    return;
  }
  if (id === 'QUOTE' && typeof result === 'string' && result.length > 0) return;
  throw new Error(`${where}: returned ${typeof result} ${String(result)}`);
}

function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof FakeCustomFunctionsError || b instanceof FakeCustomFunctionsError) {
    return a instanceof FakeCustomFunctionsError && b instanceof FakeCustomFunctionsError && a.code === b.code && a.message === b.message;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---- properties --------------------------------------------------------------------------------

const IDS = bundle.ids;

describe('fuzz: every function id answers every argument with a value or an Excel error', () => {
  it('covers the design\'s functions', () => {
    for (const id of ['DMARGIN', 'YIELD', 'PRICE', 'WAL', 'MDUR', 'WINDOW', 'AIONOTIONAL', 'NETRATECAP', 'CASHFLOWS', 'DECREMENT', 'DEALS', 'CLASSES', 'QUOTE', 'SMM', 'CPR', 'PPCCPR']) {
      expect(IDS).toContain(id);
    }
  });

  it.each(IDS)('%s: plausible and hostile arguments mixed; the same arguments twice give the same cell', (id) => {
    fc.assert(
      fc.property(argumentsOf(id, false), (args) => {
        const first = callChecked(id, args);
        const again = callChecked(id, args);
        if (!sameCell(first, again)) throw new Error(`${id}(${describeArgs(args)}): not deterministic`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each(IDS)('%s: hostile arguments only', (id) => {
    fc.assert(
      fc.property(argumentsOf(id, true), (args) => {
        callChecked(id, args);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('the 10,000-row inputs and empty ranges in every position of every function', () => {
    for (const id of IDS) {
      const meta = bundle.metadata.find((f) => f.id === id);
      const n = meta?.parameters.length ?? 0;
      for (let k = 0; k < n; k++) {
        for (const input of [BIG_COLUMN, BIG_ROW, BIG_SCENARIO, [], [[]]]) {
          const args: unknown[] = ['J4', '1-A-3', 100, 100, null, null].slice(0, n);
          if (id === 'NETRATECAP' || id === 'AIONOTIONAL') args[2] = 3;
          args[k] = input;
          callChecked(id, args);
        }
      }
    }
  });
});

// ---- well-formed calls ------------------------------------------------------------------------

/**
 * Arguments that are all valid for the call they are in: a priced class of the deal, its own
 * measure (DMARGIN for DM classes, YIELD for Yield classes), a period inside the class's life,
 * speeds within the deal's range, scenarios the deal understands. Every such call must give a
 * finite number (or a spilled table of strings and finite numbers): an error here is a bug.
 */
const WELL_FORMED_DEALS = [
  { names: ['J4', 'cwalt 2004-j4', 'CWALT 2004-J4', [['j4']]], dm: ['1-A-1', '2-A', 'm-1', 'M-2', 'b'], yieldClasses: ['1-A-2', '1a3', '1-A-4', '1-A-5', '1-A-6'], io: ['1-A-IO', '2aio'], scenarios: [[['LIBOR_1M', 5]]] },
  { names: ['Impac 2004-1', 'impac', 'IMPAC CMB 2004-1'], dm: ['A-1', 'a2', 'M-1', 'M-2', 'm-3', 'M-4'], yieldClasses: [], io: [], scenarios: [[['CURVE', 'forward']], [['CURVE', 'forward'], ['SHIFT_BP', 1000], ['SHIFT_FROM', 2]], [['DERIVATIVES', 'off']]] },
] as const;
const WELL_FORMED = {
  price: [null, '100-00', '99-24+', 101.25, '98-16', 99.5],
  speed: [null, 0, 50, 100, 150, 300, [[100]], '8 12R 24', [[10], [20], [30]]],
  horizon: [null, 'call', 'auction', 'maturity', 'to maturity'],
  scenario: [null, [['CDR', 2], ['SEVERITY', 35], ['LAG', 12]], [['SHIFT_BP', 100]], [['SHIFT_BP', -50]], [['LIBOR_1M', 2.5], ['CDR', 1]]],
};
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const wellFormedCall: fc.Arbitrary<[string, unknown[]]> = fc.constantFrom(...WELL_FORMED_DEALS).chain((deal) => {
  const dealName = pick(deal.names as readonly unknown[]);
  const scenario = fc.oneof(pick(WELL_FORMED.scenario as readonly unknown[]), pick(deal.scenarios as readonly unknown[]));
  const priced = [...deal.dm, ...deal.yieldClasses];
  const common = { dealName, scenario, speed: pick(WELL_FORMED.speed as readonly unknown[]), horizon: pick(WELL_FORMED.horizon), price: pick(WELL_FORMED.price) };
  const calls: fc.Arbitrary<[string, unknown[]]>[] = [
    fc.tuple(common.dealName, pick(deal.dm), common.price, common.speed, common.horizon, common.scenario).map((a) => ['DMARGIN', a] as [string, unknown[]]),
    fc.tuple(common.dealName, pick(priced), common.price, common.speed, common.horizon, common.scenario).map((a) => ['MDUR', a] as [string, unknown[]]),
    fc.tuple(common.dealName, pick(priced), common.speed, common.horizon, common.scenario).map((a) => ['WAL', a] as [string, unknown[]]),
    fc.tuple(common.dealName, pick(priced), common.speed, common.horizon, common.scenario).map((a) => ['WINDOW', a] as [string, unknown[]]),
    fc.tuple(common.dealName, pick(priced), common.speed, common.horizon, common.scenario).map((a) => ['CASHFLOWS', a] as [string, unknown[]]),
    fc.tuple(common.dealName, pick(priced), pick([null, [[0, 100]], [[150]], [[0, 50, 100, 300]]] as readonly unknown[])).map((a) => ['DECREMENT', a] as [string, unknown[]]),
    fc.tuple(common.dealName, pick(deal.dm), fc.integer({ min: -50, max: 300 }), common.speed, common.horizon, common.scenario).map((a) => ['PRICE', a] as [string, unknown[]]),
    // Periods 1-6: every priced class is outstanding through period 6 at every speed above (1-A-1 retires in period 7 at 300%).
    fc.tuple(common.dealName, pick(priced), fc.integer({ min: 1, max: 6 }), common.speed, common.scenario).map((a) => ['NETRATECAP', a] as [string, unknown[]]),
    fc.tuple(common.dealName).map((a) => ['CLASSES', a] as [string, unknown[]]),
  ];
  if (deal.yieldClasses.length > 0) {
    calls.push(fc.tuple(common.dealName, pick(deal.yieldClasses), common.price, common.speed, common.horizon, common.scenario).map((a) => ['YIELD', a] as [string, unknown[]]));
    calls.push(fc.tuple(common.dealName, pick(deal.yieldClasses), fc.double({ min: 0.5, max: 9, noNaN: true }), common.speed, common.horizon, common.scenario).map((a) => ['PRICE', a] as [string, unknown[]]));
  }
  if (deal.io.length > 0) calls.push(fc.tuple(common.dealName, pick(deal.io), fc.integer({ min: 1, max: 400 })).map((a) => ['AIONOTIONAL', a] as [string, unknown[]]));
  return fc.oneof(...calls);
});
const wellFormedFoundation: fc.Arbitrary<[string, unknown[]]> = fc.oneof(
  fc.double({ min: 0, max: 100, noNaN: true }).map((c) => ['SMM', [c]] as [string, unknown[]]),
  fc.double({ min: 0, max: 100, noNaN: true }).map((c) => ['CPR', [c]] as [string, unknown[]]),
  fc.tuple(fc.double({ min: 0, max: 400, noNaN: true }), fc.integer({ min: 1, max: 480 })).map((a) => ['PPCCPR', a] as [string, unknown[]]),
  fc.tuple(pick(['100-00', '99-24+', '101-08', 99.765625, 101.25] as readonly unknown[]), pick([null, 'decimal', '32nds'] as readonly unknown[])).map((a) => ['QUOTE', a] as [string, unknown[]]),
);

describe('fuzz: every well-formed call returns a value, never an error', () => {
  it.each([
    ['deal functions', wellFormedCall, 200],
    ['foundation functions', wellFormedFoundation, 200],
  ] as const)('%s', (_name, calls, numRuns) => {
    fc.assert(
      fc.property(calls, ([id, args]) => {
        const result = callChecked(id, args);
        const where = `${id}(${describeArgs(args)})`;
        if (result instanceof FakeCustomFunctionsError) throw new Error(`${where}: well-formed, but the cell got ${result.code} ${result.message}`);
        const matrixResult = bundle.metadata.find((f) => f.id === id)?.result.dimensionality === 'matrix';
        if (matrixResult) return; // callChecked has checked the table
        if (id === 'QUOTE' && typeof result === 'string') return;
        if (typeof result !== 'number' || !Number.isFinite(result)) throw new Error(`${where}: expected a finite number, got ${String(result)}`);
      }),
      { seed: SEED + 2, numRuns },
    );
  });
});

afterAll(() => {
  // the timing the issue asks for: the slowest single call seen (first runs of a scenario included)
  console.log(`fuzz: ${calls} calls (${kinds.numbers} numbers, ${kinds.matrices} matrices, ${kinds.strings} strings, ${kinds.errors} errors), slowest ${slowest.ms.toFixed(0)} ms: ${slowest.id}(${slowest.args})`);
});
