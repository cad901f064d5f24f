/**
 * The evidence behind the Derivative Contracts assumption (src/deals/impac-cmb-2004-1/derivatives.ts):
 * per period, what the two printed Available Rate columns imply about the contracts, next to ours.
 *
 * The columns differ only by the +10% shock from period 2, so with the collateral alone (our pool,
 * derivatives off) as the baseline:
 *   D2 = printed(2) − collateral-only(2),  D3 = printed(3) − collateral-only(3)
 *   implied notional N = (D3 − D2) / 10% × bonds          (a swap's payoff moves 1:1 with LIBOR)
 *   implied strike   K = LIBOR − D2 × bonds / N
 * Run: npx tsx scripts/impac-derivative-evidence.ts
 */
import { availableRateFromRun } from '../src/deals/impac-cmb-2004-1/availableFundsRate';
import { runImpac } from '../src/deals/impac-cmb-2004-1';
import { normaliseScenario } from '../src/scenario/normalise';
import printed from '../test/fixtures/impac-cmb-2004-1/available-rate-schedule.json';

interface Row { period: number; forwardCurves: number; plus1000bp: number }
const rows = (printed as { periods: Row[] }).periods;
const base = { curve: 'forward', horizon: 'maturity' };
const collateral2 = runImpac(normaliseScenario({ ...base, derivatives: false }));
const collateral3 = runImpac(normaliseScenario({ ...base, derivatives: false, shiftBp: 1000, shiftFromPeriod: 2 }));
const ours = runImpac(normaliseScenario(base));
const a2 = availableRateFromRun(collateral2.waterfall), a3 = availableRateFromRun(collateral3.waterfall);
console.log('period  LIBOR  bonds(M)  D2     D3     impliedN(M)  ourN(M)  impliedK');
for (const r of rows) {
  const i = r.period - 1;
  const w = collateral2.waterfall;
  const d2 = r.forwardCurves - a2[i], d3 = r.plus1000bp - a3[i];
  const n = ((d3 - d2) / 10) * w.bondBeginBalance[i];
  const k = n > 1e6 ? w.indexPct[i] - (d2 * w.bondBeginBalance[i]) / n : NaN;
  console.log(
    `${String(r.period).padStart(6)}  ${w.indexPct[i].toFixed(2)}  ${(w.bondBeginBalance[i] / 1e6).toFixed(0).padStart(8)}  ${d2.toFixed(2).padStart(5)}  ${d3.toFixed(2).padStart(5)}  ${(n / 1e6).toFixed(0).padStart(11)}  ${(ours.waterfall.derivativeNotional[i] / 1e6).toFixed(0).padStart(7)}  ${Number.isNaN(k) ? '' : k.toFixed(2).padStart(8)}`,
  );
}
console.log('strikes:', ours.contracts.map((c) => `${c.name} ${c.strikePct.toFixed(3)}% to period ${c.lastPeriod}`).join(', '));
