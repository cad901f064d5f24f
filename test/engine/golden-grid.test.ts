/**
 * The engine's golden grid (goldenGrid.ts): 94 runs of both deals recorded before the deals moved
 * onto one engine. Every class's cash flows must come out identical to the cent (coupons and
 * rate caps to 1e-9 percent), and the priced measures identical to 1e-9. A failure names the
 * run, the class, the series and the block of periods that moved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCK, gridCases, recordCase, type GridRecord } from './goldenGrid';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'engine', 'golden-grid.json'), 'utf8')) as { readonly runs: readonly GridRecord[] };

function moved(expected: GridRecord, actual: GridRecord): string[] {
  const out: string[] = [];
  if (actual.periods !== expected.periods) out.push(`periods ${expected.periods} → ${actual.periods}`);
  if (actual.payDates !== expected.payDates) out.push('pay dates');
  for (const [cls, series] of Object.entries(expected.classes)) {
    const got = actual.classes[cls];
    if (!got) {
      out.push(`${cls}: missing`);
      continue;
    }
    for (const [name, blocks] of Object.entries(series)) {
      const have = got[name] ?? [];
      for (let b = 0; b < Math.max(blocks.length, have.length); b++) {
        if (blocks[b] !== have[b]) out.push(`${cls} ${name} periods ${b * BLOCK + 1}-${(b + 1) * BLOCK}`);
      }
    }
  }
  for (const [cls, m] of Object.entries(expected.measures)) {
    const got = actual.measures[cls];
    for (const key of Object.keys(m) as (keyof typeof m)[]) {
      const e = m[key];
      const a = got?.[key];
      const same = typeof e === 'number' && typeof a === 'number' ? Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e)) : e === a;
      if (!same) out.push(`${cls} ${key} ${String(e)} → ${String(a)}`);
    }
  }
  return out;
}

describe('golden grid: every deal, class and period to the cent', () => {
  const cases = gridCases();
  it('covers the recorded runs', () => {
    expect(cases.map((c) => `${c.deal} ${c.name}`)).toEqual(fixture.runs.map((r) => `${r.deal} ${r.name}`));
  });

  it.each(cases.map((c, i) => [`${c.deal} ${c.name}`, i] as const))('%s', (_label, i) => {
    const actual = recordCase(cases[i]);
    expect(moved(fixture.runs[i], actual)).toEqual([]);
    expect(actual.head).toEqual(fixture.runs[i].head);
  });
});
