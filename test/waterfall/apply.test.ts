import fc from 'fast-check';
import { runSteps, type Calculations } from '../../src/waterfall/apply';
import { checkConservation, deposit, newLedger, newPeriodState, type ClassLedger, type PeriodState } from '../../src/waterfall/state';
import type { Step } from '../../src/waterfall/step';
import { EngineError } from '../../src/errors';

/** A two-senior, one-junior toy deal, in cents. */
function toyState(balances: Record<string, number>, cash: { interest: number; principal: number }): PeriodState {
  const classes = new Map<string, ClassLedger>();
  for (const [id, b] of Object.entries(balances)) classes.set(id, newLedger(b, id === 'IO'));
  const s = newPeriodState(1, classes);
  deposit(s, 'interest', cash.interest);
  deposit(s, 'principal', cash.principal);
  return s;
}

const TOY: readonly Step[] = [
  { kind: 'interest', fund: 'interest', classes: ['A1', 'A2', 'IO'], order: 'proRata', part: 'currentAndUnpaid' },
  { kind: 'interest', fund: 'interest', classes: ['J'], order: 'sequential', part: 'current' },
  { kind: 'transfer', from: 'interest', to: 'excess', limits: [] },
  { kind: 'calculate', calculation: 'amounts' },
  { kind: 'principal', fund: 'principal', classes: ['A2'], order: 'sequential', limits: ['senior', 'lockout'] },
  { kind: 'principal', fund: 'principal', classes: ['A1', 'A2'], order: 'sequential', limits: ['senior'] },
  { kind: 'principal', fund: 'principal', classes: ['J'], order: 'sequential', limits: [] },
  { kind: 'transfer', from: 'principal', to: 'excess', limits: [] },
  { kind: 'principal', fund: 'excess', classes: ['A1', 'A2'], order: 'sequential', limits: ['extra'] },
  { kind: 'carryover', fund: 'excess', classes: ['A1', 'A2', 'J'], order: 'proRataBalanceThenUnpaid' },
  { kind: 'ifTest', test: 'payJuniorLosses', then: [{ kind: 'lossReimbursement', fund: 'excess', classes: ['J'], order: 'sequential' }], otherwise: [] },
  { kind: 'release', fund: 'excess', to: 'C' },
  { kind: 'writedown', classes: ['J'], order: 'sequential', amount: 'loss' },
];

const CALCS: Calculations = {
  amounts: (s) => {
    s.amounts.set('senior', 60_00);
    s.amounts.set('lockout', 10_00);
    s.amounts.set('extra', 5_00);
    s.amounts.set('loss', 3_00);
    s.tests.set('payJuniorLosses', true);
  },
};

describe('postings: the audit trail of a period', () => {
  const setUp = (recordPostings: boolean): PeriodState => {
    const classes = new Map<string, ClassLedger>([['A1', newLedger(50_00)], ['A2', newLedger(100_00)], ['IO', newLedger(1000_00, true)], ['J', newLedger(40_00)]]);
    const s = newPeriodState(1, classes, { recordPostings });
    deposit(s, 'interest', 20_00);
    deposit(s, 'principal', 80_00);
    for (const [id, due] of [['A1', 4_00], ['A2', 6_00], ['IO', 5_00], ['J', 2_00]] as const) (classes.get(id) as ClassLedger).interestDue = due;
    runSteps(s, TOY, CALCS);
    return s;
  };
  it('records every movement, in order, when asked, and they add up to what the ledgers were paid and released', () => {
    const s = setUp(true);
    const postings = s.postings ?? [];
    expect(postings.map((p) => `${p.reason}:${p.to}`).slice(0, 5)).toEqual(['interest:A1', 'interest:A2', 'interest:IO', 'interest:J', 'transfer:excess']);
    const toClasses = postings.filter((p) => s.classes.has(p.to)).reduce((a, p) => a + p.cents, 0);
    const released = postings.filter((p) => p.reason === 'release').reduce((a, p) => a + p.cents, 0);
    const check = checkConservation(s);
    expect(toClasses).toBe(check.paidCents);
    expect(released).toBe(check.releasedCents);
  });
  it('keeps none by default, and the ledgers come out the same', () => {
    const quiet = setUp(false);
    expect(quiet.postings).toBeNull();
    const recorded = setUp(true);
    expect([...quiet.classes.values()]).toEqual([...recorded.classes.values()]);
  });
});

