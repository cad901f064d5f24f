/**
 * The assumptions of a pricing run as the pane's form holds them (text, as typed) and as the
 * engine takes them. Defaults come from the deal's description (its term sheet's pricing
 * assumptions); every field is checked with the engine's own parsers (src/run/scenario.ts,
 * src/analytics/quote.ts) and every problem is reported in one pass, in words a trader reads.
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
  cdr: string;
  severity: string;
  lagMonths: string;
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
  readonly horizons: readonly Horizon[];
  /** Everything else, shared by every column. */
  readonly scenario: RunScenario;
}

export interface Issue {
  readonly field: FormField | 'horizons';
  readonly message: string;
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
  cdr: 'CDR',
  severity: 'Severity',
  lagMonths: 'Recovery lag',
};

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
    cdr: '0',
    severity: '0',
    lagMonths: '0',
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

/** Splits a list typed as "0, 80, 100" or one item a line; vectors keep their spaces. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
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
  if (text.trim() === '') return undefined;
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
  const items = splitList(form.speeds);
  if (items.length === 0) issues.push({ field: 'speeds', message: 'Speeds: expected at least one speed, such as 0, 100, 150 or a vector 8 12R 24' });
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

  let price = '100-00';
  try {
    price = canonicalPrice(form.price.trim() === '' ? '100-00' : form.price.trim());
  } catch (error) {
    issues.push({ field: 'price', message: `Price: ${engineDetail(error)}` });
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
  const scenario: RunScenario = {
    indices,
    curve: form.curve.trim() === '' ? 'flat' : form.curve.trim(),
    shiftBp: parseNumber('shiftBp', form.shiftBp, issues) ?? 0,
    cdr: parseNumber('cdr', form.cdr, issues) ?? 0,
    severity: parseNumber('severity', form.severity, issues) ?? 0,
    lagMonths: parseNumber('lagMonths', form.lagMonths, issues) ?? 0,
  };
  // One field at a time through the engine's normaliser, so every bad field is reported.
  const checks: [FormField, ScenarioInput][] = [
    ...INDEX_FIELDS.map((key): [FormField, ScenarioInput] => [key, { indices: { [key]: indices[key] } }]),
    ['curve', { curve: scenario.curve }],
    ['shiftBp', { shiftBp: scenario.shiftBp }],
    ['cdr', { cdr: scenario.cdr }],
    ['severity', { severity: scenario.severity }],
    ['lagMonths', { lagMonths: scenario.lagMonths }],
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
  return { ok: true, value: { speeds, price, horizons, scenario } };
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
  return [
    { label: 'Speeds', value: `${a.speeds.map((s) => s.label).join(', ')} (100% = ${deal.pricingSpeedText})` },
    { label: 'Price', value: a.price },
    { label: 'Horizons', value: a.horizons.map((h) => (h === 'call' ? `to ${deal.callWord}` : 'to maturity')).join(', ') },
    {
      label: 'Indices',
      value: `1M LIBOR ${pct(levels.libor1m)}, 6M LIBOR ${pct(levels.libor6m)}, 12M LIBOR ${pct(levels.libor12m)}, 1Y CMT ${pct(levels.cmt1y)}; ${a.scenario.curve === 'forward' ? 'forward curves' : 'held flat'}`,
    },
    { label: 'Shift', value: `${a.scenario.shiftBp ?? 0} bp` },
    { label: 'Credit', value: `CDR ${a.scenario.cdr ?? 0}%, severity ${a.scenario.severity ?? 0}%, lag ${a.scenario.lagMonths ?? 0} months` },
  ];
}

/** Restores a saved form over the defaults, keeping only fields of the right type. */
export function restoreForm(defaults: AssumptionsForm, saved: unknown): AssumptionsForm {
  if (typeof saved !== 'object' || saved === null) return defaults;
  const out: AssumptionsForm = { ...defaults };
  const record = saved as Record<string, unknown>;
  for (const key of Object.keys(defaults) as FormField[]) {
    const v = record[key];
    if (typeof v === typeof defaults[key]) (out as unknown as Record<string, unknown>)[key] = v;
  }
  return out;
}
