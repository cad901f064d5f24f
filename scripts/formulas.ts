/**
 * Regenerates each deal's compiled formulas (src/deals/<deal>/formulas.generated.ts) from its
 * terms: `npm run formulas`. Run it after changing a deal's formulas, amounts, tests or records
 * (test/engine/nativeFormulas.test.ts says when).
 */
import fs from 'fs';
import path from 'path';
import { formulaSource } from '../src/engine/formulaSource';
import { FORMULA_TARGETS, generatedFormulasPath } from '../src/deals/formulaTargets';

for (const target of FORMULA_TARGETS) {
  const file = path.resolve(__dirname, '../src/deals', generatedFormulasPath(target));
  fs.writeFileSync(file, formulaSource(target.terms(), '../..', target.source));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
