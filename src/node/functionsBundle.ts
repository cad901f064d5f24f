/**
 * Node only (tests, benchmarks): never imported by the add-in bundles.
 * Loads the built custom-functions bundle the way Excel does: `dist/functions.js` evaluated in a
 * fresh context whose global `CustomFunctions` records each `associate(id, fn)` call. Functions are
 * then called by the ids listed in the generated `dist/functions.json`, with `null` for omitted
 * arguments and 2-D arrays for ranges, as Excel passes them.
 */
import fs from 'fs';
import path from 'path';
import vm from 'vm';

export const DIST = process.env.CWALT_DIST_DIR ?? path.resolve(__dirname, '../../dist');

/** The error codes Excel's CustomFunctions.ErrorCode enum uses. */
export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

export class FakeCustomFunctionsError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message);
    this.code = code;
  }
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean; repeating?: boolean }[];
  result: { type?: string; dimensionality?: string };
}

export interface LoadedBundle {
  /** Calls a function by its metadata id with Excel's argument conventions; returns what the cell would get. */
  call(id: string, ...args: unknown[]): unknown;
  metadata: FunctionMetadata[];
  ids: string[];
}

/**
 * Where the bundle is evaluated: `isolated` (default) in a fresh `vm` context, so that tests share
 * nothing; `ordinary` in this process's own global, as Excel's JavaScript runtime runs it, for
 * timing: every global a `vm` context's code reads (Math, Float64Array, ...) goes through the
 * context's interceptors, which made the engine about 4 times slower there. Each load is still a
 * fresh copy of the bundle's modules (webpack wraps them in one function).
 */
export type BundleRealm = 'isolated' | 'ordinary';

export function loadFunctionsBundle(realm: BundleRealm = 'isolated'): LoadedBundle {
  const source = fs.readFileSync(path.join(DIST, 'functions.js'), 'utf8');
  const metadata = (JSON.parse(fs.readFileSync(path.join(DIST, 'functions.json'), 'utf8')) as { functions: FunctionMetadata[] }).functions;
  const registry = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = {
    associate(id: string, fn: (...args: unknown[]) => unknown) {
      registry.set(id, fn);
    },
    Error: FakeCustomFunctionsError,
    ErrorCode,
  };
  if (realm === 'isolated') {
    // The page's globals the bundle uses (Excel runs it in the shared runtime's browser page).
    const context = vm.createContext({ CustomFunctions, console, setTimeout, clearTimeout, Promise, TextEncoder });
    vm.runInContext(source, context, { filename: 'functions.js' });
  } else {
    // The bundle's free `CustomFunctions` binds to the parameter, not to a global.
    new vm.Script(`(function (CustomFunctions) {\n${source}\n})`, { filename: 'functions.js' }).runInThisContext()(CustomFunctions);
  }
  return {
    metadata,
    ids: metadata.map((f) => f.id),
    call(id: string, ...args: unknown[]) {
      const fn = registry.get(id);
      if (!fn) throw new Error(`function ${id} was not associated by the bundle`);
      const meta = metadata.find((f) => f.id === id);
      const padded = meta ? [...args, ...Array(Math.max(0, meta.parameters.length - args.length)).fill(null)] : args;
      try {
        return fn(...padded);
      } catch (error) {
        return error;
      }
    },
  };
}

/** True when a cell result is an Excel error with this code (and, optionally, a message matching). */
export function isExcelError(value: unknown, code: string, message?: RegExp): boolean {
  return value instanceof FakeCustomFunctionsError && value.code === code && (message === undefined || message.test(value.message ?? ''));
}
