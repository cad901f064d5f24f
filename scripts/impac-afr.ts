/**
 * Prints the Impac CMB 2004-1 Available Rate schedule, printed vs ours, per period, and how many
 * periods match at 2 dp and within 5 bp (both columns).  Run: npx tsx scripts/impac-afr.ts [--json]
 * Printed values: test/fixtures/impac-cmb-2004-1/available-rate-schedule.json (copied from
 * shared/reference/impac-cmb-2004-1.json, availableFundsRate).
 */
import { impacAvailableRateSchedule } from '../src/deals/impac-cmb-2004-1/availableFundsRate';
import printed from '../test/fixtures/impac-cmb-2004-1/available-rate-schedule.json';

interface Row { period: number; forwardCurves: number; plus1000bp: number }
const rows = (printed as { periods: Row[] }).periods;
const schedule = impacAvailableRateSchedule();
const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;
const match2 = [0, 0], within5 = [0, 0];
const misses: { period: number; column: string; printed: number; ours: number; diffBp: number }[] = [];
const lines: string[] = ['period  printed(2)  ours(2)   diff   |  printed(3)  ours(3)   diff'];
for (const r of rows) {
  const i = r.period - 1;
  const ours = [schedule.forwardCurves[i], schedule.plus1000bp[i]];
  const pr = [r.forwardCurves, r.plus1000bp];
  ours.forEach((o, c) => {
    if (round2(o) === pr[c]) match2[c] += 1;
    if (Math.abs(o - pr[c]) <= 0.05 + 1e-9) within5[c] += 1;
    misses.push({ period: r.period, column: c === 0 ? 'forwardCurves' : 'plus1000bp', printed: pr[c], ours: o, diffBp: (o - pr[c]) * 100 });
  });
  lines.push(`${String(r.period).padStart(6)}  ${pr[0].toFixed(2).padStart(10)}  ${ours[0].toFixed(3).padStart(7)}  ${((ours[0] - pr[0]) * 100).toFixed(0).padStart(5)}   |  ${pr[1].toFixed(2).padStart(10)}  ${ours[1].toFixed(3).padStart(7)}  ${((ours[1] - pr[1]) * 100).toFixed(0).padStart(5)}`);
}
const byColumn = (column: string) => misses.filter((m) => m.column === column).sort((a, b) => Math.abs(b.diffBp) - Math.abs(a.diffBp));
const rms = (column: string, from = 2) => Math.sqrt(misses.filter((m) => m.column === column && m.period >= from).reduce((a, m) => a + (m.diffBp / 100) ** 2, 0) / (rows.length - from + 1));
const worst = [...byColumn('forwardCurves').slice(0, 5), ...byColumn('plus1000bp').slice(0, 5)];
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ periods: rows.length, callPeriod: schedule.callPeriod, match2dp: { forwardCurves: match2[0], plus1000bp: match2[1] }, within5bp: { forwardCurves: within5[0], plus1000bp: within5[1] }, rmsPct2to47: { forwardCurves: rms('forwardCurves'), plus1000bp: rms('plus1000bp') }, worst }, null, 1));
} else {
  console.log(lines.join('\n'));
  console.log(`\nmatch at 2 dp: forward curves ${match2[0]}/${rows.length}, +1000 bp ${match2[1]}/${rows.length}`);
  console.log(`within 5 bp:   forward curves ${within5[0]}/${rows.length}, +1000 bp ${within5[1]}/${rows.length}`);
  console.log(`RMS, periods 2-47: forward curves ${rms('forwardCurves').toFixed(3)}%, +1000 bp ${rms('plus1000bp').toFixed(3)}%; our call period at 100%: ${schedule.callPeriod} (periods after it read from the same run continued)`);
  console.log('worst misses: ' + worst.map((w) => `p${w.period} ${w.column} ${w.printed.toFixed(2)} vs ${w.ours.toFixed(3)} (${w.diffBp.toFixed(0)} bp)`).join('; '));
}
