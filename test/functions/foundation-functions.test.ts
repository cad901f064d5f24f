import { ErrorCode, FakeCustomFunctionsError, isExcelError, loadFunctionsBundle } from '../support/excelBundle';

// Through the built bundle (npm run build first; `npm test` does), called by the ids of functions.json.
const bundle = loadFunctionsBundle();

describe('functions.json from the JSDoc tags', () => {
  it('lists QUOTE, SMM, CPR and PPCCPR, each with a description and described parameters', () => {
    for (const id of ['QUOTE', 'SMM', 'CPR', 'PPCCPR']) expect(bundle.ids).toContain(id);
    for (const f of bundle.metadata) {
      expect(f.description?.length ?? 0).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(5);
      expect(f.parameters.some((p) => p.repeating)).toBe(false);
    }
  });

  it('registers every id in the metadata through CustomFunctions.associate', () => {
    for (const id of bundle.ids) expect(() => bundle.call(id)).not.toThrow();
  });
});

describe('QUOTE', () => {
  it('converts 32nds text to decimal and numbers to 32nds', () => {
    expect(bundle.call('QUOTE', '99-24+')).toBe(99.765625);
    expect(bundle.call('QUOTE', '100-00')).toBe(100);
    expect(bundle.call('QUOTE', '99-246')).toBe(99 + 24.75 / 32);
    expect(bundle.call('QUOTE', 99.765625)).toBe('99-24+');
    expect(bundle.call('QUOTE', 101.25, '32nds')).toBe('101-08');
    expect(bundle.call('QUOTE', '101.25', 'decimal')).toBe(101.25);
  });

  it('round-trips every 1/256 from 95 to 105', () => {
    for (let k = 95 * 256; k <= 105 * 256; k++) {
      const text = bundle.call('QUOTE', k / 256) as string;
      expect(bundle.call('QUOTE', text)).toBe(k / 256);
    }
  });

  it('answers a malformed price with #VALUE! naming the argument', () => {
    expect(isExcelError(bundle.call('QUOTE', '99-33'), ErrorCode.invalidValue, /^value: expected/)).toBe(true);
    expect(isExcelError(bundle.call('QUOTE', null), ErrorCode.invalidValue, /value/)).toBe(true);
    expect(isExcelError(bundle.call('QUOTE', 100, 'hex'), ErrorCode.invalidValue, /to: expected "decimal" or "32nds"/)).toBe(true);
  });
});

describe('SMM, CPR and PPCCPR', () => {
  it('convert CPR and SMM both ways (SF §B.2b: 6% CPR ≈ 0.5143% SMM)', () => {
    expect(bundle.call('SMM', 6)).toBeCloseTo(0.514301, 6);
    expect(bundle.call('CPR', bundle.call('SMM', 24))).toBeCloseTo(24, 12);
    expect(bundle.call('SMM', [[24]])).toBeCloseTo(2.261021, 6);
  });

  it('gives the CWALT PPC ramp by loan age', () => {
    expect(bundle.call('PPCCPR', 100, 1)).toBeCloseTo(8, 12);
    expect(bundle.call('PPCCPR', 100, 2)).toBeCloseTo(8 + 16 / 11, 12);
    expect(bundle.call('PPCCPR', 100, 12)).toBeCloseTo(24, 12);
    expect(bundle.call('PPCCPR', 150, 40)).toBeCloseTo(36, 12);
  });

  it('rejects bad speeds with a message, never a raw throw or 0', () => {
    const results = [bundle.call('SMM', -1), bundle.call('SMM', 'fast'), bundle.call('CPR', 120), bundle.call('PPCCPR', 100, 0), bundle.call('PPCCPR', -5, 3)];
    for (const r of results) expect(r).toBeInstanceOf(FakeCustomFunctionsError);
    expect(isExcelError(bundle.call('SMM', 'fast'), ErrorCode.invalidValue, /cpr: expected a CPR/)).toBe(true);
  });
});
