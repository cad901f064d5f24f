/**
 * Reusable waterfall primitives (architecture.md layer 4; README.md in this folder):
 * cents and allocation, the step interpreter, coupons with caps and carryover, principal
 * amounts (lockout, targets), overcollateralization, stepdown and triggers, losses, redemptions.
 */
export { accrueCents, allocate, allocateInto, centsToDollars, payProRata, payProRataInto, paySequential, paySequentialInto, toCents, toDollars } from './cents';
export { apply, compileSteps, runCompiled, runSteps, type Calculations, type CompiledSteps } from './apply';
export {
  STEP_KINDS,
  type AmountId,
  type CalculationId,
  type CarryoverOrder,
  type ClassId,
  type FundId,
  type InterestPart,
  type Order,
  type Step,
  type TestId,
} from './step';
export {
  amount,
  beginPeriod,
  checkConservation,
  deposit,
  fundBalance,
  fundCell,
  ledger,
  newLedger,
  newPeriodState,
  paidToClasses,
  resetLedger,
  testOf,
  undistributed,
  type ClassLedger,
  type FundCell,
  type PeriodState,
  type Posting,
  type PostingReason,
} from './state';
export { carryoverOutstanding, couponRate, netRateCap, toActual360, weightedCap, type CouponInputs, type CouponRate, type CouponTerms } from './interest';
export {
  cumulativeTarget,
  lockoutPercent,
  lockoutShare,
  paydownToTarget,
  sequentialToCumulativeTargets,
  type LockoutBand,
  type LockoutShareBasis,
} from './principal';
export { overcollateralization, type OcAmounts, type OcInputs } from './oc';
export {
  cumulativeLossLimitPct,
  cumulativeLossTriggered,
  delinquencyTriggered,
  stepdownTest,
  type LossTriggerBand,
  type StepdownInputs,
  type StepdownResult,
} from './triggers';
export { appliedRealizedLoss } from './losses';
export { firstEligiblePeriod, redemptionEligible, steppedUp, type RedemptionBalanceBasis, type StepUpStart } from './redemption';
