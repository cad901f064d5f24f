/**
 * A priority of payments as a straight-line function, what `npm run formulas` writes beside a
 * deal's formulas (formulaSource.ts): the steps in order, each a direct call of its kind's runner
 * (src/waterfall/apply.ts) on its compiled step (numbered as `flattenSteps` numbers them), a step
 * whose source fund is empty skipped from period 2, an `ifTest` an `if`: what the interpreter
 * (`runCompiled`) does, without its loop and its dispatch on the kind. Build-time only.
 */
import { compileSteps, type CompiledStep } from '../waterfall/apply';
import { newLedger, newPeriodState } from '../waterfall/state';
import type { EngineTerms } from './terms';

const RUNNERS = {
  interest: 'interestStep',
  principal: 'principalStep',
  carryover: 'carryoverStep',
  lossReimbursement: 'lossReimbursementStep',
  transfer: 'transferStep',
  release: 'releaseStep',
  writedown: 'writedownStep',
} as const;

/** The priority function's source (an arrow function) and the names it needs from src/waterfall/apply.ts. */
export function priorityCode(terms: EngineTerms, indent: string): { code: string; imports: string[]; usesFundCell: boolean } {
  // The steps compiled against ledgers of the terms' classes: which steps have a source fund (a
  // principal step to an interest-only class has none) is what the run's compiled steps will say.
  const state = newPeriodState(0, new Map(terms.classes.map((c) => [c.name, newLedger(0, c.coupon.kind === 'interestOnly')])));
  const used = new Set<string>();
  let k = 0;
  let skips = false;
  const body = (list: readonly CompiledStep[], pad: string): string[] =>
    list.flatMap((c) => {
      const ref = `c[${k++}]`;
      if (c.kind === 'ifTest') {
        used.add('testAt');
        const then = body(c.then, `${pad}  `);
        const otherwise = body(c.otherwise, `${pad}  `);
        if (then.length === 0 && otherwise.length === 0) return [`${pad}testAt(s, ${ref});`];
        if (otherwise.length === 0) return [`${pad}if (testAt(s, ${ref})) {`, ...then, `${pad}}`];
        if (then.length === 0) return [`${pad}if (!testAt(s, ${ref})) {`, ...otherwise, `${pad}}`];
        return [`${pad}if (testAt(s, ${ref})) {`, ...then, `${pad}} else {`, ...otherwise, `${pad}}`];
      }
      if (c.kind === 'calculate') {
        used.add('calculateStep');
        return [`${pad}calculateStep(s, ${ref}, calcs);`];
      }
      const runner = RUNNERS[c.kind];
      used.add(runner);
      if (c.source === null) return [`${pad}${runner}(s, ${ref});`];
      skips = true;
      return [`${pad}if (!later || (${ref}.source as FundCell).cents !== 0) ${runner}(s, ${ref});`];
    });
  const lines = body(compileSteps(terms.priority, state).steps, `${indent}  `);
  const text = lines.join('\n');
  const params = `(s, ${k > 0 ? 'c' : '_c'}${used.has('calculateStep') ? ', calcs' : ''})`;
  const all = [...(skips ? [`${indent}  const later = s.period > 1;`] : []), ...lines];
  return { code: all.length === 0 ? `${params} => {}` : `${params} => {\n${all.join('\n')}\n${indent}}`, imports: [...used].sort(), usesFundCell: /FundCell/.test(text) };
}
