/**
 * Formulas compiled once per terms into flat programs over a register file (a Float64Array):
 * each node writes one register, in evaluation order, so a period runs a list of amounts as one
 * loop over an Int32Array of instructions, with no closure calls and nothing allocated. `if`,
 * `and` and `or` jump over the branch they do not take, exactly as the formula tree evaluates
 * them (src/engine/formula.ts states the meaning; every result is bit-identical to it).
 *
 * The register file begins with the deal's amounts, then the quantities, then each loan group's
 * quantities (`registerLayout`): the engine keeps them there (its arrays are views of the file),
 * so reading a quantity or an amount is no instruction, and an amount's formula writes its own
 * register. An `if` on a comparison is one compare-and-jump.
 */
import { EngineError, unreachable } from '../errors';
import { allocateInto, toCents } from '../waterfall/cents';
import { GROUP_QUANTITIES, QUANTITIES, type Formula, type FormulaContext, type Names } from './formula';

const enum Op {
  FUND, DEP, BAL, TABLE, SHARE, OUT, MOV, ZERO, ONE, JZ, JNZ, JMP, NZ,
  ADD, SUB, MUL, DIV, MIN, MAX, GT, GE, LT, LE, EQ, NE, CENTS, ROUND, FLOOR, NOT,
  /** Jump to `d` unless the comparison holds (the `if` of a comparison). */
  JNGT, JNGE, JNLT, JNLE, JNEQ, JNNE,
  /** `d = a ≠ 0 ? b : c`, c the first word of the next four (an `if` between two values that need no code). */
  SEL,
}

const BINARY = { add: Op.ADD, sub: Op.SUB, mul: Op.MUL, div: Op.DIV, min: Op.MIN, max: Op.MAX, gt: Op.GT, ge: Op.GE, lt: Op.LT, le: Op.LE, eq: Op.EQ, ne: Op.NE } as const;
const UNARY = { cents: Op.CENTS, round: Op.ROUND, floor: Op.FLOOR, not: Op.NOT } as const;
const JUMP_UNLESS = { gt: Op.JNGT, ge: Op.JNGE, lt: Op.JNLT, le: Op.JNLE, eq: Op.JNEQ, ne: Op.JNNE } as const;

/** Where the amounts, the quantities and the loan groups' quantities sit in a register file of `names`, and the first free register. */
export interface RegisterLayout {
  readonly quantities: number;
  readonly groups: number;
  readonly size: number;
}

export function registerLayout(names: Names): RegisterLayout {
  const quantities = names.amounts.length;
  const groups = quantities + QUANTITIES.length;
  return { quantities, groups, size: groups + names.groups * GROUP_QUANTITIES.length };
}

interface Share {
  readonly total: number;
  readonly weights: Int32Array;
  readonly scratch: Float64Array;
  readonly out: Float64Array;
  readonly index: number;
}

/** Instructions of four words (op, destination, a, b) with their tables and shares; constants sit in registers of their own, filled once by `prepare`. */
export interface Program {
  readonly layout: RegisterLayout;
  readonly code: Int32Array;
  readonly constants: Float64Array;
  readonly constantRegisters: Int32Array;
  readonly tables: readonly Float64Array[];
  readonly balances: readonly Int32Array[];
  readonly shares: readonly Share[];
  readonly registers: number;
}

function slot(list: readonly string[], name: string, what: string, where: string): number {
  const i = list.indexOf(name);
  if (i < 0) throw new EngineError(`terms.${where}`, `no ${what} "${name}"; expected one of ${list.join(', ')}`);
  return i;
}

/** Builds one program; `add` appends a formula and returns its register. */
export class ProgramBuilder {
  private readonly code: number[] = [];
  private readonly constants: number[] = [];
  private readonly constantRegisters: number[] = [];
  private readonly tables: Float64Array[] = [];
  private readonly balances: Int32Array[] = [];
  private readonly shares: Share[] = [];
  private readonly layout: RegisterLayout;
  /** `registers` may be shared by the builders of one terms, so their programs can share one register file (its next free register, past the layout). */
  constructor(
    private readonly names: Names,
    private readonly registers: { next: number } = { next: registerLayout(names).size },
  ) {
    this.layout = registerLayout(names);
    if (registers.next < this.layout.size) throw new Error('the registers of a program start past its layout');
  }

  private emit(op: Op, d: number, a = 0, b = 0): number {
    this.code.push(op, d, a, b);
    return this.code.length - 4;
  }

  private reg(): number {
    return this.registers.next++;
  }

