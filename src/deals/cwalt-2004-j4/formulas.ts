/**
 * CWALT 2004-J4: its caps, targets and limits as named formulas over deal quantities
 * (src/engine/formula.ts), each with its page; the open readings (terms.ts `CwaltReadings`,
 * cwalt-readings.md) choose between formulas, never code. Evaluated by the engine in order:
 * the caps before interest, the principal amounts after interest (`principalDistribution`),
 * the applied realized loss after every payment (`realizedLosses`).
 */
import { add, amount, and, balance, cents, deposited, div, floor, fund, ge, groupQ, gt, le, max, min, mul, ne, not, or, prior, q, round, shareOf, sub, table, when, type Formula } from '../../engine/formula';
import { bandSchedule, cumulativeLossTrigger } from '../../engine/bandFormulas';
import type { EngineTerms } from '../../engine/terms';
import { toCents } from '../../waterfall/cents';
import type { LossTriggerBand } from '../../waterfall/triggers';
import { AMOUNTS } from './priority';
import { AIO, GROUP1_SENIORS, GROUP2_SENIORS, GROUPS, LOCKOUT, OVERCOLLATERALIZATION, STEPDOWN, SUBORDINATES, SUBORDINATION, type CwaltReadings } from './terms';
import type { TriggerMode } from './waterfall';

const OFFERED = [...GROUP1_SENIORS, ...GROUP2_SENIORS, ...SUBORDINATES];
const P = q('period');

/** The A-IO notionals and Net Rate Caps (p.5-7), before interest. */
function caps(r: CwaltReadings): Record<string, Formula> {
  const out: Record<string, Formula> = { ioRate: table(Array.from({ length: AIO.lastPeriod }, () => AIO.ratePct)) };
  for (const g of [0, 1]) {
    const begin = groupQ('poolBegin', g);
    const scheduled = table(AIO.schedule.slice(0, AIO.lastPeriod).map((row) => row[g + 1]));
    // Interest on the lesser of the schedule and the group balance (p.5).
    out[`aioEffective${g + 1}`] = min(scheduled, begin);
    out[`aioNotional${g + 1}`] = when(gt(amount('ioRate'), 0), amount(`aioEffective${g + 1}`), 0);
    const capNotional = r.aioCapNotional === 'effective' ? amount(`aioEffective${g + 1}`) : scheduled;
    // Net Rate Cap (p.6-7), 30/360: WA net rate less the A-IO strip over the group.
    out[`netRateCap${g + 1}`] = when(le(begin, 0), 0, sub(groupQ('poolNetRatePct', g), div(mul(amount('ioRate'), max(0, capNotional)), begin)));
    out[`seniorWeight${g + 1}`] = max(0, sub(begin, div(balance(g === 0 ? GROUP1_SENIORS : GROUP2_SENIORS), 100)));
  }
  const w = add(amount('seniorWeight1'), amount('seniorWeight2'));
  // Subordinates: the group caps weighted by each group's collateral above its seniors.
  out.netRateCapSub = when(gt(w, 0), div(add(mul(amount('seniorWeight1'), amount('netRateCap1')), mul(amount('seniorWeight2'), amount('netRateCap2'))), w), 0);
  for (const name of ['netRateCap1', 'netRateCap2', 'netRateCapSub']) out[`${name}Actual`] = div(mul(amount(name), 30), q('days'));
  return out;
}

