import fs from 'fs';
import path from 'path';
import { projectPool } from '../../src/collateral/project';
import { feeTotalPct, netRatePct } from '../../src/collateral/repline';
import { summarizePool, type PoolSummary } from '../../src/collateral/summary';
import { COLLATERAL_SUMMARY, NEXT_ADJUSTMENT_DATE_ROWS, PRODUCT_TYPE_ROWS, STRAT_TOTAL_CELLS } from '../../src/deals/impac-cmb-2004-1/collateral-data';
import { impacPool, monthsToRoll } from '../../src/deals/impac-cmb-2004-1/collateral';
import { flatIndexPath } from '../../src/market/indices';
import { IMPAC_PRICING_LEVELS } from '../../src/market/levels2004';

const { lines: IMPAC_REP_LINES, derivation: IMPAC_POOL_DERIVATION } = impacPool();

/**
 * Impac CMB Trust 2004-1 term sheet (January 13, 2004), "Summary of Loans in Sample Calculation
 * Pool" and Appendix A strats, from shared/reference/impac-cmb-2004-1.json.
 */
interface StratJsonRow {
  description: string;
  balance: number;
  count: number;
  grossWac: number;
  netWac: number;
  remTerm: number;
  age: number;
}
interface ImpacJson {
  collateralSummary: { fields: Record<string, { label: string; value: number }> };
  strats: Record<string, { rows: StratJsonRow[]; total: StratJsonRow & { descriptionCell: string | null } }>;
}
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../shared/reference/impac-cmb-2004-1.json'), 'utf8')) as ImpacJson;
const printed = ref.collateralSummary.fields;

const summary = summarizePool(IMPAC_REP_LINES);
const arm = summary.arm!;

/** The value as it would print with `decimals` places. */
const atPrecision = (value: number, decimals: number): number => Number(value.toFixed(decimals));

describe('Impac CMB 2004-1 rep lines reproduce the printed collateral summary, at printed precision', () => {
  const figures: [key: string, decimals: number, rebuilt: (s: PoolSummary) => number][] = [
    ['totalOutstandingBalance', 0, (s) => s.balance],
    ['waMortgageRate', 3, (s) => s.waGrossRatePct],
    ['waMortgageRateNetLpmi', 3, (s) => s.waRateNetLpmiPct],
    ['netWac', 3, (s) => s.waNetRatePct],
    ['waGrossMargin', 3, () => arm.waMarginPct],
    ['waMonthsToFirstRoll', 0, () => arm.waMonthsToNextReset],
    ['waFirstPeriodicCap', 3, () => arm.waInitialCapPct],
    ['waSubsequentPeriodicCap', 3, () => arm.waPeriodicCapPct],
    ['waLifetimeCap', 3, () => arm.waLifetimeCapPct],
    ['waLifetimeFloor', 3, () => arm.waFloorPct],
    ['waOriginalTerm', 0, (s) => s.waOriginalTermMonths],
    ['waRemainingTerm', 0, (s) => s.waRemainingTermMonths],
    ['waAge', 0, (s) => s.waAgeMonths],
  ];

  it.each(figures)('%s', (key, decimals, rebuilt) => {
    expect(atPrecision(rebuilt(summary), decimals)).toBe(printed[key].value);
  });

  it('total balance to the dollar, exactly', () => {
    expect(summary.balance).toBe(1_000_000_040);
    for (const line of IMPAC_REP_LINES) expect(Number.isInteger(line.balance)).toBe(true);
  });

  it('every ARM line: all 100% of the pool is adjustable', () => {
    expect(arm.balance).toBe(summary.balance);
  });
});

