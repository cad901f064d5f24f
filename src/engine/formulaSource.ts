/**
 * Writes a terms object's formulas as a TypeScript module of straight-line functions (what `npm
 * run formulas` puts in a deal's `formulas.generated.ts`; nativeFormulas.ts says how the engine
 * finds them). Build-time only: nothing in the bundles imports this file.
 *
 * The code does what the interpreter does (program.ts), operation for operation: amounts into
 * their registers in list order (a run of amounts guarded by one test takes one `if`), tests and
 * records into `x.outputs`; an `if` evaluates only its branch, `and`/`or` only what they need, a
 * comparison is 1 or 0, `balance` sums from 0 in the listed order, `share` fills a scratch array
 * of its own. Constants are written so that they read back as the same doubles.
 */
import { GROUP_QUANTITIES, groupsRead, QUANTITIES, type Formula, type Names } from './formula';
import { guardedRun, registerLayout, type RegisterLayout } from './program';
import { formulaSignature } from './nativeFormulas';
import type { EngineTerms } from './terms';

const ARITHMETIC = { add: '+', sub: '-', mul: '*', div: '/' } as const;
const COMPARE = { gt: '>', ge: '>=', lt: '<', le: '<=', eq: '===', ne: '!==' } as const;

/** A double as source text that reads back as the same double. */
function literal(x: number): string {
  if (Object.is(x, -0)) return '-0';
  const text = String(x);
  return x < 0 ? `(${text})` : text;
}

class Writer {
  readonly layout: RegisterLayout;
  /** Module-level constants: tables and share scratch arrays. */
  readonly declarations: string[] = [];
  private readonly tables = new Map<string, string>();
  readonly uses = new Set<string>();

  constructor(private readonly names: Names) {
    this.layout = registerLayout(names);
  }

  private slot(list: readonly string[], name: string): number {
    const i = list.indexOf(name);
    if (i < 0) throw new Error(`no "${name}" among ${list.join(', ')}`);
    return i;
  }

  /** The classes' balance sums a list reads, each summed once at its start (the list changes no balance). */
  private sums = new Map<string, string>();

  /** Starts a list's code: no sums yet. */
  beginList(): void {
    this.sums = new Map();
  }

