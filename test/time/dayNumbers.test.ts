/**
 * The date arithmetic of src/time/date.ts is integer arithmetic on day numbers; here it is checked
 * against JavaScript's own UTC calendar (`Date.UTC` and the getUTC* fields) for every day from
 * 1900-01-01 to 9999-12-31, and month arithmetic against the end-of-month clamping rule for
 * every month-end and a spread of other days.
 */
import { addMonths, dateOf, dateParts, daysInMonth, formatIsoDate, monthsBetween, weekdayOf, yearMonth, type PlainDate } from '../../src/time/date';

const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1900, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(9999, 11, 31) / MS_PER_DAY;

describe('day numbers against the UTC calendar of Date', () => {
  it('fields, weekday, month length and ISO text agree for every day of 1900-9999', () => {
    let bad = 0;
    for (let n = FIRST; n <= LAST; n++) {
      const d = new Date(n * MS_PER_DAY);
      const p = dateParts(n as PlainDate);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + 1;
      if (p.year !== y || p.month !== m || p.day !== d.getUTCDate() || weekdayOf(n as PlainDate) !== d.getUTCDay()) bad++;
      else if (p.day === 1 && (daysInMonth(n as PlainDate) !== new Date(Date.UTC(y, m, 0)).getUTCDate() || dateOf(y, m, 1) !== n)) bad++;
      else if (n % 97 === 0 && formatIsoDate(n as PlainDate) !== d.toISOString().slice(0, 10)) bad++;
    }
    expect(bad).toBe(0);
    expect(LAST - FIRST + 1).toBe(2_958_464);
  });

  it('addMonths clamps to the month end and monthsBetween inverts it', () => {
    let bad = 0;
    for (let n = FIRST; n <= LAST - 400 * 31; n += 89) {
      const d = new Date(n * MS_PER_DAY);
      for (const k of [-13, -1, 1, 2, 11, 12, 359]) {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + k;
        if (y + Math.floor(m / 12) < 1900) continue;
        const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        const expected = Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)) / MS_PER_DAY;
        const got = addMonths(n as PlainDate, k);
        if (got !== expected || monthsBetween(n as PlainDate, got) !== k) bad++;
      }
    }
    expect(bad).toBe(0);
    expect(formatIsoDate(addMonths(dateOf(2004, 1, 31), 1))).toBe('2004-02-29');
    expect(yearMonth(addMonths(dateOf(2004, 3, 31), -1))).toBe('2004-02');
  });
});
