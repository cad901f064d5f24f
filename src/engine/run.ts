/**
 * The one period engine: runs any deal from its terms (terms.ts). Each period it
 *  1. sets the period's quantities (collateral, index, days, derivative cash) and evaluates the
 *     deal's `beforeInterest` amounts and tests (caps such as an Available Funds Rate);
 *  2. sets every class's coupon (index + margin or fixed, step-ups after an unexercised
 *     redemption, capped by its cap amount) and its interest, shortfall and carryover due;
 *  3. collects the collateral's cash into the named funds (rounded to cents, the remainder a
 *     named residual), less the derivative payments, plus the receipts;
 *  4. runs the priority of payments (src/waterfall `Step`s; `calculate` steps evaluate named formulas);
 *  5. checks that the cash is conserved to the cent, records the period and carries the balances.
 * One ledger per class, one period state and one buffer of outputs serve the whole run (the
 * deal's `PeriodLoop`, loop.ts).
 */
import { EngineError } from '../errors';
import { restoreBranch } from './branch';
import { periodCalendar } from './calendar';
import { poolBalances, redemptionTiming, validateInput } from './inputs';
import { compileTerms } from './compiledTerms';
import { loopFor } from './loop';
import { cutSeries, pricingSeries, runOutputs, type EngineClassFlows, type EngineRun, type PricingRun, type RunOutputs } from './outputs';
import type { EngineInput, EngineTerms } from './terms';

/**
 * Runs the deal's terms over the collateral flows. Pure: allocates its own arrays, never mutates
 * its inputs. `'pricing'` records each class's pricing series only (outputs.ts
 * `PRICING_CLASS_SERIES`): a third of the arrays, and no deal or recorded series computed; its
 * figures are the full run's.
 */
export function runEngine(terms: EngineTerms, input: EngineInput): EngineRun;
export function runEngine(terms: EngineTerms, input: EngineInput, outputs: 'pricing'): PricingRun;
export function runEngine(terms: EngineTerms, input: EngineInput, outputs: RunOutputs = 'all'): EngineRun | PricingRun {
  const n = validateInput(terms, input);
  const compiled = compileTerms(terms);
  if (input.pools.length < compiled.groups) throw new EngineError('pools', `${terms.name} reads ${compiled.groups} loan groups; expected that many, got ${input.pools.length}`);
  const calendar = periodCalendar(terms.dates.closing, terms.dates.firstPayment, n);
  const balances = poolBalances(input.pools, n);
  const timing = redemptionTiming(terms, input, balances);
  const full = terms.seriesLength === 'projection';
  const reach = full ? n : timing.at ?? n;
  const loop = loopFor(terms, compiled);
  const all = outputs === 'all';
  const { flows, out, recorded, series } = runOutputs(terms.classes.length, compiled.record.names, reach, all ? null : loop.discard(reach));
  loop.start(input, timing, balances, calendar.accrualDays, calendar.unadjustedDays, all);
  const from = restoreBranch(terms, input, timing.first, timing.stepUpFrom, loop, series);
  const last = loop.run(n, from, flows, out, recorded, series);
  const length = full ? n : last;
  const run: PricingRun = {
    periods: last,
    payDates: (terms.payDates === 'unadjusted' ? calendar.unadjustedIsoDates : calendar.isoDates).slice(0, last),
    classes: all ? terms.classes.map((c, k) => ({ name: c.name, ...cutSeries(flows[k], length) })) : terms.classes.map((c, k) => pricingSeries(c.name, flows[k], length)),
    firstRedemptionPeriod: timing.first,
    redemptionPeriod: timing.at !== null && timing.at <= last ? timing.at : null,
    stepUpFromPeriod: timing.stepUpFrom,
  };
  if (!all) return run;
  return {
    ...cutSeries(out, length),
    ...run,
    accrualDays: calendar.accrualDays.slice(0, last),
    unadjustedDays: calendar.unadjustedDays.slice(0, last),
    classes: run.classes as EngineClassFlows[],
    series: cutSeries(recorded, length),
  };
}