describe('the derivation keeps the strats it was built from', () => {
  it('bundles the printed rows unchanged (collateral-data.ts = the reference JSON)', () => {
    const pick = (r: StratJsonRow) => ({ label: r.description, balance: r.balance, count: r.count, grossWacPct: r.grossWac, netWacPct: r.netWac, remainingTermMonths: r.remTerm, ageMonths: r.age });
    expect(NEXT_ADJUSTMENT_DATE_ROWS).toEqual(ref.strats.nextAdjustmentDate.rows.map(pick));
    expect(PRODUCT_TYPE_ROWS).toEqual(ref.strats.productType.rows.map(pick));
    for (const [key, figure] of Object.entries(COLLATERAL_SUMMARY)) expect(figure.value).toBe(printed[key].value);
    expect(String(STRAT_TOTAL_CELLS.waMarginPct)).toBe(ref.strats.margin.total.descriptionCell);
    expect(String(STRAT_TOTAL_CELLS.waMaximumRatePct)).toBe(ref.strats.maxRate.total.descriptionCell);
  });

  it('reproduces the loan-program table: balances to the dollar, age at printed precision, WACs within the two tables\' rounding', () => {
    // The product WACs are rebuilt from date rows printed to 3 decimals, so they can differ from
    // the printed product WAC by the two roundings (0.0005 each): 7/23 LIB6M comes out 6.17142
    // against a printed 6.172. Every other product matches at printed precision.
    const offByRounding: string[] = [];
    for (const row of ref.strats.productType.rows) {
      const lines = IMPAC_REP_LINES.filter((l) => l.product === row.description);
      const s = summarizePool(lines);
      expect([row.description, s.balance]).toEqual([row.description, row.balance]);
      expect([row.description, atPrecision(s.waAgeMonths, 2)]).toEqual([row.description, row.age]);
      for (const [rebuilt, print] of [[s.waGrossRatePct, row.grossWac], [s.waNetRatePct, row.netWac]]) {
        expect(Math.abs(rebuilt - print)).toBeLessThanOrEqual(0.001);
        if (atPrecision(rebuilt, 3) !== print) offByRounding.push(`${row.description} ${rebuilt.toFixed(5)} vs ${print}`);
      }
    }
    expect(offByRounding).toEqual(['7/23 LIB6M 6.17148 vs 6.172']);
  });

  it('keeps each Next Interest Adjustment Date row: balance (±$1 of printed rounding), WACs, age, months to roll', () => {
    for (const row of ref.strats.nextAdjustmentDate.rows) {
      const lines = IMPAC_REP_LINES.filter((l) => l.id.startsWith(`${row.description} `));
      const s = summarizePool(lines);
      expect(Math.abs(s.balance - row.balance)).toBeLessThanOrEqual(1);
      expect(Math.abs(s.waGrossRatePct - row.grossWac)).toBeLessThan(1e-4);
      expect(Math.abs(s.waNetRatePct - row.netWac)).toBeLessThanOrEqual(0.0005); // net floored at base fees where the printed strip rounds below them
      expect(Math.abs(s.waAgeMonths - row.age)).toBeLessThan(0.005);
      for (const line of lines) expect(line.arm?.monthsToNextReset).toBe(monthsToRoll(row.description));
    }
  });

  it('places the two moved loans the product table implies', () => {
    const moved = IMPAC_POOL_DERIVATION.movedLoans.filter((m) => m.row === '03/04' || m.row === '02/06');
    expect(moved.map((m) => [m.row, m.product, m.balance, m.ageMonths])).toEqual([
      ['03/04', '2/28 LIB6M', 139_785, 40], // the summary's oldest loan (age 40, remaining 320)
      ['02/06', '3/27 LIB6M', 472_500, 11], // the $472,500 loan of reference quirk Q22
    ]);
    expect(IMPAC_POOL_DERIVATION.balanceAdjustments.map((a) => Math.abs(a.dollars))).toEqual([1, 1, 1]);
  });

  it('splits the fee strip as the narrative says: 0.375 + 0.03 + 0.0043, the 0.50 servicing on 1.58%, LPMI ≈ 0.049%', () => {
    const fees = IMPAC_POOL_DERIVATION.fees;
    expect(fees.basePct).toBeCloseTo(0.4093, 12);
    expect(fees.servicingStepUpPct).toBeCloseTo(0.125 * 0.0158, 12);
    expect(atPrecision(summary.waLpmiPct, 3)).toBe(0.049); // "approximately 0.049%" (Impac TS, Premium Rate)
    expect(summary.waLpmiPct).toBeCloseTo(fees.lpmiPct, 12);
    const servicing = IMPAC_REP_LINES.reduce((s, l) => s + l.balance * l.fees.servicingPct, 0) / summary.balance;
    expect(servicing).toBeCloseTo(0.375 * 0.9842 + 0.5 * 0.0158, 12);
  });
});

