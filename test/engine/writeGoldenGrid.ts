/** Rewrites test/fixtures/engine/golden-grid.json from the engine as it is now (see goldenGrid.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridCases, recordCase } from './goldenGrid';

const dir = join(__dirname, '..', 'fixtures', 'engine');
mkdirSync(dir, { recursive: true });
const runs = gridCases().map(recordCase);
// One run a line, so a regenerated fixture diffs by run.
writeFileSync(join(dir, 'golden-grid.json'), `{"runs": [\n${runs.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`);
console.log(`${runs.length} runs written`);
