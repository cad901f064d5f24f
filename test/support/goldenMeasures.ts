/**
 * Golden master of the pricing measures (DM or yield, WAL, modified duration, principal window)
 * of every priced class of both deals, to each horizon, at speeds beside the printed ones
 * (0, 50, 100, 200, 300% of the pricing speed) and under credit losses, at a price off par so the
 * DM and yield are not the margin or coupon. Recorded from the engine by
 *   npx tsx test/support/goldenMeasures.ts
 * into test/fixtures/<deal>/golden-measures.json (only for an intended change of results).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pricingTables, type PricingTablesRequest } from '../../src/run/pricingTables';
import { resolveDeal } from '../../src/run/registry';

export const MEASURE_DECIMALS = 6;

export const MEASURE_REQUESTS: readonly { readonly name: string; readonly request: PricingTablesRequest }[] = [
  { name: 'price 99-16, speeds 0-300', request: { price: '99-16', speeds: [0, 50, 100, 200, 300] } },
  { name: 'price 101-08, 100%, CDR 5, severity 40, lag 6', request: { price: '101-08', speeds: [100], scenario: { cdr: 5, severity: 40, lagMonths: 6 } } },
];

/** One row per class, horizon, speed and field: `<request> | <class> <horizon> <speed>% | <field>` → value. */
export function measureRows(dealId: string): Record<string, number | string | null> {
  const deal = resolveDeal(dealId);
  const rows: Record<string, number | string | null> = {};
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(MEASURE_DECIMALS)));
  for (const { name, request } of MEASURE_REQUESTS) {
    for (const t of pricingTables(deal, request).tables) {
      t.speeds.forEach((speed, j) => {
        const key = `${name} | ${t.class} ${t.horizon} ${speed}%`;
        rows[`${key} | ${t.measure === 'DM' ? 'dm' : 'yield'}`] = round(t.value[j]);
        rows[`${key} | wal`] = round(t.wal[j]);
        rows[`${key} | mdur`] = round(t.mdur[j]);
        rows[`${key} | firstPrinPay`] = t.firstPrinPay[j];
        rows[`${key} | lastPrinPay`] = t.lastPrinPay[j];
      });
    }
  }
  return rows;
}

export const goldenMeasuresFile = (dealId: string) => join(__dirname, '..', 'fixtures', dealId, 'golden-measures.json');

if (require.main === module) {
  for (const id of ['cwalt-2004-j4', 'impac-cmb-2004-1']) {
    const rows = measureRows(id);
    writeFileSync(goldenMeasuresFile(id), `${JSON.stringify({ generatedBy: 'test/support/goldenMeasures.ts', units: 'DM bp, yield %, WAL and MDUR years, months YYYY-MM', rows }, null, 1)}\n`);
    process.stdout.write(`${id}: ${Object.keys(rows).length} figures\n`);
  }
}
