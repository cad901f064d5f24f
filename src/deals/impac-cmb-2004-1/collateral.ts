import { EngineError } from '../../errors';
import { lazy } from '../../engine/memo';
import { splitFractionalAge } from '../../collateral/build';
import type { ArmTerms, FeeStrips, RepLine } from '../../collateral/repline';
import { validateRepLines } from '../../collateral/repline';
import { carve, matchProductTotals, solveRate, sum, type MovedLoans as Moved, type StratGroup } from '../../collateral/stratDerivation';
import {
  COLLATERAL_SUMMARY,
  FEE_TERMS,
  NEXT_ADJUSTMENT_DATE_ROWS,
  PRODUCT_TYPE_ROWS,
  SAMPLE_POOL_DATE,
  STRAT_TOTAL_CELLS,
  type StratRow,
} from './collateral-data';
import { LIBOR_6M_HYBRIDS, PRODUCTS, type ImpacProduct } from './products';

export type { ImpacProduct } from './products';

/**
 * Impac CMB Trust 2004-1: the sample pool as rep lines, derived from the printed strats
 * (`collateral-data.ts`). README.md in this folder tells the derivation with its evidence; in short:
 *
 * 1. Backbone: one group per "Next Interest Adjustment Date" row (41). That table is the only
 *    strat that carries, per row, the balance, gross and net WAC, remaining term, age AND the
 *    reset timing, so the groups need no coupling for those.
 * 2. Product of each row from its implied fixed period, months to roll + age ≈ 6, 24, 36, 60, 84
 *    or 120 (6-month ARMs, 2/28, 3/27, 5/25, 7/23, 10/20 LIB6M). The product table then pins down
 *    where the other products sit (exact to the dollar): the 1-year-reset 3/1 and 5/1 loans carved
 *    out of the 12/06, 11/08 and 12/08 rows, one 2/28 loan past its first change in the 03/04 row,
 *    one seasoned 3/27 loan in the 02/06 row (the $472,500 loan of quirk Q22).
 * 3. Balances reconciled to the printed product totals (±$1 of printed rounding), so the pool adds
 *    to $1,000,000,040 exactly.
 * 4. Fractional WA ages split into two lines of adjacent whole ages (weights keep the WA).
 * 5. Fees: per line, the printed gross − net strip is 0.375 servicing + 0.03 master servicing +
 *    0.0043 trustee + what is left; what is left is shared between the 0.125 servicing step-up of
 *    the 1.58% at 0.50% and the LPMI premium in the pool's proportion.
 * 6. ARM terms the strats give only as marginal distributions (margin, maximum rate) or only as
 *    pool averages (caps, floor) are attached by an independence coupling: each line carries the
 *    pool's average (the maximum rate as a spread over the line's own gross rate), except the
 *    periodic caps, which follow the product's convention; the 2/28 and 3/27 group's caps are the
 *    one calibrated pair, solved to the printed WA first and subsequent periodic caps.
 */


/** Original term of every loan: the summary prints "WA Original Term 360, 360 to 360". */
const ORIGINAL_TERM = 360;

/** Index lookback of the rate change (ArmTerms): the LIBOR notes' "45 days before the change date". */
const LOOKBACK_MONTHS = 1;

/** What the derivation found and set, for the README, the tests and the fidelity report. */
export interface ImpacPoolDerivation {
  /** Step 2: loans moved out of their date row's implied product. */
  readonly movedLoans: readonly MovedLoans[];
  /** Step 3: dollars added to the largest line of a product to match its printed total. */
  readonly balanceAdjustments: readonly { readonly product: ImpacProduct; readonly dollars: number }[];
  /** Step 5: the pool's strip above the base fees, split into the servicing step-up and LPMI. */
  readonly fees: { readonly basePct: number; readonly excessPct: number; readonly servicingStepUpPct: number; readonly lpmiPct: number };
  /** Step 6. */
  readonly marginPct: number;
  readonly floorPct: number;
  readonly lifetimeCapSpreadPct: number;
  readonly capCalibration: { readonly products: readonly ImpacProduct[]; readonly initialCapPct: number; readonly periodicCapPct: number };
}

