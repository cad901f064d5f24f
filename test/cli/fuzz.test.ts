/**
 * Issue 9 (fuzz), the command line: random argument vectors built from real flags, plausible and
 * hostile values. Every run either succeeds (exit 0, stdout one JSON document when --format json,
 * nothing on stderr) or fails cleanly (exit 2, a message on stderr, nothing on stdout); `main`
 * never rejects. In-process, seeded, bounded.
 */
import fc from 'fast-check';
import { main } from '../../src/cli';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const HOSTILE = ['', ' ', '-', '--', '-5', '=', 'NaN', 'Infinity', '1e400', '0x10', '__proto__', 'constructor', '\u0000', '🙂', '$(rm -rf /)', '%s', 'A'.repeat(10_000)];
const value = (plausible: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...plausible), weight: 3 }, { arbitrary: fc.constantFrom(...HOSTILE), weight: 1 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
const flag = fc.oneof(
  fc.tuple(fc.constant('--deal'), value(['cwalt-2004-j4', 'J4', 'impac-cmb-2004-1', 'Impac 2004-1', 'nope'])),
  fc.tuple(fc.constant('--speeds'), value(['100', '0,100', '150', '100,100', 'a,b', '1e9', '100,', '-5'])),
  fc.tuple(fc.constant('--price'), value(['100-00', '99-16', '101.25', '99-40', '0', 'par'])),
  fc.tuple(fc.constant('--horizon'), value(['call', 'auction', 'maturity', 'both', 'never'])),
  fc.tuple(fc.constant('--format'), value(['json', 'text', 'xml'])),
  fc.tuple(fc.constantFrom('--json', '--bogus', '-x', '--deal=J4', '--speeds=-5', '--format=json'), fc.constant(null)),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.constant(null)),
);
const argv = fc.tuple(fc.constantFrom('price', 'afr', 'fidelity', 'nope', '', '--deal'), fc.array(flag, { maxLength: 5 })).map(([command, flags]) => [
  command,
  ...flags.flatMap(([name, v]) => (v === null ? [name] : [name, v])),
]);

describe('CLI fuzz', () => {
  it('exit 0 with output on stdout only, or exit 2 with a message on stderr only', async () => {
    let ok = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const r = await cli(args);
        if (r.code === 0) {
          ok++;
          expect(r.stderr).toBe('');
          expect(r.stdout.length).toBeGreaterThan(0);
          const format = args.lastIndexOf('--format') >= 0 ? args[args.lastIndexOf('--format') + 1] : args.includes('--format=json') || args.includes('--json') ? 'json' : 'text';
          if (format === 'json') expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
        } else {
          refused++;
          expect(r.code).toBe(2);
          expect(r.stdout).toBe('');
          expect(r.stderr.trim().length).toBeGreaterThan(0);
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20040430), numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
    expect(ok + refused).toBeGreaterThan(0);
  });
});
