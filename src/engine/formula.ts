/**
 * Named formulas over deal quantities (style.md, "Terms as data"; Hastructure's deal queries):
 * a deal states its targets, limits and tests (OC target and release, principal distribution
 * amount, applied loss, trigger) as expression trees over the quantities the engine keeps each
 * period. The engine compiles them once per run against its slots and evaluates them each period
 * without allocating. A number is a constant; a comparison is 1 or 0; `if` takes its branch on
 * a non-zero `when`.
 */
import { EngineError, unreachable } from '../errors';
import { allocateInto, toCents } from '../waterfall/cents';
import type { AmountId, ClassId, FundId } from '../waterfall/step';

/** What the engine knows each period (dollars unless the name says cents). */
export const QUANTITIES = [
  /** The distribution period, 1-based. */
  'period',
  /** 1 in the period of the optional redemption, else 0. */
  'isRedemption',
  /** Collateral balance before and after the period's principal, $ (all loan groups). */
  'poolBegin',
  'poolEnd',
  /** The collateral still backing the bonds after the period: 0 once redeemed, else `poolEnd`, $. */
  'collateralEnd',
  /** Weighted net mortgage rate of the collateral, %. */
  'poolNetRatePct',
  /** Cumulative realized losses of the collateral, $. */
  'cumulativeLoss',
  /** The bonds' balance before the period's distributions, cents. */
  'bondsBeginCents',
  /** The index rate of the period (1M LIBOR), %. */
  'indexPct',
  /** Days the classes accrue over this period (the deal's calendar term). */
  'days',
  /** Days of the accrual period (business-day adjusted pay dates) and between unadjusted pay dates. */
  'accrualDays',
  'unadjustedDays',
  /** The derivative contracts' cash of the period, $ (before rounding to cents). */
  'derivativePayments',
  'derivativeReceipts',
] as const;

export type Quantity = (typeof QUANTITIES)[number];

/** What the engine knows of each loan group (`{ q, group }`, group 0-based). */
export const GROUP_QUANTITIES = ['poolBegin', 'poolEnd', 'poolNetRatePct'] as const;
export type GroupQuantity = (typeof GROUP_QUANTITIES)[number];

type Binary = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max' | 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne' | 'and' | 'or';
type Unary = 'cents' | 'round' | 'floor' | 'not';

export type Formula =
  | number
  | { readonly q: Quantity }
  | { readonly q: GroupQuantity; readonly group: number }
  /** Cents in a fund now. */
  | { readonly fund: FundId }
  /** Cents deposited into a fund this period (after derivative payments came out of it). */
  | { readonly deposited: FundId }
  /** The classes' balances now, cents. */
  | { readonly balance: readonly ClassId[] }
  /** A named amount evaluated earlier in the period. */
  | { readonly amount: AmountId }
  /** The value a named amount had when last evaluated (the previous period's, before it is evaluated this period; 0 at first): a state that persists, such as a stepdown once reached. */
  | { readonly prior: AmountId }
  /** A schedule by period: `values[period − 1]`, 0 outside it. */
  | { readonly table: readonly number[] }
  | { readonly op: Binary; readonly a: Formula; readonly b: Formula }
  | { readonly op: 'if'; readonly when: Formula; readonly then: Formula; readonly else: Formula }
  /** `cents`: dollars to whole cents (half away from zero); `round`, `floor`: as Math; `not`: 1 for 0, else 0. */
  | { readonly op: Unary; readonly a: Formula }
  /** Share `index` of whole cents `total` split by `weights` (largest remainder, src/waterfall/cents.ts `allocate`). */
  | { readonly op: 'share'; readonly total: Formula; readonly weights: readonly Formula[]; readonly index: number };

/** What a compiled formula reads: the engine fills these before each evaluation. */
export interface FormulaContext {
  readonly quantities: Float64Array;
  /** Group g's quantity j at g × GROUP_QUANTITIES.length + j. */
  readonly groupQuantities: Float64Array;
  readonly amounts: Float64Array;
  readonly fundCents: (fund: number) => number;
  readonly depositedCents: Float64Array;
  readonly classBalanceCents: (classIndex: number) => number;
}