  /** The declarations a list's code starts with: the arrays and sums it reads. */
  listLocals(body: string, indent: string): string[] {
    const lines: string[] = [];
    if (/\bc\[/.test([...this.sums.keys()].join(''))) lines.push(`${indent}const c = x.classes;`);
    if (/\bd\[/.test(body)) lines.push(`${indent}const d = x.depositedCents;`);
    for (const [sum, name] of this.sums) lines.push(`${indent}const ${name} = ${sum};`);
    return lines;
  }

  /** A sum of class balances from 0 in the listed order (the interpreter's BAL), as a local of the list. */
  private balance(classes: readonly string[]): string {
    const sum = `0${classes.map((c) => ` + c[${this.slot(this.names.classes, c)}].balance`).join('')}`;
    let name = this.sums.get(sum);
    if (name === undefined) this.sums.set(sum, (name = `balance${this.sums.size}`));
    return name;
  }

  /** `f` as an expression. */
  value(f: Formula): string {
    if (typeof f === 'number') return literal(f);
    const { layout, names } = this;
    if ('q' in f && 'group' in f) return `r[${layout.groups + f.group * GROUP_QUANTITIES.length + this.slot(GROUP_QUANTITIES, f.q)}]`;
    if ('q' in f) return `r[${layout.quantities + this.slot(QUANTITIES, f.q)}]`;
    if ('prior' in f) return `r[${this.slot(names.amounts, f.prior)}]`;
    if ('amount' in f) return `r[${this.slot(names.amounts, f.amount)}]`;
    if ('fund' in f) return `x.funds[${this.slot(names.funds, f.fund)}].cents`;
    if ('deposited' in f) return `d[${this.slot(names.funds, f.deposited)}]`;
    if ('balance' in f) return this.balance(f.balance);
    if ('table' in f) return `tableAt(${this.table(f.table)}, r[${layout.quantities + QUANTITIES.indexOf('period')}])`;
    switch (f.op) {
      case 'if':
        return `(${this.test(f.when)} ? ${this.value(f.then)} : ${this.value(f.else)})`;
      case 'and':
      case 'or':
      case 'not':
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
      case 'eq':
      case 'ne':
        return `(${this.test(f)} ? 1 : 0)`;
      case 'share': {
        const k = this.declarations.length;
        this.declarations.push(`const share${k} = new Float64Array(${f.weights.length});`, `const shareOut${k} = new Float64Array(${f.weights.length});`);
        this.uses.add('allocateInto');
        const fill = f.weights.map((w, i) => `(share${k}[${i}] = ${this.value(w)}), `).join('');
        return `(${fill}allocateInto(${this.value(f.total)}, share${k}, ${f.weights.length}, shareOut${k})[${f.index}])`;
      }
      case 'cents':
        this.uses.add('toCents');
        return `toCents(${this.value(f.a)})`;
      case 'round':
        return `Math.round(${this.value(f.a)})`;
      case 'floor':
        return `Math.floor(${this.value(f.a)})`;
      case 'min':
      case 'max':
        return `Math.${f.op}(${this.value(f.a)}, ${this.value(f.b)})`;
      default:
        return `(${this.value(f.a)} ${ARITHMETIC[f.op]} ${this.value(f.b)})`;
    }
  }

  /**
   * `f` as a condition: true exactly where its value is not 0 (where the interpreter takes an
   * `if`'s `then`); `and` and `or` evaluate their second operand only when the interpreter does.
   */
  test(f: Formula): string {
    if (typeof f === 'number') return f !== 0 ? 'true' : 'false';
    if ('op' in f) {
      switch (f.op) {
        case 'gt':
        case 'ge':
        case 'lt':
        case 'le':
        case 'eq':
        case 'ne':
          // `a < +b`: the unary plus (the same number) keeps TypeScript from reading `a < b > (c)`
          // as a call with type arguments, which it does for some such texts.
          return `${this.value(f.a)} ${COMPARE[f.op]} ${f.op === 'lt' ? '+' : ''}${this.value(f.b)}`;
        case 'not':
          return `!(${this.test(f.a)})`;
        case 'and':
          return `(${this.test(f.a)} && ${this.test(f.b)})`;
        case 'or':
          return `(${this.test(f.a)} || ${this.test(f.b)})`;
      }
    }
    return `${this.value(f)} !== 0`;
  }

  private table(values: readonly number[]): string {
    this.uses.add('tableAt');
    // Runs of equal values as (value, count) pairs when the schedule has runs (levels held for years).
    const runs: string[] = [];
    for (let i = 0; i < values.length; ) {
      let j = i + 1;
      while (j < values.length && Object.is(values[j], values[i])) j++;
      runs.push(`${literal(values[i])}, ${j - i}`);
      i = j;
    }
    const byRuns = runs.length < values.length;
    if (byRuns) this.uses.add('tableOf');
    const text = byRuns ? `tableOf([${runs.join(', ')}])` : `new Float64Array([${values.map(literal).join(', ')}])`;
    let name = this.tables.get(text);
    if (name === undefined) {
      name = `table${this.tables.size}`;
      this.tables.set(text, name);
      this.declarations.push(`const ${name} = ${text};`);
    }
    return name;
  }

  /** A list of amounts as statements, runs guarded by one test under one `if`. */
  amounts(terms: EngineTerms, list: readonly string[], indent: string): string[] {
    const items = list.map((name) => ({ f: terms.amounts[name], i: this.slot(this.names.amounts, name) }));
    const lines: string[] = [];
    for (let k = 0; k < items.length; ) {
      const end = guardedRun(items, k, this.names.amounts);
      if (end - k < 2) {
        lines.push(`${indent}r[${items[k].i}] = ${this.value(items[k].f)};`);
        k++;
        continue;
      }
      const run = items.slice(k, end).map((x) => ({ i: x.i, f: x.f as Extract<Formula, { op: 'if' }> }));
      lines.push(`${indent}if (${this.test(run[0].f.when)}) {`);
      for (const x of run) lines.push(`${indent}  r[${x.i}] = ${this.value(x.f.then)};`);
      lines.push(`${indent}} else {`);
      for (const x of run) lines.push(`${indent}  r[${x.i}] = ${this.value(x.f.else)};`);
      lines.push(`${indent}}`);
      k = end;
    }
    return lines;
  }
}

/** A list's function: its locals, then `body`, taking only the parameters it reads. */
function fn(w: Writer, body: readonly string[], indent: string): string {
  const lines = [...w.listLocals(body.join('\n'), `${indent}  `), ...body];
  const text = lines.join('\n');
  const params = /\bx\./.test(text) ? '(r, x)' : /\br\[/.test(text) ? '(r)' : '()';
  return lines.length === 0 ? `${params} => {}` : `${params} => {\n${text}\n${indent}}`;
}

/** A list's code: its statements, written after the writer starts the list. */
function list(w: Writer, statements: () => string[], indent: string): string {
  w.beginList();
  return fn(w, statements(), indent);
}

/** Outputs (tests, recorded series) as statements writing `x.outputs` in order. */
function outputs(w: Writer, formulas: Readonly<Record<string, Formula>>, indent: string): string[] {
  const lines = Object.values(formulas).map((f, j) => `${indent}o[${j}] = ${w.value(f)};`);
  return lines.length === 0 ? [] : [`${indent}const o = x.outputs;`, ...lines];
}

/**
 * The module for `terms` (`srcFrom`: the path from the module's folder to src, without the
 * trailing slash; `from`: what to name as its source in the header).
 */
export function formulaSource(terms: EngineTerms, srcFrom: string, from: string): string {
  const amountNames = Object.keys(terms.amounts);
  const groups = groupsRead([...Object.values(terms.amounts), ...Object.values(terms.tests), ...Object.values(terms.record)]);
  const w = new Writer({ funds: terms.funds, classes: terms.classes.map((c) => c.name), amounts: amountNames, groups });
  const body = [
    `  signature: '${formulaSignature(terms)}',`,
    `  beforeInterest: ${list(w, () => w.amounts(terms, terms.beforeInterest, '    '), '  ')},`,
    '  calculations: {',
    ...Object.entries(terms.calculations).map(([id, names]) => `    ${JSON.stringify(id)}: ${list(w, () => w.amounts(terms, names, '      '), '    ')},`),
    '  },',
    `  tests: ${list(w, () => outputs(w, terms.tests, '    '), '  ')},`,
    `  record: ${list(w, () => outputs(w, terms.record, '    '), '  ')},`,
  ];
  const engineImports = ['nativeFormulas', ...['tableAt', 'tableOf'].filter((u) => w.uses.has(u))];
  const centsImports = ['allocateInto', 'toCents'].filter((u) => w.uses.has(u));
  return [
    `// Generated by \`npm run formulas\` from ${from} (src/engine/formulaSource.ts): do not edit.`,
    '// The engine runs this code for terms whose formulas have this signature (src/engine/nativeFormulas.ts).',
    `import { ${engineImports.join(', ')} } from '${srcFrom}/engine/nativeFormulas';`,
    ...(centsImports.length > 0 ? [`import { ${centsImports.join(', ')} } from '${srcFrom}/waterfall/cents';`] : []),
    '',
    ...(w.declarations.length > 0 ? [...w.declarations, ''] : []),
    'export default nativeFormulas({',
    ...body,
    '});',
    '',
  ].join('\n');
}
