/**
 * What the pane's parts share: the page, the action machinery, where results go, the deal in the
 * picker and what is remembered. The App (app.ts) is the one implementation; the flows behind the
 * buttons (pricingFlow.ts, waterfallFlow.ts, gridFlow.ts, exportActions.ts) and the grid panel
 * (gridPanel.ts) take it.
 */
import type { DealModel } from '../src/run';
import type { Delivery } from './delivery';
import type { ExcelRunner } from './excelApi';
import type { ResultsStore } from './lastResults';
import type { HostMode } from './officeHost';
import type { Page } from './page';
import type { PaneTasks } from './paneTasks';
import type { PreviewBook } from './previewBook';
import type { PaneState, PaneStore } from './store';

export interface AppOptions {
  readonly doc: Document;
  readonly host: HostMode;
  readonly deals: readonly DealModel[];
  /** Excel.run (or a fake); null in the preview. */
  readonly excel: ExcelRunner | null;
  readonly store: PaneStore;
  /** How the preview hands over a file; defaults to a link click. */
  readonly download?: (name: string, bytes: ArrayBuffer) => void;
  /** Where the preview keeps its last results across a reload (none inside Excel). */
  readonly results?: ResultsStore | null;
}

export interface Pane {
  readonly options: AppOptions;
  readonly page: Page;
  readonly tasks: PaneTasks;
  readonly delivery: Delivery;
  readonly book: PreviewBook;
  /** The deal chosen in the picker (null before the first choice). */
  readonly deal: DealModel | null;
  /** What the pane remembers between sessions (store.ts). */
  state: PaneState;
  /** Records the chosen deal's form in the state and saves the state a moment later. */
  scheduleSave(): void;
}
