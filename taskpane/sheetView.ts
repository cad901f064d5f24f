/**
 * The view of a written sheet: header rows and columns frozen in place while scrolling, and
 * outline groups of columns a trader can fold away (the waterfall's funds, tests and classes).
 * Applied after the cells are written, in its own request: an Excel without these APIs
 * (ExcelApi 1.7 for frozen panes, 1.10 for groups) keeps the written sheet and says why the
 * view is missing instead of failing the write.
 */
import { rectAddress, type SheetLayout } from './cells';
import type { XlContext, XlWorksheet } from './excelApi';

export interface SheetViewPlan {
  /** The top-left block kept in view ('A1:B5'), or null for none. */
  readonly freeze: string | null;
  /** One address a column group, spanning its columns on the first row ('D1:O1'). */
  readonly columnGroups: readonly string[];
}

export function sheetViewPlan(layout: SheetLayout): SheetViewPlan {
  const f = layout.freeze;
  const freeze = f && (f.rows > 0 || f.cols > 0) ? rectAddress({ row: 0, col: 0, rows: Math.max(1, f.rows), cols: Math.max(1, f.cols) }) : null;
  return { freeze, columnGroups: (layout.columnGroups ?? []).filter((g) => g.cols > 0).map((g) => rectAddress({ row: 0, col: g.col, rows: 1, cols: g.cols })) };
}

export interface SheetViewResult {
  /** The column groups now on the sheet (recorded, so the next write removes them first). */
  readonly columnGroups: readonly string[];
  /** Why the view could not be set, in words, or null. */
  readonly problem: string | null;
}

/**
 * Sets the sheet's view: removes the column groups an earlier write made (`previousGroups`),
 * then groups and freezes as the layout asks. Does nothing for a layout without a view that
 * never had one.
 */
export async function applySheetView(context: XlContext, sheet: XlWorksheet, layout: SheetLayout, previousGroups: readonly string[]): Promise<SheetViewResult> {
  const plan = sheetViewPlan(layout);
  if (previousGroups.length > 0) {
    try {
      for (const g of previousGroups) sheet.getRange(g).ungroup('ByColumns');
      await context.sync();
    } catch {
      // The user removed them already: nothing to undo.
    }
  }
  if (!plan.freeze && plan.columnGroups.length === 0 && !layout.freeze) return { columnGroups: [], problem: null };
  try {
    for (const g of plan.columnGroups) sheet.getRange(g).group('ByColumns');
    if (plan.freeze) sheet.freezePanes.freezeAt(plan.freeze);
    else sheet.freezePanes.unfreeze();
    await context.sync();
    return { columnGroups: plan.columnGroups, problem: null };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { columnGroups: [], problem: `The sheet is written, but this Excel could not freeze its header rows or group its columns (needs ExcelApi 1.10): ${detail}` };
  }
}