/** Months from the Sample Pool Calculation Date to a printed MM/YY change month (02/04 = 1). */
export function monthsToRoll(label: string): number {
  const m = /^(\d{2})\/(\d{2})$/.exec(label);
  if (m === null) throw new EngineError('nextAdjustmentDate', `expected MM/YY, got "${label}"`);
  return (2000 + Number(m[2]) - SAMPLE_POOL_DATE.year) * 12 + Number(m[1]) - SAMPLE_POOL_DATE.month;
}

/** The LIBOR 6M product whose fixed period is nearest months-to-roll + age. */
function impliedProduct(row: StratRow): ImpacProduct {
  const fixed = monthsToRoll(row.label) + row.ageMonths;
  let best = LIBOR_6M_HYBRIDS[0];
  for (const candidate of LIBOR_6M_HYBRIDS) if (Math.abs(candidate[0] - fixed) < Math.abs(best[0] - fixed)) best = candidate;
  return best[1];
}

function productRow(product: ImpacProduct): StratRow {
  const row = PRODUCT_TYPE_ROWS.find((r) => r.label === product);
  if (row === undefined) throw new EngineError('product', `no printed row for ${product}`, 'notAvailable');
  return row;
}

type Group = StratGroup<ImpacProduct>;
type MovedLoans = Moved<ImpacProduct>;
type Move = (m: MovedLoans) => void;

/** Step 1: one group per date row, product from the implied fixed period. */
function dateRowGroups(): Group[] {
  return NEXT_ADJUSTMENT_DATE_ROWS.map((row) => ({
    row: row.label,
    product: impliedProduct(row),
    balance: row.balance,
    grossPct: row.grossWacPct,
    netPct: row.netWacPct,
    age: row.ageMonths,
    monthsToReset: monthsToRoll(row.label),
    firstResetDone: false,
  }));
}

/** Step 2, one-year products. */
function moveOneYearProducts(move: Move): void {
  // 1-year-reset products: age 1.00 except 5/1 LIB12M (1.49), so they sit in the age-1 rows of
  // their change month (36 or 60 months after origination); 5/1 LIB12M is split 49/51 between the
  // age-2 (11/08) and age-1 (12/08) rows, which gives its printed WA age 1.49.
  for (const product of ['3/1 CMT1Y', '3/1 LIB12M'] as const) {
    const p = productRow(product);
    move({ row: '12/06', product, balance: p.balance, ageMonths: 1, grossPct: p.grossWacPct, netPct: p.netWacPct, firstResetDone: false, evidence: 'product table: age 1, first change at 36 months = 12/06' });
  }
  {
    const p = productRow('5/1 CMT1Y');
    move({ row: '12/08', product: '5/1 CMT1Y', balance: p.balance, ageMonths: 1, grossPct: p.grossWacPct, netPct: p.netWacPct, firstResetDone: false, evidence: 'product table: age 1, first change at 60 months = 12/08' });
    const q = productRow('5/1 LIB12M');
    const atAge2 = Math.round(q.balance * (q.ageMonths - 1));
    move({ row: '11/08', product: '5/1 LIB12M', balance: atAge2, ageMonths: 2, grossPct: q.grossWacPct, netPct: q.netWacPct, firstResetDone: false, evidence: 'product table: WA age 1.49 = 49% at age 2 (11/08)' });
    move({ row: '12/08', product: '5/1 LIB12M', balance: q.balance - atAge2, ageMonths: 1, grossPct: q.grossWacPct, netPct: q.netWacPct, firstResetDone: false, evidence: 'product table: 51% at age 1 (12/08)' });
  }
}

/** Step 2, the seasoned 2/28. */
function moveSeasoned228(groups: Group[], move: Move): void {
  // The 6-month-ARM rows (02/04 … 08/04) hold $139,785 more than the printed 30Y LIB6M total: one
  // 2/28 loan past its first change. Age 40 (rem 320): the summary's oldest loan (max age 40, min
  // remaining term 320); a 2/28 changes at 24, 30, 36, 42 months, so at age 40 its next change is
  // two months on, 03/04. Its rate is the one that gives the 30Y LIB6M row its printed 5.391; net
  // = gross − base fees (no LPMI on a seasoned loan).
  {
    const sixMonthRows = groups.filter((g) => g.product === '30Y LIB6M');
    const balance = sum(sixMonthRows, (g) => g.balance) - productRow('30Y LIB6M').balance;
    const row03 = groups.find((g) => g.row === '03/04');
    if (row03 === undefined) throw new EngineError('derivation', 'no 03/04 row');
    // Rate that leaves the 30Y LIB6M lines at the printed gross WAC once this loan leaves the 03/04 row.
    const printed = productRow('30Y LIB6M');
    const rest = printed.balance;
    const grossPct = (sum(sixMonthRows, (g) => g.balance * g.grossPct) - printed.grossWacPct * rest) / balance;
    move({
      row: '03/04',
      product: '2/28 LIB6M',
      balance,
      ageMonths: 40,
      grossPct,
      netPct: grossPct - BASE_FEES_PCT,
      firstResetDone: true,
      evidence: '6-month rows exceed the 30Y LIB6M total by this loan; age 40 = the summary maximum; next change 03/04 = 42 months',
    });
  }
}

