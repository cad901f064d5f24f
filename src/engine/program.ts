/**
 * Formulas compiled once per terms into flat programs over a register file (a Float64Array):
 * each node writes one register, in evaluation order, so a period runs a list of amounts as one
 * loop over an Int32Array of instructions, with no closure calls and nothing allocated. `if`,
 * `and` and `or` jump over the branch they do not take, exactly as the formula tree evaluates
 * them (src/engine/formula.ts states the meaning; every result is bit-identical to it).
 */
import { EngineError, unreachable } from '../errors';
import { allocateInto, toCents } from '../waterfall/cents';
import { GROUP_QUANTITIES, QUANTITIES, type Formula, type FormulaContext, type Names } from './formula';

const enum Op {
  Q, GQ, AMT, FUND, DEP, BAL, TABLE, SHARE, STORE, OUT, MOV, ZERO, ONE, JZ, JNZ, JMP, NZ,
  ADD, SUB, MUL, DIV, MIN, MAX, GT, GE, LT, LE, EQ, NE, CENTS, ROUND, FLOOR, NOT,
}

const BINARY = { add: Op.ADD, sub: Op.SUB, mul: Op.MUL, div: Op.DIV, min: Op.MIN, max: Op.MAX, gt: Op.GT, ge: Op.GE, lt: Op.LT, le: Op.LE, eq: Op.EQ, ne: Op.NE } as const;
const UNARY = { cents: Op.CENTS, round: Op.ROUND, floor: Op.FLOOR, not: Op.NOT } as const;

interface Share {
  readonly total: number;
  readonly weights: Int32Array;
  readonly scratch: Float64Array;
  readonly out: Float64Array;
  readonly index: number;
}

/** Instructions of four words (op, destination, a, b) with their tables and shares; constants sit in registers of their own, filled once by `prepare`. */
export interface Program {
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
  /** The register holding each amount this program has stored: a later read of it in the program is that register, no instruction. */
  private readonly stored = new Map<number, number>();
  /** `registers` may be shared by the builders of one terms, so their programs can share one register file. */
  constructor(
    private readonly names: Names,
    private readonly registers: { next: number } = { next: 0 },
  ) {}

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
    if (typeof f === 'object' && 'amount' in f) {
      const i = slot(names.amounts.slice(0, before), f.amount, 'amount evaluated before', where);
      const known = this.stored.get(i);
      if (known !== undefined) return known;
    }
    const d = this.reg();
    if (typeof f === 'number') {
      this.constants.push(f);
      this.constantRegisters.push(d);
    } else if ('q' in f && 'group' in f) {
      this.emit(Op.GQ, d, f.group * GROUP_QUANTITIES.length + slot(GROUP_QUANTITIES, f.q, 'group quantity', where));
    } else if ('q' in f) {
      this.emit(Op.Q, d, slot(QUANTITIES, f.q, 'quantity', where));
    } else if ('table' in f) {
      this.tables.push(Float64Array.from(f.table));
      this.emit(Op.TABLE, d, this.tables.length - 1);
    } else if ('prior' in f || 'amount' in f) {
      const i = 'prior' in f ? slot(names.amounts, f.prior, 'amount', where) : slot(names.amounts.slice(0, before), f.amount, 'amount evaluated before', where);
      this.emit(Op.AMT, d, i);
    } else if ('fund' in f) {
      this.emit(Op.FUND, d, slot(names.funds, f.fund, 'fund', where));
    } else if ('deposited' in f) {
      this.emit(Op.DEP, d, slot(names.funds, f.deposited, 'fund', where));
    } else if ('balance' in f) {
      this.balances.push(Int32Array.from(f.balance, (c) => slot(names.classes, c, 'class', where)));
      this.emit(Op.BAL, d, this.balances.length - 1);
    } else {
      switch (f.op) {
        case 'if': {
          const test = this.add(f.when, where, before);
          const toElse = this.emit(Op.JZ, 0, test);
          this.addInto(d, f.then, where, before);
          const toEnd = this.emit(Op.JMP, 0);
          this.code[toElse + 3] = this.code.length;
          this.addInto(d, f.else, where, before);
          this.code[toEnd + 3] = this.code.length;
          break;
        }
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

  /**
   * Appends `f` with its value in register `d`: the one instruction that computes it writes `d`
   * directly when there is exactly one (an `if`, `and` or `or` writes its register on each path,
   * a constant or an amount already in a register needs none), else a move.
   */
  private addInto(d: number, f: Formula, where: string, before: number): void {
    const start = this.code.length;
    const r = this.add(f, where, before);
    const oneWrite = typeof f === 'object' && !('op' in f && (f.op === 'if' || f.op === 'and' || f.op === 'or'));
    if (oneWrite && this.code.length > start && this.code[this.code.length - 3] === r) this.code[this.code.length - 3] = d;
    else this.emit(Op.MOV, d, r);
  }

  /** Appends `f` and writes its value to output `j` (a test or a recorded series). */
  addOutput(f: Formula, j: number, where: string): void {
    this.emit(Op.OUT, 0, this.add(f, where), j);
  }

  /** Appends `f` and stores its value into amount slot `i`. */
  addAmount(f: Formula, i: number, where: string): void {
    const r = this.add(f, where, i);
    this.emit(Op.STORE, 0, r, i);
    this.stored.set(i, r);
  }

  build(): Program {
    return { code: Int32Array.from(this.code), constants: Float64Array.from(this.constants), constantRegisters: Int32Array.from(this.constantRegisters), tables: this.tables, balances: this.balances, shares: this.shares, registers: this.registers.next };
  }
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
      case Op.Q: r[d] = x.quantities[a]; break;
      case Op.GQ: r[d] = x.groupQuantities[a]; break;
      case Op.AMT: r[d] = x.amounts[a]; break;
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
        const period = x.quantities[0];
        r[d] = period >= 1 && period <= values.length ? values[period - 1] : 0;
        break;
      }
      case Op.SHARE: {
        const s = p.shares[a];
        for (let i = 0; i < s.weights.length; i++) s.scratch[i] = r[s.weights[i]];
        r[d] = allocateInto(r[s.total], s.scratch, s.weights.length, s.out)[s.index];
        break;
      }
      case Op.STORE: x.amounts[b] = r[a]; break;
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

/** The formula's value; a loop passes its own prepared `registers` (at least `c.program.registers` long) so nothing is allocated. */
export function evaluate(c: CompiledFormula, x: FormulaContext, registers?: Float64Array): number {
  if (registers === undefined) prepare(c.program, (registers = new Float64Array(c.program.registers)));
  execute(c.program, registers, x);
  return registers[c.register];
}
