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

/** Names already resolved (every cell names its deal and class): the squashed comparisons once a name. */
const dealsByText = new Map<string, DealModel>();
const classesByText = new WeakMap<DealModel, Map<string, ClassDescription>>();
const REMEMBERED = 256;

export function resolveDeal(text: unknown, field = 'deal'): DealModel {
  if (typeof text === 'string') {
    const known = dealsByText.get(text);
    if (known) return known;
  }
  const names = DEALS.map((d) => d.description.name).join(', ');
  if (typeof text !== 'string' || text.trim() === '') throw new EngineError(field, `expected a deal name such as ${names || 'J4'}, got ${text == null || (typeof text === 'string' && text.trim() === '') ? 'nothing' : String(text)}`);
  const key = squash(text);
  const deal = DEALS.find((d) => squash(d.description.id) === key || squash(d.description.name) === key || d.description.aliases.some((a) => squash(a) === key));
  if (!deal) throw new EngineError(field, `no deal "${text.trim()}"; available: ${names}`, 'notAvailable');
  if (dealsByText.size >= REMEMBERED) dealsByText.clear();
  dealsByText.set(text, deal);
  return deal;
}

export function resolveClass(deal: DealModel, text: unknown, field = 'class'): ClassDescription {
  let known = classesByText.get(deal);
  if (typeof text === 'string') {
    const cls = known?.get(text);
    if (cls) return cls;
  }
  const names = deal.description.classes.map((c) => c.name).join(', ');
  if (typeof text !== 'string' || text.trim() === '') throw new EngineError(field, `expected a class of ${deal.description.name} (${names}), got nothing`);
  const key = squash(text);
  const cls = deal.description.classes.find((c) => squash(c.name) === key);
  if (!cls) throw new EngineError(field, `${deal.description.name} has no class ${text.trim()}; try ${names}`, 'notAvailable');
  if (!known) classesByText.set(deal, (known = new Map()));
  if (known.size >= REMEMBERED) known.clear();
  known.set(text, cls);
  return cls;
}
