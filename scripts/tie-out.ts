/**
 * Regenerates src/run/tieOut.json (and the one line a deal shows, src/run/tieOutLines.json) from
 * the fidelity scoreboard: `npm run tie-out`. Run it after any change that moves a printed figure
 * (test/run/tieOut.test.ts says when).
 */
import fs from 'fs';
import path from 'path';
import { fidelityReport } from '../src/run/fidelity';
import { tieOutLines } from '../src/run/tieOut';
import { buildTieOut } from '../src/run/tieOutBuild';

/** One miss per line, so a diff shows which figures moved. */
function tieOutJson(data: ReturnType<typeof buildTieOut>): string {
  return `${JSON.stringify(data, null, 2).replace(/\{\s+"table": ([^}]*?)\s+\}/g, (m) => m.replace(/\s*\n\s*/g, ' '))}\n`;
}

const data = buildTieOut(fidelityReport());
const file = path.resolve(__dirname, '../src/run/tieOut.json');
fs.writeFileSync(file, tieOutJson(data));
const linesFile = path.resolve(__dirname, '../src/run/tieOutLines.json');
fs.writeFileSync(linesFile, `${JSON.stringify(tieOutLines(data), null, 2)}\n`);
for (const f of [file, linesFile]) console.log(`wrote ${path.relative(process.cwd(), f)}`);
