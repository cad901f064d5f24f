/**
 * CWALT, Inc. Mortgage Pass-Through Certificates, Series 2004-J4: the term sheet as data.
 *
 * Source (every "p." below): Computational Materials dated April 6, 2004 (Exhibit 99.1 to the
 * Form 8-K), `shared/seeds/cwalt-2004-j4-term-sheet.txt`; page numbers are the printed folios
 * (p.3 = the "Preliminary Term Sheet" class table, p.11-15 = the Discount Margin/Yield tables).
 * Figures also transcribed in `shared/reference/cwalt-2004-j4.json`.
 *
 * Readings the materials leave open are named switches in `CWALT_READINGS` (defaults from
 * `shared/design/cwalt-readings.md`, each with its evidence). Figures printed "[TBD]" are
 * `null`: they never trip a test unless a scenario supplies a value.
 */
import type { PricingSpeed } from '../../scenario/pricingSpeed';
import type { LockoutBand } from '../../waterfall/principal';
import type { LossTriggerBand } from '../../waterfall/triggers';
import type { RedemptionBalanceBasis, StepUpStart } from '../../waterfall/redemption';
import type { LockoutShareBasis } from '../../waterfall/principal';
import { CWALT_PRICING_LEVELS, type SourcedIndexLevels } from '../../market/levels2004';

export const DEAL_ID = 'cwalt-2004-j4';

export const SOURCE = {
  document: 'CWALT, Inc. Mortgage Pass-Through Certificates, Series 2004-J4, Computational Materials dated April 6, 2004 (Exhibit 99.1)',
  file: 'shared/seeds/cwalt-2004-j4-term-sheet.txt',
} as const;

/** A class's coupon as printed. */
export type CwaltCoupon =
  /** One-month LIBOR + margin, act/360, settles flat (p.4 "Floating Rate Certificates", "Interest Accrual Period"). */
  | { readonly kind: 'floater'; readonly marginPct: number; readonly stepUpMultiplier: number }
  /** Fixed rate, 30/360, calendar-month accrual, accrued interest from April 1 (p.4 "Accrued Interest"). */
  | { readonly kind: 'fixed'; readonly couponPct: number; readonly stepUpPct: number }
  /** Interest only on a scheduled notional (p.5-6 "Class A-IO Certificate Rate"). */
  | { readonly kind: 'interestOnly'; readonly group: 1 | 2 };

export type CwaltClassId = '1-A-1' | '1-A-2' | '1-A-3' | '1-A-4' | '1-A-5' | '1-A-6' | '1-A-IO' | '2-A' | '2-A-IO' | 'M-1' | 'M-2' | 'B';

export interface CwaltClassTerms {
  readonly name: CwaltClassId;
  /** Original principal (or notional, for the A-IO classes), dollars. p.3 "Principal Amount". */
  readonly principal: number;
  /** 1 / 2 for a group's seniors, 'sub' for the subordinates backed by both groups (p.3 note 1). */
  readonly group: 1 | 2 | 'sub';
  readonly coupon: CwaltCoupon;
  /** Printed certificate type, p.3. */
  readonly type: string;
  /** Last Scheduled Distribution Date, p.3, 'YYYY-MM'. */
  readonly lastScheduled: string;
  /** Where the coupon or margin is printed. */
  readonly couponSource: string;
}

/**
 * Post-auction step-ups, p.3 note (2): "The margin on the Class 2-A Certificates double and the
 * margins on the Subordinate Certificates are equal to 1.5x the related original margin after
 * the Mandatory Auction date. The fixed rate coupons on the Class 1-A-4, Class 1-A-5 and Class
 * 1-A-6 Certificates increase by 0.50% after the Mandatory Auction date."
 */
export const STEP_UP = {
  seniorFloaterMultiplier: 2,
  subordinateMultiplier: 1.5,
  fixedIncreasePct: 0.5,
  fixedClasses: ['1-A-4', '1-A-5', '1-A-6'] as readonly CwaltClassId[],
  source: 'p.3 note (2)',
} as const;

