/**
 * The one period engine: runs any deal from its terms (terms.ts). Each period it
 *  1. sets the period's quantities (collateral, index, days, derivative cash) and evaluates the
 *     deal's `beforeInterest` amounts and tests (caps such as an Available Funds Rate);
 *  2. sets every class's coupon (index + margin or fixed, step-ups after an unexercised
 *     redemption, capped by its cap amount) and its interest, shortfall and carryover due;
 *  3. collects the collateral's cash into the named funds (rounded to cents, the remainder a
 *     named residual), less the derivative payments, plus the receipts;
 *  4. runs the priority of payments (src/waterfall `Step`s; `calculate` steps evaluate named formulas);
 *  5. checks that the cash is conserved to the cent, records the period and carries the balances.
 * One ledger per class, one period state and one buffer of outputs serve the whole run.
 */
import { EngineError } from '../errors';
import { compileSteps, flattenSteps, runCompiled, type Calculations, type CompiledStep } from '../waterfall/apply';
import { accrueCents, toCents } from '../waterfall/cents';
import { derivativeFlowInto, type DerivativePeriodFlow } from '../waterfall/derivatives';
import { carryoverOutstanding, couponRateInto, unpaidWithInterest } from '../waterfall/interest';
import { beginPeriod, checkConservation, depositInto, fundCell, newLedger, newPeriodState, resetLedger, type ClassLedger, type FundCell, type PeriodState } from '../waterfall/state';
import { restoreBranch, saveBranch } from './branch';
import { Collector } from './collections';
import { periodCalendar } from './calendar';
import { netRateOf, redemptionTiming, sumGroups, validateInput, type RedemptionTiming } from './inputs';
import { anyOwed, notionalDue, total } from './owing';
import { QUANTITIES, type FormulaContext, type Quantity } from './formula';
import { compileTerms, type CompiledTerms } from './compiledTerms';
import { prepare } from './program';
import { cutSeries, pricingSeries, runOutputs, type ClassOutputs, type DealOutputs, type EngineClassFlows, type EngineRun, type PricingRun, type RunOutputs } from './outputs';
import type { EngineInput, EngineTerms, InterestOnlyClass, PrincipalClass } from './terms';

const Q = Object.fromEntries(QUANTITIES.map((name, i) => [name, i])) as Record<Quantity, number>;

/**
 * Runs the deal's terms over the collateral flows. Pure: allocates its own arrays, never mutates
 * its inputs. `'pricing'` records each class's pricing series only (outputs.ts
 * `PRICING_CLASS_SERIES`): a third of the arrays, and no deal or recorded series computed; its
 * figures are the full run's.
 */
export function runEngine(terms: EngineTerms, input: EngineInput): EngineRun;
export function runEngine(terms: EngineTerms, input: EngineInput, outputs: 'pricing'): PricingRun;
export function runEngine(terms: EngineTerms, input: EngineInput, outputs: RunOutputs = 'all'): EngineRun | PricingRun {
  const n = validateInput(terms, input);
  const compiled = compileTerms(terms);
  if (input.pools.length < compiled.groups) throw new EngineError('pools', `${terms.name} reads ${compiled.groups} loan groups; expected that many, got ${input.pools.length}`);
  const calendar = periodCalendar(terms.dates.closing, terms.dates.firstPayment, n);
  const timing = redemptionTiming(terms, input, n);
  const full = terms.seriesLength === 'projection';
  const reach = full ? n : timing.at ?? n;
  const loop = loopFor(terms, compiled);
  const all = outputs === 'all';
  const { flows, out, recorded, series } = runOutputs(terms.classes.length, compiled.record.names, reach, all ? null : loop.discard(reach));
  loop.start(input, timing, calendar.accrualDays, calendar.unadjustedDays, all);
  const from = restoreBranch(terms, input, timing.first, timing.stepUpFrom, loop, series);
  const last = loop.run(n, from, flows, out, recorded, () => saveBranch(terms, input, timing.first as number, timing.stepUpFrom, loop, series));
  const length = full ? n : last;
  const run: PricingRun = {
    periods: last,
    payDates: (terms.payDates === 'unadjusted' ? calendar.unadjustedIsoDates : calendar.isoDates).slice(0, last),
    classes: all ? terms.classes.map((c, k) => ({ name: c.name, ...cutSeries(flows[k], length) })) : terms.classes.map((c, k) => pricingSeries(c.name, flows[k], length)),
    firstRedemptionPeriod: timing.first,
    redemptionPeriod: timing.at !== null && timing.at <= last ? timing.at : null,
    stepUpFromPeriod: timing.stepUpFrom,
  };
  if (!all) return run;
  return {
    ...cutSeries(out, length),
    ...run,
    accrualDays: calendar.accrualDays.slice(0, last),
    unadjustedDays: calendar.unadjustedDays.slice(0, last),
    classes: run.classes as EngineClassFlows[],
    series: cutSeries(recorded, length),
  };
}