describe('the step interpreter on a toy deal', () => {
  it('pays interest pro rata, principal within shared limits, and releases the rest', () => {
    const s = toyState({ A1: 50_00, A2: 100_00, IO: 1000_00, J: 40_00 }, { interest: 20_00, principal: 80_00 });
    const l = (id: string) => s.classes.get(id) as ClassLedger;
    l('A1').interestDue = 4_00;
    l('A2').interestDue = 6_00;
    l('A2').unpaidInterestDue = 2_00;
    l('IO').interestDue = 5_00;
    l('J').interestDue = 2_00;
    l('A1').carryoverDue = 1_00;
    l('J').lossDue = 7_00;
    runSteps(s, TOY, CALCS);
    // Interest: 17.00 due to A1/A2/IO, all paid (unpaid first within A2), then J 2.00; 1.00 left.
    expect([l('A1').paidInterest, l('A2').paidUnpaidInterest, l('A2').paidInterest, l('IO').paidInterest, l('J').paidInterest]).toEqual([4_00, 2_00, 6_00, 5_00, 2_00]);
    // Principal: lockout 10.00 to A2, then 50.00 sequentially to A1 (the 60.00 limit is shared),
    // then J the remaining 20.00; the excess 1.00 goes to A2 as extra principal (limit 5.00).
    expect([l('A1').paidPrincipal, l('A2').paidPrincipal, l('J').paidPrincipal]).toEqual([50_00, 10_00 + 1_00, 20_00]);
    expect(s.amounts.get('senior')).toBe(0);
    expect(s.amounts.get('extra')).toBe(4_00);
    // Nothing is left for carryover.
    expect(l('A1').paidCarryover).toBe(0);
    // Writedown of J by 3.00 after principal 20.00: 40 − 20 − 3 = 17.
    expect(l('J').balance).toBe(17_00);
    expect(l('J').writedown).toBe(3_00);
    const cash = checkConservation(s);
    expect(cash.depositedCents).toBe(100_00);
    expect(cash.paidCents + cash.releasedCents).toBe(100_00);
    expect(cash.undistributedCents).toBe(0);
  });

  it('conserves cash to the cent for any cash and balances', () => {
    fc.assert(
      fc.property(
        fc.record({
          a1: fc.integer({ min: 0, max: 1e9 }),
          a2: fc.integer({ min: 0, max: 1e9 }),
          j: fc.integer({ min: 0, max: 1e9 }),
          interest: fc.integer({ min: 0, max: 1e8 }),
          principal: fc.integer({ min: 0, max: 1e9 }),
          due: fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 4, maxLength: 4 }),
        }),
        (x) => {
          const s = toyState({ A1: x.a1, A2: x.a2, IO: 1e9, J: x.j }, { interest: x.interest, principal: x.principal });
          ['A1', 'A2', 'IO', 'J'].forEach((id, i) => ((s.classes.get(id) as ClassLedger).interestDue = x.due[i]));
          runSteps(s, TOY, CALCS);
          const cash = checkConservation(s);
          expect(cash.depositedCents).toBe(cash.paidCents + cash.releasedCents);
          for (const l of s.classes.values()) expect(l.balance).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('names a missing calculation, amount or test', () => {
    const s = toyState({ A1: 1 }, { interest: 0, principal: 0 });
    expect(() => runSteps(s, [{ kind: 'calculate', calculation: 'nope' }], {})).toThrow(EngineError);
    expect(() => runSteps(s, [{ kind: 'principal', fund: 'principal', classes: ['A1'], order: 'sequential', limits: ['missing'] }], {})).toThrow(/missing/);
    expect(() => runSteps(s, [{ kind: 'ifTest', test: 'unset', then: [], otherwise: [] }], {})).toThrow(/unset/);
  });

  it('refuses principal to an interest-only class', () => {
    const s = toyState({ IO: 100 }, { interest: 0, principal: 100 });
    expect(() => runSteps(s, [{ kind: 'principal', fund: 'principal', classes: ['IO'], order: 'sequential', limits: [] }], {})).toThrow(EngineError);
  });
});