/** The twelve classes in printed order (p.3); coupons and margins from the DM/Yield tables (p.11-15). */
export const CLASSES: readonly CwaltClassTerms[] = [
  { name: '1-A-1', principal: 119_257_000, group: 1, coupon: { kind: 'floater', marginPct: 0.16, stepUpMultiplier: 1 }, type: 'Floating Rate Senior', lastScheduled: '2024-04', couponSource: 'p.11 "Margin 0.160%"' },
  { name: '1-A-2', principal: 14_370_000, group: 1, coupon: { kind: 'fixed', couponPct: 3.108, stepUpPct: 0 }, type: 'Fixed Rate Sequential', lastScheduled: '2025-09', couponSource: 'p.11 "Coupon 3.108%"' },
  { name: '1-A-3', principal: 64_219_000, group: 1, coupon: { kind: 'fixed', couponPct: 3.8, stepUpPct: 0 }, type: 'Fixed Rate Sequential', lastScheduled: '2030-07', couponSource: 'p.12 "Coupon 3.800%"' },
  { name: '1-A-4', principal: 29_485_000, group: 1, coupon: { kind: 'fixed', couponPct: 4.924, stepUpPct: STEP_UP.fixedIncreasePct }, type: 'Fixed Rate Sequential', lastScheduled: '2032-04', couponSource: 'p.12 "Coupon 4.924%"' },
  { name: '1-A-5', principal: 27_954_000, group: 1, coupon: { kind: 'fixed', couponPct: 5.225, stepUpPct: STEP_UP.fixedIncreasePct }, type: 'Fixed Rate Sequential', lastScheduled: '2033-10', couponSource: 'p.13 "Coupon 5.225%"' },
  { name: '1-A-6', principal: 28_365_000, group: 1, coupon: { kind: 'fixed', couponPct: 4.43, stepUpPct: STEP_UP.fixedIncreasePct }, type: 'Fixed Rate Lockout', lastScheduled: '2033-08', couponSource: 'p.13 "Coupon 4.430%"' },
  { name: '1-A-IO', principal: 300_000_000, group: 1, coupon: { kind: 'interestOnly', group: 1 }, type: 'Interest Only NAS', lastScheduled: '2006-01', couponSource: 'p.6 A-IO table, 1.50%' },
  { name: '2-A', principal: 297_832_000, group: 2, coupon: { kind: 'floater', marginPct: 0.25, stepUpMultiplier: STEP_UP.seniorFloaterMultiplier }, type: 'Floating Rate Senior', lastScheduled: '2034-01', couponSource: 'p.14 "Margin 0.250%"' },
  { name: '2-A-IO', principal: 315_000_000, group: 2, coupon: { kind: 'interestOnly', group: 2 }, type: 'Interest Only NAS', lastScheduled: '2006-01', couponSource: 'p.6 A-IO table, 1.50%' },
  { name: 'M-1', principal: 14_452_000, group: 'sub', coupon: { kind: 'floater', marginPct: 0.6, stepUpMultiplier: STEP_UP.subordinateMultiplier }, type: 'Floating Rate Mezzanine', lastScheduled: '2033-06', couponSource: 'p.14 "Margin 0.600%"' },
  { name: 'M-2', principal: 11_685_000, group: 'sub', coupon: { kind: 'floater', marginPct: 1.3, stepUpMultiplier: STEP_UP.subordinateMultiplier }, type: 'Floating Rate Mezzanine', lastScheduled: '2033-03', couponSource: 'p.15 "Margin 1.300%"' },
  { name: 'B', principal: 7_381_000, group: 'sub', coupon: { kind: 'floater', marginPct: 2.25, stepUpMultiplier: STEP_UP.subordinateMultiplier }, type: 'Floating Rate Subordinate', lastScheduled: '2032-03', couponSource: 'p.15 "Margin 2.250 %"' },
];

/** p.3 "Total: $615,000,000 (7) Excludes the Class 1-A-IO and Class 2-A-IO balances." */
export const TOTAL_PRINCIPAL = 615_000_000;

/** Non-offered: p.3 "C / P Not Offered"; p.3 "Non-Offered Certificates ... Class C, Class P and Class A-R". Class C takes the residual (priority 6). */
export const RESIDUAL_CLASS = 'C';