/** A formula with its names resolved to slots. */
export type Compiled =
  | { readonly k: 'n'; readonly v: number }
  | { readonly k: 'q'; readonly i: number }
  | { readonly k: 'gq'; readonly i: number }
  | { readonly k: 'table'; readonly values: Float64Array }
  | { readonly k: 'share'; readonly total: Compiled; readonly weights: readonly Compiled[]; readonly index: number; readonly scratch: Float64Array; readonly out: Float64Array }
  | { readonly k: 'fund'; readonly i: number }
  | { readonly k: 'deposited'; readonly i: number }
  | { readonly k: 'balance'; readonly classes: Int32Array }
  | { readonly k: 'amount'; readonly i: number }
  | { readonly k: 'op'; readonly op: Binary; readonly a: Compiled; readonly b: Compiled }
  | { readonly k: 'if'; readonly when: Compiled; readonly then: Compiled; readonly else: Compiled }
  | { readonly k: 'unary'; readonly op: Unary; readonly a: Compiled };

export interface Names {
  readonly funds: readonly FundId[];
  readonly classes: readonly ClassId[];
  /** Amounts in evaluation order: a formula may read only the amounts before it. */
  readonly amounts: readonly AmountId[];
}

function slot(list: readonly string[], name: string, what: string, where: string): number {
  const i = list.indexOf(name);
  if (i < 0) throw new EngineError(`terms.${where}`, `no ${what} "${name}"; expected one of ${list.join(', ')}`);
  return i;
}

/** Resolves a formula's names; `where` names it in errors; `before` is how many amounts it may read. */
export function compileFormula(f: Formula, names: Names, where: string, before = names.amounts.length): Compiled {
  if (typeof f === 'number') return { k: 'n', v: f };
  if ('q' in f && 'group' in f) return { k: 'gq', i: f.group * GROUP_QUANTITIES.length + slot(GROUP_QUANTITIES, f.q, 'group quantity', where) };
  if ('q' in f) return { k: 'q', i: slot(QUANTITIES, f.q, 'quantity', where) };
  if ('table' in f) return { k: 'table', values: Float64Array.from(f.table) };
  if ('prior' in f) return { k: 'amount', i: slot(names.amounts, f.prior, 'amount', where) };
  if ('fund' in f) return { k: 'fund', i: slot(names.funds, f.fund, 'fund', where) };
  if ('deposited' in f) return { k: 'deposited', i: slot(names.funds, f.deposited, 'fund', where) };
  if ('balance' in f) return { k: 'balance', classes: Int32Array.from(f.balance, (c) => slot(names.classes, c, 'class', where)) };
  if ('amount' in f) return { k: 'amount', i: slot(names.amounts.slice(0, before), f.amount, 'amount evaluated before', where) };
  switch (f.op) {
    case 'if':
      return { k: 'if', when: compileFormula(f.when, names, where, before), then: compileFormula(f.then, names, where, before), else: compileFormula(f.else, names, where, before) };
    case 'cents':
    case 'round':
    case 'floor':
    case 'not':
      return { k: 'unary', op: f.op, a: compileFormula(f.a, names, where, before) };
    case 'share':
      return { k: 'share', total: compileFormula(f.total, names, where, before), weights: f.weights.map((w) => compileFormula(w, names, where, before)), index: f.index, scratch: new Float64Array(f.weights.length), out: new Float64Array(f.weights.length) };
    default:
      return { k: 'op', op: f.op, a: compileFormula(f.a, names, where, before), b: compileFormula(f.b, names, where, before) };
  }
}

export function evaluate(c: Compiled, x: FormulaContext): number {
  switch (c.k) {
    case 'n':
      return c.v;
    case 'q':
      return x.quantities[c.i];
    case 'gq':
      return x.groupQuantities[c.i];
    case 'table': {
      const period = x.quantities[0];
      return period >= 1 && period <= c.values.length ? c.values[period - 1] : 0;
    }
    case 'share':
      return share(evaluate(c.total, x), c, x);
    case 'fund':
      return x.fundCents(c.i);
    case 'deposited':
      return x.depositedCents[c.i];
    case 'balance': {
      let total = 0;
      for (let j = 0; j < c.classes.length; j++) total += x.classBalanceCents(c.classes[j]);
      return total;
    }
    case 'amount':
      return x.amounts[c.i];
    case 'if':
      return evaluate(c.when, x) !== 0 ? evaluate(c.then, x) : evaluate(c.else, x);
    case 'unary':
      return unary(c.op, evaluate(c.a, x));
    case 'op':
      return binary(c.op, evaluate(c.a, x), evaluate(c.b, x));
    default:
      return unreachable(c);
  }
}

