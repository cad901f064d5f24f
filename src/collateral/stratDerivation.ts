/**
 * Building blocks of a pool derived from printed strats: groups of loans by strat row with their
 * product, loans carved out of one row into another product (keeping the row's balance-weighted
 * rates and age), the rate a carved loan needs for its product to match its printed WAC, and
 * the groups' balances reconciled to the printed product totals. A deal's derivation (e.g.
 * src/deals/impac-cmb-2004-1/collateral.ts) says which loans move, with its evidence.
 */
import { EngineError } from '../errors';

/** A group of loans while a derivation works on it; `age` may be fractional until split into lines. */
export interface StratGroup<P extends string> {
  readonly row: string;
  readonly product: P;
  balance: number;
  grossPct: number;
  netPct: number;
  age: number;
  readonly monthsToReset: number;
  readonly firstResetDone: boolean;
  readonly note?: string;
}

/** A loan (or loans) taken out of a strat row into another product. */
export interface MovedLoans<P extends string> {
  readonly row: string;
  readonly product: P;
  readonly balance: number;
  readonly ageMonths: number;
  readonly grossPct: number;
  readonly netPct: number;
  readonly firstResetDone: boolean;
  readonly evidence: string;
}

/** A printed strat row: its label, balance and WACs. */
export interface PrintedRow {
  readonly label: string;
  readonly balance: number;
  readonly grossWacPct: number;
  readonly netWacPct: number;
}

export function sum<T>(items: readonly T[], f: (item: T) => number): number {
  let s = 0;
  for (const item of items) s += f(item);
  return s;
}

/** Takes `moved` out of the group of its row (keeping the row's balance-weighted rates and age) and adds it as a group. */
export function carve<P extends string>(groups: StratGroup<P>[], moved: MovedLoans<P>, monthsToReset: number): void {
  const source = groups.find((g) => g.row === moved.row && g.note === undefined);
  if (source === undefined || source.balance <= moved.balance) {
    throw new EngineError('derivation', `row ${moved.row} cannot give ${moved.balance} to ${moved.product}`);
  }
  const rest = source.balance - moved.balance;
  source.grossPct = (source.balance * source.grossPct - moved.balance * moved.grossPct) / rest;
  source.netPct = (source.balance * source.netPct - moved.balance * moved.netPct) / rest;
  source.age = (source.balance * source.age - moved.balance * moved.ageMonths) / rest;
  source.balance = rest;
  groups.push({
    row: moved.row,
    product: moved.product,
    balance: moved.balance,
    grossPct: moved.grossPct,
    netPct: moved.netPct,
    age: moved.ageMonths,
    monthsToReset,
    firstResetDone: moved.firstResetDone,
    note: moved.evidence,
  });
}

/** Rate that makes `product`'s balance-weighted rate equal its printed row once a loan of `balance` joins it. */
export function solveRate<P extends string>(groups: readonly StratGroup<P>[], printed: PrintedRow, product: P, balance: number, field: 'grossPct' | 'netPct'): number {
  const members = groups.filter((g) => g.product === product);
  const target = field === 'grossPct' ? printed.grossWacPct : printed.netWacPct;
  const total = sum(members, (g) => g.balance) + balance;
  return (target * total - sum(members, (g) => g.balance * g[field])) / balance;
}

/** Printed product totals, to the dollar (rows carry $1 roundings): the difference goes to each product's largest group. */
export function matchProductTotals<P extends string>(groups: StratGroup<P>[], productRows: readonly PrintedRow[], toleranceDollars: number): { product: P; dollars: number }[] {
  const balanceAdjustments: { product: P; dollars: number }[] = [];
  for (const p of productRows) {
    const product = p.label as P;
    const members = groups.filter((g) => g.product === product);
    if (members.length === 0) throw new EngineError('derivation', `no lines for ${product}`);
    const diff = p.balance - sum(members, (g) => g.balance);
    if (Math.abs(diff) > toleranceDollars) throw new EngineError('derivation', `${product} lines differ from the printed total by $${diff}`);
    if (diff !== 0) {
      members.reduce((a, b) => (b.balance > a.balance ? b : a)).balance += diff;
      balanceAdjustments.push({ product, dollars: diff });
    }
  }
  return balanceAdjustments;
}