export const GROUP1_SENIORS: readonly CwaltClassId[] = ['1-A-1', '1-A-2', '1-A-3', '1-A-4', '1-A-5', '1-A-6'];
export const GROUP2_SENIORS: readonly CwaltClassId[] = ['2-A'];
export const SUBORDINATES: readonly CwaltClassId[] = ['M-1', 'M-2', 'B'];

/**
 * Loan groups at the cut-off date, dollars. The materials print the deal (p.3: $615,000,000,
 * initial OC zero, p.7 note (1)) and the A-IO notionals (p.3 note (6): 300,000,000 and
 * 315,000,000), not the group balances of the final pool. Each group's seniors are 94.55% of
 * those figures (283,650,000 / 300,000,000 = 297,832,000 / 315,000,000 = 0.9455 = 1 − 5.45%
 * subordination, p.7 "Initial Subordination 5.80%" less the 0.35% OC target), so the A-IO period-1
 * notionals are the groups' cut-off balances.
 * The sample pool (p.5 "Mortgage Loans") was $620,070,822 = $301,991,649 (group 1, fixed) +
 * $318,079,173 (group 2, hybrid ARMs) as of April 1, 2004; kept for reference.
 */
export const GROUPS = {
  group1CutoffBalance: 300_000_000,
  group2CutoffBalance: 315_000_000,
  cutoffBalance: 615_000_000,
  samplePool: { total: 620_070_822, group1: 301_991_649, group2: 318_079_173, source: 'p.5 "Mortgage Loans"' },
  source: 'p.3 class table and note (6); p.7 note (1)',
} as const;

/** Dates (p.4). Settlement and closing were bracketed ("April [30], 2004"): preliminary. */
export const DATES = {
  /** p.4 "Cut-off Date: The later of April 1, 2004, or the origination date". */
  cutoff: '2004-04-01',
  /** p.4 "Expected Pricing Date: April [7], 2004"; the materials are dated April 6, 2004 (p.1). */
  pricing: '2004-04-07',
  materialsDated: '2004-04-06',
  /** p.4 "Expected Closing Date: April [30], 2004" (start of the floaters' first accrual period). */
  closing: '2004-04-30',
  /** p.4 "Expected Settlement Date: April [30], 2004". */
  settlement: '2004-04-30',
  /** p.4 "Distribution Date: The 25th day of each month (or, if not a business day, the next succeeding business day), commencing in May 2004." */
  firstDistribution: '2004-05-25',
  distributionDay: 25,
} as const;

/**
 * Accrual (p.4 "Accrued Interest", "Interest Accrual Period").
 * - Floaters (1-A-1, 2-A, M-1, M-2, B): actual/360 from the previous Distribution Date (the first:
 *   the Closing Date) to the day before the Distribution Date; settle flat; no delay.
 * - Fixed (1-A-2..1-A-6, A-IO): 30/360 over the calendar month before the Distribution Date;
 *   accrued interest from April 1, 2004 to settlement; paid on the 25th, a 24-day delay
 *   (conventions.md §4: the 25th of the month after the 1st, Intex "Delay 24").
 */
export const ACCRUAL = {
  floater: { basis: 'act/360', delayDays: 0, accruesFrom: 'previousDistributionDate', firstAccrualStart: '2004-04-30', settlesFlat: true },
  fixed: { basis: '30/360', delayDays: 24, accruesFrom: 'calendarMonth', accruedInterestFrom: '2004-04-01', settlesFlat: false },
  source: 'p.4 "Accrued Interest", "Interest Accrual Period"',
} as const;

/** p.6 "Maximum Rate: The "Maximum Rate" will be equal to 11.25%." */
export const MAXIMUM_RATE_PCT = 11.25;

/**
 * Class A-IO notional schedules and rates (p.6 table). Interest accrues on the lesser of the
 * notional and the related group's actual balance (p.5 "Pass-Through Rate"). Period 22 prints
 * notional 0.00 and rate "0" (reference quirk Q13): no A-IO interest from period 22 on.
 * The schedules decline geometrically at 60% CPR plus amortization (README.md, "Evidence").
 */
