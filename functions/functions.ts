/*
 * The CWALT custom functions. Every function here is a thin shell: parse and validate the
 * arguments (functions/arguments.ts), call the engine in src/, map errors (functions/excelErrors.ts).
 * Only top-level `function` declarations tagged @customfunction are registered; the JSDoc text is
 * what Excel shows in formula autocomplete, and functions.json is generated from it at build time.
 */
import Decimal from 'decimal.js';
import { formatPrice32, cprToSmm, rampCpr, smmToCpr, CWALT_J4_PPC, EngineError } from '../src/run';
import { resolveDeal, resolveClass } from '../src/run/registry';
import { PERIOD_RANGE, priceInRange } from '../src/run/limits';
import { cell } from './excelErrors';
import { isOmitted, optionalText, requiredNumber, scalar } from './arguments';
import {
  breakeven,
  cashFlowTable,
  spread,
  classesTable,
  dealsTable,
  decrement,
  duration,
  principal,
  value,
  windowTable,
  periodArgument,
  priceFrom,
  requireMeasure,
  target,
} from './engineCalls';

/**
 * Converts a bond price between 32nds text and decimal: "99-24+" gives 99.765625; 99.765625 gives "99-24+".
 * @customfunction
 * @param value A price as 32nds text ("100-00", "99-24+", "99-246") or a decimal number (101.25).
 * @param [to] "decimal" or "32nds". Omitted: text converts to decimal, a number converts to 32nds.
 * @returns The price in the other form.
 */
function QUOTE(value: any, to?: any): number | string {
  return cell(() => {
    const v = scalar('value', value);
    if (isOmitted(v) || typeof v === 'boolean') throw new EngineError('value', 'expected a price such as 100-00, 99-24+ or 101.25');
    const target = optionalText('to', to, typeof v === 'number' ? '32nds' : 'decimal').toLowerCase();
    const price: Decimal = priceInRange(v, 'value');
    if (target === 'decimal') return price.toNumber();
    if (target === '32nds' || target === '32') return formatPrice32(price);
    throw new EngineError('to', `expected "decimal" or "32nds", got "${target}"`);
  });
}

/**
 * Single monthly mortality (SMM, %) from a conditional prepayment rate (CPR, %): SMM = 1 − (1 − CPR)^(1/12).
 * @customfunction
 * @param cpr Annual prepayment rate in percent, from 0 to 100 (24 means 24% CPR).
 * @returns The monthly rate in percent.
 */
function SMM(cpr: any): number {
  return cell(() => cprToSmm(requiredNumber('cpr', cpr, 'a CPR in percent from 0 to 100')));
}

/**
 * Conditional prepayment rate (CPR, %) from a single monthly mortality (SMM, %): CPR = 1 − (1 − SMM)^12.
 * @customfunction
 * @param smm Monthly prepayment rate in percent, from 0 to 100.
 * @returns The annual rate in percent.
 */
function CPR(smm: any): number {
  return cell(() => smmToCpr(requiredNumber('smm', smm, 'an SMM in percent from 0 to 100')));
}

/**
 * CPR (%) of the CWALT 2004-J4 Prepayment Assumption (PPC) for a loan age: 100% PPC is 8% CPR in the first month of a loan's life, rising by 16/11% a month to 24% CPR from month 12.
 * @customfunction
 * @param percentPPC Speed in percent of PPC (100 = the pricing speed).
 * @param loanAgeMonths The loan's month of life, 1 for its first month.
 * @returns The CPR in percent.
 */
function PPCCPR(percentPPC: any, loanAgeMonths: any): number {
  return cell(() => {
    const maxPct = Math.floor((100 * 100 * 100) / CWALT_J4_PPC.plateauCprPct) / 100;
    const pct = requiredNumber('percentPPC', percentPPC, 'a speed in percent of PPC, 0 or more');
    if (pct < 0 || pct > maxPct) throw new EngineError('percentPPC', `expected a speed from 0 to ${maxPct} (% of PPC; above it the ${CWALT_J4_PPC.plateauCprPct}% CPR plateau would pass 100% CPR), got ${pct}`);
    const age = requiredNumber('loanAgeMonths', loanAgeMonths, 'a loan age in whole months, 1 or more');
    if (!Number.isInteger(age) || age < 1 || age > PERIOD_RANGE.max) throw new EngineError('loanAgeMonths', `expected a loan age in whole months from 1 to ${PERIOD_RANGE.max}, got ${age}`);
    return rampCpr(CWALT_J4_PPC, pct, age);
  });
}

/**
 * Discount margin (bp) of a floating-rate class at a price: the constant spread over the 1M LIBOR path the run projects (held flat at today's level for the term sheets' DM tables; shifted or forward with SHIFT_BP or CURVE).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-1", "1a1", "A-1", "m-2".
 * @param [price] Price per 100 of face: "100-00", "99-24+", 101.25; above 0, at most 200 (floaters settle flat). Default 100-00.
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns Discount margin in basis points.
 */
