/**
 * Regenerates src/run/tieOut.json from the fidelity scoreboard: `npm run tie-out`. Run it after
 * any change that moves a printed figure (test/run/tieOut.test.ts says when).
 */
import fs from 'fs';
import path from 'path';
import { fidelityReport } from '../src/run/fidelity';
import { buildTieOut } from '../src/run/tieOutBuild';

/** One miss per line, so a diff shows which figures moved. */
function tieOutJson(data: ReturnType<typeof buildTieOut>): string {
  return `${JSON.stringify(data, null, 2).replace(/\{\s+"table": ([^}]*?)\s+\}/g, (m) => m.replace(/\s*\n\s*/g, ' '))}\n`;
}

const file = path.resolve(__dirname, '../src/run/tieOut.json');
fs.writeFileSync(file, tieOutJson(buildTieOut(fidelityReport())));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
