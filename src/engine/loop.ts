/**
 * A deal's period loop (what run.ts runs each period, in order): its slots, ledgers, funds and
 * carried amounts, made once per terms object and started afresh by each run.
 */
import { compileSteps, runCompiled, type Calculations } from '../waterfall/apply';
import { accrueCents, toCents, toDollars } from '../waterfall/cents';
import { derivativeFlowInto, type DerivativePeriodFlow, type NotionalTiming } from '../waterfall/derivatives';
import { carryoverOutstanding, couponRateInto, unpaidWithInterest } from '../waterfall/interest';
import { beginPeriod, checkConservation, depositInto, fundCell, newLedger, newPeriodState, resetLedger, type ClassLedger, type FundCell, type PeriodState } from '../waterfall/state';
import { saveBranch } from './branch';
import { Collector } from './collections';
import { netRateOf, sumGroups, type PoolBalances, type RedemptionTiming } from './inputs';
import { anyOwed, notionalDue, total } from './owing';
import { QUANTITIES, type FormulaContext, type Quantity } from './formula';
import type { CompiledTerms } from './compiledTerms';
import { prepare } from './program';
import type { ClassOutputs, DealOutputs } from './outputs';
import type { EngineInput, EngineTerms, InterestOnlyClass, PrincipalClass } from './terms';

const Q = Object.fromEntries(QUANTITIES.map((name, i) => [name, i])) as Record<Quantity, number>;

const loops = new WeakMap<EngineTerms, PeriodLoop>();

/** A class's state in `PeriodLoop.dormant`. */
const OPEN = 0, DORMANT = 1, RETIRING = 2;

/** The period loop of a terms object, kept for its next run (`start`s it; runs are synchronous, one at a time). */
export function loopFor(terms: EngineTerms, compiled: CompiledTerms): PeriodLoop {
  let loop = loops.get(terms);
  if (!loop) loops.set(terms, (loop = new PeriodLoop(terms, compiled)));
  return loop;
}

/** The state of a run: its slots, ledgers and carried amounts, reused every period. */
export class PeriodLoop {
  /** The deal's amounts, the quantities and the loan groups' quantities are views of the register file (program.ts). */
  readonly registers: Float64Array;
  readonly quantities: Float64Array;
  readonly groupQuantities: Float64Array;
  /** 1 for an interest-only class (excluded from the bonds' balance, paid on its notional). */
  readonly interestOnly: Uint8Array;
  /**
   * DORMANT for a retired class owed nothing (most of a sequential deal's class-periods): its ledger
   * stays at zero; a period skips its reset, accrual and carry, writing only its cap (and its coupon
   * when the terms record a retired class's rate). RETIRING until the next period's `resetLedgers`.
   */
  readonly dormant: Uint8Array;
  readonly amountValues: Float64Array;
  readonly depositedCents: Float64Array;
  /** Each fund's cell, in the terms' order. */
  readonly fundCells: FundCell[];
  readonly collector: Collector;
  readonly ledgers: ClassLedger[];
  readonly carried: { balance: Float64Array; unpaid: Float64Array; carryover: Float64Array; loss: Float64Array };
  readonly state: PeriodState;
  readonly context: FormulaContext;
  readonly calculations: Calculations;
  readonly program: ReturnType<typeof compileSteps>;
  readonly rate = { ratePct: 0, uncappedPct: 0, capped: false };
  readonly derivative: DerivativePeriodFlow = { notional: 0, receipts: 0, payments: 0 };

  // What a period reads of the terms, as fields of the same kinds for every deal (the terms objects
  // differ in shape): code optimized on one deal's run is not thrown away on the other's.
  private readonly classes: EngineTerms['classes'];
  private readonly funds: readonly string[];
  private readonly couponOnAccrualDays: boolean;
  private readonly zeroWhenRetired: boolean;
  private readonly unpaidBearsInterest: boolean;
  /** The contracts' day count and notional timing (null for a deal without contracts). */
  private readonly derivativeOnAccrualDays: boolean;
  private readonly notionalTiming: NotionalTiming | null;

