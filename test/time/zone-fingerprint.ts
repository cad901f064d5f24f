/**
 * Run by timezone.test.ts in a child process (`node --import tsx`): for each time zone named on
 * the command line, sets TZ and prints what the date functions give, as JSON. A child process
 * is needed because jest gives each test file a copy of process.env, so TZ cannot be changed
 * from inside a test.
 */
import { addMonths, adjustFollowing, dateOf, dateParts, formatIsoDate, fromExcelSerial, monthsBetween, parseIsoDate, weekdayOf, yearMonth } from '../../src/time';

const result: Record<string, unknown> = {};
for (const zone of process.argv.slice(2)) {
  process.env.TZ = zone;
  const settle = parseIsoDate('2004-04-30');
  result[zone] = {
    offsetMinutes: new Date(2004, 0, 1).getTimezoneOffset(),
    iso: formatIsoDate(settle),
    parts: dateParts(settle),
    weekday: weekdayOf(settle),
    addMonths: formatIsoDate(addMonths(dateOf(2004, 1, 31), 1)),
    yearMonth: yearMonth(dateOf(2004, 5, 1)),
    monthsBetween: monthsBetween(dateOf(2004, 4, 30), dateOf(2004, 5, 1)),
    serial45000: formatIsoDate(fromExcelSerial(45000)),
    thanksgivingPay: formatIsoDate(adjustFollowing(dateOf(2004 + Object.keys(result).length, 11, 25))),
  };
}
console.log(JSON.stringify(result));
