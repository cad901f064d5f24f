/**
 * The shared number parser (src/run/numberText.ts) and every parser that reads text a workbook can
 * hold: each answers in bounded time on long and adversarial text (a cell holds up to 32,767
 * characters), and the shared parser reads exactly what the patterns it replaced read.
 */
import fc from 'fast-check';
import { parsePrice } from '../../src/analytics/quote';
import { parseVector } from '../../src/analytics/vector';
import { CELL_NUMBER, FORM_NUMBER, MAX_NUMBER_TEXT, parseNumberText, SPEED_NUMBER } from '../../src/run/numberText';
import { normaliseScenario, normaliseSpeed } from '../../src/run/scenario';
import { parseDate } from '../../src/time/date';
import { optionalNumber, requiredNumber } from '../../functions/arguments';
import { parseScenarioRange } from '../../functions/scenarioRange';
import { defaultAssumptions, parseAssumptions, parseSpeedItem } from '../../taskpane/assumptions';
import { parseAddress } from '../../taskpane/cells';
import { defaultGridForm, parseGridForm } from '../../taskpane/sensitivity';
import { restoreGrid } from '../../taskpane/storedGrids';
import { canonicalRect, readWriterState } from '../../taskpane/workbookState';
import { syntheticDeal } from '../support/syntheticDeal';

/** The patterns the shared parser replaced (safe on short text, quadratic on long). */
const OLD_CELL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const OLD_FORM = /^[-+]?(\d+\.?\d*|\.\d+)$/;
const OLD_SPEED = /^\s*[-+]?\d+(\.\d+)?\s*%?\s*$/;

describe('parseNumberText', () => {
  it.each([
    ['24', 24],
    [' 24 ', 24],
    ['-1.5', -1.5],
    ['+.5', 0.5],
    ['5.', 5],
    ['1.5e2', 150],
    ['1E-2', 0.01],
    ['\t7\n', 7],
  ])('reads %j as %p', (text, n) => expect(parseNumberText(text)).toBe(n));

  it.each(['', ' ', '.', '-', '+-1', '1e', '1e+', '0x10', '0b1', '1_000', '1,5', 'Infinity', 'NaN', '1 2', '--1', '1..2', '1.2.3', '١٢'])('refuses %j', (text) => {
    expect(parseNumberText(text)).toBeNaN();
  });

  it('takes a percent sign and refuses bare points and exponents only where asked', () => {
    expect(parseNumberText('150 %', SPEED_NUMBER)).toBe(150);
    expect(parseNumberText('150%', CELL_NUMBER)).toBeNaN();
    expect(parseNumberText('.5', SPEED_NUMBER)).toBeNaN();
    expect(parseNumberText('5.', SPEED_NUMBER)).toBeNaN();
    expect(parseNumberText('1e2', FORM_NUMBER)).toBeNaN();
    expect(parseNumberText('%', SPEED_NUMBER)).toBeNaN();
  });

  it('refuses text longer than the cap before looking at it', () => {
    expect(parseNumberText(`${'1'.repeat(MAX_NUMBER_TEXT)}`)).toBe(Number('1'.repeat(MAX_NUMBER_TEXT)));
    expect(parseNumberText(`${'1'.repeat(MAX_NUMBER_TEXT + 1)}`)).toBeNaN();
  });

  it('reads exactly what the replaced patterns read (text up to the cap)', () => {
    const alphabet = fc.constantFrom(...'0123456789.-+eE %x\t'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 30 }), (text) => {
        const old = (re: RegExp, t: string, strip = (s: string) => s) => (re.test(t) ? Number(strip(t)) : NaN);
        expect(parseNumberText(text, CELL_NUMBER)).toBe(old(OLD_CELL, text));
        expect(parseNumberText(text, FORM_NUMBER)).toBe(old(OLD_FORM, text.trim(), (s) => s));
        expect(parseNumberText(text, SPEED_NUMBER)).toBe(old(OLD_SPEED, text, (s) => s.replace('%', '')));
      }),
      { seed: 20, numRuns: 3000 },
    );
  });
});

// ---- time bounds ---------------------------------------------------------------------------------

const EXCEL_CELL_MAX = 32_767;
/** Every parser's bound, per call, on this shared machine (the patterns replaced took 1 to 6 s). */
const BOUND_MS = 50;