/** Step 2, the seasoned 3/27. */
function moveSeasoned327(groups: Group[], move: Move): void {
  // The 02/06 row (40 loans, WA age 0.57) holds one seasoned 3/27 loan (Q22: the $472,500 loan with
  // months to roll 25): 472,500 × 11 / 9,138,200 = 0.57, so it is 11 months old and the other 39
  // are new; 11 + 25 = 36 months, a 3/27. Its balance is what the 3/27 total lacks; its rates are
  // what give the 3/27 row its printed gross and net WAC.
  {
    const members = groups.filter((g) => g.product === '3/27 LIB6M');
    const balance = productRow('3/27 LIB6M').balance - sum(members, (g) => g.balance);
    const row = NEXT_ADJUSTMENT_DATE_ROWS.find((r) => r.label === '02/06');
    if (row === undefined) throw new EngineError('derivation', 'no 02/06 row');
    move({
      row: '02/06',
      product: '3/27 LIB6M',
      balance,
      ageMonths: Math.round((row.ageMonths * row.balance) / balance),
      grossPct: solveRate(groups, productRow('3/27 LIB6M'), '3/27 LIB6M', balance, 'grossPct'),
      netPct: solveRate(groups, productRow('3/27 LIB6M'), '3/27 LIB6M', balance, 'netPct'),
      firstResetDone: false,
      evidence: 'Q22: one $472,500 loan dated 02/06 with months to roll 25; 3/27 total; row WA age 0.57',
    });
  }
}

/** Steps 5 and 6 (pool level): the strip above the base fees, margin, floor, maximum-rate spread, calibrated caps. */
function poolCalibration(groups: readonly Group[]) {
  // Step 5 (pool level): the strip above the base fees.
  const total = sum(groups, (g) => g.balance);
  const excess = sum(groups, (g) => g.balance * Math.max(0, g.grossPct - g.netPct - BASE_FEES_PCT)) / total;
  const [low, high] = FEE_TERMS.servicingTiers;
  const servicingStepUp = ((high.ratePct - low.ratePct) * high.poolPct) / 100;
  const stepUpShare = servicingStepUp / excess;

  // Step 6 (pool level): margin, floor, maximum-rate spread, calibrated caps.
  const waGross = sum(groups, (g) => g.balance * g.grossPct) / total;
  const lifetimeCapSpreadPct = STRAT_TOTAL_CELLS.waMaximumRatePct - waGross;
  const calibrated = (Object.keys(PRODUCTS) as ImpacProduct[]).filter((p) => PRODUCTS[p].caps === null);
  const calibratedBalance = sum(groups.filter((g) => calibrated.includes(g.product)), (g) => g.balance);
  const solveCap = (target: number, pick: (c: { initialPct: number; periodicPct: number }) => number): number => {
    const others = sum(groups, (g) => {
      const caps = PRODUCTS[g.product].caps;
      return caps === null ? 0 : g.balance * pick(caps);
    });
    return (target * total - others) / calibratedBalance;
  };
  const capCalibration = {
    products: calibrated,
    initialCapPct: solveCap(COLLATERAL_SUMMARY.waFirstPeriodicCap.value, (c) => c.initialPct),
    periodicCapPct: solveCap(COLLATERAL_SUMMARY.waSubsequentPeriodicCap.value, (c) => c.periodicPct),
  };
  return { total, excess, low, servicingStepUp, stepUpShare, lifetimeCapSpreadPct, capCalibration };
}

