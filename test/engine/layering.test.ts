/**
 * The layering of architecture.md is enforced by lint (eslint.config.mjs): a wrong-way import is
 * an error, so `npm test` fails on it. Each case lints a one-line module as if it sat at `file`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function restrictedImports(file: string, code: string): number {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: root, input: code, encoding: 'utf8' });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import layering', () => {
  it.each([
    ['functions/x.ts', "import { parsePrice } from '../src/analytics/quote';\nexport const f = parsePrice;\n", 1],
    ['taskpane/x.ts', "import { parsePrice } from '../src/run';\nimport { runDeal } from '../src/run/runner';\nexport const f = [parsePrice, runDeal];\n", 0],
    ['src/deals/x/terms.ts', "import type { Scenario } from '../../run/scenario';\nexport type S = Scenario;\n", 1],
    ['src/waterfall/x.ts', "import { DEALS } from '../deals';\nexport const d = DEALS;\n", 1],
  ])('%s: %s → %i wrong-way import(s)', (file, code, errors) => {
    expect(restrictedImports(file, code)).toBe(errors);
  });
});