const fill = (unit: string, length = EXCEL_CELL_MAX) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** Long texts built to make a backtracking pattern try every split. */
const ADVERSARIAL: Record<string, string> = {
  'digits then x': `${fill('1', EXCEL_CELL_MAX - 1)}x`,
  'digits, point, digits then x': `${fill('1', 16_000)}.${fill('2', 16_000)}x`,
  'spaces then x': `1${fill(' ', EXCEL_CELL_MAX - 2)}x`,
  'spaces then %x': `1${fill(' ', EXCEL_CELL_MAX - 3)}%x`,
  'points': fill('.'),
  'signs': fill('-+'),
  'exponent digits then x': `1e${fill('9', EXCEL_CELL_MAX - 3)}x`,
  'vector terms': fill('8 12R '),
  'dashes': fill('99-'),
  'dollars and colons': fill('$A1:'),
  'letters then digits then x': `${fill('A', 16_000)}${fill('1', 16_000)}x`,
  'unicode spaces': `1${fill('\u2003\u00a0')}x`,
  'a million digits': `${fill('7', 1_000_000)}x`,
};

const deal = syntheticDeal();
const assumptions = (() => {
  const parsed = parseAssumptions(deal.description, defaultAssumptions(deal.description));
  if (!parsed.ok) throw new Error('defaults do not parse');
  return parsed.value;
})();

/** Every parser of text a workbook (a cell, a setting, a form restored from one) can feed. */
const PARSERS: Record<string, (text: string) => unknown> = {
  parseNumberText: (t) => parseNumberText(t),
  'functions: requiredNumber': (t) => requiredNumber('cpr', t),
  'functions: optionalNumber': (t) => optionalNumber('period', t, 1),
  'functions: scenario value': (t) => parseScenarioRange([['CDR', t]]),
  'functions: scenario name': (t) => parseScenarioRange([[t, 1]]),
  'functions: scenario speed': (t) => parseScenarioRange([['SPEED', t]]),
  'engine: speed': (t) => normaliseSpeed(t),
  'engine: horizon': (t) => normaliseScenario({ horizon: t }),
  'engine: curve': (t) => normaliseScenario({ curve: t }),
  'engine: vector': (t) => parseVector(t),
  'engine: price': (t) => parsePrice(t),
  'engine: date': (t) => parseDate(t),
  'pane: speed item': (t) => parseSpeedItem(t),
  'pane: form': (t) => parseAssumptions(deal.description, { ...defaultAssumptions(deal.description), speeds: t, price: t, libor1m: t, cdr: t, curve: t }),
  'pane: grid axes': (t) => parseGridForm(deal, assumptions, { ...defaultGridForm(deal), rowAxis: 'cdr', rowValues: t, colAxis: 'speed', colValues: t, speed: t }),
  'pane: address': (t) => parseAddress(t),
  'pane: stored address': (t) => canonicalRect(t),
  'pane: stored writer record': (t) => readWriterState({ version: 1, sheets: { [`pricing:${t.slice(0, 50)}`]: { sheetId: `{${t}}`, sheetName: t, blocks: { [t]: { address: t, hash: t, source: t } }, writtenAt: t } } }),
  'pane: stored grid': (t) => restoreGrid(deal, { spec: { dealId: deal.description.id, className: t, measure: 'DM', horizon: 'call', mode: 'values', price: t, speed: t, scenario: { curve: t }, rows: { axis: 'cdr', values: [t] }, cols: { axis: 'speed', values: [t] } }, builtAt: t }),
};

/**
 * Milliseconds a call takes, the fastest of three: the parser's own cost on the text, not a pause
 * of a loaded machine (a collection, another process), while a parser slower than linear on the
 * text is slow every time. Refusing (a throw) is an expected answer; the time is what counts.
 */
function timed(parse: (text: string) => unknown, text: string): number {
  let fastest = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = performance.now();
    try {
      parse(text);
    } catch {
      // refused
    }
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

describe('every parser answers long and adversarial text in bounded time', () => {
  const worst = { ms: 0, parser: '', input: '' };
  afterAll(() => {
    console.log(`slowest parser call: ${worst.ms.toFixed(2)} ms (${worst.parser}, ${worst.input})`);
  });
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name}: under ${BOUND_MS} ms each`, () => {
      for (const [label, text] of Object.entries(ADVERSARIAL)) {
        timed(parse, text.slice(0, 40)); // warm the code path, so the timing is of the text, not of compiling
        const ms = timed(parse, text);
        if (ms > worst.ms) Object.assign(worst, { ms, parser: name, input: label });
        expect({ parser: name, input: label, slow: ms > BOUND_MS }).toEqual({ parser: name, input: label, slow: false });
      }
    });
  }

  it('random long texts over the number alphabet: under the bound too', () => {
    const unit = fc.constantFrom(...'0123456789.-+eE %R \t,'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 8 }), fc.integer({ min: 1000, max: EXCEL_CELL_MAX }), fc.constantFrom('', 'x', '%', 'e'), (motif, length, tail) => {
        const text = fill(motif, length) + tail;
        for (const parse of [PARSERS['functions: requiredNumber'], PARSERS['engine: speed'], PARSERS['pane: speed item'], PARSERS['engine: vector']]) {
          expect(timed(parse, text)).toBeLessThan(BOUND_MS);
        }
      }),
      { seed: 32767, numRuns: 60 },
    );
  });
});
