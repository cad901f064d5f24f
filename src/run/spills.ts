/**
 * How dates and rates appear in spilled tables (issue 17, item 7): dates as Excel date serials
 * (the 1900 date system: serial 25569 is 1970-01-01), so a sheet can format, sort and subtract
 * them, with the header saying so; coupons at the precision the deal quotes them.
 */
import type { DealDescription } from '../deals/types';
import { parseIsoDate } from '../time/date';

/** Excel's serial of 1970-01-01 in the 1900 date system (serial 1 = 1900-01-01, with Excel's 1900 leap day). */
const SERIAL_OF_1970 = 25569;

/** The Excel date serial of an ISO date ('2004-05-25' → 38132). */
export function excelDateSerial(isoDate: string, field = 'date'): number {
  return parseIsoDate(isoDate, field) + SERIAL_OF_1970;
}

/** A coupon (percent) at the deal's quoted precision (both term sheets quote 3 decimals: 0.160%, 3.108%). */
export function quotedCoupon(deal: DealDescription, couponPct: number): number {
  const decimals = deal.couponDecimals ?? 3;
  const f = 10 ** decimals;
  return Math.round(couponPct * f) / f;
}