/** OC (p.8), the principal available to each group, the Stepdown Date (p.9) and the Trigger Event. */
function principalBase(r: CwaltReadings, trigger: TriggerMode, lossBands: readonly LossTriggerBand[]): Record<string, Formula> {
  const pct = (x: number) => x / 100;
  const targetCents = toCents(pct(OVERCOLLATERALIZATION.targetPctOfCutoff) * GROUPS.cutoffBalance);
  const build = ge(P, OVERCOLLATERALIZATION.firstTargetPeriod);
  const w1 = r.extraPrincipalSplit === 'principalRemittance' ? when(gt(amount('remittance'), 0), deposited('principal1'), max(0, amount('end1'))) : max(0, amount('end1'));
  const w2 = r.extraPrincipalSplit === 'principalRemittance' ? when(gt(amount('remittance'), 0), deposited('principal2'), max(0, amount('end2'))) : max(0, amount('end2'));
  const seniorsTested = r.stepdownTest === 'afterPrincipal' ? sub(amount('seniors'), min(amount('seniors'), amount('pda'))) : amount('seniors');
  return {
    seniors1: balance(GROUP1_SENIORS),
    seniors2: balance(GROUP2_SENIORS),
    seniors: add(amount('seniors1'), amount('seniors2')),
    subordinates: balance(SUBORDINATES),
    certificates: add(amount('seniors'), amount('subordinates')),
    end1: cents(groupQ('poolEnd', 0)),
    end2: cents(groupQ('poolEnd', 1)),
    collateral: add(amount('end1'), amount('end2')),
    ocTargetCents: targetCents,
    ocTarget: when(build, targetCents, 0),
    remittance: add(deposited('principal1'), deposited('principal2')),
    certificatesAfterRemittance: max(0, sub(amount('certificates'), amount('remittance'))),
    ocAfterRemittance: sub(amount('collateral'), amount('certificatesAfterRemittance')),
    ocDeficiency: min(amount('certificatesAfterRemittance'), max(0, sub(amount('ocTarget'), amount('ocAfterRemittance')))),
    ocRelease: min(amount('remittance'), max(0, sub(amount('ocAfterRemittance'), max(0, amount('ocTarget'))))),
    // Excess Cashflow (p.8): interest left after the certificates' interest, before any release joins it.
    excessCashflow: fund('excess'),
    extraPrincipal: when(build, min(max(0, amount('excessCashflow')), amount('ocDeficiency')), 0),
    avail1: sub(add(deposited('principal1'), shareOf(amount('extraPrincipal'), [w1, w2], 0)), shareOf(amount('ocRelease'), [deposited('principal1'), deposited('principal2')], 0)),
    avail2: sub(add(deposited('principal2'), shareOf(amount('extraPrincipal'), [w1, w2], 1)), shareOf(amount('ocRelease'), [deposited('principal1'), deposited('principal2')], 1)),
    pda: min(amount('certificates'), add(amount('avail1'), amount('avail2'))),
    // Stepdown Date: seniors at most 88.40% of the pool from May 2007 (or retired); once reached it stays.
    seniorTestPasses: when(gt(amount('collateral'), 0), le(seniorsTested, mul(pct(STEPDOWN.seniorPctOfPool), amount('collateral'))), le(seniorsTested, 0)),
    seniorTestFirstPassed: when(ne(prior('seniorTestFirstPassed'), 0), prior('seniorTestFirstPassed'), when(amount('seniorTestPasses'), P, 0)),
    stepdown: or(prior('stepdown'), or(le(seniorsTested, 0), and(ge(P, STEPDOWN.earliestPeriod), ne(amount('seniorTestFirstPassed'), 0)))),
    // Trigger Event (p.8): the Cumulative Loss Trigger's bands (a [TBD] band never trips), or forced.
    trigger: and(amount('stepdown'), trigger === 'breached' ? 1 : trigger === 'terms' ? cumulativeLossTrigger(lossBands, GROUPS.cutoffBalance) : 0),
    allToSeniors: or(not(amount('stepdown')), amount('trigger')),
  };
}