  /** Appends `f`'s code; `before` is how many amounts it may read. */
  add(f: Formula, where: string, before = this.names.amounts.length): number {
    const names = this.names;
    if (typeof f === 'number') {
      const d = this.reg();
      this.constants.push(f);
      this.constantRegisters.push(d);
      return d;
    }
    if ('q' in f && 'group' in f) {
      if (!(Number.isInteger(f.group) && f.group >= 0 && f.group < names.groups)) throw new EngineError(`terms.${where}`, `no loan group ${f.group}; expected 0 to ${names.groups - 1}`);
      return this.layout.groups + f.group * GROUP_QUANTITIES.length + slot(GROUP_QUANTITIES, f.q, 'group quantity', where);
    }
    if ('q' in f) return this.layout.quantities + slot(QUANTITIES, f.q, 'quantity', where);
    if ('prior' in f) return slot(names.amounts, f.prior, 'amount', where);
    if ('amount' in f) return slot(names.amounts.slice(0, before), f.amount, 'amount evaluated before', where);
    const d = this.reg();
    if ('table' in f) {
      this.tables.push(Float64Array.from(f.table));
      this.emit(Op.TABLE, d, this.tables.length - 1, this.layout.quantities + QUANTITIES.indexOf('period'));
    } else if ('fund' in f) {
      this.emit(Op.FUND, d, slot(names.funds, f.fund, 'fund', where));
    } else if ('deposited' in f) {
      this.emit(Op.DEP, d, slot(names.funds, f.deposited, 'fund', where));
    } else if ('balance' in f) {
      this.balances.push(Int32Array.from(f.balance, (c) => slot(names.classes, c, 'class', where)));
      this.emit(Op.BAL, d, this.balances.length - 1);
    } else {
      switch (f.op) {
        case 'if':
          this.ifInto(d, f, where, before);
          break;
        case 'and':
        case 'or': {
          const a = this.add(f.a, where, before);
          this.emit(f.op === 'and' ? Op.ZERO : Op.ONE, d);
          const skip = this.emit(f.op === 'and' ? Op.JZ : Op.JNZ, 0, a);
          this.emit(Op.NZ, d, this.add(f.b, where, before));
          this.code[skip + 3] = this.code.length;
          break;
        }
        case 'share': {
          const weights = Int32Array.from(f.weights, (w) => this.add(w, where, before));
          const total = this.add(f.total, where, before);
          this.shares.push({ total, weights, scratch: new Float64Array(weights.length), out: new Float64Array(weights.length), index: f.index });
          this.emit(Op.SHARE, d, this.shares.length - 1);
          break;
        }
        case 'cents':
        case 'round':
        case 'floor':
        case 'not':
          this.emit(UNARY[f.op], d, this.add(f.a, where, before));
          break;
        default: {
          const a = this.add(f.a, where, before);
          this.emit(BINARY[f.op], d, a, this.add(f.b, where, before));
        }
      }
    }
    return d;
  }

  /** An `if` writing `d` on each path: a comparison is one compare-and-jump, any other test a jump on zero. */
  private ifInto(d: number, f: Extract<Formula, { op: 'if' }>, where: string, before: number): void {
    const test = f.when;
    if (needsNoCode(f.then) && needsNoCode(f.else)) {
      const when = this.add(test, where, before);
      this.emit(Op.SEL, d, when, this.add(f.then, where, before));
      this.code.push(this.add(f.else, where, before), 0, 0, 0);
      return;
    }
    const toElse = this.jumpUnless(test, where, before);
    this.addInto(d, f.then, where, before);
    const toEnd = this.emit(Op.JMP, 0);
    toElse();
    this.addInto(d, f.else, where, before);
    this.code[toEnd + 3] = this.code.length;
  }

  /**
   * A jump taken when `test` is 0 (false), to where the returned function is called: a
   * comparison is one compare-and-jump, a `not` jumps on its operand, anything else jumps on zero.
   */
  private jumpUnless(test: Formula, where: string, before: number): () => void {
    if (typeof test === 'object' && 'op' in test && test.op in JUMP_UNLESS) {
      const compare = test as { op: keyof typeof JUMP_UNLESS; a: Formula; b: Formula };
      const a = this.add(compare.a, where, before);
      const at = this.emit(JUMP_UNLESS[compare.op], 0, a, this.add(compare.b, where, before));
      return () => (this.code[at + 1] = this.code.length);
    }
    const negated = typeof test === 'object' && 'op' in test && test.op === 'not';
    const at = negated ? this.emit(Op.JNZ, 0, this.add(test.a, where, before)) : this.emit(Op.JZ, 0, this.add(test, where, before));
    return () => (this.code[at + 3] = this.code.length);
  }