/** Step 4: the lines of a group, one per whole age of its fractional WA age. */
function groupLines(g: Group, c: ReturnType<typeof poolCalibration>, lines: RepLine[]): void {
  const { low, stepUpShare, capCalibration, lifetimeCapSpreadPct } = c;
  const strip = g.grossPct - g.netPct - BASE_FEES_PCT;
  const above = Math.max(0, strip);
  const fees: FeeStrips = {
    servicingPct: low.ratePct + above * stepUpShare,
    masterServicingPct: FEE_TERMS.masterServicingPct,
    trusteePct: FEE_TERMS.trusteePct,
    lpmiPct: above * (1 - stepUpShare),
  };
  const terms = PRODUCTS[g.product];
  const caps = terms.caps ?? { initialPct: capCalibration.initialCapPct, periodicPct: capCalibration.periodicCapPct };
  const parts = splitFractionalAge(g.age);
  let left = g.balance;
  parts.forEach((part, i) => {
    const balance = i === parts.length - 1 ? left : Math.round(g.balance * part.weight);
    left -= balance;
    if (balance <= 0) return;
    const arm: ArmTerms = {
      index: terms.index,
      marginPct: STRAT_TOTAL_CELLS.waMarginPct,
      monthsToNextReset: g.monthsToReset,
      resetFrequencyMonths: terms.resetFrequencyMonths,
      initialCapPct: caps.initialPct,
      periodicCapPct: caps.periodicPct,
      lifetimeCapPct: g.grossPct + lifetimeCapSpreadPct,
      floorPct: COLLATERAL_SUMMARY.waLifetimeFloor.value,
      roundingStepPct: 0.125,
      rounding: 'nearest',
      firstResetDone: g.firstResetDone,
      lookbackMonths: LOOKBACK_MONTHS,
    };
    lines.push({
      id: `${g.row} ${g.product}${parts.length > 1 ? ` age ${part.age}` : ''}`,
      product: g.product,
      balance,
      grossRatePct: g.grossPct,
      fees,
      originalTermMonths: ORIGINAL_TERM,
      remainingTermMonths: ORIGINAL_TERM - part.age,
      ageMonths: part.age,
      ioTermMonths: 0,
      arm,
    });
  });
}

export function deriveImpacPool(): { readonly lines: readonly RepLine[]; readonly derivation: ImpacPoolDerivation } {
  const groups = dateRowGroups();
  const moved: MovedLoans[] = [];
  const move: Move = (m) => {
    moved.push(m);
    carve(groups, m, monthsToRoll(m.row));
  };
  moveOneYearProducts(move);
  moveSeasoned228(groups, move);
  moveSeasoned327(groups, move);
  // Step 3: printed product totals, to the dollar (the rows carry $1 roundings).
  const balanceAdjustments = matchProductTotals(groups, PRODUCT_TYPE_ROWS, 5);
  const calibration = poolCalibration(groups);
  const lines: RepLine[] = [];
  for (const g of groups) groupLines(g, calibration, lines);
  validateRepLines(lines);
  const { excess, servicingStepUp, lifetimeCapSpreadPct, capCalibration } = calibration;
  return {
    lines,
    derivation: {
      movedLoans: moved,
      balanceAdjustments,
      fees: { basePct: BASE_FEES_PCT, excessPct: excess, servicingStepUpPct: servicingStepUp, lpmiPct: excess - servicingStepUp },
      marginPct: STRAT_TOTAL_CELLS.waMarginPct,
      floorPct: COLLATERAL_SUMMARY.waLifetimeFloor.value,
      lifetimeCapSpreadPct,
      capCalibration,
    },
  };
}

/** Servicing 0.375 + master servicing 0.03 + trustee 0.0043: the strip every loan pays (Impac TS, "Net Mortgage Rate"). */
const BASE_FEES_PCT = FEE_TERMS.servicingTiers[0].ratePct + FEE_TERMS.masterServicingPct + FEE_TERMS.trusteePct;

/**
 * The Impac CMB 2004-1 sample pool as rep lines (see `deriveImpacPool`) and the derivation's
 * findings and calibrated values: derived on first use, once (not when the module loads).
 */
export const impacPool = lazy(deriveImpacPool);

/** How many times the pool was derived (tests check it is lazy and once). */
export const impacPoolDerivations = (): number => impacPool.builds;