/** Before the Stepdown Date or in a Trigger Event: each group's principal to its seniors, crossing over once they are retired, then M-1, M-2, B. */
function sequentialRegime(): Record<string, Formula> {
  const out: Record<string, Formula> = {
    own1: min(amount('seniors1'), amount('avail1')),
    own2: min(amount('seniors2'), amount('avail2')),
    seq1: add(amount('own1'), min(sub(amount('seniors1'), amount('own1')), sub(amount('avail2'), amount('own2')))),
    seq2: add(amount('own2'), min(sub(amount('seniors2'), amount('own2')), sub(amount('avail1'), amount('own1')))),
    seqLeft0: sub(sub(amount('pda'), amount('seq1')), amount('seq2')),
  };
  SUBORDINATES.forEach((c, j) => {
    out[`seq${c}`] = min(balance([c]), max(0, amount(`seqLeft${j}`)));
    out[`seqLeft${j + 1}`] = sub(amount(`seqLeft${j}`), amount(`seq${c}`));
  });
  return out;
}

/** After the Stepdown Date (p.10): the seniors to their target (reading seniorTargets), the subordinates to theirs in turn. */
function stepdownRegime(r: CwaltReadings): Record<string, Formula> {
  const seniorPct = (100 - SUBORDINATION.targetAtStepdownPct.senior) / 100;
  const floor1 = toCents((OVERCOLLATERALIZATION.targetPctOfCutoff / 100) * GROUPS.group1CutoffBalance);
  const floor2 = toCents((OVERCOLLATERALIZATION.targetPctOfCutoff / 100) * GROUPS.group2CutoffBalance);
  const paydown = (bal: Formula, target: Formula) => max(0, sub(bal, max(0, round(target))));
  const cumulative = (subPct: number) => max(0, min(mul((100 - subPct) / 100, amount('collateral')), sub(amount('collateral'), amount('ocTargetCents'))));
  const out: Record<string, Formula> = {};
  if (r.seniorTargets === 'aggregateWithGroupFloors') {
    // With the subordinates paid off, each group's seniors go down to the group floor (p.10).
    out.byPct = and(gt(amount('subordinates'), 0), le(mul(seniorPct, amount('collateral')), sub(amount('collateral'), amount('ocTargetCents'))));
    out.step1 = min(amount('avail1'), paydown(amount('seniors1'), when(amount('byPct'), mul(seniorPct, amount('end1')), sub(amount('end1'), floor1))));
    out.step2 = min(amount('avail2'), paydown(amount('seniors2'), when(amount('byPct'), mul(seniorPct, amount('end2')), sub(amount('end2'), floor2))));
  } else if (r.seniorTargets === 'groupTargets') {
    out.step1 = min(amount('avail1'), paydown(amount('seniors1'), min(mul(seniorPct, amount('end1')), sub(amount('end1'), floor1))));
    out.step2 = min(amount('avail2'), paydown(amount('seniors2'), min(mul(seniorPct, amount('end2')), sub(amount('end2'), floor2))));
  } else {
    out.need = min(amount('pda'), paydown(amount('seniors'), cumulative(SUBORDINATION.targetAtStepdownPct.senior)));
    const weights = [when(gt(add(amount('avail1'), amount('avail2')), 0), amount('avail1'), 1), when(gt(add(amount('avail1'), amount('avail2')), 0), amount('avail2'), 1)];
    out.step1 = min(amount('seniors1'), shareOf(amount('need'), weights, 0));
    out.step2 = min(amount('seniors2'), shareOf(amount('need'), weights, 1));
  }
  out.stepLeft0 = max(0, sub(sub(amount('pda'), amount('step1')), amount('step2')));
  out.stepAhead0 = max(0, sub(sub(amount('seniors'), amount('step1')), amount('step2')));
  SUBORDINATES.forEach((c, j) => {
    const target = round(cumulative(SUBORDINATION.targetAtStepdownPct[c as 'M-1' | 'M-2' | 'B']));
    const need = max(0, sub(add(amount(`stepAhead${j}`), balance([c])), target));
    out[`step${c}`] = min(min(amount(`stepLeft${j}`), balance([c])), need);
    out[`stepLeft${j + 1}`] = sub(amount(`stepLeft${j}`), amount(`step${c}`));
    out[`stepAhead${j + 1}`] = add(amount(`stepAhead${j}`), sub(balance([c]), amount(`step${c}`)));
  });
  return out;
}