export const AIO = {
  ratePct: 1.5,
  lastPeriod: 21,
  /** [period, 1-A-IO notional, 2-A-IO notional], dollars, p.6. */
  schedule: [
    [1, 300000000.0, 315000000.0],
    [2, 277692501.26, 291745922.65],
    [3, 257042255.15, 270208058.38],
    [4, 237926243.47, 250259777.74],
    [5, 220230572.82, 231783792.34],
    [6, 203849798.26, 214671465.97],
    [7, 188686297.03, 198822176.47],
    [8, 174649688.69, 184142724.65],
    [9, 161656298.22, 170546786.85],
    [10, 149628658.86, 157954407.79],
    [11, 138495051.87, 146291530.88],
    [12, 128189080.28, 135489563.13],
    [13, 118649274.3, 125484972.2],
    [14, 109818725.96, 116218913.04],
    [15, 101644750.81, 107636882.23],
    [16, 94078574.67, 99688397.68],
    [17, 87075043.66, 92326702.01],
    [18, 80592355.65, 85508487.79],
    [19, 74591811.66, 79193643.07],
    [20, 69037585.69, 73345015.63],
    [21, 63896511.57, 67928194.63],
    [22, 0, 0],
  ] as readonly (readonly [number, number, number])[],
  source: 'p.6 "1-A-IO Notional Balance / 2-A-IO Notional Balance" table',
} as const;

/** Scheduled A-IO notional for `period` (dollars): 0 after the schedule ends. */
export function aioNotional(group: 1 | 2, period: number): number {
  const row = AIO.schedule[period - 1];
  if (!row || period > AIO.lastPeriod) return 0;
  return group === 1 ? row[1] : row[2];
}

/** A-IO rate for `period`, percent: 1.50 through period 21, then 0 (p.6). */
export function aioRatePct(period: number): number {
  return period >= 1 && period <= AIO.lastPeriod ? AIO.ratePct : 0;
}

/**
 * Overcollateralization (p.8 "Overcollateralization", "Overcollateralization Target"; p.7 note (1)):
 * zero at closing; before the November 2004 Distribution Date the target is zero; from then
 * 0.35% of the cut-off balance (615,000,000 × 0.35% = 2,152,500); it does not step down.
 * Excess Cashflow builds it "beginning on the payment date in November 2004" (p.9 priority 3).
 */
export const OVERCOLLATERALIZATION = {
  initial: 0,
  targetPctOfCutoff: 0.35,
  /** November 2004 = distribution period 7 (May 2004 = 1). */
  firstTargetPeriod: 7,
  firstTargetDate: '2004-11',
  stepsDown: false,
  source: 'p.8 "Overcollateralization Target"; p.9 priority 3)',
} as const;

/**
 * Subordination (p.7 Credit Enhancement table): initial (after the OC target is reached) and
 * target at the stepdown, percent of the collateral. The post-stepdown paydown (p.10): seniors to
 * 11.60% subordination, M-1 to 6.90%, M-2 to 3.10%, B to 0.70%, "each subject to the required
 * Overcollateralization Target".
 */
export const SUBORDINATION = {
  initialPct: { senior: 5.8, 'M-1': 3.45, 'M-2': 1.55, B: 0.35 },
  targetAtStepdownPct: { senior: 11.6, 'M-1': 6.9, 'M-2': 3.1, B: 0.7 },
  source: 'p.7 "Credit Enhancement" table; p.10 "Principal Paydown"',
} as const;

/**
 * Stepdown Date (p.9): the earlier of (i) the Distribution Date on which the seniors are reduced to
 * zero and (ii) the later of (a) the May 2007 Distribution Date (period 37) and (b) the first
 * Distribution Date on which the seniors are ≤ 88.40% of the collateral (100 − 11.60).
 */
export const STEPDOWN = {
  earliestPeriod: 37,
  earliestDate: '2007-05',
  seniorPctOfPool: 88.4,
  source: 'p.9 "Stepdown Date"',
} as const;

/**
 * Trigger Event (p.8): on or after the Stepdown Date, a Delinquency Trigger or a Cumulative Loss
 * Trigger. Both are printed with "[TBD]" figures, kept as null: never in effect unless a scenario
 * supplies them (or forces the trigger).
 */
