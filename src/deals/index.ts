/**
 * The deal registry: each deal folder exports a `DealModel`. Nothing else in the engine names a
 * deal, so adding one here is all it takes for functions, the task pane and the CLI to offer it.
 * Terms are validated as they load (src/engine/validateDeal.ts).
 */
import type { DealModel } from './types';
import { validateDeal } from '../engine/validateDeal';
import { CWALT_MODEL } from './cwalt-2004-j4/model';
import { IMPAC_MODEL } from './impac-cmb-2004-1/model';

export const DEALS: readonly DealModel[] = [CWALT_MODEL, IMPAC_MODEL].map(validateDeal);
