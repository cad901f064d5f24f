/**
 * The assumptions of a pricing run as the pane's form holds them (text, as typed) and as the
 * engine takes them. Defaults come from the deal's description (its term sheet's pricing
 * assumptions); every field is checked with the engine's own parsers (src/run/scenario.ts,
 * src/analytics/quote.ts) and every problem is reported in one pass, in words a trader reads.
 * Nothing is assumed silently: a blank field is an error (Reset restores the term sheet's value),
 * and so is an empty item in a list (`0,,100`); the one blank that means something is a class's
 * own price, which then is the common price, as the table's Price column shows.
 */
import { canonicalPrice, EngineError } from '../src/run';
import type { DealDescription } from '../src/run';
import { FORM_NUMBER, parseNumberText, quoteText } from '../src/run/numberText';
import { type Horizon, type IndexLevels, normaliseScenario, normaliseSpeed, type ScenarioInput } from '../src/run/scenario';

/** The form, field by field, as text (what the user typed). */
export interface AssumptionsForm {
  /** "0, 80, 100, 120, 150" or vectors: "0, 100, 8 12R 24" (comma, semicolon or newline separated). */
  speeds: string;
  price: string;
  call: boolean;
  maturity: boolean;
  libor1m: string;
  libor6m: string;
  libor12m: string;
  cmt1y: string;
  /** 'flat' (index levels held flat) or 'forward' (the deal's forward curves, where it has them). */
  curve: string;
  shiftBp: string;
  /** First period the shift applies to (the functions' SHIFT_FROM). */
  shiftFromPeriod: string;
  cdr: string;
  severity: string;
  lagMonths: string;
  /** 'on' or 'off': the deal's derivative contracts (the functions' DERIVATIVES). */
  derivatives: string;
  /** WAL time basis: 'deal', '30/360', 'act/365' or 'months/12' (the functions' WAL_BASIS). */
  walBasis: string;
  /** Modified-duration time basis: 'accrual' or '30/360' (DURATION_BASIS). */
  durationBasis: string;
  /** A price for a class, by class name, overriding `price`; blank or absent: `price`. */
  classPrices: Record<string, string>;
}

export type FormField = keyof AssumptionsForm;

/** A speed column: a percent of the deal's pricing speed, or a CPR vector string. */
export interface SpeedColumn {
  /** Column heading: "100%" or the vector as typed ("8 12R 24"). */
  readonly label: string;
  readonly speed: number | string;
}

export type RunScenario = Omit<ScenarioInput, 'speed' | 'horizon'>;

export interface Assumptions {
  readonly speeds: readonly SpeedColumn[];
  /** Canonical quote ("100-00", "99-24+", or a decimal). */
  readonly price: string;
  /** Canonical quotes of the classes priced at their own price; every other class is at `price`. */
  readonly classPrices: Readonly<Record<string, string>>;
  readonly horizons: readonly Horizon[];
  /** Everything else, shared by every column. */
  readonly scenario: RunScenario;
}