export const TRIGGERS = {
  /** p.8 "Delinquency Trigger": "(a) [TBD] and (b) the three month rolling average 60+ day delinquency percentage". */
  delinquencyMultiplier: null as number | null,
  /** p.8 "Cumulative Loss Trigger" table: periods 37-48 ... 85+; every percentage "[TBD]". */
  cumulativeLoss: [
    { fromPeriod: 37, toPeriod: 48, startPct: null, annualIncrementPct: null },
    { fromPeriod: 49, toPeriod: 60, startPct: null, annualIncrementPct: null },
    { fromPeriod: 61, toPeriod: 72, startPct: null, annualIncrementPct: null },
    { fromPeriod: 73, toPeriod: 84, startPct: null, annualIncrementPct: null },
    { fromPeriod: 85, toPeriod: null, startPct: null, annualIncrementPct: null },
  ] as readonly LossTriggerBand[],
  source: 'p.8 "Trigger Event", "Delinquency Trigger", "Cumulative Loss Trigger"',
} as const;

/** Class 1-A-6 Lockout Percentage by Distribution Date period (p.10). "85 and after: 300%" as printed (reference quirk Q20). */
export const LOCKOUT: { readonly lockoutClass: CwaltClassId; readonly schedule: readonly LockoutBand[]; readonly source: string } = {
  lockoutClass: '1-A-6',
  schedule: [
    { fromPeriod: 1, toPeriod: 36, pct: 0 },
    { fromPeriod: 37, toPeriod: 60, pct: 45 },
    { fromPeriod: 61, toPeriod: 72, pct: 80 },
    { fromPeriod: 73, toPeriod: 84, pct: 100 },
    { fromPeriod: 85, toPeriod: null, pct: 300 },
  ],
  source: 'p.10 "Class 1-A Principal Distribution"',
};

/** p.9 "Allocation of Losses": realized losses not covered by excess interest or OC go to Class B, M-2, M-1, in that order. */
export const LOSS_ALLOCATION_ORDER: readonly CwaltClassId[] = ['B', 'M-2', 'M-1'];

/**
 * Redemptions (p.4): the Mandatory Auction once the collateral is ≤ 20% of the cut-off balance
 * (retires the Offered Certificates if the Reserve Price is met); the Master Servicer's Clean-up
 * Call at ≤ 10%.
 */
export const REDEMPTION = {
  auctionPctOfCutoff: 20,
  cleanUpCallPctOfCutoff: 10,
  source: 'p.4 "Mandatory Auction", "Optional Termination"',
} as const;

/**
 * Pricing Prepayment Speed (p.5): fixed-rate loans 100% PPC = 8% CPR in month 1, + 16/11% a month,
 * 24% CPR from month 12; hybrid ARMs 25% CPR.
 */
export const PRICING_SPEED: { readonly groups: readonly [PricingSpeed, PricingSpeed]; readonly source: string } = {
  groups: [
    { kind: 'ramp', curve: { startCprPct: 8, plateauCprPct: 24, plateauMonth: 12 } },
    { kind: 'cpr', cprPct: 25 },
  ],
  source: 'p.5 "Pricing Prepayment Speed"',
};

/**
 * Index levels held flat at the pricing date (percent). The materials print none; the one home
 * of index levels is `src/market/` (architecture.md): `CWALT_PRICING_LEVELS` = the fixings of
 * April 6, 2004 (the materials' date; expected pricing April [7]): 1M LIBOR 1.10 (FRED
 * USD1MTD156N; 1.10 every day Apr 5 - May 26, 2004), 6M LIBOR 1.23 (USD6MTD156N), 12M LIBOR 1.51
 * (USD12MD156N), 1Y CMT 1.31 (H.15 DGS1); `shared/reference/rates-2004.json`, conventions.md §13.
 */
export const INDEX_LEVELS: SourcedIndexLevels = CWALT_PRICING_LEVELS;

/**
 * How the senior principal targets split between the groups after the stepdown:
 * - `'aggregateWithGroupFloors'` (reading 5, default): while 0.884 × pool ≤ pool − OC target, each
 *   group's seniors are paid down to 88.4% of their group's collateral; otherwise to the group's
 *   collateral less 0.35% of the group's cut-off balance; limited by the group's principal funds;
 * - `'groupTargets'`: each group to min(88.4% × group, group − 0.35% × group cut-off);
 * - `'aggregateSplitByRemittance'`: one aggregate target, min(88.4% × pool, pool − OC target),
 *   the paydown split between the groups by their principal remittance.
 */