  // The run's inputs: set here and again by each run's `start`, so from the first run on they are
  // ordinary fields, not constants whose next value would throw away code optimized on them.
  input: EngineInput = { pools: [], indexPct: [], horizon: 'maturity', contracts: [] };
  timing: RedemptionTiming = { first: null, at: null, stepUpFrom: null };
  balances: PoolBalances = { begin: new Float64Array(0), end: new Float64Array(0) };
  accrualDays: Int32Array = new Int32Array(0);
  unadjustedDays: Int32Array = new Int32Array(0);
  /** The days the coupons and the contracts accrue on: one of the two above, chosen once a run (not a branch a period that each deal takes its own way). */
  couponDays: Int32Array = this.accrualDays;
  derivativeDays: Int32Array = this.accrualDays;
  /** False for a pricing run: the deal's and the recorded series are not computed, nor the classes' series pricing does not read (outputs.ts `PRICING_CLASS_SERIES`). */
  recordsAll = true;
  private scratch = new Float64Array(0);

  constructor(
    readonly terms: EngineTerms,
    readonly compiled: CompiledTerms,
  ) {
    const classes = terms.classes;
    this.classes = classes;
    this.funds = terms.funds;
    this.couponOnAccrualDays = terms.accrualDays === 'accrualDays';
    this.zeroWhenRetired = terms.couponOfRetiredClass === 'zero';
    this.unpaidBearsInterest = terms.unpaidInterestBearsInterest;
    this.derivativeOnAccrualDays = terms.derivatives?.days === 'accrualDays';
    this.notionalTiming = terms.derivatives?.notionalTiming ?? null;
    const { layout } = compiled;
    this.registers = new Float64Array(compiled.registers);
    this.amountValues = this.registers.subarray(0, layout.quantities);
    this.quantities = this.registers.subarray(layout.quantities, layout.groups);
    // The loan groups the formulas read (`compiled.groups`; runEngine checks the input has that many).
    this.groupQuantities = this.registers.subarray(layout.groups, layout.size);
    this.depositedCents = new Float64Array(terms.funds.length);
    this.collector = new Collector(terms);
    this.interestOnly = Uint8Array.from(classes, (c) => (c.coupon.kind === 'interestOnly' ? 1 : 0));
    this.dormant = new Uint8Array(classes.length);
    this.carried = { balance: new Float64Array(classes.length), unpaid: new Float64Array(classes.length), carryover: new Float64Array(classes.length), loss: new Float64Array(classes.length) };
    this.ledgers = classes.map((c, k) => newLedger(this.carried.balance[k], c.coupon.kind === 'interestOnly'));
    const byName = new Map<string, ClassLedger>(classes.map((c, k) => [c.name, this.ledgers[k]]));
    this.state = newPeriodState(0, byName);
    // Amount i and test j of the terms take slot i and j of the state's, before the steps open theirs.
    for (const name of compiled.amountNames) this.state.amounts.slot(name);
    for (const name of compiled.tests.names) this.state.tests.slot(name);
    this.program = compileSteps(terms.priority, this.state);
    this.fundCells = terms.funds.map((f) => fundCell(this.state, f));
    this.context = {
      quantities: this.quantities,
      groupQuantities: this.groupQuantities,
      amounts: this.amountValues,
      depositedCents: this.depositedCents,
      funds: this.fundCells,
      classes: this.ledgers,
      outputs: new Float64Array(compiled.outputs),
    };
    for (const p of compiled.programs) prepare(p, this.registers);
    this.calculations = Object.fromEntries(compiled.calculations.map((list) => [list.id, () => this.evaluateAmounts(list)]));
  }

  /** A scratch array of at least `length` for the series a pricing run writes and nobody reads. */
  discard(length: number): Float64Array {
    if (this.scratch.length < length) this.scratch = new Float64Array(length);
    return this.scratch;
  }

  /** Starts a run: the classes at their original balances, nothing owed, no amount or test evaluated yet. */
  start(input: EngineInput, timing: RedemptionTiming, balances: PoolBalances, accrualDays: Int32Array, unadjustedDays: Int32Array, recordsAll: boolean): this {
    this.input = input;
    this.recordsAll = recordsAll;
    this.collector.start(input.pools);
    this.timing = timing;
    this.balances = balances;
    this.accrualDays = accrualDays;
    this.unadjustedDays = unadjustedDays;
    this.couponDays = this.couponOnAccrualDays ? accrualDays : unadjustedDays;
    this.derivativeDays = this.derivativeOnAccrualDays ? accrualDays : unadjustedDays;
    this.classes.forEach((c, k) => (this.carried.balance[k] = c.coupon.kind === 'interestOnly' ? 0 : toCents(c.originalBalance)));
    this.carried.unpaid.fill(0);
    this.carried.carryover.fill(0);
    this.carried.loss.fill(0);
    this.dormant.fill(0);
    this.quantities.fill(0);
    this.amountValues.fill(0);
    this.state.amounts.clear();
    this.state.tests.clear();
    return this;
  }

