/**
 * The one parser of numbers typed as text, for every shell: a cell's argument ("24", " 1.5e2 "),
 * a scenario range's value, the pane's form fields and grid axes, a speed ("150%").
 *
 * Text comes from workbooks, which may come from anyone: a cell can hold 32,767 characters.
 * So the length is checked before anything else, and the text is read by one left-to-right scan
 * (no regular expression, nothing that backtracks): the time is linear in a length that is
 * itself capped. Only plain decimal notation is read; "0x10", "0b1", "1_000", "1,5", "Infinity"
 * and "NaN" are not numbers here, although `Number()` takes some of them.
 */

/** Longest text read as a number (surrounding spaces included): 17 significant digits, a sign, a point and an exponent fit many times over. */
export const MAX_NUMBER_TEXT = 100;

export interface NumberSyntax {
  /** An exponent, as in "1.5e2". Default true. */
  readonly exponent?: boolean;
  /** A point with digits on one side only: "5." and ".5". Default true. */
  readonly bareDot?: boolean;
  /** A trailing "%" (spaces allowed before it); the number is returned as written (150% → 150). Default false. */
  readonly percent?: boolean;
}

/** Cell arguments and scenario values: a sign, digits with an optional point, an optional exponent. */
export const CELL_NUMBER: NumberSyntax = { exponent: true, bareDot: true };
/** The pane's form fields and grid axes: no exponent. */
export const FORM_NUMBER: NumberSyntax = { exponent: false, bareDot: true };
/** A speed as a percent of pricing: "100", "100%", "12.5 %". */
export const SPEED_NUMBER: NumberSyntax = { exponent: false, bareDot: false, percent: true };

const SPACE = /\s/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index just past a run of digits starting at `i`. */
function digitsFrom(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * The number spelled by `text` in plain decimal notation, or NaN when it spells none (or is
 * longer than MAX_NUMBER_TEXT). Surrounding whitespace is ignored.
 */
export function parseNumberText(text: string, syntax: NumberSyntax = CELL_NUMBER): number {
  if (typeof text !== 'string' || text.length > MAX_NUMBER_TEXT) return NaN;
  let start = 0;
  let end = text.length;
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  if (syntax.percent && end > start && text[end - 1] === '%') {
    end--;
    while (end > start && SPACE.test(text[end - 1])) end--;
  }
  let i = start;
  const sign = text[i];
  if (sign === '+' || sign === '-') i++;
  const intEnd = digitsFrom(text, i);
  const intDigits = intEnd - i;
  i = intEnd;
  let fracDigits = 0;
  let dot = false;
  if (text[i] === '.') {
    dot = true;
    const fracEnd = digitsFrom(text, i + 1);
    fracDigits = fracEnd - (i + 1);
    i = fracEnd;
  }
  if (intDigits === 0 && fracDigits === 0) return NaN;
  if (dot && (intDigits === 0 || fracDigits === 0) && syntax.bareDot === false) return NaN;
  if (syntax.exponent !== false && (text[i] === 'e' || text[i] === 'E')) {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    const expEnd = digitsFrom(text, j);
    if (expEnd === j) return NaN;
    i = expEnd;
  }
  if (i !== end) return NaN;
  return Number(text.slice(start, end));
}

/** A long text, shortened for an error message: `"1111…" (32,767 characters)`. */
export function quoteText(text: string, max = 40): string {
  return text.length > max ? `"${text.slice(0, max)}…" (${text.length.toLocaleString('en-US')} characters)` : `"${text}"`;
}

// ---------------------------------------------------------------------------------------------
// Text a spreadsheet would not keep as text

/**
 * First characters that make a spreadsheet read entered text as a formula: = + - @ and their
 * full-width forms (which some East Asian input methods type).
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** True when text entered into a cell as it stands would be read as a formula. */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_START.has(text[0]);
}

/**
 * Text as a cell must receive it to stay exactly that text: with Excel's quote prefix (a leading
 * apostrophe, which Excel keeps as a cell flag and does not show) when the text would otherwise
 * start a formula, or when it starts with an apostrophe itself (which Excel would swallow).
 */
export function literalText(text: string): string {
  return startsLikeFormula(text) || text.startsWith("'") ? `'${text}` : text;
}
