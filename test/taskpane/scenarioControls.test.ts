/**
 * Every scenario control the functions accept, in the pane: checked by the engine's normaliser,
 * every problem at once, nothing assumed silently (a blank field, an empty list item), a price
 * for each class, and the grid's formulas carrying the switches. The functions' scenario range
 * refuses a name given twice.
 */
import { parseScenarioRange } from '../../functions/scenarioRange';
import { classMeasures } from '../../src/run/measures';
import { pricingTables } from '../../src/run/pricingTables';
import { listDeals } from '../../src/run/registry';
import { resetRunCache, runDeal } from '../../src/run/runner';
import { normaliseScenario } from '../../src/run/scenario';
import { count, defaultAssumptions, describeScenario, hasDerivatives, hasForwardCurves, parseAssumptions, pricingSpeedMeaning, type AssumptionsForm } from '../../taskpane/assumptions';
import { pricingSheet } from '../../taskpane/layout';
import { runPricing } from '../../taskpane/runPricing';
import { computeGrid, defaultGridForm, gridBlocks, parseGridForm } from '../../taskpane/sensitivity';
import { syntheticDeal } from '../support/syntheticDeal';

const deal = syntheticDeal();
const d = deal.description;
const form = (overrides: Partial<AssumptionsForm>): AssumptionsForm => ({ ...defaultAssumptions(d), ...overrides });
const issues = (f: AssumptionsForm) => {
  const parsed = parseAssumptions(d, f);
  return parsed.ok ? [] : parsed.issues.map((i) => `${i.field}${i.className ? `[${i.className}]` : ''} | ${i.message}`);
};
const ok = (f: AssumptionsForm) => {
  const parsed = parseAssumptions(d, f);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.value;
};

beforeEach(() => resetRunCache());

describe('no silent default', () => {
  it('a blank field is an error naming what was expected, every one at once', () => {
    expect(issues(form({ price: ' ', libor1m: '', shiftBp: '', shiftFromPeriod: '', cdr: '', severity: '', lagMonths: '' }))).toEqual([
      'price | Price: expected a price such as 100-00, 99-24+ or 101.25, got nothing',
      "libor1m | 1M LIBOR: expected an index level in percent, got nothing (Reset restores the term sheet's)",
      "shiftBp | Shift: expected a shift in bp (0 for none), got nothing (Reset restores the term sheet's)",
      "shiftFromPeriod | Shift from period: expected the first period the shift applies to (1 for all), got nothing (Reset restores the term sheet's)",
      "cdr | CDR: expected a CDR in percent (0 for none), got nothing (Reset restores the term sheet's)",
      "severity | Severity: expected a severity in percent (0 for none), got nothing (Reset restores the term sheet's)",
      "lagMonths | Recovery lag: expected a recovery lag in months (0 for none), got nothing (Reset restores the term sheet's)",
    ]);
  });

  it('an empty item in a list is an error, not two speeds', () => {
    expect(issues(form({ speeds: '0,,100' }))).toEqual(['speeds | Speeds: item 2 is empty (two separators in a row, or one at the end?); remove the separator or type the value']);
    expect(issues(form({ speeds: '0, 100,' }))).toEqual([expect.stringMatching(/^speeds \| Speeds: item 3 is empty/)]);
    const grid = parseGridForm(deal, ok(form({})), { ...defaultGridForm(deal), rowValues: '99-16,,100-00' });
    expect(!grid.ok && grid.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Price: item 2 is empty/)]);
  });

  it("a grid's blank speed is an error unless speed is one of its axes", () => {
    const a = ok(form({}));
    const blank = parseGridForm(deal, a, { ...defaultGridForm(deal), rowAxis: 'price', colAxis: 'cdr', colValues: '0, 2', speed: '' });
    expect(!blank.ok && blank.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Speed: expected a speed for the grid .*got nothing$/)]);
    expect(parseGridForm(deal, a, { ...defaultGridForm(deal), speed: '' }).ok).toBe(true);
  });
});