/** The amounts the priority's steps are limited by, and the 1-A-6 lockout share (p.10, reading 6). */
function principalAmounts(r: CwaltReadings): Record<string, Formula> {
  const pick = (seq: string, step: string) => when(amount('allToSeniors'), amount(seq), amount(step));
  const lockoutBalance = balance([LOCKOUT.lockoutClass]);
  const denominator = r.lockoutShareBasis === 'seniorGroupBalance' ? amount('seniors1') : cents(groupQ('poolBegin', 0));
  const base = r.lockoutPrincipalBasis === 'groupPrincipal' ? amount('avail1') : amount(AMOUNTS.senior1);
  const pct = amount('lockoutPct');
  const share = floor(div(mul(mul(base, div(pct, 100)), lockoutBalance), denominator));
  const none = or(or(le(base, 0), le(lockoutBalance, 0)), or(le(denominator, 0), le(pct, 0)));
  const out: Record<string, Formula> = {
    [AMOUNTS.senior1]: pick('seq1', 'step1'),
    [AMOUNTS.senior2]: pick('seq2', 'step2'),
    lockoutPct: bandSchedule(LOCKOUT.schedule),
    [AMOUNTS.lockout]: min(amount(AMOUNTS.senior1), when(none, 0, min(min(lockoutBalance, base), share))),
  };
  for (const c of SUBORDINATES) out[AMOUNTS[c as 'M-1' | 'M-2' | 'B']] = pick(`seq${c}`, `step${c}`);
  return out;
}

export function cwaltFormulas(r: CwaltReadings, trigger: TriggerMode, lossBands: readonly LossTriggerBand[]): Pick<EngineTerms, 'amounts' | 'beforeInterest' | 'calculations' | 'tests' | 'record'> {
  const before = caps(r);
  // Each regime's amounts are evaluated only in the periods it governs (0 otherwise; `pick` reads the one in force).
  const only = (inForce: Formula, amounts: Record<string, Formula>) => Object.fromEntries(Object.entries(amounts).map(([name, f]) => [name, when(inForce, f, 0)]));
  const principal = {
    ...principalBase(r, trigger, lossBands),
    ...only(amount('allToSeniors'), sequentialRegime()),
    ...only(not(amount('allToSeniors')), stepdownRegime(r)),
    ...principalAmounts(r),
  };
  const losses: Record<string, Formula> = {
    // Certificates above the collateral after every payment (none left on the redemption date), B → M-2 → M-1.
    [AMOUNTS.appliedLoss]: max(0, sub(balance(OFFERED), max(0, when(q('isRedemption'), 0, amount('collateral'))))),
    [AMOUNTS.seniorLoss]: r.seniorLosses === 'proRataSeniors' ? max(0, sub(amount(AMOUNTS.appliedLoss), balance(SUBORDINATES))) : 0,
  };
  return {
    amounts: { ...before, ...principal, ...losses },
    beforeInterest: Object.keys(before),
    calculations: { principalDistribution: Object.keys(principal), realizedLosses: Object.keys(losses) },
    tests: { redemption: q('isRedemption') },
    record: {
      netRateCap1: amount('netRateCap1'),
      netRateCap2: amount('netRateCap2'),
      netRateCapSub: amount('netRateCapSubActual'),
      aio1: amount('aioNotional1'),
      aio2: amount('aioNotional2'),
      ocTarget: div(amount('ocTarget'), 100),
      ocAmount: when(q('isRedemption'), 0, div(sub(amount('collateral'), balance(OFFERED)), 100)),
      ocExtra: div(amount('extraPrincipal'), 100),
      excessCashflow: div(amount('excessCashflow'), 100),
      ocRelease: div(amount('ocRelease'), 100),
      stepdown: amount('stepdown'),
      trigger: amount('trigger'),
      lockoutPct: amount('lockoutPct'),
    },
  };
}
