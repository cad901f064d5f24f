/**
 * The façade of the engine for the three shells (functions/, taskpane/, the CLI): everything they
 * use from src/ comes through here or another module of src/run/, never from a lower layer
 * directly (eslint.config.mjs enforces it). The deals, the engine and the analytics below may
 * change shape; this surface is what the shells rely on.
 */
export { EngineError, type ErrorKind } from '../errors';
export type { ClassDescription, ClassFlows, DealDescription, DealId, DealModel, DealRun, WaterfallGroup, WaterfallReport, WaterfallSeries } from '../deals/types';
export * from './scenario';
export { listDeals, resolveClass, resolveDeal, squash } from './registry';
export { RUN_CACHE_CAPACITY, resetRunCache, runDeal, runStats } from './runner';
export { classMeasures, classStream, classValue, classDuration, fullPrice, principalMeasures, priceFromMeasure, type ClassMeasures } from './measures';
export { horizonWord, pricingTables, type PricingTable, type PricingTablesRequest, type PricingTablesResult } from './pricingTables';
// Price quotes, speed conversions and the decrement table, as the shells format and check them.
export { canonicalPrice, formatPrice32, parsePrice } from '../analytics/quote';
export { cprToSmm, CWALT_J4_PPC, rampCpr, smmToCpr } from '../analytics/prepayment';
export { decrementTable, formatDecrementPercent } from '../analytics/decrement';
// Dates as Excel holds them (serials) and as the shells print them.
export { dateParts, fromExcelSerial, parseIsoDate, toExcelSerial, type DateParts } from '../time/date';
export { maxSpeedPct, type PricingSpeed } from '../scenario/pricingSpeed';
