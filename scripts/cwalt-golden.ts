/**
 * Writes the CWALT 2004-J4 golden master (test/support/cwaltGolden.ts) to
 * test/fixtures/cwalt-2004-j4/golden.json:
 *
 *   npx tsx scripts/cwalt-golden.ts
 *
 * Run it only when a change of results is intended; the golden test fails on any difference.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_SCENARIOS, goldenRun } from '../test/support/cwaltGolden';

const runs = GOLDEN_SCENARIOS.map((s) => goldenRun(s.name, s.input));
const out = join(__dirname, '..', 'test', 'fixtures', 'cwalt-2004-j4', 'golden.json');
// One line per series keeps diffs readable.
const lines = JSON.stringify({ generatedBy: 'scripts/cwalt-golden.ts', units: 'cents', runs }, null, 1).replace(/\[\s+([-\d,\s]+?)\s+\]/g, (_m, xs: string) => `[${xs.replace(/\s+/g, '')}]`);
writeFileSync(out, `${lines}\n`);
process.stdout.write(`wrote ${runs.length} scenarios to ${out}\n`);
