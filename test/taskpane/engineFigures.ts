/**
 * Compares a pricing table as the pane wrote it (rows of class blocks, speeds across: see
 * taskpane/layout.ts) with the engine's own `pricingTables` figures for the same deal.
 */
import type { PricingTable } from '../../src/run/pricingTables';
import { serialFromIso } from '../../taskpane/cells';

export interface Comparison {
  /** Figures compared. */
  readonly cells: number;
  /** Of which bit-for-bit equal (the rest within 1e-9, relative). */
  readonly exact: number;
  readonly mismatches: string[];
}

/** Excel keeps 15 significant digits; a figure read back from a workbook is compared at that precision. */
function close(got: unknown, want: number, digits15: boolean): 'exact' | 'close' | 'off' {
  if (typeof got !== 'number') return 'off';
  if (got === want) return 'exact';
  const tol = digits15 ? 1e-13 : 1e-9;
  return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)) ? 'close' : 'off';
}

export function compareTable(values: readonly (readonly unknown[])[], engine: readonly PricingTable[], options: { digits15?: boolean } = {}): Comparison {
  let cells = 0;
  let exact = 0;
  const mismatches: string[] = [];
  engine.forEach((t, k) => {
    const base = 1 + 5 * k;
    if (values[base]?.[0] !== t.class) {
      mismatches.push(`row ${base}: expected class ${t.class}, got ${String(values[base]?.[0])}`);
      return;
    }
    const rows: [string, readonly (number | string | null)[], boolean][] = [
      ['value', t.value, false],
      ['wal', t.wal, false],
      ['mdur', t.mdur, false],
      ['firstPrinPay', t.firstPrinPay, true],
      ['lastPrinPay', t.lastPrinPay, true],
    ];
    rows.forEach(([name, want, isDate], r) => {
      want.forEach((w, j) => {
        const got = values[base + r]?.[4 + j];
        cells++;
        if (w === null) {
          if (got === 'NA') exact++;
          else mismatches.push(`${t.class} ${t.horizon} ${name}[${j}]: expected NA, got ${String(got)}`);
          return;
        }
        const wantNumber = isDate ? serialFromIso(String(w)) : Number(w);
        const c = close(got, wantNumber, options.digits15 ?? false);
        if (c === 'exact') exact++;
        else if (c === 'off') mismatches.push(`${t.class} ${t.horizon} ${name}[${j}]: engine ${String(w)}, pane ${String(got)}`);
      });
    });
  });
  return { cells, exact, mismatches };
}
