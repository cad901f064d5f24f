import { EngineError } from '../errors';

type Register = (name: string, usage: string, run: (options: Record<string, string | boolean | undefined>) => Promise<string> | string) => void;

/** The CLI's commands, each a thin shell over src/run. */
export function registerAll(register: Register): void {
  const notYet = (what: string) => () => {
    throw new EngineError('command', `${what} is not available yet: the deal engines have not landed`, 'notAvailable');
  };
  register('price', 'price --deal <id> [--speeds 0,80,100,120,150] [--price 100-00] [--horizon call|maturity|both] --format json', notYet('price'));
  register('afr', 'afr --deal impac-cmb-2004-1 --format json', notYet('afr'));
  register('fidelity', 'fidelity [--format json]', notYet('fidelity'));
  register('bench', 'bench [--json]', notYet('bench'));
}