type Flows = ClassOutputs;
type Out = DealOutputs;

const loops = new WeakMap<EngineTerms, PeriodLoop>();

/**
 * The period loop of a terms object, kept for its next run: a run starts it afresh (`start`) and
 * finishes before another begins (runs are synchronous).
 */
function loopFor(terms: EngineTerms, compiled: CompiledTerms): PeriodLoop {
  let loop = loops.get(terms);
  if (!loop) loops.set(terms, (loop = new PeriodLoop(terms, compiled)));
  return loop;
}

/** The state of a run: its slots, ledgers and carried amounts, reused every period. */
class PeriodLoop {
  /** The deal's amounts, the quantities and the loan groups' quantities are views of the register file (program.ts). */
  readonly registers: Float64Array;
  readonly quantities: Float64Array;
  readonly groupQuantities: Float64Array;
  /** 1 for an interest-only class (excluded from the bonds' balance, paid on its notional). */
  readonly interestOnly: Uint8Array;
  /**
   * 1 for a retired class that is owed nothing (a sequential deal's retired classes are most of
   * its class-periods): its ledger stays at zero, so a period skips its reset, accrual and carry,
   * writing only its cap (and its coupon when the terms record a retired class's rate).
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
  /** The compiled steps as a generated priority numbers them. */
  readonly flatSteps: readonly CompiledStep[];
  readonly rate = { ratePct: 0, uncappedPct: 0, capped: false };
  readonly derivative: DerivativePeriodFlow = { notional: 0, receipts: 0, payments: 0 };

  input!: EngineInput;
  timing!: RedemptionTiming;
  /** False for a pricing run: the deal's and the recorded series are not computed. */
  recordsAll = true;
  private scratch = new Float64Array(0);
  accrualDays!: Int32Array;
  unadjustedDays!: Int32Array;

