/**
 * The allocation-free paths give exactly what the plain ones give: compiled steps on a reused
 * state (`compileSteps`, `runCompiled`, `beginPeriod`, `resetLedger`) against `runSteps` on fresh
 * state, and the `...Into` splits against `allocate`, `payProRata`, `paySequential`.
 */
import fc from 'fast-check';
import { compileSteps, runCompiled, runSteps, type Calculations } from '../../src/waterfall/apply';
import { allocate, allocateInto, payProRata, payProRataInto, paySequential, paySequentialInto } from '../../src/waterfall/cents';
import { beginPeriod, checkConservation, deposit, fundBalance, newLedger, newPeriodState, resetLedger, type ClassLedger, type PeriodState } from '../../src/waterfall/state';
import type { Step } from '../../src/waterfall/step';

const STEPS: readonly Step[] = [
  { kind: 'interest', fund: 'interest', classes: ['A1', 'A2', 'IO'], order: 'proRata', part: 'currentAndUnpaid' },
  { kind: 'interest', fund: 'interest', classes: ['J'], order: 'sequential', part: 'current' },
  { kind: 'transfer', from: 'interest', to: 'excess', limits: [] },
  { kind: 'calculate', calculation: 'amounts' },
  { kind: 'principal', fund: 'principal', classes: ['A2'], order: 'sequential', limits: ['senior', 'lockout'] },
  { kind: 'principal', fund: 'principal', classes: ['A1', 'A2'], order: 'proRata', limits: ['senior'] },
  { kind: 'principal', fund: 'principal', classes: ['J'], order: 'sequential', limits: [] },
  { kind: 'transfer', from: 'principal', to: 'excess', limits: [] },
  { kind: 'interest', fund: 'excess', classes: ['J'], order: 'sequential', part: 'unpaid' },
  { kind: 'carryover', fund: 'excess', classes: ['A1', 'A2', 'J'], order: 'proRataBalanceThenUnpaid' },
  { kind: 'ifTest', test: 'reimburse', then: [{ kind: 'lossReimbursement', fund: 'excess', classes: ['J'], order: 'sequential' }], otherwise: [] },
  { kind: 'release', fund: 'excess', to: 'C' },
  { kind: 'writedown', classes: ['J'], order: 'sequential', amount: 'loss' },
];

const CALCS: Calculations = {
  amounts: (s) => {
    s.amounts.set('senior', Math.floor((fundBalance(s, 'principal') * 3) / 4));
    s.amounts.set('lockout', 7_00);
    s.amounts.set('loss', s.period % 3 === 0 ? 2_50 : 0);
    s.tests.set('reimburse', s.period % 2 === 0);
  },
};

interface Period {
  readonly interest: number;
  readonly principal: number;
  readonly due: readonly number[];
}

const IDS = ['A1', 'A2', 'IO', 'J'];

/** Runs the periods on one state per period, or on one reused state with compiled steps; returns every ledger after each period. */
function runPeriods(periods: readonly Period[], reuse: boolean): ClassLedger[][] {
  const carried = new Map<string, ClassLedger>(IDS.map((id) => [id, newLedger(id === 'IO' ? 1e9 : 5e7, id === 'IO')]));
  const shared = newPeriodState(0, new Map(IDS.map((id) => [id, newLedger(0, id === 'IO')])));
  const program = compileSteps(STEPS, shared);
  const out: ClassLedger[][] = [];
  periods.forEach((p, k) => {
    let s: PeriodState;
    if (reuse) {
      s = beginPeriod(shared, k + 1);
      for (const id of IDS) resetLedger(shared.classes.get(id) as ClassLedger, (carried.get(id) as ClassLedger).balance);
    } else {
      s = newPeriodState(k + 1, new Map(IDS.map((id) => [id, newLedger((carried.get(id) as ClassLedger).balance, id === 'IO')])));
    }
    IDS.forEach((id, i) => {
      const l = s.classes.get(id) as ClassLedger;
      const prior = carried.get(id) as ClassLedger;
      l.interestDue = p.due[i];
      l.unpaidInterestDue = prior.unpaidInterestDue;
      l.carryoverDue = Math.floor(p.due[i] / 3) + prior.carryoverDue;
      l.lossDue = prior.lossDue;
    });
    deposit(s, 'interest', p.interest);
    deposit(s, 'principal', p.principal);
    if (reuse) runCompiled(s, program, CALCS);
    else runSteps(s, STEPS, CALCS);
    checkConservation(s);
    const snapshot = IDS.map((id) => ({ ...(s.classes.get(id) as ClassLedger) }));
    out.push(snapshot);
    snapshot.forEach((l, i) => {
      const prior = carried.get(IDS[i]) as ClassLedger;
      prior.balance = l.balance;
      prior.unpaidInterestDue = l.unpaidInterestDue - l.paidUnpaidInterest + l.interestDue - l.paidInterest;
      prior.carryoverDue = l.carryoverDue - l.paidCarryover;
      prior.lossDue = l.lossDue - l.paidLoss;
    });
  });
  return out;
}

describe('allocation-free paths', () => {
  it('compiled steps on a reused state pay exactly what runSteps pays on fresh state', () => {
    const period = fc.record({
      interest: fc.integer({ min: 0, max: 1e7 }),
      principal: fc.integer({ min: 0, max: 2e7 }),
      due: fc.array(fc.integer({ min: 0, max: 3e6 }), { minLength: 4, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 12 }), (periods) => {
        expect(runPeriods(periods, true)).toEqual(runPeriods(periods, false));
      }),
    );
  });

  it('refuses to run compiled steps on other ledgers', () => {
    const program = compileSteps(STEPS, newPeriodState(1, new Map()));
    expect(() => runCompiled(newPeriodState(1, new Map()), program, CALCS)).toThrow(/compiled for another state/);
  });

  it('allocate gives the largest-remainder shares of the sorting reference, and the Into splits equal the allocating ones', () => {
    // The rule as first written: sort the fractional parts, largest first, ties to the earlier share.
    const reference = (total: number, w: readonly number[]): number[] => {
      const sum = w.reduce((a, b) => a + b, 0);
      const shares = w.map(() => 0);
      if (sum <= 0 || total === 0) return shares;
      const rest = w.map((x, index) => {
        const exact = (total * x) / sum;
        shares[index] = Math.floor(exact);
        return { index, frac: exact - Math.floor(exact) };
      });
      let left = total - shares.reduce((a, b) => a + b, 0);
      rest.sort((a, b) => b.frac - a.frac || a.index - b.index);
      for (let j = 0; left > 0; j = (j + 1) % rest.length) {
        if (w[rest[j].index] > 0) {
          shares[rest[j].index] += 1;
          left -= 1;
        }
      }
      return shares;
    };
    const weights = fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), weights, weights, (total, due, w) => {
        const n = Math.min(due.length, w.length);
        const d = due.slice(0, n);
        const ws = w.slice(0, n);
        expect(allocate(total, ws)).toEqual(reference(total, ws));
        expect(allocate(total, [1, 1, 1, 1, 1, 1, 1].slice(0, n))).toEqual(reference(total, [1, 1, 1, 1, 1, 1, 1].slice(0, n)));
        expect(Array.from(allocateInto(total, ws, n, new Float64Array(n)))).toEqual(allocate(total, ws));
        expect(Array.from(paySequentialInto(total, d, n, new Float64Array(n)))).toEqual(paySequential(total, d));
        expect(Array.from(payProRataInto(total, d, ws, n, new Float64Array(n)))).toEqual(payProRata(total, d, ws));
      }),
    );
  });
});