  /**
   * Appends `f` with its value in register `d`: the one instruction that computes it writes `d`
   * directly when there is exactly one (an `and` or `or` writes its register before it reads its
   * second operand, a constant, quantity or amount needs no instruction: those take a move), and
   * an `if` writes `d` last on each of its paths.
   */
  private addInto(d: number, f: Formula, where: string, before: number): void {
    if (typeof f === 'object' && 'op' in f && f.op === 'if') {
      this.ifInto(d, f, where, before);
      return;
    }
    const start = this.code.length;
    const r = this.add(f, where, before);
    const oneWrite = typeof f === 'object' && !('op' in f && (f.op === 'and' || f.op === 'or'));
    if (oneWrite && this.code.length > start && this.code[this.code.length - 3] === r) this.code[this.code.length - 3] = d;
    else this.emit(Op.MOV, d, r);
  }

  /** Appends `f` and writes its value to output `j` (a test or a recorded series). */
  addOutput(f: Formula, j: number, where: string): void {
    this.emit(Op.OUT, 0, this.add(f, where), j);
  }

  /** Appends `f` with its value into amount `i`'s register (what `prior` read of it before is read first: the register is written last). */
  addAmount(f: Formula, i: number, where: string): void {
    this.addInto(i, f, where, i);
  }

  /**
   * Appends amounts in order (`addAmount` each), where consecutive amounts guarded by one test
   * (`if(test, f, value)`, the same test, reading none of them) take one jump on it: their
   * formulas, then their values when it fails (a regime's amounts, in force or not).
   */
  addAmounts(list: readonly { readonly f: Formula; readonly i: number; readonly where: string }[]): void {
    for (let k = 0; k < list.length; ) {
      const end = guardedRun(list, k, this.names.amounts);
      if (end - k < 2) {
        this.addAmount(list[k].f, list[k].i, list[k].where);
        k++;
        continue;
      }
      const run = list.slice(k, end).map((x) => ({ ...x, f: x.f as Extract<Formula, { op: 'if' }> }));
      const toElse = this.jumpUnless(run[0].f.when, run[0].where, run[0].i);
      for (const x of run) this.addInto(x.i, x.f.then, x.where, x.i);
      const toEnd = this.emit(Op.JMP, 0);
      toElse();
      for (const x of run) this.addInto(x.i, x.f.else, x.where, x.i);
      this.code[toEnd + 3] = this.code.length;
      k = end;
    }
  }

  build(): Program {
    return { layout: this.layout, code: Int32Array.from(this.code), constants: Float64Array.from(this.constants), constantRegisters: Int32Array.from(this.constantRegisters), tables: this.tables, balances: this.balances, shares: this.shares, registers: this.registers.next };
  }
}

/** The end of the run of amounts from `k` guarded by the test of `list[k]` (an `if` whose else needs no code), a test that reads none of the run's amounts. */
export function guardedRun(list: readonly { readonly f: Formula; readonly i: number }[], k: number, amounts: readonly string[]): number {
  const first = list[k].f;
  if (typeof first !== 'object' || !('op' in first) || first.op !== 'if' || !needsNoCode(first.else)) return k + 1;
  const test = JSON.stringify(first.when);
  const reads = new Set([...amountsRead(first.when)].map((name) => amounts.indexOf(name)));
  let end = k;
  while (end < list.length) {
    const f = list[end].f;
    if (typeof f !== 'object' || !('op' in f) || f.op !== 'if' || !needsNoCode(f.else) || JSON.stringify(f.when) !== test || reads.has(list[end].i)) break;
    end++;
  }
  return Math.max(end, k + 1);
}

/** The names of the amounts a formula reads (now or `prior`). */
function amountsRead(f: Formula, into = new Set<string>()): Set<string> {
  if (typeof f !== 'object') return into;
  if ('amount' in f) into.add(f.amount);
  else if ('prior' in f) into.add(f.prior);
  else if ('op' in f) {
    if (f.op === 'if') [f.when, f.then, f.else].forEach((x) => amountsRead(x, into));
    else if (f.op === 'share') [f.total, ...f.weights].forEach((x) => amountsRead(x, into));
    else if ('b' in f) [f.a, f.b].forEach((x) => amountsRead(x, into));
    else amountsRead(f.a, into);
  }
  return into;
}

/** A constant, quantity or amount: its value is already in a register. */
export function needsNoCode(f: Formula): boolean {
  return typeof f === 'number' || 'q' in f || 'prior' in f || 'amount' in f;
}

/** Writes `p`'s constants into registers `r` (once per register file: nothing else writes them). */
export function prepare(p: Program, r: Float64Array): void {
  for (let i = 0; i < p.constants.length; i++) r[p.constantRegisters[i]] = p.constants[i];
}