  constructor(
    readonly terms: EngineTerms,
    readonly compiled: CompiledTerms,
  ) {
    const classes = terms.classes;
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
    this.flatSteps = flattenSteps(this.program.steps);
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
  start(input: EngineInput, timing: RedemptionTiming, accrualDays: Int32Array, unadjustedDays: Int32Array, recordsAll: boolean): this {
    this.input = input;
    this.recordsAll = recordsAll;
    this.collector.start(input.pools);
    this.timing = timing;
    this.accrualDays = accrualDays;
    this.unadjustedDays = unadjustedDays;
    this.terms.classes.forEach((c, k) => (this.carried.balance[k] = c.coupon.kind === 'interestOnly' ? 0 : toCents(c.originalBalance)));
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

  /** Runs periods `from` to `n` (the state is the one at the start of `from`); `branch` is told when the first redemption period starts. */
  run(n: number, from: number, flows: Flows[], out: Out, recorded: Record<string, Float64Array>, branch: () => void): number {
    let last = from - 1;
    for (let t = from; t <= n; t++) {
      if (t === this.timing.first && t > from) branch();
      const bondsBegin = total(this.carried.balance);
      const i = t - 1;
      const isRedemption = this.timing.at === t;
      for (let k = 0; k < this.ledgers.length; k++) if (this.dormant[k] === 0) resetLedger(this.ledgers[k], this.carried.balance[k]);
      this.setQuantities(t, bondsBegin, isRedemption);
      this.evaluateAmounts(this.compiled.beforeInterest);
      // Nothing left to pay: no balance, nothing owed, no interest-only notional this period.
      if (bondsBegin <= 0 && !anyOwed(this.carried) && !notionalDue(this.compiled, this.amountValues)) break;
      last = t;
      this.evaluateTests();
      this.accrue(t, flows);
      beginPeriod(this.state, t);
      this.collect(i, isRedemption);
      const priority = this.compiled.nativePriority;
      if (priority !== undefined) priority(this.state, this.flatSteps, this.calculations);
      else runCompiled(this.state, this.program, this.calculations);
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

  setQuantities(t: number, bondsBegin: number, isRedemption: boolean): void {
    const { pools, indexPct, contracts } = this.input;
    const i = t - 1;
    const q = this.quantities;
    const poolEnd = sumGroups(pools, 'endBalance', i);
    q[Q.period] = t;
    q[Q.isRedemption] = isRedemption ? 1 : 0;
    q[Q.poolBegin] = sumGroups(pools, 'beginBalance', i);
    q[Q.poolEnd] = poolEnd;
    q[Q.collateralEnd] = isRedemption ? 0 : poolEnd;
    q[Q.poolNetRatePct] = netRateOf(pools, i);
    q[Q.cumulativeLoss] += sumGroups(pools, 'loss', i);
    q[Q.bondsBeginCents] = bondsBegin;
    q[Q.indexPct] = indexPct[i];
    q[Q.days] = this.terms.accrualDays === 'accrualDays' ? this.accrualDays[i] : this.unadjustedDays[i];
    const gq = this.groupQuantities;
    for (let g = 0; g < this.compiled.groups; g++) {
      gq[g * 3] = pools[g].beginBalance[i];
      gq[g * 3 + 1] = pools[g].endBalance[i];
      gq[g * 3 + 2] = pools[g].netRate[i];
    }
    q[Q.accrualDays] = this.accrualDays[i];
    q[Q.unadjustedDays] = this.unadjustedDays[i];
    const d = this.derivative;
    if (contracts.length > 0 && this.terms.derivatives) {
      const days = this.terms.derivatives.days === 'accrualDays' ? this.accrualDays[i] : this.unadjustedDays[i];
      derivativeFlowInto(contracts, { period: t, libor1mPct: indexPct[i], days, bondBalance: bondsBegin / 100, timing: this.terms.derivatives.notionalTiming }, d);
    } else {
      d.notional = 0;
      d.receipts = 0;
      d.payments = 0;
    }
    q[Q.derivativePayments] = d.payments;
    q[Q.derivativeReceipts] = d.receipts;
  }

  /** Coupons and what each class is due this period. */
  accrue(t: number, flows: Flows[]): void {
    const i = t - 1;
    const days = this.terms.accrualDays === 'accrualDays' ? this.accrualDays[i] : this.unadjustedDays[i];
    const stepped = this.timing.stepUpFrom !== null && t >= this.timing.stepUpFrom;
    const c = this.carried;
    const classes = this.terms.classes;
    const zeroWhenRetired = this.terms.couponOfRetiredClass === 'zero';
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
      if (this.dormant[k] !== 0 && zeroWhenRetired) continue; // its series are zeros already
      const rate = couponRateInto((cls as PrincipalClass).coupon, this.quantities[Q.indexPct], stepped, cap, this.rate);
      const yearFraction = cls.accrual === 'act/360' ? days / 360 : 30 / 360;
      l.interestDue = accrueCents(c.balance[k], rate.ratePct, yearFraction);
      l.unpaidInterestDue = unpaidWithInterest(c.unpaid[k], rate.ratePct, yearFraction, this.terms.unpaidInterestBearsInterest);
      l.carryoverDue = carryoverOutstanding(c.carryover[k], c.balance[k], rate, yearFraction, (cls as PrincipalClass).carryoverInterest);
      l.lossDue = c.loss[k];
      const retired = zeroWhenRetired && c.balance[k] <= 0;
      f.couponPct[i] = retired ? 0 : rate.ratePct;
      f.uncappedCouponPct[i] = retired ? 0 : rate.uncappedPct;
      f.beginBalance[i] = c.balance[k] / 100;
      f.interestDue[i] = l.interestDue / 100;
    }
  }

  /** An interest-only class: its notional and rate this period, interest on them, shortfalls carried. */
  accrueInterestOnly(cls: InterestOnlyClass, k: number, i: number, days: number, f: Flows): void {
    const rate = this.amountValues[this.compiled.ioRate[k]];
    const l = this.ledgers[k];
    l.balance = toCents(rate > 0 ? this.amountValues[this.compiled.ioNotional[k]] : 0);
    l.interestDue = accrueCents(l.balance, rate, cls.accrual === 'act/360' ? days / 360 : 30 / 360);
    l.unpaidInterestDue = this.carried.unpaid[k];
    f.couponPct[i] = rate;
    f.uncappedCouponPct[i] = rate;
    f.beginBalance[i] = l.balance / 100;
    f.interestDue[i] = l.interestDue / 100;
  }

  /** The collateral's cash into the funds, in cents, less derivative payments, plus receipts. */
  collect(i: number, isRedemption: boolean): void {
    this.collector.collect(i, isRedemption, this.derivative);
    const cents = this.collector.cents;
    for (let f = 0; f < cents.length; f++) {
      depositInto(this.state, this.terms.funds[f], this.fundCells[f], cents[f]);
      this.depositedCents[f] = cents[f];
    }
  }

  carry(i: number, isRedemption: boolean, flows: Flows[]): void {
    const c = this.carried;
    for (let k = 0; k < this.ledgers.length; k++) {
      if (this.dormant[k] !== 0) continue; // nothing paid, nothing owed: zeros, as its series hold
      const l = this.ledgers[k];
      const f = flows[k];
      // Locals, not the series: a pricing run's unrecorded series share one scratch array.
      const interest = (l.paidInterest + l.paidUnpaidInterest) / 100;
      const carryover = l.paidCarryover / 100;
      const lossPaid = l.paidLoss / 100;
      f.interest[i] = interest;
      f.principal[i] = l.paidPrincipal / 100;
      f.carryoverPaid[i] = carryover;
      f.lossReimbursed[i] = lossPaid;
      f.nonPrincipal[i] = interest + carryover + lossPaid;
      f.writedown[i] = l.writedown / 100;
      f.cashFlow[i] = (l.paidInterest + l.paidUnpaidInterest + l.paidPrincipal + l.paidCarryover + l.paidLoss) / 100;
      f.endBalance[i] = l.balance / 100;
      if (this.interestOnly[k]) {
        // A notional is set each period from its schedule; only a shortfall of interest carries.
        c.unpaid[k] = isRedemption ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest + (l.interestDue - l.paidInterest);
        continue;
      }
      c.balance[k] = l.balance;
      // The redemption retires the bonds: what they were still owed is extinguished with them.
      c.unpaid[k] = isRedemption ? 0 : l.unpaidInterestDue - l.paidUnpaidInterest + (l.interestDue - l.paidInterest);
      c.carryover[k] = isRedemption ? 0 : l.carryoverDue - l.paidCarryover;
      c.loss[k] = isRedemption ? 0 : l.lossDue - l.paidLoss;
      f.unpaidInterestAfter[i] = c.unpaid[k] / 100;
      f.carryoverAfter[i] = c.carryover[k] / 100;
      f.lossAfter[i] = c.loss[k] / 100;
      if (c.balance[k] === 0 && c.unpaid[k] === 0 && c.carryover[k] === 0 && c.loss[k] === 0) {
        resetLedger(l, 0);
        this.dormant[k] = 1;
      }
    }
  }

  recordDeal(i: number, bondsBegin: number, check: ReturnType<typeof checkConservation>, out: Out): void {
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
