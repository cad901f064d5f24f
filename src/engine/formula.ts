/**
 * Named formulas over deal quantities (style.md, "Terms as data"; Hastructure's deal queries):
 * a deal states its targets, limits and tests (OC target and release, principal distribution
 * amount, applied loss, trigger) as expression trees over the quantities the engine keeps each
 * period. The engine compiles them once per terms into flat programs over its slots (./program.ts)
 * and evaluates them each period without allocating. A number is a constant; a comparison is 1 or 0; `if` takes its branch on
 * a non-zero `when`.
 */
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
  /** Each fund's cell, in the terms' order of funds. */
  readonly funds: readonly { readonly cents: number }[];
  readonly depositedCents: Float64Array;
  /** Each class's ledger (its balance now, cents), in the terms' order of classes. */
  readonly classes: readonly { readonly balance: number }[];
  /** Where a list of outputs (tests, recorded series) writes its values, in its order. */
  readonly outputs: Float64Array;
}

export interface Names {
  readonly funds: readonly FundId[];
  readonly classes: readonly ClassId[];
  /** Amounts in evaluation order: a formula may read only the amounts before it. */
  readonly amounts: readonly AmountId[];
  /** How many loan groups the formulas may read (`{ q, group }`, group below it). */
  readonly groups: number;
}

/** How many loan groups `formulas` read: one more than the highest group they name (0 when none). */
export function groupsRead(formulas: Iterable<Formula>): number {
  let groups = 0;
  const visit = (f: Formula): void => {
    if (typeof f !== 'object') return;
    if ('group' in f) groups = Math.max(groups, f.group + 1);
    if ('op' in f) {
      if (f.op === 'if') [f.when, f.then, f.else].forEach(visit);
      else if (f.op === 'share') [f.total, ...f.weights].forEach(visit);
      else if ('b' in f) [f.a, f.b].forEach(visit);
      else visit(f.a);
    }
  };
  for (const f of formulas) visit(f);
  return groups;
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