/** Runs `p` over registers `r` (at least `p.registers` long). */
export function execute(p: Program, r: Float64Array, x: FormulaContext): void {
  const code = p.code;
  const n = code.length;
  let pc = 0;
  while (pc < n) {
    const op = code[pc] as Op;
    const d = code[pc + 1];
    const a = code[pc + 2];
    const b = code[pc + 3];
    pc += 4;
    switch (op) {
      case Op.FUND: r[d] = x.funds[a].cents; break;
      case Op.DEP: r[d] = x.depositedCents[a]; break;
      case Op.BAL: {
        const classes = p.balances[a];
        let total = 0;
        for (let j = 0; j < classes.length; j++) total += x.classes[classes[j]].balance;
        r[d] = total;
        break;
      }
      case Op.TABLE: {
        const values = p.tables[a];
        const period = r[b];
        r[d] = period >= 1 && period <= values.length ? values[period - 1] : 0;
        break;
      }
      case Op.SHARE: {
        const s = p.shares[a];
        for (let i = 0; i < s.weights.length; i++) s.scratch[i] = r[s.weights[i]];
        r[d] = allocateInto(r[s.total], s.scratch, s.weights.length, s.out)[s.index];
        break;
      }
      case Op.OUT: x.outputs[b] = r[a]; break;
      case Op.MOV: r[d] = r[a]; break;
      case Op.ZERO: r[d] = 0; break;
      case Op.ONE: r[d] = 1; break;
      case Op.JZ: if (r[a] === 0) pc = b; break;
      case Op.JNZ: if (r[a] !== 0) pc = b; break;
      case Op.JMP: pc = b; break;
      case Op.NZ: r[d] = r[a] !== 0 ? 1 : 0; break;
      case Op.ADD: r[d] = r[a] + r[b]; break;
      case Op.SUB: r[d] = r[a] - r[b]; break;
      case Op.MUL: r[d] = r[a] * r[b]; break;
      case Op.DIV: r[d] = r[a] / r[b]; break;
      case Op.MIN: r[d] = Math.min(r[a], r[b]); break;
      case Op.MAX: r[d] = Math.max(r[a], r[b]); break;
      case Op.GT: r[d] = r[a] > r[b] ? 1 : 0; break;
      case Op.GE: r[d] = r[a] >= r[b] ? 1 : 0; break;
      case Op.LT: r[d] = r[a] < r[b] ? 1 : 0; break;
      case Op.LE: r[d] = r[a] <= r[b] ? 1 : 0; break;
      case Op.EQ: r[d] = r[a] === r[b] ? 1 : 0; break;
      case Op.NE: r[d] = r[a] !== r[b] ? 1 : 0; break;
      case Op.CENTS: r[d] = toCents(r[a]); break;
      case Op.ROUND: r[d] = Math.round(r[a]); break;
      case Op.FLOOR: r[d] = Math.floor(r[a]); break;
      case Op.NOT: r[d] = r[a] === 0 ? 1 : 0; break;
      case Op.JNGT: if (!(r[a] > r[b])) pc = d; break;
      case Op.JNGE: if (!(r[a] >= r[b])) pc = d; break;
      case Op.JNLT: if (!(r[a] < r[b])) pc = d; break;
      case Op.JNLE: if (!(r[a] <= r[b])) pc = d; break;
      case Op.JNEQ: if (!(r[a] === r[b])) pc = d; break;
      case Op.JNNE: if (!(r[a] !== r[b])) pc = d; break;
      case Op.SEL: r[d] = r[a] !== 0 ? r[b] : r[code[pc]]; pc += 4; break;
      default: unreachable(op);
    }
  }
}

/** One formula as a program and the register that holds its value. */
export interface CompiledFormula {
  readonly program: Program;
  readonly register: number;
}

/** Resolves a formula's names; `where` names it in errors; `before` is how many amounts it may read. */
export function compileFormula(f: Formula, names: Names, where: string, before = names.amounts.length, registers?: { next: number }): CompiledFormula {
  const b = new ProgramBuilder(names, registers);
  const register = b.add(f, where, before);
  return { program: b.build(), register };
}

/** The formula's value over the context's quantities and amounts (copied into a register file of its own). */
export function evaluate(c: CompiledFormula, x: FormulaContext): number {
  const { layout } = c.program;
  const registers = new Float64Array(c.program.registers);
  prepare(c.program, registers);
  registers.set(x.amounts.subarray(0, layout.quantities));
  registers.set(x.quantities, layout.quantities);
  registers.set(x.groupQuantities.subarray(0, layout.size - layout.groups), layout.groups);
  execute(c.program, registers, x);
  return registers[c.register];
}