export interface Issue {
  readonly field: FormField | 'horizons';
  readonly message: string;
  /** For a class's own price: which class. */
  readonly className?: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Field labels as the pane shows them; error messages use the same words. */
export const FIELD_LABELS: Record<FormField | 'horizons', string> = {
  speeds: 'Speeds',
  price: 'Price',
  call: 'To call',
  maturity: 'To maturity',
  horizons: 'Horizons',
  libor1m: '1M LIBOR',
  libor6m: '6M LIBOR',
  libor12m: '12M LIBOR',
  cmt1y: '1Y CMT',
  curve: 'Index paths',
  shiftBp: 'Shift',
  shiftFromPeriod: 'Shift from period',
  cdr: 'CDR',
  severity: 'Severity',
  lagMonths: 'Recovery lag',
  derivatives: 'Derivatives',
  walBasis: 'WAL basis',
  durationBasis: 'Mod Dur basis',
  classPrices: 'Price of',
};

/** What a blank field would have meant, so its error can say how to get it back. */
const EXPECTED: Partial<Record<FormField, string>> = {
  price: 'a price such as 100-00, 99-24+ or 101.25',
  libor1m: 'an index level in percent',
  libor6m: 'an index level in percent',
  libor12m: 'an index level in percent',
  cmt1y: 'an index level in percent',
  shiftBp: 'a shift in bp (0 for none)',
  shiftFromPeriod: 'the first period the shift applies to (1 for all)',
  cdr: 'a CDR in percent (0 for none)',
  severity: 'a severity in percent (0 for none)',
  lagMonths: 'a recovery lag in months (0 for none)',
};

/** '100% = 30% CPR': what the deal's pricing speed is, said once. */
export function pricingSpeedMeaning(deal: DealDescription): string {
  return `100% = ${deal.pricingSpeedText}`;
}

/** "1 speed", "5 speeds". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const INDEX_FIELDS = ['libor1m', 'libor6m', 'libor12m', 'cmt1y'] as const satisfies readonly (keyof IndexLevels & FormField)[];

/** The term sheet's pricing assumptions, as the form shows them. */
export function defaultAssumptions(deal: DealDescription): AssumptionsForm {
  const levels = deal.pricingIndexLevels;
  return {
    speeds: deal.pricingSpeeds.join(', '),
    price: '100-00',
    call: true,
    maturity: true,
    libor1m: String(levels.libor1m),
    libor6m: String(levels.libor6m),
    libor12m: String(levels.libor12m),
    cmt1y: String(levels.cmt1y),
    curve: 'flat',
    shiftBp: '0',
    shiftFromPeriod: '1',
    cdr: '0',
    severity: '0',
    lagMonths: '0',
    derivatives: 'on',
    walBasis: 'deal',
    durationBasis: 'accrual',
    classPrices: {},
  };
}

/** What an EngineError expected, without its field prefix: "expected a CDR in percent …". */
export function engineDetail(error: unknown): string {
  if (error instanceof EngineError) {
    const prefix = `${error.field}: `;
    return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Splits a list typed as "0, 80, 100" or one item a line; vectors keep their spaces. An empty
 * item (`0,,100`, a trailing comma) is reported, not dropped: it may be a value the user meant
 * to type.
 */
export function splitList(text: string): { items: string[]; empty: number[] } {
  if (text.trim() === '') return { items: [], empty: [] };
  const parts = text.split(/[,;\n]/).map((s) => s.trim());
  return { items: parts.filter((s) => s !== ''), empty: parts.flatMap((s, i) => (s === '' ? [i + 1] : [])) };
}

/** The words for empty items of a list, or null when there are none. */
export function emptyItemsMessage(label: string, empty: readonly number[]): string | null {
  if (empty.length === 0) return null;
  return `${label}: item${empty.length === 1 ? '' : 's'} ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty (two separators in a row, or one at the end?); remove the separator or type the value`;
}

/** A speed item: a number (percent of pricing, "100" or "100%") or a CPR vector ("8 12R 24"). */
export function parseSpeedItem(text: string): SpeedColumn {
  const pct = parseNumberText(text, { ...FORM_NUMBER, percent: true });
  if (!Number.isNaN(pct)) {
    normaliseSpeed(pct);
    return { label: `${pct}%`, speed: pct };
  }
  const vector = text.trim().replace(/\s+/g, ' ');
  normaliseSpeed(vector);
  return { label: vector, speed: vector };
}

function parseNumber(field: FormField, text: string, issues: Issue[]): number | undefined {
  if (text.trim() === '') {
    issues.push({ field, message: `${FIELD_LABELS[field]}: expected ${EXPECTED[field] ?? 'a number'}, got nothing (Reset restores the term sheet's)` });
    return undefined;
  }
  const n = parseNumberText(text, FORM_NUMBER);
  if (Number.isNaN(n)) {
    issues.push({ field, message: `${FIELD_LABELS[field]}: expected a number, got ${quoteText(text.trim())}` });
    return undefined;
  }
  return n;
}

/** Checks the whole form; returns the engine's inputs or every problem found. */
export function parseAssumptions(deal: DealDescription, form: AssumptionsForm): Parsed<Assumptions> {
  const issues: Issue[] = [];

  const speeds: SpeedColumn[] = [];
  const { items, empty } = splitList(form.speeds);
  if (items.length === 0) issues.push({ field: 'speeds', message: 'Speeds: expected at least one speed, such as 0, 100, 150 or a vector 8 12R 24' });
  const emptyMessage = emptyItemsMessage('Speeds', empty);
  if (emptyMessage) issues.push({ field: 'speeds', message: emptyMessage });
  for (const item of items) {
    try {
      const column = parseSpeedItem(item);
      if (speeds.some((s) => s.label === column.label)) issues.push({ field: 'speeds', message: `Speeds: ${column.label} is listed twice` });
      else speeds.push(column);
    } catch (error) {
      issues.push({ field: 'speeds', message: `Speeds: "${item}": ${engineDetail(error)}` });
    }
  }
  if (speeds.length > 40) issues.push({ field: 'speeds', message: `Speeds: at most 40 columns, got ${speeds.length}` });

  const price = parsePrice('price', form.price, issues) ?? '100-00';
  const classPrices: Record<string, string> = {};
  const priced = deal.classes.filter((c) => c.measure !== null).map((c) => c.name);
  for (const [className, text] of Object.entries(form.classPrices)) {
    if (text.trim() === '') continue;
    if (!priced.includes(className)) {
      issues.push({ field: 'classPrices', className, message: `Price of ${className}: ${deal.name} has no priced class ${className}; its priced classes are ${priced.join(', ')}` });
      continue;
    }
    const p = parsePrice('classPrices', text, issues, className);
    if (p !== undefined) classPrices[className] = p;
  }

  const horizons: Horizon[] = [];
  if (form.call) horizons.push('call');
  if (form.maturity) horizons.push('maturity');
  if (horizons.length === 0) issues.push({ field: 'horizons', message: `Horizons: tick "to ${deal.callWord}", "to maturity" or both` });

  const indices: Partial<Record<keyof IndexLevels, number>> = {};
  for (const key of INDEX_FIELDS) {
    const v = parseNumber(key, form[key], issues);
    if (v !== undefined) indices[key] = v;
  }
  const derivatives = form.derivatives.trim().toLowerCase();
  if (derivatives !== 'on' && derivatives !== 'off') issues.push({ field: 'derivatives', message: `Derivatives: expected on or off, got "${form.derivatives}"` });
  const scenario: RunScenario = {
    indices,
    curve: form.curve,
    shiftBp: parseNumber('shiftBp', form.shiftBp, issues) ?? 0,
    shiftFromPeriod: parseNumber('shiftFromPeriod', form.shiftFromPeriod, issues) ?? 1,
    cdr: parseNumber('cdr', form.cdr, issues) ?? 0,
    severity: parseNumber('severity', form.severity, issues) ?? 0,
    lagMonths: parseNumber('lagMonths', form.lagMonths, issues) ?? 0,
    derivatives: derivatives !== 'off',
    walBasis: form.walBasis,
    durationBasis: form.durationBasis,
  };
  // One field at a time through the engine's normaliser, so every bad field is reported.
  const checks: [FormField, ScenarioInput][] = [
    ...INDEX_FIELDS.map((key): [FormField, ScenarioInput] => [key, { indices: { [key]: indices[key] } }]),
    ['curve', { curve: scenario.curve }],
    ['shiftBp', { shiftBp: scenario.shiftBp }],
    ['shiftFromPeriod', { shiftFromPeriod: scenario.shiftFromPeriod }],
    ['cdr', { cdr: scenario.cdr }],
    ['severity', { severity: scenario.severity }],
    ['lagMonths', { lagMonths: scenario.lagMonths }],
    ['walBasis', { walBasis: scenario.walBasis }],
    ['durationBasis', { durationBasis: scenario.durationBasis }],
  ];
  for (const [field, input] of checks) {
    if (issues.some((i) => i.field === field)) continue;
    try {
      normaliseScenario(input);
    } catch (error) {
      issues.push({ field, message: `${FIELD_LABELS[field]}: ${engineDetail(error)}` });
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { speeds, price, classPrices, horizons, scenario } };
}

function parsePrice(field: 'price' | 'classPrices', text: string, issues: Issue[], className?: string): string | undefined {
  const label = className ? `Price of ${className}` : FIELD_LABELS.price;
  const where = className ? { className } : {};
  if (text.trim() === '') {
    issues.push({ field, ...where, message: `${label}: expected ${EXPECTED.price}, got nothing` });
    return undefined;
  }
  try {
    return canonicalPrice(text.trim());
  } catch (error) {
    issues.push({ field, ...where, message: `${label}: ${engineDetail(error)}` });
    return undefined;
  }
}

/** The price a class is quoted at in a run: its own, else the common one. */
export function priceOf(a: Pick<Assumptions, 'price' | 'classPrices'>, className: string): string {
  return a.classPrices[className] ?? a.price;
}

/** '100-00', or '100-00; 1-A-1 at 99-16, 2-A at 100-08' when classes have their own. */
export function pricesText(a: Pick<Assumptions, 'price' | 'classPrices'>): string {
  const own = Object.entries(a.classPrices).map(([c, p]) => `${c} at ${p}`);
  return own.length === 0 ? a.price : `${a.price}; ${own.join(', ')}`;
}

/** The index levels a scenario runs on: what it sets, else the deal's pricing-date levels. */
export function indexLevelsOf(deal: DealDescription, scenario: RunScenario): IndexLevels {
  const set = scenario.indices ?? {};
  const base = deal.pricingIndexLevels;
  return {
    libor1m: set.libor1m ?? base.libor1m,
    libor6m: set.libor6m ?? base.libor6m,
    libor12m: set.libor12m ?? base.libor12m,
    cmt1y: set.cmt1y ?? base.cmt1y,
  };
}

/** The scenario in words, for the header of a written sheet. */
export function describeScenario(deal: DealDescription, a: Assumptions): { label: string; value: string }[] {
  const levels = indexLevelsOf(deal, a.scenario);
  const pct = (n: number) => `${n}%`;
  const s = a.scenario;
  const walBasis = s.walBasis === undefined || s.walBasis === 'deal' ? `the deal's (${deal.walBasis})` : s.walBasis;
  const durationBasis = s.durationBasis === '30/360' ? '30/360 for every class' : 'accrual (act/360 floaters, 30/360 fixed)';
  return [
    { label: 'Speeds', value: `${a.speeds.map((sp) => sp.label).join(', ')} (${pricingSpeedMeaning(deal)})` },
    { label: 'Price', value: pricesText(a) },
    { label: 'Horizons', value: a.horizons.map((h) => (h === 'call' ? `to ${deal.callWord}` : 'to maturity')).join(', ') },
    {
      label: 'Indices',
      value: `1M LIBOR ${pct(levels.libor1m)}, 6M LIBOR ${pct(levels.libor6m)}, 12M LIBOR ${pct(levels.libor12m)}, 1Y CMT ${pct(levels.cmt1y)}; ${a.scenario.curve === 'forward' ? 'forward curves' : 'held flat'}`,
    },
    { label: 'Shift', value: `${s.shiftBp ?? 0} bp${(s.shiftFromPeriod ?? 1) > 1 ? ` from period ${s.shiftFromPeriod}` : ''}` },
    { label: 'Credit', value: `CDR ${s.cdr ?? 0}%, severity ${s.severity ?? 0}%, lag ${s.lagMonths ?? 0} months` },
    ...(hasDerivatives(deal) ? [{ label: 'Derivatives', value: s.derivatives === false ? 'off' : 'on' }] : []),
    { label: 'Conventions', value: `WAL ${walBasis}; Mod Dur ${durationBasis}` },
  ];
}

/** Whether the deal has forward curves to run on (its notes say which: 'no forward curves' or 'curve flat|forward'). */
export function hasForwardCurves(deal: DealDescription): boolean {
  const notes = deal.notes ?? [];
  return notes.some((n) => /forward/i.test(n)) && !notes.some((n) => /no forward curves/i.test(n));
}

/** Whether the deal has derivative contracts to switch (its notes say so). */
export function hasDerivatives(deal: DealDescription): boolean {
  return (deal.notes ?? []).some((n) => /derivative/i.test(n));
}

/** Restores a saved form over the defaults, keeping only fields of the right type. */
export function restoreForm(defaults: AssumptionsForm, saved: unknown): AssumptionsForm {
  if (typeof saved !== 'object' || saved === null) return defaults;
  const out: AssumptionsForm = { ...defaults };
  const record = saved as Record<string, unknown>;
  for (const key of Object.keys(defaults) as FormField[]) {
    const v = record[key];
    if (key === 'classPrices') {
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.classPrices = Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } else if (typeof v === typeof defaults[key]) (out as unknown as Record<string, unknown>)[key] = v;
  }
  return out;
}