function DMARGIN(deal: any, className: any, price?: any, speed?: any[][], horizon?: any, scenario?: any[][]): number {
  return cell(() => {
    const t = target(deal, className, speed, horizon, scenario);
    requireMeasure(t, 'DM', 'DMARGIN');
    return value(t, price);
  });
}

/**
 * Bond-equivalent yield (%) of a fixed-rate or interest-only class at a price, with the payment delay, as the term sheets' yield tables quote it.
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-2", "1a2", "1-A-IO".
 * @param [price] Clean price per 100 of face, or of notional for the IO classes ("1-16" = 1.5 points): "100-00", "99-24+", 101.25; above 0, at most 200; accrued interest is added. Default 100-00.
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns Yield in percent.
 */
function YIELD(deal: any, className: any, price?: any, speed?: any[][], horizon?: any, scenario?: any[][]): number {
  return cell(() => {
    const t = target(deal, className, speed, horizon, scenario);
    requireMeasure(t, 'Yield', 'YIELD');
    return value(t, price);
  });
}

/**
 * Clean price (decimal) from a yield (fixed-rate and interest-only classes) or a discount margin over the projected index path (floaters).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-1", "A-1", "1-A-IO".
 * @param measure Yield in percent (−100 to 100) for fixed-rate and IO classes, discount margin in bp (−1000 to 10000) for floaters.
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns Clean price per 100 of face (of notional for the IO classes).
 */
function PRICE(deal: any, className: any, measure: any, speed?: any[][], horizon?: any, scenario?: any[][]): number {
  return cell(() => priceFrom(target(deal, className, speed, horizon, scenario), measure));
}

/**
 * Weighted average life (years, 30/360 from settlement to each pay date) of a class.
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-3", "1a3", "M-2".
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns WAL in years.
 */
function WAL(deal: any, className: any, speed?: any[][], horizon?: any, scenario?: any[][]): number {
  return cell(() => principal(target(deal, className, speed, horizon, scenario)).walYears);
}

/**
 * Modified duration (years) of a class at a price: Macaulay duration at the bond-equivalent yield over (1 + yield/200).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-3", "M-2".
 * @param [price] Clean price per 100 of face, or of notional for the IO classes: "100-00", "99-24+", 101.25, "1-16"; above 0, at most 200. Default 100-00.
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns Modified duration in years.
 */
function MDUR(deal: any, className: any, price?: any, speed?: any[][], horizon?: any, scenario?: any[][]): number {
  return cell(() => duration(target(deal, className, speed, horizon, scenario), price));
}

/**
 * Principal window: spills a header row, then the first and last principal pay dates as Excel date serials (format them mmm-yy to read "May-04", "Feb-06" as the term sheets print).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-6", "A-2".
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns A header row, then the first and last principal pay dates (Excel date serials).
 */
function WINDOW(deal: any, className: any, speed?: any[][], horizon?: any, scenario?: any[][]): Array<Array<string | number>> {
  return cell(() => windowTable(target(deal, className, speed, horizon, scenario)));
}

/**
 * Scheduled notional balance of an interest-only class (CWALT 1-A-IO, 2-A-IO) for a distribution period.
 * @customfunction
 * @param deal Deal: "J4" or "CWALT 2004-J4".
 * @param className Interest-only class: "1-A-IO" or "2-A-IO".
 * @param period Distribution period, 1 for the first distribution (May 2004).
 * @returns Notional balance in dollars; 0 after the schedule ends.
 */
function AIONOTIONAL(deal: any, className: any, period: any): number {
  return cell(() => {
    const d = resolveDeal(scalar('deal', deal));
    const c = resolveClass(d, scalar('class', className));
    if (c.kind !== 'interestOnly' || !d.notionalSchedule) throw new EngineError('class', `${c.name} of ${d.description.name} has no notional schedule`, 'notAvailable');
    return d.notionalSchedule(c.name, periodArgument(period, null));
  });
}

/**
 * Net Rate Cap (CWALT) or Available Funds Rate (Impac) of a class for a period, in percent.
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-1", "A-1".
 * @param period Distribution period, 1 for the first distribution.
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, SHIFT_BP, SHIFT_FROM, CURVE, DERIVATIVES, ...
 * @returns The cap in percent.
 */
function NETRATECAP(deal: any, className: any, period: any, speed?: any[][], scenario?: any[][]): number {
  return cell(() => {
    const t = target(deal, className, speed, null, scenario);
    const cap = t.run.rateCapPct.get(t.cls.name);
    if (!cap || t.cls.kind === 'interestOnly') throw new EngineError('class', `${t.cls.name} has no rate cap`, 'notAvailable');
    const p = periodArgument(period, t.run);
    const v = cap[p - 1];
    // A class paid off before the period has no cap in effect: #N/A, never a silent 0.
    const flows = t.run.classes.get(t.cls.name);
    const opening = p === 1 ? t.cls.originalBalance : (flows?.balance[p - 2] ?? 0);
    if (!Number.isFinite(v) || opening <= 0.005) throw new EngineError('period', `no cap in period ${p}: the class is retired`, 'notAvailable');
    return v;
  });
}

