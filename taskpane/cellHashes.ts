/**
 * What the add-in writes into a block's cells, and hashes of cells: of what Excel holds after a
 * write (so the next refresh can tell the user's edits from the add-in's own) and of what the pane
 * meant to write (so an input block the pane would write exactly as last time is left alone).
 */
import type { Block } from './cells';
import { literalText } from '../src/run/numberText';

/** Excel keeps 15 significant digits; compare numbers as it stores them. */
function normaliseCell(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(15)) + 0 : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Held locally: a global looked up in a hot loop is slow in sandboxed contexts (jest's vm). */
const imul = Math.imul;

/** cyrb53, fed piece by piece: a fast 53-bit hash, enough to tell "changed" from "unchanged". */
class Hasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  update(text: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = imul(h1 ^ ch, 2654435761);
      h2 = imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }
}

export function hashText(text: string): string {
  return new Hasher().update(text).digest();
}

/** Hash of a 2-D array as Excel holds it, row by row (no giant intermediate string). */
export function hashCells(cells: readonly (readonly unknown[])[]): string {
  const h = new Hasher().update(`${cells.length}:`);
  for (const row of cells) h.update(JSON.stringify(row.map(normaliseCell))).update('\n');
  return h.digest();
}

/**
 * What the pane writes into a block's cells: formulas where it has them, else values; "" clears.
 * Text goes in as text whatever it starts with: "=…", "+…", "-…" or "@…" gets Excel's quote
 * prefix, so no text the add-in writes is ever read as a formula.
 */
export function cellsToWrite(block: Block): (string | number | boolean)[][] {
  return block.values.map((row, i) => row.map((v, j) => block.formulas?.[i]?.[j] ?? (v === null ? '' : typeof v === 'string' ? literalText(v) : v)));
}

export function sourceHash(block: Block): string {
  const h = new Hasher();
  for (const row of cellsToWrite(block)) h.update(JSON.stringify(row)).update('\n');
  for (const row of block.formats) h.update(JSON.stringify(row)).update('\n');
  return h.digest();
}
