/**
 * The terms each bundled deal ships generated formulas for: the terms its pricing runs use, so
 * every cell, grid and pane table of the deal runs compiled code (src/engine/nativeFormulas.ts).
 * `npm run formulas` writes `<folder>/formulas.generated.ts` from them; a test fails when one is
 * stale. Other readings of a deal (other formulas) run through the interpreter, with the same
 * figures.
 */
import type { EngineTerms } from '../engine/terms';
import { CWALT_READINGS, TRIGGERS } from './cwalt-2004-j4/terms';
import { cwaltEngineTerms } from './cwalt-2004-j4/waterfall';
import { IMPAC_DEFAULT_CONVENTIONS, IMPAC_TERMS } from './impac-cmb-2004-1/terms';
import { impacEngineTerms } from './impac-cmb-2004-1/waterfall';

export interface FormulaTarget {
  /** The deal's folder under src/deals. */
  readonly folder: string;
  /** Where its terms are written, for the generated file's header. */
  readonly source: string;
  readonly terms: () => EngineTerms;
}

export const FORMULA_TARGETS: readonly FormulaTarget[] = [
  { folder: 'cwalt-2004-j4', source: 'the pricing terms of ./waterfall.ts and ./formulas.ts', terms: () => cwaltEngineTerms(CWALT_READINGS, 'terms', TRIGGERS.cumulativeLoss, 'auction') },
  { folder: 'impac-cmb-2004-1', source: 'the pricing terms of ./waterfall.ts and ./formulas.ts', terms: () => impacEngineTerms(IMPAC_TERMS, IMPAC_DEFAULT_CONVENTIONS) },
];

/** The generated module's path relative to src/deals. */
export function generatedFormulasPath(target: FormulaTarget): string {
  return `${target.folder}/formulas.generated.ts`;
}