  evaluateTests(): void {
    const { names, run } = this.compiled.tests;
    run(this.registers, this.context);
    const tests = this.state.tests.values;
    const outputs = this.context.outputs;
    for (let j = 0; j < names.length; j++) tests[j] = outputs[j] !== 0 ? 1 : 0;
  }

  record(i: number, recorded: Record<string, Float64Array>): void {
    const { names, run } = this.compiled.record;
    run(this.registers, this.context);
    for (let j = 0; j < names.length; j++) recorded[names[j]][i] = this.context.outputs[j];
  }

  evaluateAmounts(list: CompiledTerms['beforeInterest']): void {
    list.run(this.registers, this.context);
    const slots = list.stateSlots;
    const amounts = this.state.amounts.values;
    for (let j = 0; j < slots.length; j++) amounts[slots[j]] = this.amountValues[slots[j]];
  }

  /**
   * Runs periods `from` to `n` (the state is the one at the start of `from`), leaving a branch point
   * with its `series` where the first redemption period starts (branch.ts; not a closure a run).
   */
  run(n: number, from: number, flows: ClassOutputs[], out: DealOutputs, recorded: Record<string, Float64Array>, series: readonly Float64Array[]): number {
    let last = from - 1;
    for (let t = from; t <= n; t++) {
      if (t === this.timing.first && t > from) saveBranch(this.terms, this.input, t, this.timing.stepUpFrom, this, series);
      const bondsBegin = total(this.carried.balance);
      const i = t - 1;
      const isRedemption = this.timing.at === t;
      this.resetLedgers();
      this.setQuantities(t, bondsBegin, isRedemption);
      this.evaluateAmounts(this.compiled.beforeInterest);
      // Nothing left to pay: no balance, nothing owed, no interest-only notional this period (tested
      // in a run's first period too, so code optimized before the bonds are paid off has seen it).
      const paidOff = (bondsBegin <= 0 || t === from) && !anyOwed(this.carried) && !notionalDue(this.compiled, this.amountValues);
      if (bondsBegin <= 0 && paidOff) break;
      last = t;
      this.evaluateTests();
      this.accrue(t, flows);
      beginPeriod(this.state, t);
      this.collect(i, isRedemption);
      runCompiled(this.state, this.program, this.calculations);
      const check = checkConservation(this.state);
      if (check.undistributedCents !== 0) throw new Error(`period ${t}: ${check.undistributedCents} cents left in the funds`);
      this.carry(i, isRedemption, flows);
      if (this.recordsAll) {
        this.recordDeal(i, bondsBegin, check, out);
        this.record(i, recorded);
      }
      if (isRedemption) break;
    }
    return last;
  }

  /**
   * Each open ledger at its carried balance, nothing due or paid; a class retired last period becomes
   * dormant (a reset made only on retirement would be a call the compiler had not seen). Not a loop in
   * `run`: its code a period stays small, so it is compiled once, not also on the stack mid-run.
   */
  resetLedgers(): void {
    for (let k = 0; k < this.ledgers.length; k++) {
      const d = this.dormant[k];
      if (d === DORMANT) continue;
      resetLedger(this.ledgers[k], this.carried.balance[k]);
      this.dormant[k] = d === RETIRING ? DORMANT : OPEN;
    }
  }

