/**
 * The deals the engine knows and the friendly names users type for deals and classes
 * ('J4', 'cwalt 2004-j4', 'Impac 2004-1'; '1a3', '1-A-3', 'm-2').
 */
import { EngineError } from '../errors';
import type { ClassDescription, DealModel } from '../deals/types';
import { DEALS } from '../deals';

/** Lower-case, no spaces, hyphens, underscores or dots: '1-A-3' → '1a3', 'CWALT 2004-J4' → 'cwalt2004j4'. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[\s\-_.]/g, '');
}

export function listDeals(): readonly DealModel[] {
  return DEALS;
}

export function resolveDeal(text: unknown, field = 'deal'): DealModel {
  const names = DEALS.map((d) => d.description.name).join(', ');
  if (typeof text !== 'string' || text.trim() === '') throw new EngineError(field, `expected a deal name such as ${names || 'J4'}, got ${text == null || (typeof text === 'string' && text.trim() === '') ? 'nothing' : String(text)}`);
  const key = squash(text);
  const deal = DEALS.find((d) => squash(d.description.id) === key || squash(d.description.name) === key || d.description.aliases.some((a) => squash(a) === key));
  if (!deal) throw new EngineError(field, `no deal "${text.trim()}"; available: ${names}`, 'notAvailable');
  return deal;
}

export function resolveClass(deal: DealModel, text: unknown, field = 'class'): ClassDescription {
  const names = deal.description.classes.map((c) => c.name).join(', ');
  if (typeof text !== 'string' || text.trim() === '') throw new EngineError(field, `expected a class of ${deal.description.name} (${names}), got nothing`);
  const key = squash(text);
  const cls = deal.description.classes.find((c) => squash(c.name) === key);
  if (!cls) throw new EngineError(field, `${deal.description.name} has no class ${text.trim()}; try ${names}`, 'notAvailable');
  return cls;
}