/** A share of a split; the node's own arrays hold the weights and shares, so nothing is allocated. */
function share(total: number, c: Extract<Compiled, { k: 'share' }>, x: FormulaContext): number {
  for (let i = 0; i < c.weights.length; i++) c.scratch[i] = evaluate(c.weights[i], x);
  return allocateInto(total, c.scratch, c.weights.length, c.out)[c.index];
}

function unary(op: Unary, a: number): number {
  switch (op) {
    case 'cents':
      return toCents(a);
    case 'round':
      return Math.round(a);
    case 'floor':
      return Math.floor(a);
    case 'not':
      return a === 0 ? 1 : 0;
    default:
      return unreachable(op);
  }
}

function binary(op: Binary, a: number, b: number): number {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
    case 'min':
      return Math.min(a, b);
    case 'max':
      return Math.max(a, b);
    case 'gt':
      return a > b ? 1 : 0;
    case 'ge':
      return a >= b ? 1 : 0;
    case 'lt':
      return a < b ? 1 : 0;
    case 'le':
      return a <= b ? 1 : 0;
    case 'eq':
      return a === b ? 1 : 0;
    case 'ne':
      return a !== b ? 1 : 0;
    case 'and':
      return a !== 0 && b !== 0 ? 1 : 0;
    case 'or':
      return a !== 0 || b !== 0 ? 1 : 0;
    default:
      return unreachable(op);
  }
}

/** Builders, so terms read as formulas: `min(a, b)`, `sub(q('poolEnd'), 5)`. */
export const q = (name: Quantity): Formula => ({ q: name });
export const amount = (name: AmountId): Formula => ({ amount: name });
export const fund = (name: FundId): Formula => ({ fund: name });
export const deposited = (name: FundId): Formula => ({ deposited: name });
export const balance = (classes: readonly ClassId[]): Formula => ({ balance: classes });
export const add = (a: Formula, b: Formula): Formula => ({ op: 'add', a, b });
export const sub = (a: Formula, b: Formula): Formula => ({ op: 'sub', a, b });
export const mul = (a: Formula, b: Formula): Formula => ({ op: 'mul', a, b });
export const div = (a: Formula, b: Formula): Formula => ({ op: 'div', a, b });
export const min = (a: Formula, b: Formula): Formula => ({ op: 'min', a, b });
export const max = (a: Formula, b: Formula): Formula => ({ op: 'max', a, b });
export const gt = (a: Formula, b: Formula): Formula => ({ op: 'gt', a, b });
export const le = (a: Formula, b: Formula): Formula => ({ op: 'le', a, b });
export const cents = (a: Formula): Formula => ({ op: 'cents', a });
export const round = (a: Formula): Formula => ({ op: 'round', a });
export const floor = (a: Formula): Formula => ({ op: 'floor', a });
export const not = (a: Formula): Formula => ({ op: 'not', a });
export const ge = (a: Formula, b: Formula): Formula => ({ op: 'ge', a, b });
export const lt = (a: Formula, b: Formula): Formula => ({ op: 'lt', a, b });
export const eq = (a: Formula, b: Formula): Formula => ({ op: 'eq', a, b });
export const ne = (a: Formula, b: Formula): Formula => ({ op: 'ne', a, b });
export const and = (a: Formula, b: Formula): Formula => ({ op: 'and', a, b });
export const or = (a: Formula, b: Formula): Formula => ({ op: 'or', a, b });
export const groupQ = (name: GroupQuantity, group: number): Formula => ({ q: name, group });
export const prior = (name: AmountId): Formula => ({ prior: name });
export const table = (values: readonly number[]): Formula => ({ table: values });
export const shareOf = (total: Formula, weights: readonly Formula[], index: number): Formula => ({ op: 'share', total, weights, index });
export const when = (test: Formula, then: Formula, otherwise: Formula): Formula => ({ op: 'if', when: test, then, else: otherwise });
