/**
 * What the hand-computed tests and the golden masters read from a run, in one place.
 *
 * Most of it comes through the run layer's stable interface: `resolveDeal(id).run(scenario)`, the
 * `DealRun` every shell prices from (class interest, principal, balance, writedown, coupon; the
 * rate cap of each class; the pay dates; the collateral projection per loan group). The states a
 * `DealRun` does not carry (Net Rate Carryover and Basis Risk Amounts paid and unpaid, OC target
 * and amount, Stepdown Date and Trigger Event, the 1-A-6 Lockout Percentage, the cash check and
 * the named rounding residual, derivative cash) are read from each deal's own run output by the
 * two functions below, and nowhere else: an engine that restructures the deals maps its output
 * here (same names, same units) and every test that uses them keeps working unchanged.
 */
import type { PoolFlows } from '../../src/collateral/types';
import type { DealRun } from '../../src/deals/types';
import { runCwalt } from '../../src/deals/cwalt-2004-j4';
import { runImpac } from '../../src/deals/impac-cmb-2004-1';
import { resolveDeal } from '../../src/run/registry';
import { normaliseScenario, type ScenarioInput } from '../../src/run/scenario';

/** Per-period states of a run beyond its class cash flows; period k at index k − 1, dollars unless named. */
export interface RunDetail {
  /** The run layer's view of the same scenario (what functions, the pane and the CLI price). */
  readonly run: DealRun;
  /** Cap carryover paid to each class in the period (CWALT Net Rate Carryover, Impac Basis Risk Amounts). */
  readonly carryoverPaid: ReadonlyMap<string, Float64Array>;
  /** Cap carryover still owed to each class after the period. */
  readonly carryoverUnpaid: ReadonlyMap<string, Float64Array>;
  readonly ocTarget: Float64Array;
  /** Collateral less the certificates (bonds) after the period. */
  readonly ocAmount: Float64Array;
  /** 1 from the Stepdown Date on (Impac has no stepdown: all 0). */
  readonly stepdown: ArrayLike<number>;
  /** 1 while a Trigger Event is in effect (Impac has none: all 0). */
  readonly trigger: ArrayLike<number>;
  /** Cash in (collateral cash, call or auction proceeds, derivative receipts less payments) as deposited, cents. */
  readonly depositedCents: Float64Array;
  readonly paidCents: Float64Array;
  /** Released to the residual holder (CWALT Class C, Impac Certificates), cents. */
  readonly releasedCents: Float64Array;
  /** Float dollars of cash in minus the whole cents deposited: the named rounding residual. */
  readonly roundingResidual: Float64Array;
  /** Cash in, float dollars, from the collateral projection and the redemption (and Impac's derivatives). */
  readonly cashInDollars: Float64Array;
  /**
   * How many of a period's cash-in amounts the run reports only in whole cents (Impac's derivative
   * receipts and payments, call proceeds), so `cashInDollars` can differ from the engine's float
   * inflow by up to half a cent for each; 0 for CWALT, whose cash in is all float dollars.
   */
  readonly centsOnlyInflows: Uint8Array;
  /** Periods the waterfall ran (the run's cash arrays are read up to here). */
  readonly waterfallPeriods: number;
}

export interface CwaltDetail extends RunDetail {
  /** 1-A-6 Lockout Percentage applied in the period (p.10). */
  readonly lockoutPct: Float64Array;
  readonly accrualDays: ArrayLike<number>;
}

export interface ImpacDetail extends RunDetail {
  readonly derivativeReceipts: Float64Array;
  readonly derivativePayments: Float64Array;
  /** Days of the bond accrual period (business-day adjusted pay dates). */
  readonly accrualDays: ArrayLike<number>;
}

export function cwaltDetail(input: ScenarioInput): CwaltDetail {
  const scenario = normaliseScenario(input);
  const run = resolveDeal('cwalt-2004-j4').run(scenario);
  const r = runCwalt(scenario);
  const carryoverPaid = new Map<string, Float64Array>();
  const carryoverUnpaid = new Map<string, Float64Array>();
  for (const f of r.classes) {
    carryoverPaid.set(f.name, f.carryoverPaid);
    carryoverUnpaid.set(f.name, f.carryoverAfter);
  }
  const [g1, g2] = r.collateral;
  const n = r.lastPeriod;
  const cashIn = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cashIn[i] = collateralCash(g1, i) + collateralCash(g2, i) + (r.redemptionPeriod === i + 1 ? g1.endBalance[i] + g2.endBalance[i] : 0);
  }
  return {
    run,
    carryoverPaid,
    carryoverUnpaid,
    ocTarget: r.series.ocTarget,
    ocAmount: r.series.ocAmount,
    stepdown: r.series.stepdown,
    trigger: r.series.trigger,
    lockoutPct: r.series.lockoutPct,
    // The days the floaters accrue over, as the readings count them.
    accrualDays: r.terms.accrualDays === 'accrualDays' ? r.accrualDays : r.unadjustedDays,
    depositedCents: r.cashInCents,
    paidCents: r.paidCents,
    releasedCents: r.releasedCents,
    roundingResidual: r.roundingResidual,
    cashInDollars: cashIn,
    centsOnlyInflows: new Uint8Array(n),
    waterfallPeriods: n,
  };
}

export function impacDetail(input: ScenarioInput): ImpacDetail {
  const scenario = normaliseScenario(input);
  const run = resolveDeal('impac-cmb-2004-1').run(scenario);
  const r = runImpac(scenario);
  const w = r.waterfall;
  const carryoverPaid = new Map<string, Float64Array>();
  const carryoverUnpaid = new Map<string, Float64Array>();
  for (const c of w.classes) {
    carryoverPaid.set(c.name, c.carryoverPaid);
    carryoverUnpaid.set(c.name, c.carryoverAfter);
  }
  const n = w.periods;
  const cashIn = new Float64Array(n);
  const centsOnly = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    centsOnly[i] = (w.derivativeReceipts[i] !== 0 ? 1 : 0) + (w.derivativePayments[i] !== 0 ? 1 : 0) + (w.redemptionProceeds[i] !== 0 ? 1 : 0);
    // What the trust could not pay the counterparty (deep credit stress) never came in.
    cashIn[i] = collateralCash(r.pool, i) + w.redemptionProceeds[i] + w.derivativeReceipts[i] - w.derivativePayments[i];
  }
  return {
    run,
    carryoverPaid,
    carryoverUnpaid,
    ocTarget: w.series.ocTarget,
    ocAmount: w.series.overcollateralization,
    stepdown: new Uint8Array(n),
    trigger: new Uint8Array(n),
    depositedCents: w.cashInCents,
    paidCents: w.paidCents,
    releasedCents: w.releasedCents,
    roundingResidual: w.roundingResidual,
    cashInDollars: cashIn,
    centsOnlyInflows: centsOnly,
    waterfallPeriods: n,
    derivativeReceipts: w.derivativeReceipts,
    derivativePayments: w.derivativePayments,
    accrualDays: w.accrualDays,
  };
}

/** A loan group's cash of a period: net interest, scheduled and prepaid principal, recoveries. */
export function collateralCash(pool: PoolFlows, i: number): number {
  return pool.netInterest[i] + pool.scheduledPrincipal[i] + pool.prepayment[i] + pool.recovery[i];
}
