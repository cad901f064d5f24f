import { feeTotalPct, type RepLine } from './repline';

/**
 * Balance-weighted pool statistics of a set of rep lines, as a term sheet's collateral summary
 * prints them (unrounded here; round at the printed precision to compare).
 */
export interface PoolSummary {
  readonly lineCount: number;
  /** Total balance, dollars. */
  readonly balance: number;
  readonly waGrossRatePct: number;
  /** WA net rate (gross − every fee strip). */
  readonly waNetRatePct: number;
  /** WA gross rate less the LPMI premium only ("WA Mortgage Rate Net LPMI"). */
  readonly waRateNetLpmiPct: number;
  /** WA LPMI premium rate over the whole pool. */
  readonly waLpmiPct: number;
  readonly waOriginalTermMonths: number;
  readonly waRemainingTermMonths: number;
  readonly waAgeMonths: number;
  /** ARM statistics over the ARM lines' balance; null when there are none. */
  readonly arm: ArmSummary | null;
}

export interface ArmSummary {
  /** ARM balance, dollars. */
  readonly balance: number;
  readonly waMarginPct: number;
  readonly waMonthsToNextReset: number;
  readonly waInitialCapPct: number;
  readonly waPeriodicCapPct: number;
  readonly waLifetimeCapPct: number;
  readonly waFloorPct: number;
}

export function summarizePool(lines: readonly RepLine[]): PoolSummary {
  let balance = 0;
  let gross = 0;
  let net = 0;
  let lpmi = 0;
  let original = 0;
  let remaining = 0;
  let age = 0;
  let armBalance = 0;
  let margin = 0;
  let mtr = 0;
  let initialCap = 0;
  let periodicCap = 0;
  let lifeCap = 0;
  let floor = 0;
  for (const line of lines) {
    const b = line.balance;
    balance += b;
    gross += b * line.grossRatePct;
    net += b * (line.grossRatePct - feeTotalPct(line.fees));
    lpmi += b * (line.fees.lpmiPct ?? 0);
    original += b * line.originalTermMonths;
    remaining += b * line.remainingTermMonths;
    age += b * line.ageMonths;
    const arm = line.arm;
    if (arm !== undefined) {
      armBalance += b;
      margin += b * arm.marginPct;
      mtr += b * arm.monthsToNextReset;
      initialCap += b * arm.initialCapPct;
      periodicCap += b * arm.periodicCapPct;
      lifeCap += b * arm.lifetimeCapPct;
      floor += b * arm.floorPct;
    }
  }
  return {
    lineCount: lines.length,
    balance,
    waGrossRatePct: gross / balance,
    waNetRatePct: net / balance,
    waRateNetLpmiPct: (gross - lpmi) / balance,
    waLpmiPct: lpmi / balance,
    waOriginalTermMonths: original / balance,
    waRemainingTermMonths: remaining / balance,
    waAgeMonths: age / balance,
    arm:
      armBalance > 0
        ? {
            balance: armBalance,
            waMarginPct: margin / armBalance,
            waMonthsToNextReset: mtr / armBalance,
            waInitialCapPct: initialCap / armBalance,
            waPeriodicCapPct: periodicCap / armBalance,
            waLifetimeCapPct: lifeCap / armBalance,
            waFloorPct: floor / armBalance,
          }
        : null,
  };
}