  setQuantities(t: number, bondsBegin: number, isRedemption: boolean): void {
    const { pools, indexPct, contracts } = this.input;
    const i = t - 1;
    const q = this.quantities;
    const poolEnd = this.balances.end[i];
    q[Q.period] = t;
    q[Q.isRedemption] = isRedemption ? 1 : 0;
    q[Q.poolBegin] = this.balances.begin[i];
    q[Q.poolEnd] = poolEnd;
    q[Q.collateralEnd] = isRedemption ? 0 : poolEnd;
    q[Q.poolNetRatePct] = netRateOf(pools, i);
    q[Q.cumulativeLoss] += sumGroups(pools, 'loss', i);
    q[Q.bondsBeginCents] = bondsBegin;
    q[Q.indexPct] = indexPct[i];
    q[Q.days] = this.couponDays[i];
    const gq = this.groupQuantities;
    for (let g = 0; g < this.compiled.groups; g++) {
      gq[g * 3] = pools[g].beginBalance[i];
      gq[g * 3 + 1] = pools[g].endBalance[i];
      gq[g * 3 + 2] = pools[g].netRate[i];
    }
    q[Q.accrualDays] = this.accrualDays[i];
    q[Q.unadjustedDays] = this.unadjustedDays[i];
    const d = this.derivative;
    if (contracts.length > 0 && this.notionalTiming !== null) {
      derivativeFlowInto(contracts, { period: t, libor1mPct: indexPct[i], days: this.derivativeDays[i], bondBalance: bondsBegin / 100, timing: this.notionalTiming }, d);
    } else {
      d.notional = 0;
      d.receipts = 0;
      d.payments = 0;
    }
    q[Q.derivativePayments] = d.payments;
    q[Q.derivativeReceipts] = d.receipts;
  }

  /** Coupons and what each class is due this period. */
  accrue(t: number, flows: ClassOutputs[]): void {
    const i = t - 1;
    const days = this.couponDays[i];
    const stepped = this.timing.stepUpFrom !== null && t >= this.timing.stepUpFrom;
    const c = this.carried;
    const classes = this.classes;
    const zeroWhenRetired = this.zeroWhenRetired;
    const all = this.recordsAll;
    for (let k = 0; k < classes.length; k++) {
      const cls = classes[k];
      const l = this.ledgers[k];
      if (cls.coupon.kind === 'interestOnly') {
        this.accrueInterestOnly(cls as InterestOnlyClass, k, i, days, flows[k]);
        continue;
      }
      const capSlot = this.compiled.caps[k];
      const cap = capSlot < 0 ? Infinity : this.amountValues[capSlot];
      const f = flows[k];
      f.capPct[i] = cap;
      if (this.dormant[k] === DORMANT && zeroWhenRetired) continue; // its series are zeros already
      const rate = couponRateInto((cls as PrincipalClass).coupon, this.quantities[Q.indexPct], stepped, cap, this.rate);
      const yearFraction = cls.accrual === 'act/360' ? days / 360 : 30 / 360;
      l.interestDue = accrueCents(c.balance[k], rate.ratePct, yearFraction);
      l.unpaidInterestDue = unpaidWithInterest(c.unpaid[k], rate.ratePct, yearFraction, this.unpaidBearsInterest);
      l.carryoverDue = carryoverOutstanding(c.carryover[k], c.balance[k], rate, yearFraction, (cls as PrincipalClass).carryoverInterest);
      l.lossDue = c.loss[k];
      const retired = zeroWhenRetired && c.balance[k] <= 0;
      f.couponPct[i] = retired ? 0 : rate.ratePct;
      if (all) {
        f.uncappedCouponPct[i] = retired ? 0 : rate.uncappedPct;
        f.beginBalance[i] = c.balance[k] / 100;
        f.interestDue[i] = l.interestDue / 100;
      }
    }
  }

  /** An interest-only class: its notional and rate this period, interest on them, shortfalls carried. */
  accrueInterestOnly(cls: InterestOnlyClass, k: number, i: number, days: number, f: ClassOutputs): void {
    const rate = this.amountValues[this.compiled.ioRate[k]];
    const l = this.ledgers[k];
    l.balance = toCents(rate > 0 ? this.amountValues[this.compiled.ioNotional[k]] : 0);
    l.interestDue = accrueCents(l.balance, rate, cls.accrual === 'act/360' ? days / 360 : 30 / 360);
    l.unpaidInterestDue = this.carried.unpaid[k];
    f.couponPct[i] = rate;
    if (this.recordsAll) {
      f.uncappedCouponPct[i] = rate;
      f.beginBalance[i] = l.balance / 100;
      f.interestDue[i] = l.interestDue / 100;
    }
  }