describe('the switches the functions accept', () => {
  it('checks shift from period, derivatives, WAL and duration bases with the engine normaliser, all at once', () => {
    expect(issues(form({ shiftFromPeriod: '2.5', derivatives: 'maybe', walBasis: 'act/360', durationBasis: 'act/365' }))).toEqual([
      'derivatives | Derivatives: expected on or off, got "maybe"',
      'shiftFromPeriod | Shift from period: expected a whole period, got 2.5',
      'walBasis | WAL basis: expected "deal", "30/360", "act/365" or "months/12", got "act/360"',
      'durationBasis | Mod Dur basis: expected "accrual" or "30/360", got "act/365"',
    ]);
  });

  it('passes them to the run: the scenario is what the functions would build from the same names', () => {
    const a = ok(form({ shiftBp: '100', shiftFromPeriod: '13', derivatives: 'off', walBasis: 'act/365', durationBasis: '30/360' }));
    const fromPane = normaliseScenario({ ...a.scenario, speed: 100, horizon: 'call' });
    const range = [
      ['LIBOR_1M', 1.1],
      ['LIBOR_6M', 1.23],
      ['LIBOR_12M', 1.51],
      ['CMT_1Y', 1.31],
      ['SHIFT_BP', 100],
      ['SHIFT_FROM', 13],
      ['DERIVATIVES', 'OFF'],
      ['WAL_BASIS', 'act/365'],
      ['DURATION_BASIS', '30/360'],
    ];
    expect(fromPane).toEqual(normaliseScenario({ ...parseScenarioRange(range), speed: 100, horizon: 'call' }));
    expect(describeScenario(d, a).map((l) => `${l.label}: ${l.value}`)).toEqual(
      expect.arrayContaining(['Shift: 100 bp from period 13', 'Conventions: WAL act/365; Mod Dur 30/360 for every class']),
    );
  });

  it("writes the switches set away from their defaults into a grid's scenario range, so its formulas agree with the pane", async () => {
    const a = ok(form({ walBasis: 'act/365', derivatives: 'off' }));
    const parsed = parseGridForm(deal, a, { ...defaultGridForm(deal), className: 'FIX', measure: 'WAL', rowAxis: 'speed', rowValues: '0, 100', colAxis: 'cdr', colValues: '0, 2' });
    if (!parsed.ok) throw new Error('bad grid');
    const blocks = gridBlocks(deal, { spec: parsed.spec, values: null, builtAt: new Date() }, 0);
    const range = blocks.find((b) => b.id.endsWith('-scenario'));
    expect(range?.values.map((r) => r[0])).toEqual(['LIBOR_1M', 'LIBOR_6M', 'LIBOR_12M', 'CMT_1Y', 'CURVE', 'SHIFT_BP', 'CDR', 'SEVERITY', 'LAG', 'DERIVATIVES', 'WAL_BASIS']);
    expect(range?.values.slice(9)).toEqual([
      ['DERIVATIVES', 'OFF'],
      ['WAL_BASIS', 'act/365'],
    ]);
    expect(blocks.find((b) => b.role === 'grid')?.formulas?.[0][0]).toContain('$D$2:$D$12');
    // The values the pane computes use the same basis.
    const values = await computeGrid(deal, parsed.spec, { yieldToUi: () => Promise.resolve() });
    const s = normaliseScenario({ ...a.scenario, speed: 100, cdr: 2, horizon: 'call' });
    expect(values[1][1]).toBe(classMeasures(d, d.classes[1], runDeal(deal, s), s, '100-00').walYears);
  });

  it('refuses a scenario name given twice in the functions, rather than keeping the last', () => {
    expect(() => parseScenarioRange([['CDR', 2], ['SEVERITY', 35], ['cdr', 3]])).toThrow('scenario: rows 1 and 3 both set CDR; give it once');
    expect(() => parseScenarioRange([['SHIFT', 100], ['SHIFT_BP', 50]])).toThrow(/rows 1 and 2 both set SHIFT_BP \(SHIFT, SHIFT_BP\)/);
    expect(() => parseScenarioRange([['SPEED', 100], ['VECTOR', '8 12R 24']])).toThrow(/rows 1 and 2 both set the speed \(SPEED, VECTOR\)/);
    expect(parseScenarioRange([['CDR', 2], [null, null], ['SEVERITY', 35]])).toEqual({ cdr: 2, severity: 35 });
  });
});

