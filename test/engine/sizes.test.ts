/**
 * The shape the one-engine design keeps (issue "One engine for every deal"): no source file over
 * 400 lines, no function in a deal folder over 60 (a deal is terms; its code is the little that
 * binds them), and src/deals under 2,600 lines in all. A growing file or a deal writing its own
 * loop fails here, not in review. The deals' generated formulas (`*.generated.ts`, written by `npm
 * run formulas` from their terms) are nobody's writing: they count toward no limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').length - 1;

/** Functions (declarations, methods, arrows, expressions) longer than `max` lines, as `file:line name (n lines)`. */
function longFunctions(file: string, max: number): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = 'name' in node && node.name ? node.name.getText(source) : '(anonymous)';
      if (end - start + 1 > max) found.push(`${relative(ROOT, file)}:${start + 1} ${name} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the code keeps its shape', () => {
  const files = sources(join(ROOT, 'src')).filter((f) => !f.endsWith('.generated.ts'));

  it('has no source file over 400 lines', () => {
    expect(files.filter((f) => lines(f) > 400).map((f) => `${relative(ROOT, f)} (${lines(f)} lines)`)).toEqual([]);
  });

  it('has no function over 60 lines in a deal folder, and the deals are under 2,600 lines in all', () => {
    const deals = files.filter((f) => relative(ROOT, f).startsWith(join('src', 'deals')));
    expect(deals.flatMap((f) => longFunctions(f, 60))).toEqual([]);
    expect(deals.reduce((n, f) => n + lines(f), 0)).toBeLessThan(2600);
  });
});
