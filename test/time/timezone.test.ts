import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Dates must not depend on the machine's time zone: local midnight is the previous day in UTC
 * west of Greenwich and the next day far to the east. The functions run in a child process
 * that really switches TZ (see zone-fingerprint.ts).
 */
const offsets: Record<string, number> = {
  UTC: 0,
  'Pacific/Kiritimati': -840, // UTC+14
  'Pacific/Pago_Pago': 660, // UTC−11
  'America/Los_Angeles': 480,
  'Asia/Kolkata': -330,
};
const zones = Object.keys(offsets);

// One year per zone, so each zone computes its own holidays (no cached year is reused).
const thanksgivingPay = ['2004-11-26', '2005-11-25', '2006-11-27', '2007-11-26', '2008-11-25'];

describe('dates in every time zone', () => {
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'zone-fingerprint.ts'), ...zones], {
    cwd: path.join(__dirname, '..', '..'),
    encoding: 'utf8',
  });
  const byZone = JSON.parse(output) as Record<string, Record<string, unknown>>;

  it.each(zones.map((zone, index) => [zone, index]))('gives the same days in %s', (zone, index) => {
    expect(byZone[zone]).toEqual({
      offsetMinutes: offsets[zone], // proves the zone really changed
      iso: '2004-04-30',
      parts: { year: 2004, month: 4, day: 30 },
      weekday: 5,
      addMonths: '2004-02-29',
      yearMonth: '2004-05',
      monthsBetween: 1,
      serial45000: '2023-03-15',
      thanksgivingPay: thanksgivingPay[index],
    });
  });
});
