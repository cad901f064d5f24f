/** CWALT 2004-J4 through the run layer's DealModel interface (src/deals/types.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CWALT_MODEL } from '../../src/deals/cwalt-2004-j4/model';
import { DEFAULT_SCENARIO } from '../../src/run/scenario';

const fixture: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'cwalt-2004-j4', 'cwalt-2004-j4.json'), 'utf8'));

describe('CWALT_MODEL', () => {
  it('describes the twelve classes as printed (p.3), the IO classes quoted by yield on their notional (issue 17)', () => {
    const d = CWALT_MODEL.description;
    expect(d.id).toBe('cwalt-2004-j4');
    expect(d.classes.map((c) => c.name)).toEqual(['1-A-1', '1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6', '1-A-IO', '2-A', '2-A-IO', 'M-1', 'M-2', 'B']);
    expect(d.classes.find((c) => c.name === '1-A-IO')).toMatchObject({ kind: 'interestOnly', measure: 'Yield', couponPct: 1.5 });
    expect(d.classes.find((c) => c.name === '1-A-2')).toMatchObject({ measure: 'Yield', couponPct: 3.108, accrual: '30/360', accruedDaysAtSettlement: 29 });
    expect(d.classes.find((c) => c.name === 'B')).toMatchObject({ measure: 'DM', marginPct: 2.25, accrual: 'act/360', accruedDaysAtSettlement: 0 });
    expect(d.pricingIndexLevels.libor1m).toBe(1.1);
  });

  it('runs the engine scenario: interest includes carryover, principal retires each class', () => {
    const run = CWALT_MODEL.run(DEFAULT_SCENARIO);
    expect(run.classes.size).toBe(12);
    expect(run.collateral).toHaveLength(2);
    const a3 = run.classes.get('1-A-3');
    expect(a3?.principal.reduce((a, b) => a + b, 0)).toBeCloseTo(64_219_000, 2);
    // 1-A-5 is capped in period 1 (Net Rate Cap < 5.225%); the carryover is paid the same day.
    const a5 = run.classes.get('1-A-5');
    expect(a5?.interest[0]).toBeCloseTo((27_954_000 * 5.225) / 1200, 1);
    // Net Rate Cap (p.6-7), period 1: (group 2 net rate 5.416 − 1.50% A-IO strip on a notional equal to the group) × 30/25 days.
    expect(run.rateCapPct.get('2-A')?.[0]).toBeCloseTo((5.416 - 1.5) * (30 / 25), 10);
  });

  it('maps indices and shifts onto the flat path', () => {
    const run = CWALT_MODEL.run({ ...DEFAULT_SCENARIO, shiftBp: 100, indices: { libor1m: 2 } });
    expect(run.classes.get('2-A')?.couponPct[0]).toBeCloseTo(3.25, 10);
  });

  it('gives the A-IO notional schedule and checks it against the printed table (p.6)', () => {
    expect(CWALT_MODEL.notionalSchedule?.('1-A-IO', 2)).toBe(277_692_501.26);
    expect(CWALT_MODEL.notionalSchedule?.('2-A-IO', 21)).toBe(67_928_194.63);
    expect(() => CWALT_MODEL.notionalSchedule?.('1-A-IO', 22)).toThrow(/schedules end after period 21/);
    const checks = CWALT_MODEL.referenceChecks?.(fixture) ?? [];
    expect(checks.length).toBeGreaterThanOrEqual(44);
    for (const c of checks) expect(Number((c.measured as number).toFixed(2))).toBe(c.printed);
  });
});
