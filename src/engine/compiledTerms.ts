/**
 * A deal's named formulas, calculations, tests, caps and records resolved once per terms object
 * against a run's slots (amounts by index, one register file for every program), shared by every
 * run of those terms (a run never changes them).
 */
import { EngineError } from '../errors';
import { amountsReadBySteps } from './inputs';
import { groupsRead, type Formula } from './formula';
import { nativeCalculation, nativeFormulasOf, type NativeList } from './nativeFormulas';
import { execute, ProgramBuilder, registerLayout, type Program } from './program';
import type { EngineTerms, InterestOnlyClass, PrincipalClass } from './terms';

/** A list's code: the deal's generated code when it ships it for these formulas, else the interpreter over its program. */
function codeOf(program: Program, native: NativeList | undefined): NativeList {
  return native ?? ((r, x) => execute(program, r, x));
}

/** The terms' named formulas, calculations and tests resolved against the run's slots. */
function compileTermsOnce(terms: EngineTerms) {
  const native = nativeFormulasOf(terms);
  const amountNames = Object.keys(terms.amounts);
  const groups = groupsRead([...Object.values(terms.amounts), ...Object.values(terms.tests), ...Object.values(terms.record)]);
  const names = { funds: terms.funds, classes: terms.classes.map((c) => c.name), amounts: amountNames, groups };
  const layout = registerLayout(names);
  // Terms the deal ships generated code for were resolved when it was generated, so they build no
  // programs (a deal's first call in a cold add-in spent 5% of its time building them); other
  // terms have every amount resolved up front (a bad name is reported even if no list evaluates
  // it), and one register numbering for all programs: a run fills the constants once.
  if (!native) for (const [i, name] of amountNames.entries()) new ProgramBuilder(names).addAmount(terms.amounts[name], i, `amounts.${name}`);
  const registerCount = { next: layout.size };
  const unused = native ? new ProgramBuilder(names, { next: layout.size }).build() : undefined;
  // Tests and recorded series: one program each, writing its values to the outputs in order.
  const outputs = (formulas: Readonly<Record<string, Formula>>, where: string) => {
    if (unused) return { names: Object.keys(formulas), program: unused };
    const b = new ProgramBuilder(names, registerCount);
    Object.entries(formulas).forEach(([name, f], j) => b.addOutput(f, j, `${where}.${name}`));
    return { names: Object.keys(formulas), program: b.build() };
  };
  const tests = outputs(terms.tests, 'tests');
  const testsCode = codeOf(tests.program, native?.tests);
  const slotOf = (name: string, where: string): number => {
    const i = amountNames.indexOf(name);
    if (i < 0) throw new EngineError(`terms.${where}`, `no amount "${name}"; expected one of ${amountNames.join(', ')}`);
    return i;
  };
  // Only the amounts the priority's steps read (limits, writedowns) go into the period state.
  const stepAmounts = amountsReadBySteps(terms.priority);
  const list = (names_: readonly string[], where: string, code: NativeList | undefined) => {
    const slots = names_.map((name) => slotOf(name, where));
    const toState = slots.filter((i) => stepAmounts.has(amountNames[i]));
    if (unused) return { program: unused, stateSlots: Int32Array.from(toState), run: code as NativeList };
    const b = new ProgramBuilder(names, registerCount);
    b.addAmounts(slots.map((i) => ({ f: terms.amounts[amountNames[i]], i, where: `amounts.${amountNames[i]}` })));
    const program = b.build();
    return { program, stateSlots: Int32Array.from(toState), run: codeOf(program, code) };
  };
  const beforeInterest = list(terms.beforeInterest, 'beforeInterest', native?.beforeInterest);
  const calculations = Object.entries(terms.calculations).map(([id, names_]) => ({ id, ...list(names_, `calculations.${id}`, native && nativeCalculation(native, id)) }));
  const caps = Int32Array.from(terms.classes, (c) => (c.coupon.kind === 'interestOnly' || (c as PrincipalClass).cap === undefined ? -1 : slotOf((c as PrincipalClass).cap as string, `classes.${c.name}.cap`)));
  const ioNotional = Int32Array.from(terms.classes, (c) => (c.coupon.kind === 'interestOnly' ? slotOf((c as InterestOnlyClass).notional, `classes.${c.name}.notional`) : -1));
  const ioRate = Int32Array.from(terms.classes, (c) => (c.coupon.kind === 'interestOnly' ? slotOf((c as InterestOnlyClass).rate, `classes.${c.name}.rate`) : -1));
  const record = outputs(terms.record, 'record');
  const programs = [beforeInterest, ...calculations, tests, record];
  return {
    amountNames,
    layout,
    groups,
    tests: { ...tests, run: testsCode },
    beforeInterest,
    calculations,
    caps,
    ioNotional,
    ioRate,
    record: { ...record, run: codeOf(record.program, native?.record) },
    programs: programs.map((p) => p.program),
    registers: registerCount.next,
    outputs: Math.max(tests.names.length, record.names.length),
    /** True when the lists run the deal's generated code. */
    native: native !== undefined,
  };
}

const compiledTerms = new WeakMap<EngineTerms, ReturnType<typeof compileTermsOnce>>();

/** Compiled once per terms object and shared by its runs (a run never changes them). */
export function compileTerms(terms: EngineTerms): ReturnType<typeof compileTermsOnce> {
  let compiled = compiledTerms.get(terms);
  if (!compiled) compiledTerms.set(terms, (compiled = compileTermsOnce(terms)));
  return compiled;
}

export type CompiledTerms = ReturnType<typeof compileTermsOnce>;
