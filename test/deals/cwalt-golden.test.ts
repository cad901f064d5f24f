/**
 * CWALT 2004-J4 golden master: every class's per-period interest, principal, balance and
 * writedown (and the Class C residual), in whole cents, for eight scenarios (speeds 0, 100, 150
 * to the auction and to maturity; CDR 5 / severity 40 / lag 6; 1M LIBOR 5%). The fixture was
 * written by `scripts/cwalt-golden.ts` from the engine before the waterfall was reworked for
 * speed; any difference, even one cent, fails. Regenerate only for an intended change of results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_SCENARIOS, goldenRun, type GoldenRun } from '../support/cwaltGolden';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'cwalt-2004-j4', 'golden.json'), 'utf8')) as { readonly runs: readonly GoldenRun[] };

describe('CWALT 2004-J4 golden master (cents)', () => {
  it('covers every golden scenario', () => {
    expect(fixture.runs.map((r) => r.name)).toEqual(GOLDEN_SCENARIOS.map((s) => s.name));
  });

  it.each(GOLDEN_SCENARIOS.map((s, i) => [s.name, i] as const))('%s: every class, every period, to the cent', (name, i) => {
    const expected = fixture.runs[i];
    const actual = goldenRun(name, GOLDEN_SCENARIOS[i].input);
    expect(actual.periods).toBe(expected.periods);
    expect(actual.lastPeriod).toBe(expected.lastPeriod);
    expect(Object.keys(actual.classes)).toEqual(Object.keys(expected.classes));
    for (const [id, flows] of Object.entries(expected.classes)) {
      for (const field of ['interest', 'principal', 'balance', 'writedown'] as const) {
        // toEqual reports the first differing period; the label names the series.
        expect({ series: `${id} ${field}`, cents: actual.classes[id][field] }).toEqual({ series: `${id} ${field}`, cents: flows[field] });
      }
    }
    expect(actual.residual).toEqual(expected.residual);
  });
});
