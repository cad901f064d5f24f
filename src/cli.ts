/*
 * The command line (architecture.md, "Contracts"): `npm run --silent <command> -- [options]`.
 *   price    --deal <id> [--speeds 0,80,100] [--price 100-00] [--horizon call|maturity|both] [--format json|text]
 *   afr      --deal impac-cmb-2004-1 [--format json|text]
 *   fidelity [--format json|text]
 *   bench    [--json] [--soak <calls>]
 * stdout carries only the result (JSON with --format json); errors go to stderr with exit code 2.
 */
import { parseArgs } from 'node:util';
import { EngineError } from './errors';

type Command = (options: Record<string, string | boolean | undefined>) => Promise<string> | string;

const commands: Record<string, { usage: string; run: Command }> = {};

/** Registers a command; the engine modules add theirs as they land (src/run/cli-commands.ts). */
export function registerCommand(name: string, usage: string, run: Command): void {
  commands[name] = { usage, run };
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const { registerAll } = await import('./run/cliCommands');
  registerAll(registerCommand);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: one of\n${Object.values(commands).map((c) => `  ${c.usage}`).join('\n')}\n`);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: [...rest],
      strict: true,
      options: {
        deal: { type: 'string' },
        speeds: { type: 'string' },
        price: { type: 'string' },
        horizon: { type: 'string' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        soak: { type: 'string' },
      },
    });
    const out = await command.run(values);
    process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof EngineError || error instanceof TypeError ? error.message : String(error);
    process.stderr.write(`${name}: ${message}\nusage: ${command.usage}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
