/**
 * Issue 11: the command line's JSON contracts (architecture.md, "Contracts" → CLI) and its answers
 * to hostile input: exit code 2, a message on stderr, nothing on stdout.
 * Most cases call `main` in-process (stdout and stderr captured); two run the real command
 * through tsx to check the process exit code and that stdout is pure JSON.
 */
import { execFile } from 'child_process';
import path from 'path';
import { main } from '../../src/cli';
import { loadFunctionsBundle } from '../support/excelBundle';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with stdout / stderr captured. */
async function cli(...argv: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Runs the real command: `tsx src/cli.ts ...`. */
function spawnCli(...argv: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(TSX, ['src/cli.ts', ...argv], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface PriceJson {
  deal: string;
  settlement: string;
  price: string;
  speeds: number[];
  tables: {
    class: string;
    horizon: string;
    measure: string;
    speeds: number[];
    value: (number | null)[];
    wal: (number | null)[];
    mdur: (number | null)[];
    firstPrinPay: (string | null)[];
    lastPrinPay: (string | null)[];
  }[];
}

function checkPriceContract(json: PriceJson, deal: string, callWord: string, speeds: number[]): void {
  expect(Object.keys(json).sort()).toEqual(['deal', 'price', 'settlement', 'speeds', 'tables']);
  expect(json.deal).toBe(deal);
  expect(json.settlement).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(json.price).toBe('100-00');
  expect(json.speeds).toEqual(speeds);
  expect(json.tables.length).toBeGreaterThan(0);
  expect(new Set(json.tables.map((t) => t.horizon))).toEqual(new Set([callWord, 'maturity']));
  for (const t of json.tables) {
    expect(typeof t.class).toBe('string');
    expect(['DM', 'Yield']).toContain(t.measure);
    expect(t.speeds).toEqual(speeds);
    for (const key of ['value', 'wal', 'mdur', 'firstPrinPay', 'lastPrinPay'] as const) expect(t[key]).toHaveLength(speeds.length);
    speeds.forEach((_, i) => {
      if (t.value[i] === null) {
        // NA: the whole column is null
        for (const key of ['wal', 'mdur', 'firstPrinPay', 'lastPrinPay'] as const) expect(t[key][i]).toBeNull();
        return;
      }
      for (const key of ['value', 'wal', 'mdur'] as const) expect(Number.isFinite(t[key][i])).toBe(true);
      expect(t.firstPrinPay[i]).toMatch(YEAR_MONTH);
      expect(t.lastPrinPay[i]).toMatch(YEAR_MONTH);
      expect((t.firstPrinPay[i] as string) <= (t.lastPrinPay[i] as string)).toBe(true);
    });
  }
}

describe('price --format json', () => {
  it('CWALT: the contract, horizon words auction and maturity, unrounded values equal to the cells', async () => {
    const r = await cli('price', '--deal', 'cwalt-2004-j4', '--speeds', '0,100', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as PriceJson;
    checkPriceContract(json, 'cwalt-2004-j4', 'auction', [0, 100]);
    expect(json.settlement).toBe('2004-04-30');
    expect(json.tables.map((t) => t.class)).toEqual(expect.arrayContaining(['1-A-1', '1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6', '2-A', 'M-1', 'M-2', 'B']));
    expect(json.tables.find((t) => t.class === '1-A-IO')).toBeUndefined(); // no price table for the notional classes
    const a3 = json.tables.find((t) => t.class === '1-A-3' && t.horizon === 'auction');
    expect(a3?.measure).toBe('Yield');
    expect(a3?.wal[1]).not.toBe(Math.round((a3?.wal[1] ?? 0) * 100) / 100); // unrounded
    // the same engine as the custom functions: the same numbers
    const bundle = loadFunctionsBundle();
    expect(bundle.call('WAL', 'J4', '1-A-3', 100, 'auction')).toBeCloseTo(a3?.wal[1] as number, 12);
    expect(bundle.call('YIELD', 'J4', '1-A-3', '100-00', 100, 'auction')).toBeCloseTo(a3?.value[1] as number, 9);
    const m2 = json.tables.find((t) => t.class === 'M-2' && t.horizon === 'maturity');
    expect(m2?.measure).toBe('DM');
    expect(bundle.call('DMARGIN', 'J4', 'M-2', '100-00', 0, 'maturity')).toBeCloseTo(m2?.value[0] as number, 9);
  });

  it('Impac: horizon words call and maturity; the deal\'s printed speeds when --speeds is omitted', async () => {
    const r = await cli('price', '--deal', 'Impac 2004-1', '--format', 'json', '--horizon', 'both');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as PriceJson;
    checkPriceContract(json, 'impac-cmb-2004-1', 'call', [0, 80, 100, 150, 180]);
    expect(json.tables.map((t) => t.class)).toEqual(['A-1', 'A-2', 'M-1', 'M-2', 'M-3', 'M-4', 'A-1', 'A-2', 'M-1', 'M-2', 'M-3', 'M-4']);
  });

  it('--horizon and --price narrow and move the tables', async () => {
    const r = await cli('price', '--deal', 'J4', '--speeds', '100', '--horizon', 'maturity', '--price', '99-16', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as PriceJson;
    expect(json.price).toBe('99-16');
    expect(new Set(json.tables.map((t) => t.horizon))).toEqual(new Set(['maturity']));
    const par = JSON.parse((await cli('price', '--deal', 'J4', '--speeds', '100', '--horizon', 'maturity', '--format', 'json')).stdout) as PriceJson;
    const yieldAt = (j: PriceJson) => j.tables.find((t) => t.class === '1-A-3')?.value[0] as number;
    expect(yieldAt(json)).toBeGreaterThan(yieldAt(par)); // a discount price yields more
    expect((await cli('price', '--deal', 'J4', '--speeds', '100', '--horizon', 'auction', '--format', 'json')).code).toBe(0);
  });

  it('text format prints the tables', async () => {
    const r = await cli('price', '--deal', 'J4', '--speeds', '100', '--horizon', 'auction');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cwalt-2004-j4 {2}settle 2004-04-30 {2}price 100-00/);
    expect(r.stdout).toMatch(/1-A-3 {2}to auction {2}Yield/);
  });
});

describe('afr --format json', () => {
  it('Impac: 47 periods with forwardCurves and plus1000bp, unrounded', async () => {
    const r = await cli('afr', '--deal', 'impac-cmb-2004-1', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { deal: string; periods: { period: number; forwardCurves: number; plus1000bp: number }[] };
    expect(Object.keys(json).sort()).toEqual(['deal', 'periods']);
    expect(json.deal).toBe('impac-cmb-2004-1');
    expect(json.periods).toHaveLength(47);
    json.periods.forEach((p, i) => {
      expect(Object.keys(p).sort()).toEqual(['forwardCurves', 'period', 'plus1000bp']);
      expect(p.period).toBe(i + 1);
      expect(Number.isFinite(p.forwardCurves)).toBe(true);
      expect(Number.isFinite(p.plus1000bp)).toBe(true);
      expect(p.forwardCurves).toBeGreaterThan(0);
      expect(p.plus1000bp).toBeGreaterThanOrEqual(p.forwardCurves - 1e-9); // rates 1000 bp higher raise the cap
    });
    expect(json.periods.some((p) => p.forwardCurves !== Math.round(p.forwardCurves * 100) / 100)).toBe(true);
  });

  it('a deal that prints no Available Funds Rate schedule is refused', async () => {
    const r = await cli('afr', '--deal', 'J4', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^afr: deal: CWALT 2004-J4 prints no Available Rate schedule/);
  });
});

describe('fidelity --format json', () => {
  it('deals → matched / total / tables / misses', async () => {
    const r = await cli('fidelity', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      deals: Record<string, { matched: number; total: number; tables: Record<string, { matched: number; total: number }>; misses: Record<string, unknown>[] }>;
    };
    expect(Object.keys(json)).toEqual(['deals']);
    expect(Object.keys(json.deals).sort()).toEqual(['cwalt-2004-j4', 'impac-cmb-2004-1']);
    for (const d of Object.values(json.deals)) {
      expect(Object.keys(d).sort()).toEqual(['matched', 'misses', 'tables', 'total']);
      expect(d.matched).toBeLessThanOrEqual(d.total);
      expect(d.total - d.matched).toBe(d.misses.length);
      const tables = Object.values(d.tables);
      expect(tables.reduce((a, t) => a + t.total, 0)).toBe(d.total);
      expect(tables.reduce((a, t) => a + t.matched, 0)).toBe(d.matched);
      for (const m of d.misses) expect(Object.keys(m).sort()).toEqual(['field', 'measured', 'printed', 'row', 'table']);
    }
    const j4 = json.deals['cwalt-2004-j4'];
    expect(Object.keys(j4.tables)).toEqual(expect.arrayContaining(['pricingTables', 'classes', 'aioNotional']));
    expect(j4.tables.aioNotional).toEqual({ matched: 88, total: 88 });
    expect(Object.keys(json.deals['impac-cmb-2004-1'].tables)).toEqual(expect.arrayContaining(['pricingTables', 'classes', 'availableFundsRate', 'collateralSummary']));
  });
});

describe('hostile input: exit 2, a message on stderr, nothing on stdout', () => {
  const cases: [string[], RegExp][] = [
    [['price', '--deal', 'cwalt-2099-x1', '--format', 'json'], /deal: no deal "cwalt-2099-x1"; available: CWALT 2004-J4, Impac CMB 2004-1/],
    [['price', '--format', 'json'], /deal: expected a deal name/],
    [['price', '--deal', 'J4', '--speeds', 'a,b', '--format', 'json'], /speeds: expected speeds of 0 or more separated by commas, got "a"/],
    [['price', '--deal', 'J4', '--speeds', '-5', '--format', 'json'], /--speeds/],
    [['price', '--deal', 'J4', '--speeds=-5', '--format', 'json'], /speeds: expected speeds of 0 or more separated by commas, got "-5"/],
    [['price', '--deal', 'J4', '--speeds', '100,,150', '--format', 'json'], /speeds: /],
    [['price', '--deal', 'J4', '--speeds', '1e9', '--format', 'json'], /speed: expected a speed from 0 to 10000/],
    [['price', '--deal', 'J4', '--speeds', '10000', '--format', 'json'], /speed: expected at most 400% of the pricing speed \(10000% would be 2500% CPR/],
    [['price', '--deal', 'Impac 2004-1', '--speeds', '500', '--format', 'json'], /speed: expected at most 333% of the pricing speed \(500% would be 150% CPR/],
    [['bench', '--soak', 'lots'], /soak: expected a whole number of calls from 1 to 1000000, got lots/],
    [['bench', '--soak', '0'], /soak: expected a whole number of calls/],
    [['price', '--deal', 'J4', '--speeds', '', '--format', 'json'], /speeds: expected a list such as 0,80,100,120,150/],
    [['price', '--deal', 'J4', '--bogus', '1'], /Unknown option '--bogus'/],
    [['price', '--deal', 'J4', '--price', '99-40', '--format', 'json'], /price: expected 32nds from 00 to 31 after the "-" \(as in 99-24\), got "99-40"/],
    [['price', '--deal', 'J4', '--price', 'cheap', '--format', 'json'], /price: expected a price/],
    [['price', '--deal', 'J4', '--horizon', 'forever', '--format', 'json'], /horizon: expected "call"/],
    [['price', '--deal', 'J4', '--format', 'xml'], /format: expected json or text, got xml/],
    [['price', '--deal'], /argument missing|--deal/],
    [['fidelity', 'extra'], /Unexpected argument 'extra'/],
    [['frobnicate'], /^usage: one of/],
    [[], /^usage: one of/],
  ];

  it.each(cases)('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('the real command (tsx src/cli.ts)', () => {
  it('price --format json: exit 0 and stdout is exactly one JSON document', async () => {
    const r = await spawnCli('price', '--deal', 'cwalt-2004-j4', '--speeds', '0,100', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    checkPriceContract(JSON.parse(r.stdout) as PriceJson, 'cwalt-2004-j4', 'auction', [0, 100]);
  });

  it('hostile input: exit code 2, stderr only', async () => {
    const r = await spawnCli('price', '--deal', 'nope', '--speeds', 'a,b', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^price: deal: no deal "nope"/);
  });
});