describe('a price per class', () => {
  it('measures each class at its own price, the rest at the common one, and says so in the table', async () => {
    const a = ok(form({ price: '100-00', classPrices: { FIX: '99-08+', FLT: '' } }));
    expect(a.classPrices).toEqual({ FIX: '99-08+' });
    const run = await runPricing(deal, a, { yieldToUi: () => Promise.resolve() });
    const at = (price: string) => pricingTables(deal, { speeds: d.pricingSpeeds, price, horizons: ['call', 'maturity'], scenario: a.scenario }).tables;
    for (const t of run.tables) {
      const price = t.class === 'FIX' ? '99-08+' : '100-00';
      expect(t.price).toBe(price);
      const e = at(price).find((x) => x.class === t.class && x.horizon === t.horizonWord);
      expect(t.value).toEqual(e?.value);
    }
    const sheet = pricingSheet(run);
    const table = sheet.blocks.find((b) => b.id === 'table-call');
    expect(table?.values.filter((r) => r[0] === 'FIX').map((r) => r[2])).toEqual(Array(5).fill('99-08+'));
    expect(table?.values.filter((r) => r[0] === 'FLT').map((r) => r[2])).toEqual(Array(5).fill('100-00'));
    expect(sheet.blocks.find((b) => b.id === 'title-call')?.values[0][0]).toMatch(/at 100-00; FIX at 99-08\+$/);
    expect(describeScenario(d, a).find((l) => l.label === 'Price')?.value).toBe('100-00; FIX at 99-08+');
  });

  it('reports a bad or unknown class price by class', () => {
    expect(issues(form({ classPrices: { FIX: '99-40', NOPE: '100' } }))).toEqual([
      expect.stringMatching(/^classPrices\[FIX\] \| Price of FIX: /),
      expect.stringMatching(/^classPrices\[NOPE\] \| Price of NOPE: Synthetic 2004-S1 has no priced class NOPE; its priced classes are FLT, FIX/),
    ]);
  });

  it("is the grid's base price for that class", () => {
    const a = ok(form({ classPrices: { FIX: '98-00' } }));
    const parsed = parseGridForm(deal, a, { ...defaultGridForm(deal), className: 'FIX', measure: 'Yield', rowAxis: 'cdr', rowValues: '0', colAxis: 'speed', colValues: '100' });
    expect(parsed.ok && parsed.spec.price).toBe('98-00');
  });
});

describe('switches fitted to the deal', () => {
  it('offers forward curves and derivatives only where the deal has them', () => {
    const byId = Object.fromEntries(listDeals().map((x) => [x.description.id, x.description]));
    expect([hasForwardCurves(byId['cwalt-2004-j4']), hasDerivatives(byId['cwalt-2004-j4'])]).toEqual([false, false]);
    expect([hasForwardCurves(byId['impac-cmb-2004-1']), hasDerivatives(byId['impac-cmb-2004-1'])]).toEqual([true, true]);
  });
});

describe('words', () => {
  it('says what 100% is once, and counts in the singular', () => {
    for (const deal of listDeals()) expect(pricingSpeedMeaning(deal.description)).toMatch(/^100% = (?!100% =)/);
    expect(listDeals().map((x) => pricingSpeedMeaning(x.description))).toContain('100% = 30% CPR');
    expect([count(1, 'speed'), count(5, 'speed'), count(2, 'horizon')]).toEqual(['1 speed', '5 speeds', '2 horizons']);
  });
});