/**
 * Period-by-period cash flows of a class, with a header row: period, pay date (Excel date serial), interest, principal, writedown, balance ($), coupon (% at the deal's quoted 3 decimals), cap (%).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "M-2", "1a3".
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. A block of rows and columns is #VALUE!. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, CDR, SEVERITY, LAG, SHIFT_BP, VECTOR, ...
 * @returns A table with a header row and one row per period.
 */
function CASHFLOWS(deal: any, className: any, speed?: any[][], horizon?: any, scenario?: any[][]): Array<Array<string | number>> {
  return cell(() => cashFlowTable(target(deal, className, speed, horizon, scenario)));
}

/**
 * Decrement table: percent of original balance outstanding on each anniversary, one column per speed (to maturity).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "1-A-3".
 * @param [speeds] Speeds in percent of the pricing speed (a range). Default: the term sheet's speeds.
 * @returns A table with a header row: year, date (Excel date serial; year 0 the settlement date), one column per speed.
 */
function DECREMENT(deal: any, className: any, speeds?: any[][]): Array<Array<string | number>> {
  return cell(() => decrement(deal, className, speeds));
}

/**
 * Spread (bp) of a fixed-rate class's yield over the benchmark curve at the class's WAL, on the deal's pricing date: the H.15 Treasury constant-maturity curve by default (CWALT 2004-04-06, Impac 2004-01-13), or the LIBOR/swap curve; linear in maturity between the published points. Floaters: #N/A (use DMARGIN).
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4".
 * @param className Fixed-rate class as printed or squeezed: "1-A-3", "1a5".
 * @param [price] Clean price per 100 of face: "100-00", "99-24+", 101.25; above 0, at most 200; accrued interest is added. Default 100-00.
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. Default 100.
 * @param [horizon] "call" (CWALT: "auction") or "maturity". Default call.
 * @param [scenario] Two-column range of names and values: CDR, SEVERITY, LAG, VECTOR, WAL_BASIS, ...
 * @param [curve] "treasury" (H.15 CMT yields, default) or "swap" (1M/3M/6M LIBOR, then ISDAFIX swap rates).
 * @returns Spread in basis points.
 */
function SPREAD(deal: any, className: any, price?: any, speed?: any[][], horizon?: any, scenario?: any[][], curve?: any): number {
  return cell(() => spread(target(deal, className, speed, horizon, scenario), price, curve));
}

/**
 * Breakeven default rate: the constant CDR (%, to 0.01) at which a class first loses principal (a writedown, or principal unpaid at the end of the horizon), with the engine's default, severity and recovery-lag machinery.
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @param className Class as printed or squeezed: "M-1", "m2", "B".
 * @param [speed] Speed in % of the deal's pricing speed (100 = pricing; at most 400 for CWALT, 333 for Impac): a number, or one row or column holding that number. CPRs by period: a vector text "8 12R 24", or one row or column headed CPR. Default 100.
 * @param [severity] Loss severity, percent of the defaulted balance, above 0 and at most 100. Default 40.
 * @param [lag] Months from default to liquidation, whole, 0 to 120. Default 12.
 * @param [horizon] "maturity" or "call" (CWALT: "auction"). Default maturity.
 * @param [scenario] Two-column range of names and values: LIBOR_1M, SHIFT_BP, CURVE, SEVERITY, LAG, ... (not CDR: it is the answer).
 * @returns The breakeven CDR in percent a year.
 */
function BREAKEVEN(deal: any, className: any, speed?: any[][], severity?: any, lag?: any, horizon?: any, scenario?: any[][]): number {
  return cell(() => breakeven(deal, className, speed, severity, lag, horizon, scenario));
}

/**
 * The deals available, with their size, settlement and pricing speed.
 * @customfunction
 * @returns A table with a header row, one row per deal.
 */
function DEALS(): Array<Array<string | number>> {
  return cell(() => dealsTable());
}

/**
 * The classes of a deal, with balance, margin or coupon and the measure their tables quote.
 * @customfunction
 * @param deal Deal: "J4", "CWALT 2004-J4", "Impac 2004-1".
 * @returns A table with a header row, one row per class.
 */
function CLASSES(deal: any): Array<Array<string | number>> {
  return cell(() => classesTable(deal));
}

export { QUOTE, SMM, CPR, PPCCPR, DMARGIN, YIELD, PRICE, WAL, MDUR, WINDOW, AIONOTIONAL, NETRATECAP, CASHFLOWS, DECREMENT, BREAKEVEN, SPREAD, DEALS, CLASSES };