describe('every rep line is physically sensible', () => {
  it.each(IMPAC_REP_LINES.map((l) => [l.id, l] as const))('%s', (_id, line) => {
    expect(line.originalTermMonths).toBe(360);
    expect(line.remainingTermMonths + line.ageMonths).toBe(360);
    expect(line.remainingTermMonths).toBeGreaterThanOrEqual(320); // summary range 320 to 360
    expect(line.grossRatePct).toBeGreaterThanOrEqual(3);
    expect(line.grossRatePct).toBeLessThanOrEqual(10.375); // summary range 3.000 to 10.375
    expect(netRatePct(line)).toBeCloseTo(line.grossRatePct - feeTotalPct(line.fees), 12);
    expect(line.fees.servicingPct).toBeGreaterThanOrEqual(0.375);
    expect(line.fees.servicingPct).toBeLessThanOrEqual(0.5);
    expect(line.fees.lpmiPct ?? 0).toBeGreaterThanOrEqual(0);
    const a = line.arm!;
    expect(a.lifetimeCapPct).toBeGreaterThan(line.grossRatePct);
    expect(a.floorPct).toBeLessThanOrEqual(line.grossRatePct);
    expect(a.initialCapPct).toBeGreaterThanOrEqual(1); // summary range 1.000 to 6.000
    expect(a.initialCapPct).toBeLessThanOrEqual(6);
    expect(a.periodicCapPct).toBeGreaterThanOrEqual(1); // summary range 1.000 to 2.500
    expect(a.periodicCapPct).toBeLessThanOrEqual(2.5);
    expect(a.monthsToNextReset).toBeGreaterThanOrEqual(1); // summary range 1 to 119
    expect(a.monthsToNextReset).toBeLessThanOrEqual(119);
  });

  it('the calibrated 2/28 and 3/27 caps lie between the market structures they average', () => {
    const c = IMPAC_POOL_DERIVATION.capCalibration;
    expect(c.products).toEqual(['2/28 LIB6M', '3/27 LIB6M']);
    expect(c.initialCapPct).toBeGreaterThan(1.5);
    expect(c.initialCapPct).toBeLessThan(3);
    expect(c.periodicCapPct).toBeGreaterThan(1);
    expect(c.periodicCapPct).toBeLessThan(1.5);
    expect(IMPAC_POOL_DERIVATION.lifetimeCapSpreadPct).toBeCloseTo(11.712 - summary.waGrossRatePct, 12);
  });
});

describe('the Impac pool projects', () => {
  const flows = projectPool(IMPAC_REP_LINES, { prepayment: { kind: 'cpr', cprPct: 30 }, indices: flatIndexPath(IMPAC_PRICING_LEVELS.levels) });

  it('starts at the Net WAC and conserves principal at the pricing speed', () => {
    expect(flows.periods).toBe(360);
    expect(atPrecision(flows.netRate[0], 3)).toBe(5.316);
    const principal = flows.scheduledPrincipal.reduce((s, x) => s + x, 0) + flows.prepayment.reduce((s, x) => s + x, 0);
    expect(principal).toBeCloseTo(1_000_000_040, 3);
  });

  it('rolls down toward index + margin as the ARMs reset on the flat January 13 levels', () => {
    // 6M LIBOR 1.17 + 3.477 = 4.647 → 4.625 after rounding: the 6-month ARMs reset within 7 periods.
    expect(flows.grossRate[10]).toBeLessThan(flows.grossRate[0]);
    expect(flows.grossRate[120]).toBeCloseTo(4.625, 2); // everything has reset by then (the 10/20s last, month 119)
  });
});