export type SeniorTargetReading = 'aggregateWithGroupFloors' | 'groupTargets' | 'aggregateSplitByRemittance';

/** Which senior balance the stepdown's 88.40% test measures: after the period's principal (reading 4) or before it. */
export type StepdownTestTiming = 'afterPrincipal' | 'beforePrincipal';

/** Which A-IO notional reduces the Net Rate Cap: the effective one interest accrues on (min of schedule and group balance) or the schedule as printed. */
export type AioCapNotional = 'effective' | 'scheduled';

/** Whether floater accrual days run between the unadjusted 25ths (Intex `BUSINESS_DAY NONE`) or business-day adjusted Distribution Dates. */
export type AccrualDates = 'unadjusted' | 'businessDayAdjusted';

/**
 * What happens to realized losses once every subordinate class is written off: the term sheet
 * allocates losses only to the subordinates (p.9). `'proRataSeniors'` writes the seniors down
 * pro rata by balance (the usual prospectus rule); `'none'` leaves the shortfall uncovered
 * (certificates exceed the collateral).
 */
export type SeniorLossReading = 'proRataSeniors' | 'none';

/** How OC-building principal (and released principal) is split between the groups: by principal remittance, or by collateral balance. */
export type ExtraPrincipalSplit = 'principalRemittance' | 'collateralBalance';

export interface CwaltReadings {
  /** Reading 2: the PPC ramp runs on loan age (WALA + period). */
  readonly ppcIndexing: 'loanAge' | 'dealPeriod';
  /** Reading 3: the auction (and clean-up call) tests the ending collateral balance. */
  readonly redemptionBalance: RedemptionBalanceBasis;
  /** Reading 4. */
  readonly stepdownTest: StepdownTestTiming;
  /** Reading 5. */
  readonly seniorTargets: SeniorTargetReading;
  /** Reading 6: 1-A-6 share = lockout % × 1-A-6 / all group 1 seniors × group 1 senior principal. */
  readonly lockoutShareBasis: LockoutShareBasis;
  /**
   * The principal the 1-A-6 share multiplies: the group 1 senior principal amount
   * (`'seniorPrincipal'`) or the group 1 Principal Distribution Amount (`'groupPrincipal'`, the
   * CWL "Class AF-6 Lockout Distribution Amount" wording), capped at the senior amount.
   */
  readonly lockoutPrincipalBasis: 'seniorPrincipal' | 'groupPrincipal';
  /** p.3 note (2) "after the Mandatory Auction date": the step-up starts the period after the first auction-eligible period. */
  readonly stepUpStart: StepUpStart;
  readonly aioCapNotional: AioCapNotional;
  readonly accrualDates: AccrualDates;
  readonly seniorLosses: SeniorLossReading;
  readonly extraPrincipalSplit: ExtraPrincipalSplit;
  /**
   * Whether the floaters' coupon is also capped at the Maximum Rate (the issue: "capped at the Net
   * Rate Cap and the Maximum Rate"); p.5 prints only LIBOR + margin and the Net Rate Cap, p.7 uses
   * the Maximum Rate to bound the carryover. Either way carryover never counts above 11.25%.
   */
  readonly maximumRateCapsCoupon: boolean;
}

/** The default readings (shared/design/cwalt-readings.md). */
export const CWALT_READINGS: CwaltReadings = {
  ppcIndexing: 'loanAge',
  redemptionBalance: 'ending',
  stepdownTest: 'afterPrincipal',
  seniorTargets: 'aggregateWithGroupFloors',
  lockoutShareBasis: 'seniorGroupBalance',
  lockoutPrincipalBasis: 'seniorPrincipal',
  stepUpStart: 'afterEligible',
  aioCapNotional: 'effective',
  accrualDates: 'unadjusted',
  seniorLosses: 'proRataSeniors',
  extraPrincipalSplit: 'principalRemittance',
  maximumRateCapsCoupon: true,
};