  /** The collateral's cash into the funds, in cents, less derivative payments, plus receipts. */
  collect(i: number, isRedemption: boolean): void {
    this.collector.collect(i, isRedemption, this.derivative);
    const cents = this.collector.cents;
    for (let f = 0; f < cents.length; f++) {
      depositInto(this.state, this.funds[f], this.fundCells[f], cents[f]);
      this.depositedCents[f] = cents[f];
    }
  }

  carry(i: number, isRedemption: boolean, flows: ClassOutputs[]): void {
    const c = this.carried;
    const all = this.recordsAll;
    for (let k = 0; k < this.ledgers.length; k++) {
      if (this.dormant[k] === DORMANT) continue; // nothing paid, nothing owed: zeros, as its series hold
      const l = this.ledgers[k];
      const f = flows[k];
      // Locals, not the series: a pricing run's unrecorded series share one scratch array. Dollars by
      // one division (toDollars), fractional from the first period's principal on: one that had seen
      // only writedowns of 0 was compiled for whole results and thrown away at the first writedown.
      const interest = toDollars(l.paidInterest + l.paidUnpaidInterest);
      const carryover = toDollars(l.paidCarryover);
      const lossPaid = toDollars(l.paidLoss);
      f.principal[i] = toDollars(l.paidPrincipal);
      f.nonPrincipal[i] = interest + carryover + lossPaid;
      f.writedown[i] = toDollars(l.writedown);
      f.endBalance[i] = toDollars(l.balance);
      if (all) {
        f.interest[i] = interest;
        f.carryoverPaid[i] = carryover;
        f.lossReimbursed[i] = lossPaid;
        f.cashFlow[i] = toDollars(l.paidInterest + l.paidUnpaidInterest + l.paidPrincipal + l.paidCarryover + l.paidLoss);
      }
      if (this.interestOnly[k]) {
        // A notional is set each period from its schedule; only a shortfall of interest carries.
        c.unpaid[k] = isRedemption ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest + (l.interestDue - l.paidInterest);
        continue;
      }
      const balance = l.balance;
      // The redemption retires the bonds: what they were still owed is extinguished with them.
      const unpaid = isRedemption ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest + (l.interestDue - l.paidInterest);
      const carryoverLeft = isRedemption ? 0 : l.carryoverDue - l.paidCarryover;
      const loss = isRedemption ? 0 : l.lossDue - l.paidLoss;
      c.balance[k] = balance;
      c.unpaid[k] = unpaid;
      c.carryover[k] = carryoverLeft;
      c.loss[k] = loss;
      if (all) {
        f.unpaidInterestAfter[i] = toDollars(unpaid);
        f.carryoverAfter[i] = toDollars(carryoverLeft);
        f.lossAfter[i] = toDollars(loss);
      }
      // Each of the four tested every period (not only once the balance is 0), so code optimized
      // before a class retires has seen every test and is not thrown away when one does.
      const open = (balance !== 0 ? 1 : 0) + (unpaid !== 0 ? 1 : 0) + (carryoverLeft !== 0 ? 1 : 0) + (loss !== 0 ? 1 : 0);
      this.dormant[k] = open === 0 ? RETIRING : OPEN;
    }
  }

  recordDeal(i: number, bondsBegin: number, check: ReturnType<typeof checkConservation>, out: DealOutputs): void {
    const cash = this.collector.cash;
    out.indexPct[i] = this.quantities[Q.indexPct];
    out.bondBeginBalance[i] = bondsBegin / 100;
    out.bondEndBalance[i] = total(this.carried.balance) / 100;
    out.collateralEnd[i] = this.quantities[Q.collateralEnd];
    out.derivativeNotional[i] = this.derivative.notional;
    out.derivativeReceipts[i] = cash.receipts / 100;
    out.derivativePayments[i] = cash.paidOut / 100;
    out.derivativeShortfall[i] = cash.unfunded / 100;
    out.released[i] = check.releasedCents / 100;
    out.cashInCents[i] = check.depositedCents;
    out.paidCents[i] = check.paidCents;
    out.releasedCents[i] = check.releasedCents;
    out.roundingResidual[i] = this.terms.roundingResidual === 'perCollection' ? cash.perCollection : cash.inflowDollars - check.depositedCents / 100;
    out.redemptionProceeds[i] = cash.redemption / 100;
  }
}
