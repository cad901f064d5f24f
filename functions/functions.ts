/*
 * The CWALT custom functions. Every function here is a thin shell: parse and validate the
 * arguments (functions/arguments.ts), call the engine in src/, map errors (functions/excelErrors.ts).
 * Only top-level `function` declarations tagged @customfunction are registered; the JSDoc text is
 * what Excel shows in formula autocomplete, and functions.json is generated from it at build time.
 */
import Decimal from 'decimal.js';
import { formatPrice32, parsePrice } from '../src/analytics/quote';
import { cprToSmm, rampCpr, smmToCpr, CWALT_J4_PPC } from '../src/analytics/prepayment';
import { EngineError } from '../src/errors';
import { cell } from './excelErrors';
import { isOmitted, optionalText, requiredNumber, scalar } from './arguments';

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
    const price: Decimal = parsePrice(v);
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
    const pct = requiredNumber('percentPPC', percentPPC, 'a speed in percent of PPC, 0 or more');
    const age = requiredNumber('loanAgeMonths', loanAgeMonths, 'a loan age in whole months, 1 or more');
    if (!Number.isInteger(age) || age < 1) throw new EngineError('loanAgeMonths', `expected a loan age in whole months, 1 or more, got ${age}`);
    return rampCpr(CWALT_J4_PPC, pct, age);
  });
}

export { QUOTE, SMM, CPR, PPCCPR };
